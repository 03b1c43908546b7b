#include "probes/capture/pcap_extract_writer.hpp"

#include <fcntl.h>
#include <pcap/pcap.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "auditor/core/limits.hpp"

namespace vca::probes::capture {

struct PcapExtractWriter::Impl {
    pcap_t* dead = nullptr;  // carries link type and snap length for the file header
    pcap_dumper_t* dumper = nullptr;
    ~Impl() {
        if (dumper != nullptr) pcap_dump_close(dumper);
        if (dead != nullptr) pcap_close(dead);
    }
};

core::Result<PcapExtractWriter> PcapExtractWriter::create(const std::filesystem::path& file, int linktype) {
    auto impl = std::make_unique<Impl>();
    impl->dead = pcap_open_dead_with_tstamp_precision(linktype, static_cast<int>(core::limits::kMaxFrameBytes),
                                                      PCAP_TSTAMP_PRECISION_MICRO);
    if (impl->dead == nullptr) return core::make_diag("E156", "cannot prepare pcap file headers (out of memory)");
    // O_EXCL: evidence already written is never replaced.
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return core::make_diag("E156", file.string() + ": cannot create: " + std::strerror(errno),
                               "the output folder must be writable and the file must not exist");
    std::FILE* stream = ::fdopen(fd, "wb");
    if (stream == nullptr) {
        ::close(fd);
        return core::make_diag("E156", file.string() + ": cannot open for writing: " + std::strerror(errno));
    }
    impl->dumper = pcap_dump_fopen(impl->dead, stream);
    if (impl->dumper == nullptr) {
        std::string err = pcap_geterr(impl->dead);
        std::fclose(stream);
        return core::make_diag("E156", file.string() + ": cannot write the pcap header: " + err);
    }
    return PcapExtractWriter(std::move(impl), file, linktype);
}

PcapExtractWriter::PcapExtractWriter(std::unique_ptr<Impl> impl, std::filesystem::path file, int linktype)
    : impl_(std::move(impl)), file_(std::move(file)), linktype_(linktype) {}
PcapExtractWriter::PcapExtractWriter(PcapExtractWriter&&) noexcept = default;
PcapExtractWriter& PcapExtractWriter::operator=(PcapExtractWriter&&) noexcept = default;
PcapExtractWriter::~PcapExtractWriter() = default;

core::Status PcapExtractWriter::write(const Frame& frame) {
    if (!impl_ || impl_->dumper == nullptr) return core::make_diag("E156", file_.string() + ": already closed");
    // PcapReader reads at microsecond precision, so this gives back the
    // record's own seconds and microseconds.
    double secs = std::floor(frame.ts);
    auto usec = static_cast<long>(std::llround((frame.ts - secs) * 1e6));
    auto whole = static_cast<long long>(secs);
    if (usec >= 1'000'000) {
        ++whole;
        usec -= 1'000'000;
    }
    pcap_pkthdr hdr{};
    hdr.ts.tv_sec = static_cast<time_t>(whole);
    hdr.ts.tv_usec = static_cast<suseconds_t>(usec);
    hdr.caplen = static_cast<bpf_u_int32>(frame.data.size());
    hdr.len = std::max<bpf_u_int32>(frame.orig_len, hdr.caplen);
    pcap_dump(reinterpret_cast<u_char*>(impl_->dumper), &hdr, frame.data.data());
    ++packets_;
    return core::ok_status();
}

core::Status PcapExtractWriter::close() {
    if (!impl_ || impl_->dumper == nullptr) return core::ok_status();
    bool failed = pcap_dump_flush(impl_->dumper) != 0 || std::ferror(pcap_dump_file(impl_->dumper)) != 0;
    pcap_dump_close(impl_->dumper);  // also closes the stream
    impl_->dumper = nullptr;
    if (failed) return core::make_diag("E156", file_.string() + ": write failed", "check the free disk space");
    return core::ok_status();
}

}  // namespace vca::probes::capture
