// Helpers shared by the auditor/scan tests: file I/O and a rule set compiled
// from rule text written to a temporary file.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/temp_dir.hpp"
#include "auditor/scan/scanner.hpp"
#include "auditor/scan/yara_rules.hpp"

namespace vca::scan::test {

inline std::filesystem::path bundled_dir() { return std::filesystem::path(VCA_SOURCE_DIR) / "rules" / "yara"; }
inline std::filesystem::path samples_dir() { return bundled_dir() / "samples"; }

inline std::vector<std::uint8_t> read_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_text(const std::filesystem::path& p, std::string_view text) {
    std::ofstream out(p, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

inline core::Bytes bytes(std::string_view s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

// Compiles `rule_text` alone (no bundled rules) from <dir>/<stem>.yar.
inline std::shared_ptr<const RuleSet> compile_text(const core::TempDir& dir, std::string_view rule_text,
                                                   const std::string& stem = "user") {
    const auto path = dir.path() / (stem + ".yar");
    write_text(path, rule_text);
    auto set = RuleSet::compile(RuleSetSpec{{}, {path}});
    EXPECT_TRUE(set.ok()) << (set.ok() ? "" : set.error().line());
    return set.ok() ? set.value() : nullptr;
}

inline Scanner make_scanner(std::shared_ptr<const RuleSet> rules, ScannerOptions options = {}) {
    auto s = Scanner::create(std::move(rules), options);
    if (!s.ok()) ADD_FAILURE() << s.error().line();
    return std::move(s).value();
}

}  // namespace vca::scan::test
