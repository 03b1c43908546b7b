// SaslExchange: the client and server turns of one SASL authentication
// (RFC 4422) as the mail protocols frame it: SMTP AUTH (RFC 4954, "334"
// challenges), POP3 AUTH (RFC 5034, "+ " challenges), IMAP AUTHENTICATE
// (RFC 9051 §6.2.2, "+ " challenges). All turns are base64. The mechanisms
// that carry something worth reporting are decoded: PLAIN (RFC 4616:
// authzid NUL authcid NUL password), LOGIN (user name and password in two
// turns) and CRAM-MD5 (RFC 2195: user name and an HMAC of the challenge).
// A turn that does not decode gives an event with secret_kind "malformed".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "probes/creds/credential_event.hpp"

namespace vca::probes::creds {

class SaslExchange {
public:
    SaslExchange() = default;
    ~SaslExchange() { reset(); }
    SaslExchange(const SaslExchange&) = delete;
    SaslExchange& operator=(const SaslExchange&) = delete;

    // The client began an exchange with `mechanism` (any case), with an
    // initial response when the command carried one ("=" is an empty one).
    // When that response already holds the credential, it is written into
    // `event` (protocol, date and target are the caller's) and true returned.
    bool start(std::string_view mechanism, std::optional<std::string_view> initial, CredentialEvent& event);
    // The same from the arguments of a POP3 or SMTP AUTH command (RFC 5034
    // §4, RFC 4954 §4): "mechanism [initial-response]".
    bool start_command(std::string_view args, CredentialEvent& event);
    // A server challenge: the text after "334 " or "+ ".
    void on_challenge(std::string_view text);
    // A client turn ("*" cancels). True when it completed a credential,
    // written into `event` as for start().
    bool on_response(std::string_view line, CredentialEvent& event);
    // The server gave its final answer (or the exchange was abandoned).
    void reset();

    [[nodiscard]] bool active() const { return active_; }

private:
    enum class Mechanism { Plain, Login, CramMd5, Other };
    bool response(std::string_view b64, CredentialEvent& event);

    bool active_ = false;
    Mechanism mech_ = Mechanism::Other;
    bool expect_password_ = false;  // LOGIN: the next turn is the password
    std::string username_;          // LOGIN: from the first turn
    std::string challenge_;         // CRAM-MD5: the decoded challenge
};

}  // namespace vca::probes::creds
