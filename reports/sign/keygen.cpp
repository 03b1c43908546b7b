#include "reports/sign/keygen.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <cstdlib>
#include <string_view>
#include <system_error>

#include "reports/sign/codes.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/handles.hpp"
#include "reports/sign/openssl_error.hpp"

namespace vca::sign {

namespace {

// X.520 upper bound for commonName; OpenSSL rejects longer values.
constexpr std::size_t kMaxCommonName = 64;
// About a century: far beyond any sensible report lifetime, still a valid time.
constexpr int kMaxDays = 36500;

core::Diagnostic keygen_error(const std::string& what, const std::filesystem::path& where) {
    return openssl_diag(codes::kKeygenFailed, "cannot " + what,
                        "the OpenSSL installation may lack EC P-256 or SHA-256", where.string());
}

// Bytes a memory BIO holds; valid while the BIO lives.
std::string_view bio_bytes(bio_st* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? std::string_view(data, static_cast<std::size_t>(n)) : std::string_view();
}

bool add_extension(x509_st* cert, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);  // self-signed: issuer is itself
    X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

// 128 random bits; RFC 5280 allows up to 20 octets and requires a positive, non-zero value.
bool set_random_serial(x509_st* cert) {
    std::array<unsigned char, 16> raw{};
    if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) return false;
    BignumPtr bn(BN_bin2bn(raw.data(), static_cast<int>(raw.size()), nullptr));
    if (!bn) return false;
    if (BN_is_zero(bn.get()) && BN_one(bn.get()) != 1) return false;
    return BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) != nullptr;
}

bool set_name(x509_st* cert, const std::string& common_name) {
    X509_NAME* name = X509_get_subject_name(cert);
    const auto add = [&](const char* field, const std::string& v) {
        return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                          reinterpret_cast<const unsigned char*>(v.c_str()),
                                          static_cast<int>(v.size()), -1, 0) == 1;
    };
    return add("O", "vcaudit") && add("CN", common_name) && X509_set_issuer_name(cert, name) == 1;
}

core::Result<X509Ptr> make_certificate(evp_pkey_st* key, const std::string& common_name, int days,
                                       const std::filesystem::path& cert_path) {
    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 || !set_random_serial(cert.get()))
        return keygen_error("create the certificate", cert_path);
    if (!set_name(cert.get(), common_name))
        return keygen_error("set the certificate name", cert_path);
    if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) == nullptr ||
        X509_time_adj_ex(X509_getm_notAfter(cert.get()), days, 0, nullptr) == nullptr)
        return keygen_error("set the certificate validity", cert_path);
    if (X509_set_pubkey(cert.get(), key) != 1)
        return keygen_error("set the certificate key", cert_path);
    // An end-entity signing certificate, usable for S/MIME-style signatures
    // (the purpose `openssl cms -verify` checks).
    if (!add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        !add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,nonRepudiation") ||
        !add_extension(cert.get(), NID_subject_key_identifier, "hash"))
        return keygen_error("add the certificate extensions", cert_path);
    if (X509_sign(cert.get(), key, EVP_sha256()) <= 0)
        return keygen_error("self-sign the certificate", cert_path);
    return cert;
}

bool exists_or_link(const std::filesystem::path& p) {
    std::error_code ec;
    return std::filesystem::exists(std::filesystem::symlink_status(p, ec));
}

core::Diagnostic exists_error(const std::filesystem::path& p) {
    return core::make_diag(codes::kFileExists, "already exists; refusing to overwrite it",
                           "move it away first, or choose another path", p.string());
}

std::string hostname() {
    std::array<char, 256> buf{};
    if (::gethostname(buf.data(), buf.size() - 1) != 0 || buf[0] == '\0') return "unknown host";
    return buf.data();
}

}  // namespace

core::Status generate_identity(const std::filesystem::path& key_path,
                               const std::filesystem::path& cert_path,
                               const std::string& common_name, int days, bool overwrite) {
    if (common_name.empty() || common_name.size() > kMaxCommonName)
        return core::make_diag(codes::kBadArgument,
                               "the certificate common name must be 1 to 64 bytes",
                               "choose a shorter name", cert_path.string());
    if (days <= 0 || days > kMaxDays)
        return core::make_diag(codes::kBadArgument,
                               "certificate validity of " + std::to_string(days) + " days",
                               "choose between 1 and 36500 days", cert_path.string());
    if (key_path == cert_path)
        return core::make_diag(codes::kBadArgument, "key and certificate would be the same file",
                               "give them different paths", key_path.string());
    // Refuse before generating anything; O_EXCL below still guards the race.
    if (!overwrite) {
        if (exists_or_link(key_path)) return exists_error(key_path);
        if (exists_or_link(cert_path)) return exists_error(cert_path);
    }
    for (const auto* p : {&key_path, &cert_path}) {
        if (p->has_parent_path()) {
            auto st = make_private_dirs(p->parent_path());
            if (!st) return st;
        }
    }

    clear_openssl_errors();
    PkeyPtr key(EVP_EC_gen("P-256"));
    if (!key) return keygen_error("generate an EC P-256 key", key_path);
    auto cert = make_certificate(key.get(), common_name, days, cert_path);
    if (!cert) return cert.error();

    // Secure memory BIO: the PEM copy of the key is wiped when freed.
    BioPtr key_pem(BIO_new(BIO_s_secmem()));
    if (!key_pem ||
        PEM_write_bio_PrivateKey(key_pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return keygen_error("encode the private key", key_path);
    BioPtr cert_pem(BIO_new(BIO_s_mem()));
    if (!cert_pem || PEM_write_bio_X509(cert_pem.get(), cert.value().get()) != 1)
        return keygen_error("encode the certificate", cert_path);

    auto st = write_file_exclusive(key_path, bio_bytes(key_pem.get()), 0600, overwrite);
    if (!st) return st;
    st = write_file_exclusive(cert_path, bio_bytes(cert_pem.get()), 0644, overwrite);
    if (!st) {
        // A key without its certificate is useless and would block the next attempt.
        if (!overwrite) ::unlink(key_path.c_str());
        return st;
    }
    return core::ok_status();
}

std::filesystem::path default_identity_dir() {
    const auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v != nullptr ? std::string(v) : std::string();
    };
    if (auto v = env("VCAUDIT_HOME"); !v.empty()) return v;
    // XDG Base Directory: a relative XDG_DATA_HOME is invalid and ignored.
    if (auto v = env("XDG_DATA_HOME"); !v.empty() && v.front() == '/')
        return std::filesystem::path(v) / "vcaudit";
    std::string home = env("HOME");
    if (home.empty()) {
        if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_dir != nullptr)
            home = pw->pw_dir;
    }
    if (home.empty()) return {};
    return std::filesystem::path(home) / ".local" / "share" / "vcaudit";
}

core::Result<DefaultIdentity> ensure_default_identity() {
    const std::filesystem::path dir = default_identity_dir();
    if (dir.empty())
        return core::make_diag(codes::kNoIdentityDir,
                               "no home directory to keep the installation signing key",
                               "set VCAUDIT_HOME to a private directory");
    DefaultIdentity id{dir / "signing-key.pem", dir / "signing-cert.pem", false};
    const bool have_key = exists_or_link(id.key_path);
    const bool have_cert = exists_or_link(id.cert_path);
    if (have_key && have_cert) return id;
    if (have_key != have_cert) {
        const auto& present = have_key ? id.key_path : id.cert_path;
        const auto& missing = have_key ? id.cert_path : id.key_path;
        return core::make_diag(codes::kKeyCertMismatch,
                               "found without its partner " + missing.filename().string(),
                               "restore the missing file, or move this one away to make a new identity",
                               present.string());
    }
    std::string cn = "vcaudit installation key (" + hostname();
    // Keep within the 64-byte commonName bound by shortening the host name.
    if (cn.size() + 1 > kMaxCommonName) {
        cn.resize(kMaxCommonName - 1);
        // Do not leave half a UTF-8 character behind: drop continuation bytes and their lead.
        while (!cn.empty() && (static_cast<unsigned char>(cn.back()) & 0xC0U) == 0x80U) cn.pop_back();
        if (!cn.empty() && static_cast<unsigned char>(cn.back()) >= 0xC0U) cn.pop_back();
    }
    cn += ")";
    auto st = generate_identity(id.key_path, id.cert_path, cn, kDefaultIdentityDays, false);
    if (!st) return st.error();
    id.created = true;
    return id;
}

}  // namespace vca::sign
