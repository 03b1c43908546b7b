// Owning handles for the OpenSSL objects this module creates.
// OpenSSL types are forward-declared here (their real tag names) so that code
// outside reports/sign/ can hold a SigningIdentity without including OpenSSL.
#pragma once

#include <memory>

struct bio_st;
struct bignum_st;
struct evp_md_ctx_st;
struct evp_pkey_st;
struct x509_st;
struct x509_store_st;
struct X509_extension_st;
struct CMS_ContentInfo_st;

namespace vca::sign {

// One deleter per type; each calls the matching *_free (defined in handles.cpp).
struct BioFree { void operator()(bio_st* p) const noexcept; };
struct BignumFree { void operator()(bignum_st* p) const noexcept; };
struct MdCtxFree { void operator()(evp_md_ctx_st* p) const noexcept; };
struct PkeyFree { void operator()(evp_pkey_st* p) const noexcept; };
struct X509Free { void operator()(x509_st* p) const noexcept; };
struct X509StoreFree { void operator()(x509_store_st* p) const noexcept; };
struct X509ExtensionFree { void operator()(X509_extension_st* p) const noexcept; };
struct CmsFree { void operator()(CMS_ContentInfo_st* p) const noexcept; };

using BioPtr = std::unique_ptr<bio_st, BioFree>;
using BignumPtr = std::unique_ptr<bignum_st, BignumFree>;
using MdCtxPtr = std::unique_ptr<evp_md_ctx_st, MdCtxFree>;
using PkeyPtr = std::unique_ptr<evp_pkey_st, PkeyFree>;
using X509Ptr = std::unique_ptr<x509_st, X509Free>;
using X509StorePtr = std::unique_ptr<x509_store_st, X509StoreFree>;
using X509ExtensionPtr = std::unique_ptr<X509_extension_st, X509ExtensionFree>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo_st, CmsFree>;

}  // namespace vca::sign
