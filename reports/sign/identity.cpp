#include "reports/sign/identity.hpp"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <climits>
#include <cstring>

#include "reports/sign/codes.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/openssl_error.hpp"
#include "reports/sign/x509_text.hpp"

namespace vca::sign {

namespace {

// Wipes secret bytes (key PEM, passphrase) when the scope ends, on every path.
struct Wipe {
    std::string& s;
    ~Wipe() {
        if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
    }
};

struct PassContext {
    const std::string* passphrase = nullptr;  // null: none given
    bool asked = false;                       // OpenSSL found the key encrypted
};

// Hands OpenSSL the passphrase we were given. Without one it fails instead of
// letting OpenSSL's default callback prompt on the terminal.
int pass_callback(char* buf, int size, int /*rwflag*/, void* user) {
    auto* ctx = static_cast<PassContext*>(user);
    ctx->asked = true;
    if (ctx->passphrase == nullptr || size < 0) return -1;
    const std::size_t n = ctx->passphrase->size();
    if (n > static_cast<std::size_t>(size)) return -1;  // truncating would only decrypt wrongly
    std::memcpy(buf, ctx->passphrase->data(), n);
    return static_cast<int>(n);
}

int no_pass_callback(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*user*/) { return -1; }

// A read-only BIO over bytes we keep alive; BIO_new_mem_buf takes an int length.
BioPtr memory_bio(const std::string& bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return BioPtr();
    return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

core::Result<PkeyPtr> parse_key(const std::filesystem::path& key_path,
                                const std::optional<std::string>& passphrase) {
    auto text = read_file_bounded(key_path);
    if (!text) return text.error();
    Wipe wipe{text.value()};

    clear_openssl_errors();
    BioPtr bio = memory_bio(text.value());
    if (!bio)
        return openssl_diag(codes::kBadPrivateKey, "cannot buffer the private key",
                            "the OpenSSL installation is broken", key_path.string());
    PassContext ctx{passphrase ? &*passphrase : nullptr, false};
    PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, pass_callback, &ctx));
    if (key) {
        clear_openssl_errors();  // decoders that tried and gave way leave noise behind
        return key;
    }
    if (ctx.asked && !passphrase)
        return openssl_diag(codes::kCannotDecryptKey,
                            "the private key is encrypted and no passphrase was given",
                            "pass its passphrase with --key-pass-file", key_path.string());
    if (ctx.asked)
        return openssl_diag(codes::kCannotDecryptKey,
                            "cannot decrypt the private key (wrong passphrase?)",
                            "pass the right passphrase with --key-pass-file", key_path.string());
    return openssl_diag(codes::kBadPrivateKey, "no PEM private key found",
                        "pass the private key file (-----BEGIN PRIVATE KEY-----), not the certificate",
                        key_path.string());
}

core::Result<X509Ptr> parse_cert(const std::filesystem::path& cert_path) {
    auto text = read_file_bounded(cert_path);
    if (!text) return text.error();
    clear_openssl_errors();
    BioPtr bio = memory_bio(text.value());
    X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, no_pass_callback, nullptr) : nullptr);
    if (!cert)
        return openssl_diag(codes::kBadCertificate, "no PEM certificate found",
                            "pass the certificate file (-----BEGIN CERTIFICATE-----)",
                            cert_path.string());
    return cert;
}

}  // namespace

core::Result<SigningIdentity> load_identity(const std::filesystem::path& key_path,
                                            const std::filesystem::path& cert_path,
                                            std::optional<std::string> passphrase) {
    std::string empty;
    Wipe wipe_pass{passphrase ? *passphrase : empty};

    auto key = parse_key(key_path, passphrase);
    if (!key) return key.error();
    auto cert = parse_cert(cert_path);
    if (!cert) return cert.error();

    clear_openssl_errors();
    if (X509_check_private_key(cert.value().get(), key.value().get()) != 1)
        return openssl_diag(codes::kKeyCertMismatch,
                            "this private key does not belong to the certificate " +
                                cert_path.string(),
                            "pass the key that was generated together with that certificate",
                            key_path.string());
    SigningIdentity id;
    id.key = std::move(key).value();
    id.cert = std::move(cert).value();
    return id;
}

core::Result<X509Ptr> load_certificate(const std::filesystem::path& cert_path) { return parse_cert(cert_path); }

std::string subject(const SigningIdentity& id) { return x509_subject(id.cert.get()); }

std::string cert_sha256(const SigningIdentity& id) { return x509_sha256(id.cert.get()); }

std::string not_after(const SigningIdentity& id) { return x509_not_after(id.cert.get()); }

}  // namespace vca::sign
