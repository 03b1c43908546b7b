// Is a stream's media encrypted (SRTP) or plain RTP, and on what basis.
//
// The payload decides when it can: plain media has structure, SRTP
// (AES counter mode or GCM, RFC 3711 §4.1, RFC 7714) leaves none.
//  - Codecs start each payload with a header octet that hardly changes
//    within a stream (Opus TOC config/stereo/frame count, H.264 NAL header
//    or FU indicator, VP8 descriptor, RFC 2190 H.263 header, RFC 4733 event
//    code): the first octets of many packets coincide far more often than
//    the 1 in 256 of random octets.
//  - Sample codecs are far from uniform octets: G.711 silence is a few
//    codes (0xFF mu-law, 0xD5 A-law), speech piles up near the middle codes.
//  - SRTP payloads (and their authentication tag) are uniform octets with
//    uniformly random first octets.
// When the payload says neither clearly, the signalling decides (the SDP
// profile, or a DTLS-SRTP handshake on the flow, RFC 5764); with neither the
// answer is unknown (encrypted NULL) rather than a guess.
//
// A NULL-cipher SRTP stream (SRTP_NULL_HMAC_SHA1_80) carries its media in
// clear and is reported as plain: what matters to the audit is whether the
// content can be read on the wire.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "probes/rtp/payload_stats.hpp"

namespace vca::probes::rtp {

// What the signalling says about a flow's media.
enum class Hint {
    Unknown,        // nothing: RTP found by the heuristic alone
    KnownRtp,       // SDP offered RTP/AVP(F) for this address and port
    KnownSrtp,      // SDP offered RTP/SAVP(F) (SDES keys or DTLS fingerprint)
    KnownDtlsSrtp,  // a DTLS handshake with use_srtp was seen on the flow
    H245Rtp,        // an H.245 logical channel to this address and port has a plain dataType
    H245Encrypted,  // an H.245 logical channel to it has dataType h235Media (H.235 media encryption)
};

// "sdp_rtp", "sdp_srtp", "dtls_srtp", "h245_rtp", "h245_h235"; empty for Unknown.
std::string_view hint_name(Hint hint);

// True when the signalling announced the media unprotected.
bool hint_says_plain(Hint hint);

// Chi-square of the payload octets against uniform has 255 degrees of
// freedom: mean 255, standard deviation sqrt(510) ~ 22.6.
// At most this is uniform: random octets exceed it with p ~ 10^-4, so about
// one SRTP stream in 10^4 is left undecided (never called plain).
inline constexpr double kChiSquareUniformMax = 350;
// At least this is structure: p < 10^-25 for random octets. Plain
// G.711 in the public corpus gives 8 000 to 4 000 000, H.263 video 1 100.
inline constexpr double kChiSquarePlainMin = 600;
// Octets needed before calling a stream uniform (16 per bin): compressed
// media is only mildly skewed and its chi-square excess grows with the sample.
inline constexpr std::size_t kMinUniformBytes = 4096;
// Octets needed before calling a stream structured from its chi-square (4
// per bin): random octets stay far below kChiSquarePlainMin even so.
inline constexpr std::size_t kMinStructuredBytes = 1024;
// First-octet coincidence: 1/256 ~ 0.004 for random octets.
// At least this (12 times random) is a codec header. With 16 packets that
// needs 6 coinciding pairs of 120; random octets give 0.47 on average and
// reach 6 about once in 10^5 streams.
inline constexpr double kHeadStructuredMin = 0.05;
// At most this is random-looking (with 16 packets: 2 coinciding pairs).
inline constexpr double kHeadRandomMax = 0.02;
inline constexpr std::size_t kMinHeadPackets = 16;

struct EncryptionVerdict {
    std::optional<bool> encrypted;  // nullopt: unknown
    // "payload", "sdp_profile", "dtls_srtp", "h245_datatype", "insufficient_data", "ambiguous".
    std::string_view basis;
};

// The payload's own answer: basis "payload" when decided, else
// "insufficient_data" (too few packets or octets) or "ambiguous".
EncryptionVerdict payload_verdict(const PayloadStats& stats);

// The payload's answer when it has one, else the signalling's.
EncryptionVerdict decide_encryption(const PayloadStats& stats, Hint hint);

}  // namespace vca::probes::rtp
