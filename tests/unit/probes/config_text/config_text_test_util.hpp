// Helpers for the text configuration parser tests: reading corpus files at
// run time (never copied into the repository), finding normalised settings,
// checking secrets without ever printing them, and the invariants every
// ParsedConfig must keep.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "probes/config/config_model.hpp"

namespace vca::probes::config::testing {

// A file of shared/corpus/configs (path relative to it). Empty, with a test
// failure, when it is missing.
inline std::string corpus(std::string_view relative) {
    const std::string path = std::string(VCA_SHARED_DIR) + "/corpus/configs/" + std::string(relative);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ADD_FAILURE() << "corpus file missing: " << relative;
        return {};
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::vector<const Setting*> all(const ParsedConfig& c, std::string_view key) {
    std::vector<const Setting*> out;
    for (const Setting& s : c.settings)
        if (s.key == key) out.push_back(&s);
    return out;
}

inline const Setting* find(const ParsedConfig& c, std::string_view key, std::string_view value) {
    for (const Setting& s : c.settings)
        if (s.key == key && s.value == value) return &s;
    return nullptr;
}

inline const Setting* first(const ParsedConfig& c, std::string_view key) {
    for (const Setting& s : c.settings)
        if (s.key == key) return &s;
    return nullptr;
}

inline bool has(const ParsedConfig& c, std::string_view key, std::string_view value, Source source = Source::File) {
    const Setting* s = find(c, key, value);
    return s != nullptr && s->source == source;
}

inline bool absent(const ParsedConfig& c, std::string_view key) { return first(c, key) == nullptr; }

// Values of a non-secret key, for failure messages.
inline std::string values(const ParsedConfig& c, std::string_view key) {
    std::string out;
    for (const Setting* s : all(c, key)) out += "[" + s->value + (s->source == Source::Default ? " default" : "") + "]";
    return out.empty() ? "(none)" : out;
}

inline const RawSetting* raw(const ParsedConfig& c, std::string_view key) {
    for (const RawSetting& r : c.raw)
        if (r.key == key) return &r;
    return nullptr;
}

inline bool has_issue(const ParsedConfig& c, std::string_view words) {
    for (const ParseIssue& i : c.issues)
        if (i.message.find(words) != std::string::npos) return true;
    return false;
}

inline std::string issues(const ParsedConfig& c) {
    std::string out;
    for (const ParseIssue& i : c.issues) out += std::to_string(i.line) + ": " + i.message + "\n";
    return out;
}

// FNV-1a: secrets are compared through it so a failing test prints digests,
// never the secret.
inline std::uint64_t digest(std::string_view s) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

inline bool secret_is(const Setting* s, std::string_view expected) {
    return s != nullptr && digest(s->value) == digest(expected);
}

// Lines of the text, counted the way the parsers count them.
inline int line_count(std::string_view text) {
    int lines = 1;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++lines;
    return lines;
}

// What every parse result must satisfy, whatever the input.
inline void expect_invariants(const ParsedConfig& c, std::string_view text, Format format) {
    EXPECT_EQ(c.format, format);
    const int lines = line_count(text);
    for (const RawSetting& r : c.raw) {
        EXPECT_GE(r.line, 1) << r.key;
        EXPECT_LE(r.line, lines) << r.key;
    }
    for (const Setting& s : c.settings) {
        EXPECT_FALSE(s.key.empty());
        EXPECT_FALSE(s.value.empty()) << s.key;
        if (s.source == Source::Default) {
            EXPECT_EQ(s.line, 0) << s.key;
            EXPECT_TRUE(s.raw_key.empty()) << s.key;
        } else {
            EXPECT_GE(s.line, 1) << s.key;
            EXPECT_LE(s.line, lines) << s.key;
        }
    }
    for (const ParseIssue& i : c.issues) {
        EXPECT_GE(i.line, 0);
        EXPECT_LE(i.line, lines);
    }
}

// What `parser` makes of `text`, checked against the invariants.
inline ParsedConfig parse_checked(ParsedConfig (*parser)(std::string_view), std::string_view text, Format format) {
    ParsedConfig c = parser(text);
    expect_invariants(c, text, format);
    return c;
}

}  // namespace vca::probes::config::testing
