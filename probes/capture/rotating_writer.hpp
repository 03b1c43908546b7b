// RotatingWriter: writes live packets into a series of pcap files in one
// folder, each created new (O_EXCL: an existing file is never overwritten),
// named by its UTC start time and a sequence number, rotated by size and by
// age, and pruned by age and total size (oldest closed files first, never the
// file being written). Every closed file is hashed through a callback (the
// probes do not link a crypto library) and handed to the caller to record.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/result.hpp"
#include "probes/capture/capture_defaults.hpp"
#include "probes/capture/packet_record.hpp"

namespace vca::probes::capture {

struct RotationPolicy {
    std::uint64_t max_file_bytes = defaults::kRotateBytes;  // 0: never rotate by size
    double max_file_seconds = defaults::kRotateSeconds;     // 0: never rotate by time
    double keep_seconds = 0;                                 // 0: keep closed files whatever their age
    std::uint64_t keep_bytes = 0;                            // 0: no cap on the folder's pcap bytes
};

// A file that will not be written any more.
struct ClosedFile {
    std::filesystem::path path;
    std::string name;  // file name inside the folder
    std::int64_t sequence = 0;
    std::string sha256;  // empty if hashing failed (hash_error says why)
    std::string hash_error;
    std::int64_t size = 0;
    std::int64_t packets = 0;
    std::optional<double> first_ts, last_ts;
    bool complete = true;  // false for a file found unclosed after a crash
    std::string why;       // size, time, stop, recovered
};

// A capture file found in the folder.
struct CaptureFileEntry {
    std::filesystem::path path;
    std::string name;
    std::int64_t sequence = 0;
    std::uint64_t size = 0;
    double mtime = 0;
};

// "capture-20250131T235959Z-000042.pcap": sorts by time, and the sequence
// (which the service also uses as the file's input id) keeps names unique.
std::string capture_file_name(std::int64_t sequence, std::int64_t start_unix);
std::optional<std::int64_t> capture_file_sequence(const std::string& name);
// Capture files of `dir`, by increasing sequence (other files are ignored).
std::vector<CaptureFileEntry> list_capture_files(const std::filesystem::path& dir);

using HashFile = std::function<core::Result<std::string>(const std::filesystem::path&)>;

// Describes a file that was never closed (the writer was killed): counts
// its readable packets and hashes it; complete=false, why="recovered".
ClosedFile describe_unclosed_file(const CaptureFileEntry& entry, const HashFile& hash);

struct WriterHooks {
    HashFile hash;
    std::function<void(const ClosedFile&)> closed;
    std::function<void(const std::filesystem::path&, const std::string& why)> deleted;
};

struct Placement {
    std::int64_t sequence = 0;      // file the packet went to
    std::int64_t frame_number = 0;  // 1-based within that file
};

class RotatingWriter {
public:
    // `dir` must exist. `first_sequence` is the first number to try; a name
    // already taken moves on to the next number.
    static core::Result<RotatingWriter> open(const std::filesystem::path& dir, int linktype, int snaplen,
                                             const RotationPolicy& policy, std::int64_t first_sequence,
                                             WriterHooks hooks);

    RotatingWriter(RotatingWriter&&) noexcept;
    RotatingWriter& operator=(RotatingWriter&&) noexcept;
    ~RotatingWriter();  // closes the current file (why "stop") if close() was not called

    // Writes one packet, first closing the current file if the packet would
    // take it past the size limit or the file is older than the time limit
    // (`now` is the wall clock, Unix seconds).
    core::Result<Placement> write(const PacketRecord& record, double now);

    // Called while idle: rotation by time and the periodic flush to disk.
    core::Status tick(double now);

    // Closes the current file, if any, and applies retention.
    core::Status close(const std::string& why, double now);

    // Deletes closed files beyond the age and size limits (oldest first).
    void enforce_retention(double now);

    [[nodiscard]] bool file_open() const;
    [[nodiscard]] std::int64_t current_sequence() const;  // 0 when no file is open
    [[nodiscard]] std::int64_t next_sequence() const { return next_sequence_; }

private:
    struct Impl;  // libpcap handles stay inside this module
    explicit RotatingWriter(std::unique_ptr<Impl> impl);
    core::Status open_file(std::int64_t start_unix, double now);
    core::Status close_file(const std::string& why, double now);

    std::unique_ptr<Impl> impl_;
    std::filesystem::path dir_;
    RotationPolicy policy_;
    WriterHooks hooks_;
    std::int64_t next_sequence_ = 1;
    ClosedFile current_;
    double opened_at_ = 0;
    double flushed_at_ = 0;
};

}  // namespace vca::probes::capture
