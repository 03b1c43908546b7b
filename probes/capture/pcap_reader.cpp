#include "probes/capture/pcap_reader.hpp"

#include <pcap/pcap.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "auditor/core/limits.hpp"

namespace vca::probes::capture {

struct PcapReader::Impl {
    pcap_t* handle = nullptr;
    ~Impl() {
        if (handle != nullptr) pcap_close(handle);
    }
};

namespace {

// pcap and pcapng magic numbers, to tell "not a capture" from "damaged capture".
std::string sniff_format(const std::string& path) {
    if (path == "-") return "pcap";  // libpcap decides; stdin cannot be re-read
    std::ifstream in(path, std::ios::binary);
    unsigned char m[4] = {};
    in.read(reinterpret_cast<char*>(m), 4);
    if (in.gcount() < 4) return "";
    std::uint32_t be = (std::uint32_t{m[0]} << 24) | (std::uint32_t{m[1]} << 16) |
                       (std::uint32_t{m[2]} << 8) | m[3];
    switch (be) {
        case 0xa1b2c3d4: case 0xd4c3b2a1: case 0xa1b23c4d: case 0x4d3cb2a1: return "pcap";
        case 0x0a0d0d0a: return "pcapng";
        default: return "";
    }
}

}  // namespace

core::Result<PcapReader> PcapReader::open(const std::string& path) {
    if (path != "-") {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec))
            return core::make_diag("E101", path + ": no such file",
                                   "check the path given to --pcap");
        std::ifstream probe(path, std::ios::binary);
        if (!probe)
            return core::make_diag("E102", path + ": cannot be read",
                                   "check the file's permissions");
    }
    std::string format = sniff_format(path);
    if (path != "-" && format.empty())
        return core::make_diag("E103", path + ": not a pcap or pcapng capture",
                               "pass a file written by tcpdump, dumpcap or Wireshark");
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* h = pcap_open_offline_with_tstamp_precision(path.c_str(),
                                                        PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (h == nullptr)
        return core::make_diag("E104", path + ": cannot open the capture: " + errbuf,
                               "the file header is damaged or the format is not supported");
    auto impl = std::make_unique<Impl>();
    impl->handle = h;
    if (path == "-") format = pcap_is_swapped(h) >= 0 ? "pcap" : "pcap";
    return PcapReader(std::move(impl), format);
}

core::Result<PcapReader> PcapReader::open_stream(std::FILE* stream) {
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* h = pcap_fopen_offline_with_tstamp_precision(stream, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (h == nullptr) {
        std::fclose(stream);
        return core::make_diag("E104", std::string("cannot open the capture: ") + errbuf);
    }
    auto impl = std::make_unique<Impl>();
    impl->handle = h;
    return PcapReader(std::move(impl), "pcap");
}

PcapReader::PcapReader(std::unique_ptr<Impl> impl, std::string format)
    : impl_(std::move(impl)), format_(std::move(format)) {}
PcapReader::PcapReader(PcapReader&&) noexcept = default;
PcapReader& PcapReader::operator=(PcapReader&&) noexcept = default;
PcapReader::~PcapReader() = default;

ReadResult PcapReader::next(Frame& frame) {
    pcap_pkthdr* hdr = nullptr;
    const u_char* data = nullptr;
    int rc = pcap_next_ex(impl_->handle, &hdr, &data);
    if (rc == 1) {
        ++frames_;
        // The pcap record stores seconds as an unsigned 32-bit field; libpcap
        // may hand it back sign-extended, so undo that (dates after 2038).
        auto secs = static_cast<std::int64_t>(hdr->ts.tv_sec);
        if (secs < 0) secs += std::int64_t{1} << 32;
        frame.ts = static_cast<double>(secs) + static_cast<double>(hdr->ts.tv_usec) / 1e6;
        frame.linktype = pcap_datalink(impl_->handle);
        std::size_t caplen = std::min<std::size_t>(hdr->caplen, core::limits::kMaxFrameBytes);
        frame.data = core::Bytes(data, caplen);
        frame.orig_len = hdr->len;
        frame.number = frames_;
        return {ReadStatus::Frame, {}};
    }
    if (rc == PCAP_ERROR_BREAK) return {ReadStatus::End, {}};
    std::string err = pcap_geterr(impl_->handle);
    // libpcap reports a file cut inside a record as "truncated dump file" (pcap)
    // or "truncated pcapng dump file" / "block ... too short" (pcapng).
    if (err.find("truncated") != std::string::npos || err.find("too short") != std::string::npos ||
        err.find("premature") != std::string::npos)
        return {ReadStatus::Truncated, err};
    return {ReadStatus::Error, err};
}

int PcapReader::linktype() const { return pcap_datalink(impl_->handle); }
std::string PcapReader::linktype_name() const { return capture::linktype_name(linktype()); }

std::int64_t PcapReader::position() const {
    std::FILE* f = pcap_file(impl_->handle);
    if (f == nullptr) return -1;
    long at = std::ftell(f);
    return at < 0 ? -1 : static_cast<std::int64_t>(at);
}

std::string linktype_name(int dlt) {
    const char* name = pcap_datalink_val_to_name(dlt);
    return name != nullptr ? std::string(name) : "DLT " + std::to_string(dlt);
}

}  // namespace vca::probes::capture
