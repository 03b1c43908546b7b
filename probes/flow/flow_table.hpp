// FlowTable: one entry per 5-tuple with per-flow counters and the state the
// application probes attach. Bounded by limits::kMaxFlows at once; flows idle
// for kFlowIdleTimeoutSeconds of capture time are taken out (take_idle) so
// that memory follows the traffic in flight, not the length of the capture.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "probes/flow/flow_key.hpp"

namespace vca::probes::flow {

// Capture time without a packet after which a flow is over: its facts are
// written and its state freed; a later packet of the same 5-tuple starts a
// new flow. Longer than the keep-alive intervals of the protocols followed
// (SIP outbound CRLF keep-alives, RFC 5626 §4.4.1, are about two minutes).
inline constexpr double kFlowIdleTimeoutSeconds = 600.0;
// The table is searched for idle flows this many times per timeout of
// capture time: a flow leaves at most a tenth of the timeout late, and a
// sweep (which visits every open flow) stays rare on busy links.
inline constexpr double kFlowSweepsPerTimeout = 10.0;

// Application state attached to a flow by a probe (TLS, SIP, ...).
class FlowState {
public:
    virtual ~FlowState() = default;
};

enum class Direction { FromInitiator, FromResponder };

struct Flow {
    std::int64_t id = 0;
    std::int64_t input_id = 0;
    std::uint8_t protocol = 0;
    Endpoint initiator, responder;
    double first_ts = 0, last_ts = 0;
    std::int64_t packets = 0, bytes = 0;
    std::int64_t initiator_packets = 0, responder_packets = 0;
    std::int64_t first_frame = 0;
    // TCP only: the initiator's SYN sequence number (when its SYN was seen) and
    // whether either side has sent FIN or RST, to tell a new connection on
    // the same 5-tuple from a retransmitted SYN.
    bool tcp_syn_seen = false;
    std::uint32_t tcp_isn = 0;
    bool tcp_closing = false;
    std::string app;                    // recognised application protocol, empty if none
    bool app_decided = false;           // dispatch has run for this flow
    std::unique_ptr<FlowState> state;   // owned by the probe that claimed the flow
};

struct Lookup {
    Flow* flow = nullptr;      // nullptr when the table is full
    Direction direction = Direction::FromInitiator;
    bool created = false;
    // The earlier connection on the same 5-tuple, ended because a new SYN
    // reused it (a client port reused after TIME_WAIT, a phone bound to 5060):
    // its facts are the caller's to write before the new flow's packets.
    std::unique_ptr<Flow> ended;
};

class FlowTable {
public:
    explicit FlowTable(std::size_t max_flows);

    // Finds or creates the flow of `p`. A TCP SYN without ACK makes its sender
    // the initiator; otherwise the sender of the first packet seen is. A SYN
    // without ACK on a flow whose connection it cannot belong to (another
    // initial sequence number, or after FIN/RST when the first SYN was not
    // seen) starts a new flow and hands the old one back in Lookup::ended.
    Lookup track(const decode::PacketView& p, double ts, std::int64_t input_id, std::int64_t frame);

    // Removes the flows whose last packet is older than `before` and hands
    // them over in creation order (ids ascending), for their facts.
    std::vector<std::unique_ptr<Flow>> take_idle(double before);

    [[nodiscard]] std::size_t size() const { return flows_.size(); }
    [[nodiscard]] std::int64_t dropped() const { return dropped_; }
    // Flows created since the start, taken out or not.
    [[nodiscard]] std::int64_t created() const { return next_id_ - 1; }

    // Flows still in the table in creation order (stable ids), for fact emission at the end.
    [[nodiscard]] std::vector<Flow*> in_order() const;

private:
    std::size_t max_flows_;
    std::int64_t next_id_ = 1;
    std::int64_t dropped_ = 0;
    std::unordered_map<FlowKey, std::unique_ptr<Flow>, FlowKeyHash> flows_;
};

}  // namespace vca::probes::flow
