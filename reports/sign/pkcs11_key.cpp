// The one file that uses OpenSSL's ENGINE API: Debian 12 ships OpenSSL 3.0
// and libp11's "pkcs11" engine, but no pkcs11-provider. ENGINE is deprecated
// in 3.0, so its declarations are allowed here only.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "reports/sign/pkcs11_key.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/engine.h>
#include <openssl/ui.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <mutex>

#include "reports/sign/codes.hpp"
#include "reports/sign/openssl_error.hpp"
#include "reports/sign/x509_text.hpp"

namespace vca::sign {

namespace {

constexpr const char* kEngineId = "pkcs11";

// libp11 prints its own complaints ("Login failed") on stderr; we say the same
// in one diagnostic line, so its noise is kept off the terminal meanwhile.
class QuietStderr {
public:
    QuietStderr() : saved_(::dup(STDERR_FILENO)) {
        const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (saved_ >= 0 && null >= 0) ::dup2(null, STDERR_FILENO);
        if (null >= 0) ::close(null);
    }
    ~QuietStderr() {
        if (saved_ < 0) return;
        ::dup2(saved_, STDERR_FILENO);
        ::close(saved_);
    }
    QuietStderr(const QuietStderr&) = delete;
    QuietStderr& operator=(const QuietStderr&) = delete;

private:
    int saved_;
};

// The engine keeps the module loaded and the session open while keys from it
// are in use, so it lives as long as the process (a reachable static).
struct LoadedEngine {
    ENGINE* engine = nullptr;
    std::filesystem::path module;
};
std::mutex engine_mutex;
LoadedEngine loaded_engine;

// A UI that never asks: without a PIN the engine must fail, not prompt.
int refuse_to_read(UI* /*ui*/, UI_STRING* /*uis*/) { return 0; }

UI_METHOD* no_prompt_ui() {
    static UI_METHOD* method = [] {
        UI_METHOD* m = UI_create_method("vcaudit: no prompt");
        if (m != nullptr) UI_method_set_reader(m, refuse_to_read);
        return m;
    }();
    return method;
}

core::Result<ENGINE*> engine_for(const std::filesystem::path& module) {
    std::lock_guard<std::mutex> lock(engine_mutex);
    if (loaded_engine.engine != nullptr) {
        if (loaded_engine.module != module)
            return core::make_diag(codes::kTokenUnavailable,
                                   "another PKCS#11 module is already in use by this process",
                                   "use one module per run", module.string());
        return loaded_engine.engine;
    }
    clear_openssl_errors();
    ENGINE* e = ENGINE_by_id(kEngineId);
    if (e == nullptr)
        return openssl_diag(codes::kTokenUnavailable, "OpenSSL's pkcs11 engine is not installed",
                            "install libengine-pkcs11-openssl", {});
    if (ENGINE_ctrl_cmd_string(e, "MODULE_PATH", module.c_str(), 0) != 1 || ENGINE_init(e) != 1) {
        ENGINE_free(e);
        return openssl_diag(codes::kTokenUnavailable, "cannot load the PKCS#11 module",
                            "pass the token's PKCS#11 library with --pkcs11-module", module.string());
    }
    ENGINE_free(e);  // the functional reference from ENGINE_init keeps it
    loaded_engine = {e, module};
    return e;
}

bool mentions(const std::string& text, const char* word) { return text.find(word) != std::string::npos; }

core::Diagnostic token_error(const std::string& what, const std::string& location) {
    const std::string detail = drain_openssl_errors();
    if (mentions(detail, "PIN") || mentions(detail, "login") || mentions(detail, "Login"))
        return core::make_diag(codes::kTokenLoginFailed, "the token refused the PIN (wrong PIN, or token locked)",
                               "give the user PIN with VCAUDIT_PKCS11_PIN, --pin-file or at the prompt", location);
    return core::make_diag(codes::kTokenObjectMissing,
                           "no " + what + " found on the token for this URI" +
                               (detail.empty() ? "" : " [openssl: " + detail + "]"),
                           "list the token's objects with 'pkcs11-tool --module MODULE -O' and name one with "
                           "object=LABEL or id=%XX",
                           location);
}

struct CertFromToken {
    const char* uri;
    X509* cert;
};

}  // namespace

std::vector<std::filesystem::path> pkcs11_module_candidates() {
    std::vector<std::filesystem::path> out;
    for (const char* arch : {"x86_64-linux-gnu", "aarch64-linux-gnu", "i386-linux-gnu", "arm-linux-gnueabihf"})
        out.push_back(std::filesystem::path("/usr/lib") / arch / "p11-kit-proxy.so");
    for (const char* arch : {"x86_64-linux-gnu", "aarch64-linux-gnu", "i386-linux-gnu", "arm-linux-gnueabihf"})
        out.push_back(std::filesystem::path("/usr/lib") / arch / "softhsm" / "libsofthsm2.so");
    out.emplace_back("/usr/lib/softhsm/libsofthsm2.so");
    return out;
}

std::optional<std::filesystem::path> find_pkcs11_module() {
    for (const auto& p : pkcs11_module_candidates()) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(p, ec)) return p;
    }
    return std::nullopt;
}

core::Result<SigningIdentity> load_identity_pkcs11(Pkcs11Request request) {
    struct WipePin {
        std::optional<std::string>& pin;
        ~WipePin() {
            if (pin && !pin->empty()) OPENSSL_cleanse(pin->data(), pin->size());
        }
    } wipe{request.pin};

    if (request.uri.rfind("pkcs11:", 0) != 0)
        return core::make_diag(codes::kBadArgument, "not a PKCS#11 URI",
                               "write it as pkcs11:token=LABEL;object=KEYLABEL", {});
    // A PIN inside the URI would sit in the process list and in shell history.
    if (mentions(request.uri, "pin-value") || mentions(request.uri, "pin-source"))
        return core::make_diag(codes::kBadArgument, "the PKCS#11 URI carries a PIN",
                               "remove pin-value/pin-source; give the PIN with VCAUDIT_PKCS11_PIN or --pin-file", {});
    const std::string where = request.uri;

    std::filesystem::path module;
    if (request.module) {
        module = *request.module;
    } else if (auto found = find_pkcs11_module()) {
        module = *found;
    } else {
        return core::make_diag(codes::kTokenUnavailable, "no PKCS#11 module found",
                               "install p11-kit (or the token vendor's library) or pass --pkcs11-module", {});
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(module, ec))
        return core::make_diag(codes::kTokenUnavailable, "no such PKCS#11 module",
                               "pass the token's PKCS#11 library with --pkcs11-module", module.string());

    auto engine = engine_for(module);
    if (!engine) return engine.error();
    ENGINE* e = engine.value();

    std::lock_guard<std::mutex> lock(engine_mutex);
    QuietStderr quiet;
    clear_openssl_errors();
    // The engine keeps its own copy of the PIN for re-login; set one every time
    // so a PIN from an earlier load is never reused by accident.
    std::string pin = request.pin ? *request.pin : std::string();
    const int pin_set = ENGINE_ctrl_cmd_string(e, "PIN", request.pin ? pin.c_str() : nullptr, 0);
    if (!pin.empty()) OPENSSL_cleanse(pin.data(), pin.size());
    if (pin_set != 1 && request.pin)
        return openssl_diag(codes::kTokenUnavailable, "the pkcs11 engine does not take a PIN",
                            "update libengine-pkcs11-openssl", module.string());

    PkeyPtr key(ENGINE_load_private_key(e, request.uri.c_str(), no_prompt_ui(), nullptr));
    if (!key) {
        if (!request.pin) {
            clear_openssl_errors();
            return core::make_diag(codes::kNoSecret, "the token needs its user PIN and none was given",
                                   "set VCAUDIT_PKCS11_PIN, pass --pin-file, or run on a terminal to be asked", where);
        }
        return token_error("private key", where);
    }

    X509Ptr cert;
    if (request.cert_pem) {
        auto loaded = load_certificate(*request.cert_pem);
        if (!loaded) return loaded.error();
        cert = std::move(loaded).value();
    } else {
        CertFromToken params{request.uri.c_str(), nullptr};
        if (ENGINE_ctrl_cmd(e, "LOAD_CERT_CTRL", 0, &params, nullptr, 1) != 1 || params.cert == nullptr)
            return token_error("certificate (or pass its PEM with --cert)", where);
        cert.reset(params.cert);
    }
    clear_openssl_errors();
    if (X509_check_private_key(cert.get(), key.get()) != 1)
        return openssl_diag(codes::kKeyCertMismatch,
                            "the token's key does not belong to the certificate " + x509_subject(cert.get()),
                            "name the certificate of the same id/label, or pass the right --cert", where);
    SigningIdentity id;
    id.key = std::move(key);
    id.cert = std::move(cert);
    return id;
}

}  // namespace vca::sign
