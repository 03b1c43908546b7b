// PcapExtractWriter: copies chosen frames, bytes and timestamps unchanged,
// into one new pcap file (an investigation's evidence extract). The file is
// created new (an existing file is never overwritten) with the link type of
// the capture the frames come from.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "auditor/core/result.hpp"
#include "probes/capture/frame.hpp"

namespace vca::probes::capture {

class PcapExtractWriter {
public:
    // Snap length written in the file header: the largest frame PcapReader hands out.
    static core::Result<PcapExtractWriter> create(const std::filesystem::path& file, int linktype);

    PcapExtractWriter(PcapExtractWriter&&) noexcept;
    PcapExtractWriter& operator=(PcapExtractWriter&&) noexcept;
    ~PcapExtractWriter();  // closes the file if close() was not called

    // Appends one frame as read by PcapReader (timestamp to the microsecond).
    core::Status write(const Frame& frame);

    // Flushes and closes; the file is complete afterwards.
    core::Status close();

    [[nodiscard]] int linktype() const { return linktype_; }
    [[nodiscard]] std::int64_t packets() const { return packets_; }

private:
    struct Impl;  // libpcap handles stay inside this module
    PcapExtractWriter(std::unique_ptr<Impl> impl, std::filesystem::path file, int linktype);
    std::unique_ptr<Impl> impl_;
    std::filesystem::path file_;
    int linktype_ = 0;
    std::int64_t packets_ = 0;
};

}  // namespace vca::probes::capture
