// Every configuration file of the shared corpus parses, and every normalised
// setting its expectation file names (written from the file itself and the
// corpus MANIFEST's notable_settings) is found — through the same reader and
// facts writer an audit uses, so secrets are checked only redacted.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "auditor/facts/fact_sink.hpp"
#include "probes/config/config_facts.hpp"
#include "probes/config/config_reader.hpp"
#include "probes/creds/weak_list.hpp"

namespace vca::probes::config {
namespace {

const std::filesystem::path kCorpus = std::filesystem::path(VCA_SHARED_DIR) / "corpus" / "configs";
const std::filesystem::path kExpectations =
    std::filesystem::path(VCA_SOURCE_DIR) / "tests" / "unit" / "probes" / "config" / "expectations";

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Row {
    std::string key, value, source;
    bool secret = false, placeholder = false;
    std::optional<bool> weak;
};

std::string text_of(const facts::Value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return {};
}

std::optional<bool> bool_of(const facts::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i != 0;
    return std::nullopt;
}

// Normalised setting rows (key not NULL), in device_settings column order.
std::vector<Row> normalised(const facts::MemorySink& sink) {
    std::vector<Row> out;
    for (const auto& r : sink.rows) {
        if (r.table != "device_settings" || std::holds_alternative<std::monostate>(r.cells[2])) continue;
        Row row;
        row.key = text_of(r.cells[2]);
        row.value = text_of(r.cells[3]);
        row.source = text_of(r.cells[6]);
        row.placeholder = bool_of(r.cells[7]).value_or(false);
        row.secret = bool_of(r.cells[8]).value_or(false);
        row.weak = bool_of(r.cells[9]);
        out.push_back(row);
    }
    return out;
}

const creds::SecretGuard& guard() {
    static const creds::SecretGuard g = [] {
        auto list = creds::load_weak_list(std::filesystem::path(VCA_SOURCE_DIR) / "policy" / "weak-secrets.yaml");
        if (!list) ADD_FAILURE() << list.error().line();
        return creds::SecretGuard(list ? *list : std::vector<creds::WeakCandidate>{}, "expectations-test-key");
    }();
    return g;
}

std::vector<std::filesystem::path> expectation_files() {
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(kExpectations))
        for (const auto& e : std::filesystem::directory_iterator(kExpectations))
            if (e.path().extension() == ".yaml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

FreeswitchVars corpus_freeswitch_vars() {
    auto p = kCorpus / "freeswitch" / "vars.xml";
    return freeswitch_vars_of("vars.xml", slurp(p));
}

// One expectation entry against the rows; the message never holds a secret.
void check_setting(const std::string& file, const YAML::Node& want, const std::vector<Row>& rows) {
    const std::string key = want["key"].as<std::string>();
    const bool secret = want["secret"] && want["secret"].as<bool>();
    bool found = false;
    for (const Row& r : rows) {
        if (r.key != key) continue;
        if (want["value"] && r.value != want["value"].as<std::string>()) continue;
        if (want["source"] && r.source != want["source"].as<std::string>()) continue;
        if (want["placeholder"] && r.placeholder != want["placeholder"].as<bool>()) continue;
        if (secret && !r.secret) continue;
        if (want["weak"] && r.weak != std::optional<bool>(want["weak"].as<bool>())) continue;
        found = true;
        break;
    }
    if (found) return;
    std::string have;
    for (const Row& r : rows)
        if (r.key == key)
            have += " [" + (r.secret ? std::string("<secret weak=") + (r.weak ? (*r.weak ? "1" : "0") : "?") + ">"
                                     : r.value) +
                    " " + r.source + "]";
    ADD_FAILURE() << file << ": expected " << key
                  << (secret ? " (a secret" + std::string(want["weak"] ? (want["weak"].as<bool>() ? ", weak)" : ", not weak)") : ")")
                             : " = " + (want["value"] ? want["value"].as<std::string>() : std::string("(any)")))
                  << (want["source"] ? " source " + want["source"].as<std::string>() : "")
                  << "; found:" << (have.empty() ? " none" : have);
}

TEST(ConfigExpectations, EveryCorpusFileHasAnExpectation) {
    std::set<std::string> expected;
    for (const auto& f : expectation_files()) expected.insert(YAML::LoadFile(f.string())["file"].as<std::string>());
    ASSERT_TRUE(std::filesystem::is_directory(kCorpus)) << kCorpus;
    for (const auto& e : std::filesystem::recursive_directory_iterator(kCorpus)) {
        if (!e.is_regular_file()) continue;
        std::string rel = std::filesystem::relative(e.path(), kCorpus).generic_string();
        if (rel == "MANIFEST.tsv" || rel == "README.md") continue;
        EXPECT_TRUE(expected.count(rel)) << rel << " has no expectation file";
    }
}

TEST(ConfigExpectations, NormalisedSettingsMatchTheFiles) {
    const FreeswitchVars vars = corpus_freeswitch_vars();
    auto files = expectation_files();
    ASSERT_FALSE(files.empty());
    for (const auto& f : files) {
        YAML::Node exp = YAML::LoadFile(f.string());
        const std::string rel = exp["file"].as<std::string>();
        SCOPED_TRACE(rel);
        std::string text = slurp(kCorpus / rel);
        ASSERT_FALSE(text.empty()) << rel;
        ParsedConfig parsed = read_config(std::filesystem::path(rel).filename().string(), text, vars);
        EXPECT_EQ(std::string(format_name(parsed.format)), exp["format"].as<std::string>());
        facts::MemorySink sink;
        emit_config_facts(parsed, ConfigContext{rel, 1, rel, {}}, guard(), sink);
        EXPECT_EQ(sink.count("devices"), 1u);
        std::vector<Row> rows = normalised(sink);
        for (const auto& want : exp["settings"]) check_setting(rel, want, rows);
        for (const auto& key : exp["absent"]) {
            for (const Row& r : rows)
                EXPECT_NE(r.key, key.as<std::string>()) << rel << ": " << r.key << " should be absent";
        }
        // No secret survives into a stored value.
        for (const Row& r : rows) {
            if (r.secret && !r.value.empty()) {
                EXPECT_NE(r.value.find(" char"), std::string::npos) << rel << " " << r.key;
            }
        }
    }
}

}  // namespace
}  // namespace vca::probes::config
