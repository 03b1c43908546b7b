#include "auditor/pipeline/signing_setup.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <ostream>

#include "reports/sign/codes.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/keygen.hpp"
#include "reports/sign/pkcs11_key.hpp"

namespace vca::pipeline {
namespace {

// First line of a file, or the environment variable, in that order. Never
// from the command line, where other users could read it in the process list.
core::Result<std::optional<std::string>> secret_from(const std::optional<std::filesystem::path>& file,
                                                     const char* env_name) {
    if (file) {
        auto text = sign::read_file_bounded(*file, kMaxSecretBytes);
        if (!text) return text.error();
        std::string line = text->substr(0, text->find_first_of("\r\n"));
        return std::optional<std::string>(line);
    }
    if (const char* env = std::getenv(env_name)) return std::optional<std::string>(env);
    return std::optional<std::string>();
}

int sources(const AuditOptions& o) {
    return (o.key || o.cert ? 1 : 0) + (o.p12 ? 1 : 0) + (o.pkcs11_uri ? 1 : 0);
}

core::Result<sign::SigningIdentity> from_pkcs12(const AuditOptions& o) {
    auto pass = secret_from(o.key_pass_file, kKeyPassEnv);
    if (!pass) return pass.error();
    auto id = sign::load_identity_pkcs12(*o.p12, *pass);
    // Asked only when the file turns out to need it and nobody gave one.
    if (!id && !*pass && id.error().code == sign::codes::kCannotDecryptKey) {
        if (auto typed = prompt_secret("passphrase for " + o.p12->string() + ": "))
            return sign::load_identity_pkcs12(*o.p12, std::move(typed));
    }
    return id;
}

core::Result<sign::SigningIdentity> from_token(const AuditOptions& o) {
    auto pin = secret_from(o.pin_file, kPinEnv);
    if (!pin) return pin.error();
    sign::Pkcs11Request req;
    req.uri = *o.pkcs11_uri;
    req.module = o.pkcs11_module;
    req.pin = *pin ? std::move(*pin) : prompt_secret("PIN of the token (" + *o.pkcs11_uri + "): ");
    if (o.cert) req.cert_pem = *o.cert;
    return sign::load_identity_pkcs11(std::move(req));
}

core::Result<sign::SigningIdentity> from_pem(const AuditOptions& o, std::ostream& log,
                                             std::filesystem::path& cert_path) {
    std::filesystem::path key;
    if (o.key || o.cert) {
        if (!o.key || !o.cert)
            return core::make_diag("E420", "--key and --cert go together", "pass both, or neither to use the installation key");
        key = *o.key;
        cert_path = *o.cert;
    } else {
        auto def = sign::ensure_default_identity();
        if (!def) return def.error();
        key = def->key_path;
        cert_path = def->cert_path;
        if (def->created)
            log << "note: created this installation's signing key " << key.string()
                << " (mode 0600) and certificate " << cert_path.string() << "\n";
        else
            log << "note: signing with this installation's key " << key.string() << "\n";
    }
    auto pass = secret_from(o.key_pass_file, kKeyPassEnv);
    if (!pass) return pass.error();
    return sign::load_identity(key, cert_path, *pass);
}

}  // namespace

std::optional<std::string> prompt_secret(const std::string& prompt) {
    if (::isatty(STDIN_FILENO) != 1) return std::nullopt;
    termios saved{};
    if (::tcgetattr(STDIN_FILENO, &saved) != 0) return std::nullopt;
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    if (::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0) return std::nullopt;
    (void)!::write(STDERR_FILENO, prompt.data(), prompt.size());
    std::string line;
    char c = 0;
    while (line.size() < kMaxSecretBytes && ::read(STDIN_FILENO, &c, 1) == 1 && c != '\n' && c != '\r')
        line.push_back(c);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    return line;
}

core::Result<Signer> load_signer(const AuditOptions& o, std::ostream& log) {
    if (sources(o) > 1 && !(o.pkcs11_uri && o.cert && !o.key && !o.p12))
        return core::make_diag("E420", "choose one signing key: --key/--cert, --p12 or --pkcs11-uri",
                               "--cert goes with --pkcs11-uri only when the token holds no certificate");
    if (!o.pkcs11_uri && (o.pkcs11_module || o.pin_file))
        return core::make_diag("E420", "--pkcs11-module and --pin-file go with --pkcs11-uri", {});
    std::filesystem::path cert_path;
    auto id = o.p12 ? from_pkcs12(o) : o.pkcs11_uri ? from_token(o) : from_pem(o, log, cert_path);
    if (!id) return id.error();
    std::string pem;
    if (!cert_path.empty()) {
        auto text = sign::read_file_bounded(cert_path);
        if (!text) return text.error();
        pem = *text;
    } else {
        pem = sign::cert_pem(id.value());
    }
    Signer s{std::move(id.value()), pem, false};
    if (o.tsa_url) s.identity.timestamp_url = *o.tsa_url;
    s.demo = sign::subject(s.identity).find("DEMO") != std::string::npos;
    return s;
}

}  // namespace vca::pipeline
