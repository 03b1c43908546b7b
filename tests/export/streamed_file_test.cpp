// write_file_exclusive_streamed: the exports are written through it, so it
// must give exactly the streamed bytes with exactly the mode, refuse an
// existing file, and leave nothing behind when a write fails.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "reports/sign/codes.hpp"
#include "reports/sign/file_io.hpp"

namespace vca::sign {
namespace {

namespace fs = std::filesystem;

class StreamedFile : public ::testing::Test {
protected:
    fs::path dir;
    void SetUp() override {
        dir = fs::temp_directory_path() / ("vca-streamed-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    void TearDown() override { fs::remove_all(dir); }

    static std::string read(const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
};

// Several MiB in pieces of every size: small puts, writes that straddle the
// 1 MiB buffer, and one write bigger than the buffer.
std::string expected_content() {
    std::string all;
    for (int i = 0; i < 200000; ++i) all += "line " + std::to_string(i) + "\n";
    all += std::string(3 * 1024 * 1024 + 7, 'x');
    all += "end\n";
    return all;
}

TEST_F(StreamedFile, WritesEveryByteWithTheExactMode) {
    const fs::path file = dir / "out.json";
    const std::string want = expected_content();
    const mode_t old_umask = ::umask(077);  // the mode must not depend on it
    auto st = write_file_exclusive_streamed(file, 0644, [&](std::ostream& out) {
        for (std::size_t at = 0; at < want.size();) {
            const std::size_t n = std::min<std::size_t>(want.size() - at, 1 + (at % 5000) * 300);
            if (n == 1) out.put(want[at]);
            else out.write(want.data() + at, static_cast<std::streamsize>(n));
            at += n;
        }
    });
    ::umask(old_umask);
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ(read(file), want);
    struct stat info {};
    ASSERT_EQ(::stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 07777, 0644U);
}

TEST_F(StreamedFile, RefusesAnExistingFileAndLeavesItAlone) {
    const fs::path file = dir / "out.json";
    std::ofstream(file) << "before";
    bool called = false;
    auto st = write_file_exclusive_streamed(file, 0644, [&](std::ostream& out) {
        called = true;
        out << "after";
    });
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, codes::kFileExists);
    EXPECT_FALSE(called);
    EXPECT_EQ(read(file), "before");
}

// A full disk, simulated by the file size limit: the error names the file and
// no partial file stays behind.
TEST_F(StreamedFile, WriteFailureNamesTheFileAndRemovesIt) {
    const fs::path file = dir / "big.json";
    struct rlimit old_limit {};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old_limit), 0);
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);  // write() then fails with EFBIG
    struct rlimit small = old_limit;
    small.rlim_cur = 256 * 1024;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    auto st = write_file_exclusive_streamed(file, 0644, [](std::ostream& out) {
        const std::string chunk(1000, 'y');
        for (int i = 0; i < 4000; ++i) out << chunk << '\n';
    });
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, codes::kCannotWrite);
    EXPECT_NE(st.error().line().find(file.string()), std::string::npos) << st.error().line();
    EXPECT_FALSE(fs::exists(file));
}

TEST_F(StreamedFile, WriterExceptionRemovesTheFile) {
    const fs::path file = dir / "half.json";
    auto st = write_file_exclusive_streamed(file, 0644, [](std::ostream& out) {
        out << "half written";
        throw std::runtime_error("model broke");
    });
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, codes::kCannotWrite);
    EXPECT_NE(st.error().message.find("model broke"), std::string::npos);
    EXPECT_FALSE(fs::exists(file));
}

}  // namespace
}  // namespace vca::sign
