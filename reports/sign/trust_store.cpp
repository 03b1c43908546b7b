#include "reports/sign/trust_store.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <climits>

#include "reports/sign/codes.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/openssl_error.hpp"

namespace vca::sign {

namespace {

int no_pass_callback(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*user*/) { return -1; }

}  // namespace

// Every certificate in every anchor file goes into one store.
core::Result<X509StorePtr> load_trust_store(const std::vector<std::filesystem::path>& paths) {
    X509StorePtr store(X509_STORE_new());
    if (!store)
        return openssl_diag(codes::kBadCertificate, "cannot create a certificate store",
                            "the OpenSSL installation is broken", {});
    for (const auto& path : paths) {
        auto text = read_file_bounded(path);
        if (!text) return text.error();
        if (text->size() > static_cast<std::size_t>(INT_MAX)) return unreadable_file(path, "too large");
        BioPtr bio(BIO_new_mem_buf(text->data(), static_cast<int>(text->size())));
        if (!bio)
            return openssl_diag(codes::kBadCertificate, "cannot buffer the trust anchor file",
                                "the OpenSSL installation is broken", path.string());
        int count = 0;
        while (X509Ptr cert{PEM_read_bio_X509(bio.get(), nullptr, no_pass_callback, nullptr)}) {
            if (X509_STORE_add_cert(store.get(), cert.get()) != 1)
                return openssl_diag(codes::kBadCertificate, "cannot use this trust anchor",
                                    "pass PEM CA certificates as trust anchors", path.string());
            ++count;
        }
        clear_openssl_errors();  // the loop always ends on "no start line"
        if (count == 0)
            return core::make_diag(codes::kBadCertificate, "no PEM certificate found",
                                   "trust anchors must be PEM certificate files "
                                   "(-----BEGIN CERTIFICATE-----)",
                                   path.string());
    }
    return store;
}

}  // namespace vca::sign
