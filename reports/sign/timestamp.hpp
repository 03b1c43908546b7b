// RFC 3161 timestamps over a manifest signature (manifest.json.tsr): a third
// party's proof of when the signature existed, which lets a verifier check
// the signer certificate at that time instead of "now".
//
// What is stamped: the SHA-256 of the signature value of the first
// SignerInfo in the .p7s, as RFC 3161 Appendix A and the CAdES
// signature-time-stamp attribute do. The token is kept beside the signature,
// not inside it, so the .p7s stays what stock OpenSSL verifies; nor is it in
// manifest.json, which it comes after: `vcaudit verify` checks it on its own.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/result.hpp"

namespace vca::sign {

inline constexpr const char* kTimestampQueryType = "application/timestamp-query";

// SHA-256 of the first SignerInfo's signature value (the message imprint).
// E410 if the p7s cannot be read.
core::Result<std::string> timestamp_imprint(std::string_view p7s_pem);

// Sends a TimeStampReq (SHA-256 imprint, random nonce, certReq) to `url` and
// returns the DER TimeStampResp after checking it is granted and answers this
// request (imprint and nonce). E419 otherwise, naming the URL.
core::Result<std::string> request_timestamp(const std::string& url, std::string_view p7s_pem);

struct TimestampCheck {
    bool ok = false;              // token signed by a trusted TSA, over this signature
    bool signature_checked = false;  // false: no TSA anchors were given, imprint only
    std::string gen_time;         // "YYYY-MM-DDTHH:MM:SSZ"
    std::int64_t gen_time_unix = 0;
    std::string tsa_subject;      // the TSA certificate's subject, if carried
    std::string failure;          // why not ok
};

// Checks a .tsr against the signature it stamps. With `tsa_anchors` the TSA's
// signature and certificate chain (extendedKeyUsage timeStamping) are checked
// too; without, only that the token stamps this signature. E421 if the .tsr
// cannot be parsed at all; E401/E405 for bad anchor files.
core::Result<TimestampCheck> verify_timestamp(std::string_view tsr_der, std::string_view p7s_pem,
                                              const std::vector<std::filesystem::path>& tsa_anchors);

}  // namespace vca::sign
