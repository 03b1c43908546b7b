// The extract writer copies frames bit for bit, timestamps to the
// microsecond, and never replaces an existing file.
#include <gtest/gtest.h>

#include <vector>

#include "auditor/core/temp_dir.hpp"
#include "probes/capture/pcap_extract_writer.hpp"
#include "probes/capture/pcap_reader.hpp"

namespace vca::probes::capture {
namespace {

struct Copy {
    double ts;
    std::vector<std::uint8_t> bytes;
    std::uint32_t orig_len;
};

std::vector<Copy> read_all(const std::string& path, int& linktype) {
    std::vector<Copy> out;
    auto r = PcapReader::open(path);
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().line());
    if (!r) return out;
    linktype = r->linktype();
    Frame f;
    while (r->next(f).status == ReadStatus::Frame)
        out.push_back({f.ts, std::vector<std::uint8_t>(f.data.begin(), f.data.end()), f.orig_len});
    return out;
}

TEST(PcapExtractWriter, CopiesChosenFramesUnchanged) {
    const std::string source = std::string(VCA_SOURCE_DIR) + "/examples/captures/sip-udp-sipp.pcap";
    int linktype = 0;
    auto frames = read_all(source, linktype);
    ASSERT_GT(frames.size(), 4u);
    core::TempDir tmp("vca-extract");
    auto file = tmp.path() / "extract.pcap";
    auto w = PcapExtractWriter::create(file, linktype);
    ASSERT_TRUE(w.ok()) << w.error().line();
    // Every other frame: the writer keeps what it is given, in order.
    auto r = PcapReader::open(source);
    ASSERT_TRUE(r.ok());
    Frame f;
    std::vector<std::size_t> chosen;
    for (std::size_t i = 0; r->next(f).status == ReadStatus::Frame; ++i)
        if (i % 2 == 0) {
            ASSERT_TRUE(w->write(f).ok());
            chosen.push_back(i);
        }
    ASSERT_TRUE(w->close().ok());
    EXPECT_EQ(w->packets(), static_cast<std::int64_t>(chosen.size()));

    int copied_linktype = 0;
    auto copied = read_all(file.string(), copied_linktype);
    EXPECT_EQ(copied_linktype, linktype);
    ASSERT_EQ(copied.size(), chosen.size());
    for (std::size_t k = 0; k < chosen.size(); ++k) {
        const Copy& a = frames[chosen[k]];
        EXPECT_DOUBLE_EQ(copied[k].ts, a.ts) << k;
        EXPECT_EQ(copied[k].bytes, a.bytes) << k;
        EXPECT_EQ(copied[k].orig_len, a.orig_len) << k;
    }
}

TEST(PcapExtractWriter, RefusesAnExistingFile) {
    core::TempDir tmp("vca-extract");
    auto file = tmp.path() / "extract.pcap";
    auto first = PcapExtractWriter::create(file, 1);
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(first->close().ok());
    auto second = PcapExtractWriter::create(file, 1);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, "E156");
}

}  // namespace
}  // namespace vca::probes::capture
