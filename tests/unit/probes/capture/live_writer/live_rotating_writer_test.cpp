// RotatingWriter: names, O_EXCL, rotation by size and time, retention, and
// files read back by the offline reader exactly as written.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <fstream>
#include <map>
#include <vector>

#include "auditor/core/temp_dir.hpp"
#include "probes/capture/pcap_reader.hpp"
#include "probes/capture/rotating_writer.hpp"

namespace vca::probes::capture {
namespace {

constexpr int kEthernet = 1;
constexpr std::int64_t kFileHeader = 24, kRecordHeader = 16;

struct Recorder {
    std::vector<ClosedFile> closed;
    std::vector<std::string> deleted;
    std::vector<std::string> hashed;
    WriterHooks hooks() {
        WriterHooks h;
        // A stand-in digest: the real SHA-256 is checked against sha256sum in the integration test.
        h.hash = [this](const std::filesystem::path& p) -> core::Result<std::string> {
            hashed.push_back(p.filename().string());
            return "size:" + std::to_string(std::filesystem::file_size(p));
        };
        h.closed = [this](const ClosedFile& f) { closed.push_back(f); };
        h.deleted = [this](const std::filesystem::path& p, const std::string&) { deleted.push_back(p.filename().string()); };
        return h;
    }
};

// Packet i: `len` bytes all equal to i, at 1700000000 + i seconds and i microseconds.
struct Packets {
    std::vector<std::vector<std::uint8_t>> bytes;
    PacketRecord make(int i, std::size_t len) {
        bytes.emplace_back(len, static_cast<std::uint8_t>(i));
        PacketRecord r;
        r.ts_sec = 1'700'000'000 + i;
        r.ts_usec = i;
        r.orig_len = static_cast<std::uint32_t>(len + 4);
        r.bytes = core::Bytes(bytes.back().data(), bytes.back().size());
        return r;
    }
};

std::vector<Frame> read_all(const std::filesystem::path& p, std::vector<std::vector<std::uint8_t>>& keep) {
    auto reader = PcapReader::open(p.string());
    EXPECT_TRUE(reader.ok()) << p;
    std::vector<Frame> out;
    if (!reader) return out;
    Frame f;
    while (reader->next(f).status == ReadStatus::Frame) {
        keep.emplace_back(f.data.begin(), f.data.end());
        f.data = core::Bytes(keep.back().data(), keep.back().size());
        out.push_back(f);
    }
    return out;
}

TEST(CaptureFileName, NamesSortByTimeAndParseBack) {
    EXPECT_EQ(capture_file_name(42, 1'706'745'599), "capture-20240131T235959Z-000042.pcap");
    EXPECT_EQ(capture_file_sequence("capture-20240131T235959Z-000042.pcap"), 42);
    EXPECT_EQ(capture_file_sequence("capture-20240131T235959Z-1234567.pcap"), 1234567);
    EXPECT_FALSE(capture_file_sequence("capture-20240131T235959Z-.pcap"));
    EXPECT_FALSE(capture_file_sequence("capture-20240131T235959Z-00a1.pcap"));
    EXPECT_FALSE(capture_file_sequence("capture-20240131T235959Z-000001.pcapng"));
    EXPECT_FALSE(capture_file_sequence("evidence.db"));
}

TEST(RotatingWriter, RotatesBySizeAndEveryPacketReadsBackUnchanged) {
    core::TempDir tmp("vca-rot");
    Recorder rec;
    RotationPolicy policy;
    policy.max_file_bytes = kFileHeader + 3 * (kRecordHeader + 100);  // exactly three 100-byte packets
    policy.max_file_seconds = 0;
    auto w = RotatingWriter::open(tmp.path(), kEthernet, 65535, policy, 1, rec.hooks());
    ASSERT_TRUE(w.ok());
    Packets pk;
    std::vector<Placement> placed;
    for (int i = 0; i < 10; ++i) {
        auto p = w->write(pk.make(i, 100), 1000.0 + i);
        ASSERT_TRUE(p.ok());
        placed.push_back(*p);
    }
    EXPECT_EQ(rec.closed.size(), 3U);  // 3 + 3 + 3 closed, the 10th packet is in the open file
    ASSERT_TRUE(w->close("stop", 2000).ok());
    ASSERT_EQ(rec.closed.size(), 4U);
    EXPECT_EQ(placed[2].sequence, 1);
    EXPECT_EQ(placed[2].frame_number, 3);
    EXPECT_EQ(placed[3].sequence, 2);
    EXPECT_EQ(placed[3].frame_number, 1);  // numbering restarts in each file
    EXPECT_EQ(placed[9].sequence, 4);

    auto files = list_capture_files(tmp.path());
    ASSERT_EQ(files.size(), 4U);
    int i = 0;
    for (std::size_t k = 0; k < files.size(); ++k) {
        const ClosedFile& c = rec.closed[k];
        EXPECT_EQ(c.sequence, static_cast<std::int64_t>(k + 1));
        EXPECT_EQ(c.why, k < 3 ? "size" : "stop");
        EXPECT_EQ(c.path, files[k].path);
        std::int64_t n = k < 3 ? 3 : 1;
        EXPECT_EQ(c.packets, n);
        EXPECT_EQ(c.size, kFileHeader + n * (kRecordHeader + 100));
        EXPECT_EQ(static_cast<std::int64_t>(files[k].size), c.size);
        EXPECT_EQ(c.sha256, "size:" + std::to_string(c.size));
        EXPECT_TRUE(c.complete);
        // Name: start time of its first packet.
        EXPECT_EQ(files[k].name, capture_file_name(c.sequence, 1'700'000'000 + i));
        std::vector<std::vector<std::uint8_t>> keep;
        auto frames = read_all(files[k].path, keep);
        ASSERT_EQ(frames.size(), static_cast<std::size_t>(n));
        for (const auto& f : frames) {
            EXPECT_EQ(f.ts, static_cast<double>(1'700'000'000 + i) + i / 1e6);
            EXPECT_EQ(f.orig_len, 104U);
            ASSERT_EQ(f.data.size(), 100U);
            EXPECT_EQ(f.data[0], i);
            EXPECT_EQ(f.linktype, kEthernet);
            ++i;
        }
        EXPECT_EQ(c.first_ts, frames.front().ts);
        EXPECT_EQ(c.last_ts, frames.back().ts);
    }
    EXPECT_EQ(rec.hashed.size(), 4U);
}

TEST(RotatingWriter, NeverOverwritesAnExistingName) {
    core::TempDir tmp("vca-rot");
    std::string taken = capture_file_name(1, 1'700'000'000);
    { std::ofstream(tmp.path() / taken) << "earlier evidence"; }
    Recorder rec;
    auto w = RotatingWriter::open(tmp.path(), kEthernet, 65535, {}, 1, rec.hooks());
    ASSERT_TRUE(w.ok());
    Packets pk;
    auto p = w->write(pk.make(0, 60), 10);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->sequence, 2);
    ASSERT_TRUE(w->close("stop", 11).ok());
    std::ifstream in(tmp.path() / taken);
    std::string text;
    std::getline(in, text);
    EXPECT_EQ(text, "earlier evidence");
    EXPECT_EQ(w->next_sequence(), 3);
}

TEST(RotatingWriter, RotatesByTimeWhileIdle) {
    core::TempDir tmp("vca-rot");
    Recorder rec;
    RotationPolicy policy;
    policy.max_file_bytes = 0;
    policy.max_file_seconds = 10;
    auto w = RotatingWriter::open(tmp.path(), kEthernet, 65535, policy, 7, rec.hooks());
    ASSERT_TRUE(w.ok());
    Packets pk;
    ASSERT_TRUE(w->write(pk.make(0, 60), 100).ok());
    ASSERT_TRUE(w->tick(105).ok());
    EXPECT_TRUE(rec.closed.empty());
    ASSERT_TRUE(w->tick(110).ok());
    ASSERT_EQ(rec.closed.size(), 1U);
    EXPECT_EQ(rec.closed[0].why, "time");
    EXPECT_EQ(rec.closed[0].sequence, 7);
    EXPECT_FALSE(w->file_open());
    ASSERT_TRUE(w->write(pk.make(1, 60), 111).ok());
    EXPECT_EQ(w->current_sequence(), 8);
    // A busy link rotates on the packet that comes after the deadline.
    ASSERT_TRUE(w->write(pk.make(2, 60), 121).ok());
    EXPECT_EQ(w->current_sequence(), 9);
    EXPECT_EQ(rec.closed.back().packets, 1);
}

TEST(RotatingWriter, RetentionBySizeDeletesOldestClosedNeverTheCurrent) {
    core::TempDir tmp("vca-rot");
    Recorder rec;
    RotationPolicy policy;
    const std::int64_t file_bytes = kFileHeader + 2 * (kRecordHeader + 200);
    policy.max_file_bytes = static_cast<std::uint64_t>(file_bytes);
    policy.max_file_seconds = 0;
    policy.keep_bytes = static_cast<std::uint64_t>(2 * file_bytes);  // two full files
    auto w = RotatingWriter::open(tmp.path(), kEthernet, 65535, policy, 1, rec.hooks());
    ASSERT_TRUE(w.ok());
    Packets pk;
    for (int i = 0; i < 9; ++i) ASSERT_TRUE(w->write(pk.make(i, 200), 50).ok());
    // Files 1-4 closed with 2 packets each, 5 open with 1. At each close the
    // closed files must fit in two full files: closing 3 deletes 1, closing 4 deletes 2.
    std::vector<std::string> expect_deleted = {capture_file_name(1, 1'700'000'000),
                                               capture_file_name(2, 1'700'000'002)};
    EXPECT_EQ(rec.deleted, expect_deleted);
    // With the open file counted (3 + 4 + 5 > two full files) the oldest closed one goes.
    w->enforce_retention(50);
    expect_deleted.push_back(capture_file_name(3, 1'700'000'004));
    EXPECT_EQ(rec.deleted, expect_deleted);
    auto files = list_capture_files(tmp.path());
    ASSERT_EQ(files.size(), 2U);
    EXPECT_EQ(files[0].sequence, 4);
    EXPECT_EQ(files[1].sequence, 5);
    EXPECT_EQ(w->current_sequence(), 5);
    ASSERT_TRUE(w->close("stop", 60).ok());
    EXPECT_EQ(rec.deleted.size(), 3U);  // 4 + 5 fit
}

TEST(RotatingWriter, RetentionByAgeUsesTheFilesTimes) {
    core::TempDir tmp("vca-rot");
    Recorder rec;
    RotationPolicy policy;
    policy.max_file_bytes = kFileHeader + kRecordHeader + 60;  // one packet per file
    policy.max_file_seconds = 0;
    policy.keep_seconds = 3600;
    auto w = RotatingWriter::open(tmp.path(), kEthernet, 65535, policy, 1, rec.hooks());
    ASSERT_TRUE(w.ok());
    Packets pk;
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(w->write(pk.make(i, 60), 0).ok());
    auto files = list_capture_files(tmp.path());
    ASSERT_EQ(files.size(), 3U);  // 1, 2 closed; 3 open
    // File 1 was last written two hours before "now", file 2 ten minutes before.
    double now = files[0].mtime + 7200;
    timespec t[2] = {{static_cast<time_t>(now - 600), 0}, {static_cast<time_t>(now - 600), 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, files[1].path.c_str(), t, 0), 0);
    w->enforce_retention(now);
    ASSERT_EQ(rec.deleted.size(), 1U);
    EXPECT_EQ(rec.deleted[0], files[0].name);
    // The open file is never deleted, however old.
    w->enforce_retention(now + 1e6);
    EXPECT_EQ(rec.deleted.size(), 2U);
    EXPECT_TRUE(std::filesystem::exists(files[2].path));
    ASSERT_TRUE(w->close("stop", now).ok());
}

TEST(DescribeUnclosedFile, CountsWholeRecordsOfACutFile) {
    core::TempDir tmp("vca-rot");
    Recorder rec;
    RotationPolicy policy;
    policy.max_file_seconds = 0;
    std::filesystem::path path;
    {
        auto w = RotatingWriter::open(tmp.path(), kEthernet, 65535, policy, 5, rec.hooks());
        ASSERT_TRUE(w.ok());
        Packets pk;
        for (int i = 0; i < 4; ++i) ASSERT_TRUE(w->write(pk.make(i, 80), 0).ok());
        ASSERT_TRUE(w->close("stop", 0).ok());
        path = rec.closed.at(0).path;
    }
    // As a kill would leave it: the last record cut in half.
    std::filesystem::resize_file(path, static_cast<std::uintmax_t>(kFileHeader + 3 * (kRecordHeader + 80) + 40));
    auto entries = list_capture_files(tmp.path());
    ASSERT_EQ(entries.size(), 1U);
    ClosedFile c = describe_unclosed_file(entries[0], rec.hooks().hash);
    EXPECT_EQ(c.sequence, 5);
    EXPECT_EQ(c.packets, 3);
    EXPECT_FALSE(c.complete);
    EXPECT_EQ(c.why, "recovered");
    EXPECT_EQ(c.first_ts, 1'700'000'000.0);
    EXPECT_EQ(c.last_ts, 1'700'000'002.0 + 2 / 1e6);
    EXPECT_EQ(c.sha256, "size:" + std::to_string(kFileHeader + 3 * (kRecordHeader + 80) + 40));

    // Only the header was written (killed at once): nothing readable, still described.
    std::filesystem::resize_file(path, 10);
    ClosedFile empty = describe_unclosed_file(list_capture_files(tmp.path())[0], rec.hooks().hash);
    EXPECT_EQ(empty.packets, 0);
    EXPECT_FALSE(empty.first_ts);
    EXPECT_EQ(empty.sha256, "size:10");
}

}  // namespace
}  // namespace vca::probes::capture
