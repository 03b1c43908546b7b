// Names of TLS cipher suites and DTLS-SRTP protection profiles, as the IANA
// registries spell them (tls_sessions.cipher stores these names). Pure lookups
// over constant sorted tables: no allocation, no state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace vca::probes::tls {

// IANA "TLS Cipher Suites" name of `id` (RFC 8446 §B.4, RFC 5246 §A.5 and the
// registry), e.g. 0x1301 -> "TLS_AES_128_GCM_SHA256". The table is generated
// from Wireshark's value strings by gen_cipher_suites.sh; a few ids outside the
// IANA registry (drafts, GM/T, Netscape FIPS) keep Wireshark's names and are
// tagged in cipher_suites.inc. nullopt for unknown ids and for GREASE values.
std::optional<std::string_view> cipher_suite_name(std::uint16_t id);

// RFC 8701 §2: GREASE values 0x0a0a, 0x1a1a, ... 0xfafa, reserved in the
// cipher-suite, extension, group, signature-algorithm and version spaces.
constexpr bool is_grease(std::uint16_t v) {
    return (v & 0x0f0fU) == 0x0a0aU && (v >> 8) == (v & 0xffU);
}

// Name of a DTLS-SRTP protection profile (RFC 5764 §4.1.2, RFC 7714 §14.2),
// e.g. 0x0001 -> "SRTP_AES128_CM_HMAC_SHA1_80". nullopt for unknown ids.
std::optional<std::string_view> srtp_profile_name(std::uint16_t id);

// Number of entries of the generated table, and the id at an index (tests
// check the table stays sorted and free of duplicates).
std::size_t cipher_suite_table_size();
std::uint16_t cipher_suite_table_id(std::size_t index);

}  // namespace vca::probes::tls
