// Helpers of the XML/JSON configuration parser tests: corpus files read at
// run time from the shared folder, lookups of normalised settings, and a
// hash to compare secrets without writing them in clear (failure messages
// show hashes and lengths only).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "probes/config/config_model.hpp"

namespace vca::probes::config::testing {

inline std::string corpus_file(std::string_view relative) {
    const std::filesystem::path p =
        std::filesystem::path(VCA_SHARED_DIR) / "corpus" / "configs" / std::filesystem::path(relative);
    std::ifstream in(p, std::ios::binary);
    if (!in) ADD_FAILURE() << "missing corpus file " << relative;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// FNV-1a 64: enough to tell one known default password from another.
constexpr std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

inline bool is_secret_setting(const Setting& s) {
    return s.key == "admin.password" || s.key == "sip.password" || s.key == "service.secret" ||
           s.key == "snmp.community";
}

inline std::vector<const Setting*> all_of(const ParsedConfig& c, std::string_view key) {
    std::vector<const Setting*> out;
    for (const Setting& s : c.settings)
        if (s.key == key) out.push_back(&s);
    return out;
}

// The first setting with this key (and value, when given).
inline const Setting* find(const ParsedConfig& c, std::string_view key, std::string_view value = {}) {
    for (const Setting& s : c.settings)
        if (s.key == key && (value.empty() || s.value == value)) return &s;
    return nullptr;
}

inline const RawSetting* find_raw(const ParsedConfig& c, std::string_view key) {
    for (const RawSetting& r : c.raw)
        if (r.key == key) return &r;
    return nullptr;
}

// "key: [value raw_key:line ...]" for failure messages; secrets as lengths.
inline std::string describe(const ParsedConfig& c, std::string_view key) {
    std::string out(key);
    out += ":";
    for (const Setting* s : all_of(c, key)) {
        out += " [";
        out +=
            (is_secret_setting(*s) && !s->placeholder) ? "<" + std::to_string(s->value.size()) + " chars>" : s->value;
        out += " " + s->raw_key + ":" + std::to_string(s->line);
        if (s->source == Source::Default) out += " default";
        if (s->placeholder) out += " placeholder";
        out += "]";
    }
    return out;
}

}  // namespace vca::probes::config::testing
