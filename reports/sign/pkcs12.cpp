// PKCS#12 (.p12/.pfx) signing identities: what a CA or a Windows certificate
// export hands an official, key, certificate and chain in one encrypted file.
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <climits>

#include "reports/sign/codes.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/identity.hpp"
#include "reports/sign/openssl_error.hpp"

namespace vca::sign {

namespace {

struct Pkcs12Free {
    void operator()(PKCS12* p) const noexcept { PKCS12_free(p); }
};
using Pkcs12Ptr = std::unique_ptr<PKCS12, Pkcs12Free>;

// Wipes the passphrase copy on every path out.
struct WipeOnExit {
    std::optional<std::string>& s;
    ~WipeOnExit() {
        if (s && !s->empty()) OPENSSL_cleanse(s->data(), s->size());
    }
};

// The MAC is checked first so that a wrong passphrase is told apart from a
// damaged file. No MAC (rare) leaves the question to PKCS12_parse.
bool passphrase_opens(PKCS12* p12, const char* pass, int len) {
    if (PKCS12_mac_present(p12) == 0) return true;
    return PKCS12_verify_mac(p12, pass, len) == 1;
}

}  // namespace

core::Result<SigningIdentity> load_identity_pkcs12(const std::filesystem::path& p12_path,
                                                   std::optional<std::string> passphrase) {
    WipeOnExit wipe{passphrase};
    auto bytes = read_file_bounded(p12_path);
    if (!bytes) return bytes.error();
    if (bytes->size() > static_cast<std::size_t>(INT_MAX))
        return core::make_diag(codes::kBadPkcs12, "too large for a PKCS#12 file", {}, p12_path.string());

    clear_openssl_errors();
    const auto* der = reinterpret_cast<const unsigned char*>(bytes->data());
    Pkcs12Ptr p12(d2i_PKCS12(nullptr, &der, static_cast<long>(bytes->size())));
    OPENSSL_cleanse(bytes->data(), bytes->size());
    if (!p12)
        return openssl_diag(codes::kBadPkcs12, "not a PKCS#12 file",
                            "pass the .p12/.pfx exported with the private key (DER, not PEM)",
                            p12_path.string());

    // Without a passphrase, try the two encodings of "none" that exporters use.
    const char* pass = nullptr;
    int pass_len = 0;
    if (passphrase) {
        if (passphrase->size() > static_cast<std::size_t>(INT_MAX))
            return core::make_diag(codes::kCannotDecryptKey, "the passphrase is too long", {}, p12_path.string());
        pass = passphrase->c_str();
        pass_len = static_cast<int>(passphrase->size());
    } else if (passphrase_opens(p12.get(), "", 0)) {
        pass = "";
    } else if (!passphrase_opens(p12.get(), nullptr, 0)) {
        clear_openssl_errors();
        return core::make_diag(codes::kCannotDecryptKey,
                               "the PKCS#12 file is protected and no passphrase was given",
                               "set VCAUDIT_KEY_PASS, pass --key-pass-file, or run on a terminal to be asked",
                               p12_path.string());
    }
    if (passphrase && !passphrase_opens(p12.get(), pass, pass_len)) {
        clear_openssl_errors();  // "mac verify failure" says no more than we do
        return core::make_diag(codes::kCannotDecryptKey, "cannot open the PKCS#12 file (wrong passphrase?)",
                               "give the passphrase it was exported with", p12_path.string());
    }

    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* others = nullptr;
    if (PKCS12_parse(p12.get(), pass, &key, &cert, &others) != 1)
        return openssl_diag(codes::kBadPkcs12, "cannot read the key and certificate in the PKCS#12 file",
                            "re-export it with a current tool (AES-256, not RC2-40)", p12_path.string());
    SigningIdentity id;
    id.key.reset(key);
    id.cert.reset(cert);
    for (int i = 0; others != nullptr && i < sk_X509_num(others); ++i)
        id.chain.emplace_back(sk_X509_value(others, i));  // ownership moves to the chain
    sk_X509_free(others);
    if (!id.key || !id.cert)
        return core::make_diag(codes::kBadPkcs12,
                               std::string("the PKCS#12 file holds no ") + (!id.key ? "private key" : "certificate"),
                               "export the signing certificate together with its private key",
                               p12_path.string());
    clear_openssl_errors();
    if (X509_check_private_key(id.cert.get(), id.key.get()) != 1)
        return openssl_diag(codes::kKeyCertMismatch, "the private key in the PKCS#12 file is not its certificate's",
                            "export the certificate together with its own key", p12_path.string());
    return id;
}

std::string cert_pem(const SigningIdentity& id) {
    if (!id.cert) return {};
    BioPtr out(BIO_new(BIO_s_mem()));
    if (!out || PEM_write_bio_X509(out.get(), id.cert.get()) != 1) return {};
    char* data = nullptr;
    const long n = BIO_get_mem_data(out.get(), &data);
    return std::string(data, n > 0 ? static_cast<std::size_t>(n) : 0U);
}

}  // namespace vca::sign
