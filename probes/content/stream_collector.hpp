// The bytes of flows no application extractor claimed, one object per
// direction: StreamCollector for a TCP connection (also an FTP data
// connection, which becomes an ftp_file object named by its control
// connection), DatagramCollector for a UDP flow (payloads concatenated). The
// caller never feeds them media, TLS or SIP.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "auditor/core/byte_reader.hpp"
#include "probes/content/content_hub.hpp"
#include "probes/content/object_buffer.hpp"

namespace vca::probes::content {

// One direction being collected.
struct CollectedSide {
    CollectedSide(FlowBudget& budget, std::size_t max) : bytes(budget, max) {}
    ObjectBuffer bytes;
    double ts = 0;
    std::int64_t frame = 0;
    bool started = false;
    bool gap = false;
    bool done = false;  // emitted (or cut and emitted): later bytes are ignored
};

class StreamCollector {
public:
    // `names[side]`: how each direction is named ("10.0.0.1:5000 -> 10.0.0.2:80");
    // side 0 (the initiator) is taken as the client. `transfer`: set for an
    // FTP data connection.
    StreamCollector(ContentHub& hub, FlowRef flow, std::array<std::string, 2> names,
                    std::shared_ptr<FtpTransfer> transfer = nullptr);
    StreamCollector(const StreamCollector&) = delete;
    StreamCollector& operator=(const StreamCollector&) = delete;

    void on_stream(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame);
    // FIN (reset = false) or RST from `side`, after its segment was delivered:
    // that direction is over (both on a reset or an FTP file transfer).
    void on_close(int side, bool reset);
    // End of the capture: whatever is still open is emitted.
    void finish();

    [[nodiscard]] bool ftp() const { return transfer_ != nullptr; }

private:
    void emit_side(int side);

    ContentHub& hub_;
    FlowRef flow_;
    std::array<std::string, 2> names_;
    std::shared_ptr<FtpTransfer> transfer_;
    FlowBudget budget_;
    std::array<CollectedSide, 2> sides_;
};

class DatagramCollector {
public:
    DatagramCollector(ContentHub& hub, FlowRef flow, std::array<std::string, 2> names);
    DatagramCollector(const DatagramCollector&) = delete;
    DatagramCollector& operator=(const DatagramCollector&) = delete;

    void on_datagram(int side, core::Bytes payload, double ts, std::int64_t frame);
    // End of the flow: one udp_payload object per direction that carried bytes.
    void finish();

private:
    void emit_side(int side);

    ContentHub& hub_;
    FlowRef flow_;
    std::array<std::string, 2> names_;
    FlowBudget budget_;
    std::array<CollectedSide, 2> sides_;
};

}  // namespace vca::probes::content
