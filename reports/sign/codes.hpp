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

}  // namespace vca::sign::codes
