#include "probes/capture/live_source.hpp"

#include <poll.h>
#include <pcap/pcap.h>

#include <cerrno>
#include <cstring>

namespace vca::probes::capture {

struct LiveSource::Impl {
    pcap_t* handle = nullptr;
    int fd = -1;
    ~Impl() {
        if (handle != nullptr) pcap_close(handle);
    }
};

namespace {

core::Diagnostic iface_error(const std::string& iface, const std::string& what, const std::string& hint) {
    return core::make_diag("E150", "interface " + iface + ": " + what, hint);
}

// pcap_activate's result, in words a user can act on.
core::Diagnostic activate_error(const std::string& iface, int rc, pcap_t* h) {
    std::string detail = pcap_geterr(h);
    switch (rc) {
        case PCAP_ERROR_NO_SUCH_DEVICE:
            return iface_error(iface, "no such interface (" + detail + ")", "list interfaces with `ip link`");
        case PCAP_ERROR_PERM_DENIED:
            return iface_error(iface, "permission denied (" + detail + ")",
                               "run as root or with CAP_NET_RAW (see packaging/systemd/vcaudit-capture.service)");
        case PCAP_ERROR_IFACE_NOT_UP:
            return iface_error(iface, "the interface is down", "bring it up with `ip link set " + iface + " up`");
        default:
            return iface_error(iface, "cannot start capturing: " + std::string(pcap_statustostr(rc)) +
                                          (detail.empty() ? "" : " (" + detail + ")"),
                               {});
    }
}

}  // namespace

core::Result<LiveSource> LiveSource::open(const LiveOptions& o) {
    if (o.iface.empty()) return core::make_diag("E150", "no interface to capture on", "pass --iface NAME");
    if (o.buffer_bytes == 0 || o.buffer_bytes > defaults::kMaxBufferBytes)
        return core::make_diag("E151", "capture buffer of " + std::to_string(o.buffer_bytes) + " bytes is out of range",
                               "pass --buffer-mb between 1 and " +
                                   std::to_string(defaults::kMaxBufferBytes / (1024 * 1024)));
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* h = pcap_create(o.iface.c_str(), errbuf);
    if (h == nullptr) return iface_error(o.iface, errbuf, "list interfaces with `ip link`");
    auto impl = std::make_unique<Impl>();
    impl->handle = h;
    // Immediate mode: packets are handed over as they arrive, so the ring is
    // drained continuously and a stop loses nothing still held in a block.
    if (pcap_set_snaplen(h, o.snaplen) != 0 || pcap_set_immediate_mode(h, 1) != 0 ||
        pcap_set_buffer_size(h, static_cast<int>(o.buffer_bytes)) != 0 ||
        pcap_set_promisc(h, o.promiscuous ? 1 : 0) != 0 ||
        pcap_set_timeout(h, defaults::kPollMilliseconds) != 0 ||
        pcap_set_tstamp_precision(h, PCAP_TSTAMP_PRECISION_MICRO) != 0)
        return iface_error(o.iface, "cannot set capture options: " + std::string(pcap_geterr(h)), {});
    int rc = pcap_activate(h);
    if (rc < 0) return activate_error(o.iface, rc, h);
    // rc > 0 is a warning (e.g. promiscuous mode refused): capture goes on.

    if (!o.filter.empty()) {
        bpf_u_int32 net = 0, mask = PCAP_NETMASK_UNKNOWN;
        if (pcap_lookupnet(o.iface.c_str(), &net, &mask, errbuf) != 0) mask = PCAP_NETMASK_UNKNOWN;
        bpf_program prog{};
        if (pcap_compile(h, &prog, o.filter.c_str(), 1, mask) != 0)
            return core::make_diag("E152", "capture filter '" + o.filter + "' is not valid: " + pcap_geterr(h),
                                   "check the expression with `tcpdump -d '" + o.filter + "'`");
        int set = pcap_setfilter(h, &prog);
        pcap_freecode(&prog);
        if (set != 0)
            return core::make_diag("E152", "capture filter '" + o.filter + "' cannot be installed on " + o.iface +
                                               ": " + pcap_geterr(h));
    }
    if (pcap_setnonblock(h, 1, errbuf) != 0) return iface_error(o.iface, errbuf, {});
    impl->fd = pcap_get_selectable_fd(h);
    return LiveSource(std::move(impl), o);
}

LiveSource::LiveSource(std::unique_ptr<Impl> impl, LiveOptions options)
    : impl_(std::move(impl)), options_(std::move(options)) {}
LiveSource::LiveSource(LiveSource&&) noexcept = default;
LiveSource& LiveSource::operator=(LiveSource&&) noexcept = default;
LiveSource::~LiveSource() = default;

LiveStatus LiveSource::next(PacketRecord& record, int timeout_ms, std::string& error) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        pcap_pkthdr* hdr = nullptr;
        const u_char* data = nullptr;
        int rc = pcap_next_ex(impl_->handle, &hdr, &data);
        if (rc == 1) {
            record.ts_sec = static_cast<std::int64_t>(hdr->ts.tv_sec);
            record.ts_usec = static_cast<std::int32_t>(hdr->ts.tv_usec);
            record.orig_len = hdr->len;
            record.bytes = core::Bytes(data, hdr->caplen);
            return LiveStatus::Packet;
        }
        if (rc < 0) {
            error = rc == PCAP_ERROR_BREAK ? "capture stopped" : pcap_geterr(impl_->handle);
            return LiveStatus::Error;
        }
        if (attempt == 1 || impl_->fd < 0) break;
        // Nothing buffered: wait for the descriptor, but never longer than
        // the timeout, then try once more.
        pollfd p{impl_->fd, POLLIN, 0};
        int n = ::poll(&p, 1, timeout_ms);
        if (n <= 0) {
            if (n < 0 && errno != EINTR) {
                error = std::string("poll: ") + std::strerror(errno);
                return LiveStatus::Error;
            }
            return LiveStatus::Idle;
        }
        if ((p.revents & (POLLERR | POLLNVAL)) != 0) {
            error = "the capture descriptor failed (interface removed?)";
            return LiveStatus::Error;
        }
    }
    return LiveStatus::Idle;
}

CaptureStats LiveSource::stats() const {
    pcap_stat s{};
    if (pcap_stats(impl_->handle, &s) != 0) return {};
    return {s.ps_recv, s.ps_drop, s.ps_ifdrop, true};
}

int LiveSource::linktype() const { return pcap_datalink(impl_->handle); }
int LiveSource::snaplen() const { return pcap_snapshot(impl_->handle); }

}  // namespace vca::probes::capture
