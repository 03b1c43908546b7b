// Offline capture reader over libpcap: pcap and pcapng files, or "-" for
// standard input. The only module that includes pcap.h.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "auditor/core/result.hpp"
#include "probes/capture/frame.hpp"

namespace vca::probes::capture {

enum class ReadStatus { Frame, End, Truncated, Error };

struct ReadResult {
    ReadStatus status;
    std::string detail;  // libpcap's words for Truncated / Error
};

class PcapReader {
public:
    // Opens `path` read-only. Fails with one line naming the file and the fix
    // for a missing file, a file that is not pcap/pcapng, or a damaged header.
    static core::Result<PcapReader> open(const std::string& path);

    // Reads from an open stream (takes ownership; closed with the reader),
    // e.g. fmemopen() in the fuzz harness.
    static core::Result<PcapReader> open_stream(std::FILE* stream);

    PcapReader(PcapReader&&) noexcept;
    PcapReader& operator=(PcapReader&&) noexcept;
    ~PcapReader();

    // Reads the next frame into `frame` (valid until the next call).
    ReadResult next(Frame& frame);

    [[nodiscard]] int linktype() const;
    [[nodiscard]] std::string linktype_name() const;
    [[nodiscard]] std::string format() const { return format_; }
    // Bytes of the file consumed so far (libpcap reads ahead in its buffer),
    // for a progress line; -1 when not known.
    [[nodiscard]] std::int64_t position() const;

private:
    struct Impl;
    explicit PcapReader(std::unique_ptr<Impl> impl, std::string format);
    std::unique_ptr<Impl> impl_;
    std::string format_;
    std::int64_t frames_ = 0;
};

// Name of a DLT value ("EN10MB", "LINUX_SLL2", ...), or "DLT <n>".
std::string linktype_name(int dlt);

}  // namespace vca::probes::capture
