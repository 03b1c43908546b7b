// LiveSource: packets from a network interface through libpcap
// (pcap_create → options → pcap_activate → BPF filter), read without
// blocking longer than a poll interval so the caller sees signals and
// timers on an idle link.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "auditor/core/result.hpp"
#include "probes/capture/capture_defaults.hpp"
#include "probes/capture/packet_record.hpp"

namespace vca::probes::capture {

struct LiveOptions {
    std::string iface;
    std::string filter;  // BPF expression; empty = every packet
    int snaplen = defaults::kSnaplen;
    std::size_t buffer_bytes = defaults::kBufferBytes;
    bool promiscuous = false;
};

// Counters of pcap_stats(): packets the kernel handed over, dropped because
// the buffer was full, dropped by the interface or its driver. Cumulative
// since the source was opened.
struct CaptureStats {
    std::uint64_t received = 0;
    std::uint64_t dropped = 0;
    std::uint64_t if_dropped = 0;
    bool known = false;  // false when the platform gave no counters
};

enum class LiveStatus { Packet, Idle, Error };

class LiveSource {
public:
    // Opens and activates the interface and installs the filter. Needs
    // CAP_NET_RAW; errors are one line naming the interface or the filter.
    static core::Result<LiveSource> open(const LiveOptions& options);

    LiveSource(LiveSource&&) noexcept;
    LiveSource& operator=(LiveSource&&) noexcept;
    ~LiveSource();

    // The next packet into `record` (valid until the next call), or Idle
    // after waiting at most `timeout_ms`, or Error with libpcap's words.
    LiveStatus next(PacketRecord& record, int timeout_ms, std::string& error);

    [[nodiscard]] CaptureStats stats() const;
    [[nodiscard]] int linktype() const;
    [[nodiscard]] int snaplen() const;
    [[nodiscard]] const LiveOptions& options() const { return options_; }

private:
    struct Impl;
    LiveSource(std::unique_ptr<Impl> impl, LiveOptions options);
    std::unique_ptr<Impl> impl_;
    LiveOptions options_;
};

}  // namespace vca::probes::capture
