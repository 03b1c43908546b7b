#include "probes/rtp/encryption_verdict.hpp"

namespace vca::probes::rtp {

std::string_view hint_name(Hint hint) {
    switch (hint) {
        case Hint::Unknown: return "";
        case Hint::KnownRtp: return "sdp_rtp";
        case Hint::KnownSrtp: return "sdp_srtp";
        case Hint::KnownDtlsSrtp: return "dtls_srtp";
        case Hint::H245Rtp: return "h245_rtp";
        case Hint::H245Encrypted: return "h245_h235";
    }
    return "";
}

bool hint_says_plain(Hint hint) { return hint == Hint::KnownRtp || hint == Hint::H245Rtp; }

EncryptionVerdict payload_verdict(const PayloadStats& stats) {
    const std::optional<double> head = stats.head_coincidence();
    const std::optional<double> chi = stats.chi_square();
    const bool enough_heads = stats.head_packets() >= kMinHeadPackets && head.has_value();
    if (enough_heads && *head >= kHeadStructuredMin) return {false, "payload"};
    if (stats.sampled_bytes() >= kMinStructuredBytes && chi && *chi >= kChiSquarePlainMin) return {false, "payload"};
    if (!enough_heads || stats.sampled_bytes() < kMinUniformBytes) return {std::nullopt, "insufficient_data"};
    if (*chi <= kChiSquareUniformMax && *head <= kHeadRandomMax) return {true, "payload"};
    return {std::nullopt, "ambiguous"};
}

EncryptionVerdict decide_encryption(const PayloadStats& stats, Hint hint) {
    const EncryptionVerdict own = payload_verdict(stats);
    if (own.encrypted) return own;
    switch (hint) {
        case Hint::Unknown: return own;
        case Hint::KnownRtp: return {false, "sdp_profile"};
        case Hint::KnownSrtp: return {true, "sdp_profile"};
        case Hint::KnownDtlsSrtp: return {true, "dtls_srtp"};
        case Hint::H245Rtp: return {false, "h245_datatype"};
        case Hint::H245Encrypted: return {true, "h245_datatype"};
    }
    return own;
}

}  // namespace vca::probes::rtp
