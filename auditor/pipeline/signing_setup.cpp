#include "auditor/pipeline/signing_setup.hpp"

#include <cstdlib>
#include <ostream>

#include "reports/sign/file_io.hpp"
#include "reports/sign/keygen.hpp"

namespace vca::pipeline {
namespace {

// The passphrase comes from a file (first line) or VCAUDIT_KEY_PASS, never
// from the command line, where other users could read it in the process list.
core::Result<std::optional<std::string>> passphrase(const AuditOptions& o) {
    if (o.key_pass_file) {
        auto text = sign::read_file_bounded(*o.key_pass_file, 4096);
        if (!text) return text.error();
        std::string line = text->substr(0, text->find_first_of("\r\n"));
        return std::optional<std::string>(line);
    }
    if (const char* env = std::getenv("VCAUDIT_KEY_PASS")) return std::optional<std::string>(env);
    return std::optional<std::string>();
}

}  // namespace

core::Result<Signer> load_signer(const AuditOptions& o, std::ostream& log) {
    std::filesystem::path key, cert;
    if (o.key || o.cert) {
        if (!o.key || !o.cert)
            return core::make_diag("E420", "--key and --cert go together", "pass both, or neither to use the installation key");
        key = *o.key;
        cert = *o.cert;
    } else {
        auto def = sign::ensure_default_identity();
        if (!def) return def.error();
        key = def->key_path;
        cert = def->cert_path;
        if (def->created)
            log << "note: created this installation's signing key " << key.string()
                << " (mode 0600) and certificate " << cert.string() << "\n";
        else
            log << "note: signing with this installation's key " << key.string() << "\n";
    }
    auto pass = passphrase(o);
    if (!pass) return pass.error();
    auto id = sign::load_identity(key, cert, *pass);
    if (!id) return id.error();
    auto pem = sign::read_file_bounded(cert);
    if (!pem) return pem.error();
    Signer s{std::move(id.value()), *pem, false};
    s.demo = sign::subject(s.identity).find("DEMO") != std::string::npos;
    return s;
}

}  // namespace vca::pipeline
