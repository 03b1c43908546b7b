// Stable diagnostic codes of reports/sign (E4xx: keys and signatures).
// A code never changes meaning once shipped; add new ones at the end.
#pragma once

namespace vca::sign::codes {

inline constexpr const char* kUnreadableFile = "E401";     // file missing, unreadable, too large
inline constexpr const char* kCannotDecryptKey = "E402";   // wrong or missing passphrase
inline constexpr const char* kKeyCertMismatch = "E403";    // private key is not the certificate's
inline constexpr const char* kBadPrivateKey = "E404";      // not a PEM private key
inline constexpr const char* kBadCertificate = "E405";     // not a PEM X.509 certificate
inline constexpr const char* kFileExists = "E406";         // refusing to overwrite
inline constexpr const char* kCannotWrite = "E407";        // creating a directory or file failed
inline constexpr const char* kKeygenFailed = "E408";       // OpenSSL could not make the key or cert
inline constexpr const char* kSignFailed = "E409";         // OpenSSL could not sign
inline constexpr const char* kBadSignatureFile = "E410";   // p7s is not a PEM CMS SignedData
inline constexpr const char* kNoIdentityDir = "E411";      // no home directory to keep the default key
inline constexpr const char* kBadArgument = "E412";        // caller passed an impossible value
inline constexpr const char* kNoRandomness = "E413";       // the CSPRNG could not give key material
inline constexpr const char* kBadPkcs12 = "E414";          // not a PKCS#12 file, or no key/cert inside
inline constexpr const char* kTokenUnavailable = "E415";   // PKCS#11 engine or module cannot be loaded
inline constexpr const char* kTokenLoginFailed = "E416";   // token refused the PIN (or none was given)
inline constexpr const char* kTokenObjectMissing = "E417"; // no key or certificate with that URI on the token
inline constexpr const char* kNoSecret = "E418";           // passphrase/PIN needed, none given, no terminal
inline constexpr const char* kTimestampFailed = "E419";    // the TSA could not be reached or refused
inline constexpr const char* kBadTimestamp = "E421";       // a .tsr that cannot be parsed

}  // namespace vca::sign::codes
