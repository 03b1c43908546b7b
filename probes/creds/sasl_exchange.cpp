#include "probes/creds/sasl_exchange.hpp"

#include "auditor/core/ascii.hpp"
#include "probes/creds/base64.hpp"
#include "probes/creds/secret_wipe.hpp"

namespace vca::probes::creds {

namespace ascii = core::ascii;

void SaslExchange::reset() {
    active_ = false;
    mech_ = Mechanism::Other;
    expect_password_ = false;
    wipe(username_);
    challenge_.clear();
}

bool SaslExchange::start(std::string_view mechanism, std::optional<std::string_view> initial, CredentialEvent& event) {
    reset();
    active_ = true;
    if (ascii::iequals(mechanism, "PLAIN")) {
        mech_ = Mechanism::Plain;
    } else if (ascii::iequals(mechanism, "LOGIN")) {
        mech_ = Mechanism::Login;
    } else if (ascii::iequals(mechanism, "CRAM-MD5")) {
        mech_ = Mechanism::CramMd5;
    }
    if (!initial) return false;
    return response(*initial, event);
}

bool SaslExchange::start_command(std::string_view args, CredentialEvent& event) {
    std::string_view initial;
    const std::string_view mechanism = ascii::first_word(args, &initial);
    return start(mechanism, initial.empty() ? std::nullopt : std::optional(initial), event);
}

void SaslExchange::on_challenge(std::string_view text) {
    if (!active_) return;
    text = ascii::trim(text);
    const std::optional<std::string> decoded = base64_decode(text);
    // Some servers send LOGIN prompts in clear instead of base64.
    const std::string_view prompt = decoded ? std::string_view(*decoded) : text;
    if (mech_ == Mechanism::Login) {
        if (ascii::icontains(prompt, "pass")) expect_password_ = true;
        if (ascii::icontains(prompt, "user")) expect_password_ = false;
    } else if (mech_ == Mechanism::CramMd5) {
        challenge_ = std::string(prompt);
    }
}

bool SaslExchange::on_response(std::string_view line, CredentialEvent& event) {
    if (!active_) return false;
    line = ascii::trim(line);
    if (line == "*") {  // the client cancels (RFC 4954 §4)
        reset();
        return false;
    }
    return response(line, event);
}

bool SaslExchange::response(std::string_view b64, CredentialEvent& event) {
    if (mech_ == Mechanism::Other) return false;
    b64 = ascii::trim(b64);
    std::optional<std::string> decoded = b64 == "=" ? std::optional<std::string>(std::string()) : base64_decode(b64);
    bool produced = false;
    switch (mech_) {
        case Mechanism::Plain: {
            event.mechanism = "plain";
            event.secret_kind = "password";
            const std::size_t nul1 = decoded ? decoded->find('\0') : std::string::npos;
            const std::size_t nul2 = nul1 == std::string::npos ? nul1 : decoded->find('\0', nul1 + 1);
            if (nul2 != std::string::npos) {
                event.username = decoded->substr(nul1 + 1, nul2 - nul1 - 1);
                event.secret = decoded->substr(nul2 + 1);
            } else {
                event.secret_kind = "malformed";  // reported without user or secret, never as an empty password
            }
            produced = true;
            break;
        }
        case Mechanism::Login:
            if (!expect_password_) {
                wipe(username_);
                if (decoded) username_ = *decoded;
                expect_password_ = true;
                break;
            }
            event.mechanism = "login";
            event.secret_kind = "password";
            event.username = username_;
            if (decoded) {
                event.secret = *decoded;
            } else {
                event.secret_kind = "malformed";
            }
            expect_password_ = false;
            produced = true;
            break;
        case Mechanism::CramMd5: {
            // "user SP hex-digest": the digest is an HMAC-MD5 keyed with the
            // password over the challenge, kept as digest parameters so a
            // weak password can be tested offline like an HTTP Digest.
            event.mechanism = "cram-md5";
            event.secret_kind = "hash";
            const std::size_t sp = decoded ? decoded->rfind(' ') : std::string::npos;
            DigestParams d;
            d.algorithm = "CRAM-MD5";
            d.nonce = challenge_;
            if (sp != std::string::npos) {
                event.username = decoded->substr(0, sp);
                d.response = decoded->substr(sp + 1);
            }
            event.digest = std::move(d);
            produced = true;
            break;
        }
        case Mechanism::Other:
            break;
    }
    if (decoded) wipe(*decoded);
    // One credential per exchange: later turns (there should be none before
    // the server's verdict) are not read as more attempts.
    if (produced) mech_ = Mechanism::Other;
    return produced;
}

}  // namespace vca::probes::creds
