#include "probes/config/grandstream_pvalues.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "probes/config/config_limits.hpp"
#include "probes/config/config_text.hpp"

namespace vca::probes::config {
namespace {

// One P-number's meaning. Enumerated values list the canonical word for
// 0, 1, 2, ...; an empty list means the value is taken as written.
struct PValue {
    std::string_view number;
    std::string_view key;
    std::array<std::string_view, 5> values{};
};

constexpr std::array<PValue, 11> kPValues{{
    {"P2", "admin.password", {}},      // admin web password
    {"P34", "sip.password", {}},       // account 1 SIP authentication password
    {"P30", "ntp.server", {}},
    {"P207", "syslog.server", {}},
    {"P208", "log.level", {}},         // syslog level, numeric as written
    {"P237", "provisioning.url", {}},  // config server path
    {"P192", "firmware.url", {}},      // firmware server path
    {"P212", "provisioning.scheme", {"tftp", "http", "https", "ftp", "ftps"}},  // config upgrade via
    {"P6767", "firmware.scheme", {"tftp", "http", "https", "ftp", "ftps"}},     // firmware upgrade via
    {"P130", "sip.transport", {"udp", "tcp", "tls"}},                          // account 1 SIP transport
    // SRTP mode: 0 disabled, 1 enabled but not forced, 2 and 3 enabled and forced.
    {"P183", "media.srtp", {"off", "optional", "required", "required"}},
}};

const PValue* find(std::string_view raw_key) {
    const auto it = std::find_if(kPValues.begin(), kPValues.end(),
                                 [&](const PValue& p) { return ascii::iequals(p.number, raw_key); });
    return it == kPValues.end() ? nullptr : &*it;
}

Setting make(std::string_view key, std::string value, const RawSetting& r) {
    Setting s;
    s.key = std::string(key);
    s.placeholder = is_placeholder(value);
    s.value = std::move(value);
    s.raw_key = r.key;
    s.line = r.line;
    return s;
}

Setting make_default(std::string_view key, std::string_view value) {
    Setting s;
    s.key = std::string(key);
    s.value = std::string(value);
    s.source = Source::Default;
    return s;
}

}  // namespace

std::vector<Setting> normalise_grandstream_pvalues(const std::vector<RawSetting>& raw) {
    std::vector<Setting> out;
    bool transport_set = false;
    bool srtp_set = false;
    for (const RawSetting& r : raw) {
        if (out.size() + 2 >= limits::kMaxSettings) break;
        const PValue* p = find(text::trim(r.key));
        if (p == nullptr) continue;
        const std::string_view value = text::trim(r.value);
        if (value.empty()) continue;
        if (p->values.front().empty()) {
            out.push_back(make(p->key, std::string(value), r));
        } else if (const auto n = text::parse_int(value);
                   n && *n >= 0 && static_cast<std::size_t>(*n) < p->values.size() && !p->values[static_cast<std::size_t>(*n)].empty()) {
            out.push_back(make(p->key, std::string(p->values[static_cast<std::size_t>(*n)]), r));
        } else {
            out.push_back(make(p->key, std::string(value), r));  // unknown code: kept as written
        }
        transport_set = transport_set || p->key == "sip.transport";
        srtp_set = srtp_set || p->key == "media.srtp";
    }
    // Factory defaults of account 1: SIP over UDP, SRTP disabled.
    if (!transport_set) out.push_back(make_default("sip.transport", "udp"));
    if (!srtp_set) out.push_back(make_default("media.srtp", "off"));
    return out;
}

}  // namespace vca::probes::config
