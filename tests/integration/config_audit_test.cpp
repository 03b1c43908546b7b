// Configuration audits through the real binary: a folder of configurations
// beside a README, each file an input recorded with its hash and format, a
// damaged line reported without stopping the rest, a missing path refused.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "cli_support.hpp"

namespace vca::test {
namespace {

// Rows of a query on the audit's evidence store, as text.
std::vector<std::vector<std::string>> query(const std::filesystem::path& db, const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    sqlite3* h = nullptr;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return rows;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(st); ++i) {
                const unsigned char* t = sqlite3_column_text(st, i);
                row.emplace_back(t ? reinterpret_cast<const char*>(t) : "NULL");
            }
            rows.push_back(row);
        }
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return rows;
}

TEST(ConfigAudit, FolderOfConfigurationsBecomesInputsAndSettings) {
    TempDir tmp;
    auto dir = tmp.path / "devices";
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(source_dir() / "examples" / "configs" / "phong-hop-yealink.cfg", dir / "phone.cfg");
    std::ofstream(dir / "README.md") << "notes = the devices of the meeting room\n";
    // A coturn file with one line that is not an option: reported, the rest still read.
    std::ofstream(dir / "turnserver.conf") << "no-tlsv1\nno-tlsv1_1\n!!! not an option\ndenied-peer-ip=10.0.0.0-10.255.255.255\n";
    RunResult r = run(vcaudit() + " audit --level 3 --configs " + q(dir) + " --out " + q(tmp.path / "r"));
    ASSERT_EQ(r.code, 1) << r.out;  // the phone's weaknesses fail rules
    auto db = tmp.path / "r" / "evidence.db";
    auto inputs = query(db, "SELECT path, kind, format, length(sha256) FROM inputs ORDER BY path");
    ASSERT_EQ(inputs.size(), 3u);
    EXPECT_EQ(inputs[0][2], "unknown");  // README.md: kept as evidence, never read as settings
    EXPECT_EQ(inputs[1][2], "yealink_cfg");
    EXPECT_EQ(inputs[2][2], "coturn_conf");
    for (const auto& in : inputs) {
        EXPECT_EQ(in[1], "config");
        EXPECT_EQ(in[3], "64");
    }
    auto damaged = query(db, "SELECT detail FROM anomalies WHERE name = 'config_parse_error'");
    ASSERT_EQ(damaged.size(), 1u);
    EXPECT_NE(damaged[0][0].find("turnserver.conf:3"), std::string::npos) << damaged[0][0];
    auto peers = query(db, "SELECT value FROM device_settings WHERE key = 'turn.denied_peers'");
    ASSERT_EQ(peers.size(), 1u);
    EXPECT_EQ(peers[0][0], "10.0.0.0/8");
    // The phone's admin password is stored redacted and judged weak, never in clear.
    auto admin = query(db, "SELECT value, weak, length(secret_hmac) FROM device_settings WHERE key = 'admin.password'");
    ASSERT_EQ(admin.size(), 1u);
    EXPECT_NE(admin[0][0].find("chars)"), std::string::npos);
    EXPECT_EQ(admin[0][1], "1");
    EXPECT_EQ(admin[0][2], "64");
    EXPECT_NE(slurp(tmp.path / "r" / "report.json").find("VC-CFG-005"), std::string::npos);
}

TEST(ConfigAudit, MissingConfigurationIsOneErrorAndNoReport) {
    TempDir tmp;
    RunResult r = run(vcaudit() + " audit --level 3 --config " + q(tmp.path / "nope.cfg") + " --out " + q(tmp.path / "r"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("error E110"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("nope.cfg: no such configuration file or folder"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(tmp.path / "r"));
}

}  // namespace
}  // namespace vca::test
