#include "reports/sign/handles.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace vca::sign {

void BioFree::operator()(bio_st* p) const noexcept { BIO_free_all(p); }
void BignumFree::operator()(bignum_st* p) const noexcept { BN_free(p); }
void MdCtxFree::operator()(evp_md_ctx_st* p) const noexcept { EVP_MD_CTX_free(p); }
void PkeyFree::operator()(evp_pkey_st* p) const noexcept { EVP_PKEY_free(p); }
void X509Free::operator()(x509_st* p) const noexcept { X509_free(p); }
void X509StoreFree::operator()(x509_store_st* p) const noexcept { X509_STORE_free(p); }
void X509ExtensionFree::operator()(X509_extension_st* p) const noexcept { X509_EXTENSION_free(p); }
void CmsFree::operator()(CMS_ContentInfo_st* p) const noexcept { CMS_ContentInfo_free(p); }

}  // namespace vca::sign
