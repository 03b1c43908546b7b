// Cipher-suite and SRTP-profile name tables (see cipher_suites.hpp).
#include "probes/tls/cipher_suites.hpp"

#include <algorithm>
#include <cstddef>

namespace vca::probes::tls {
namespace {

struct Entry {
    std::uint16_t id;
    std::string_view name;
};

// Generated: rerun gen_cipher_suites.sh, never edit by hand.
constexpr Entry kCipherSuites[] = {
#include "probes/tls/cipher_suites.inc"
};

// RFC 5764 §4.1.2 (ids 0x0001, 0x0002, 0x0005, 0x0006) and RFC 7714 §14.2
// (0x0007, 0x0008): the IANA "DTLS-SRTP Protection Profiles" registry.
constexpr Entry kSrtpProfiles[] = {
    {0x0001, "SRTP_AES128_CM_HMAC_SHA1_80"},
    {0x0002, "SRTP_AES128_CM_HMAC_SHA1_32"},
    {0x0005, "SRTP_NULL_HMAC_SHA1_80"},
    {0x0006, "SRTP_NULL_HMAC_SHA1_32"},
    {0x0007, "SRTP_AEAD_AES_128_GCM"},
    {0x0008, "SRTP_AEAD_AES_256_GCM"},
};

template <std::size_t N>
std::optional<std::string_view> lookup(const Entry (&table)[N], std::uint16_t id) {
    const auto* it = std::lower_bound(std::begin(table), std::end(table), id,
                                      [](const Entry& e, std::uint16_t v) { return e.id < v; });
    if (it == std::end(table) || it->id != id) return std::nullopt;
    return it->name;
}

}  // namespace

std::optional<std::string_view> cipher_suite_name(std::uint16_t id) {
    return lookup(kCipherSuites, id);
}

std::optional<std::string_view> srtp_profile_name(std::uint16_t id) {
    return lookup(kSrtpProfiles, id);
}

std::size_t cipher_suite_table_size() { return std::size(kCipherSuites); }

std::uint16_t cipher_suite_table_id(std::size_t index) {
    return index < std::size(kCipherSuites) ? kCipherSuites[index].id : std::uint16_t{0};
}

}  // namespace vca::probes::tls
