// TrafficAnalyzer: frames in, facts out. Decodes each frame, tracks flows,
// hands TCP bytes in order and UDP datagrams to the application probe that
// claimed the flow, and at the end writes one row per flow (aggregates, never
// per-packet rows). Knows nothing of SQLite: it writes to a FactSink.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/limits.hpp"
#include "auditor/facts/fact_sink.hpp"
#include "probes/content/content_hub.hpp"
#include "probes/flow/flow_table.hpp"
#include "probes/flow/ip_fragments.hpp"
#include "probes/creds/secret_guard.hpp"
#include "probes/traffic/capped_sink.hpp"
#include "probes/traffic/credential_recorder.hpp"
#include "probes/rtp/rtp_tracker.hpp"
#include "probes/h323/h245_facts.hpp"
#include "probes/traffic/h245_media_hints.hpp"
#include "probes/traffic/signalled_media.hpp"
#include "probes/traffic/sip_auth_tracker.hpp"
#include "probes/traffic/sip_observers.hpp"

namespace vca::probes::traffic {

struct FrameRef {
    std::int64_t input_id = 0;
    std::int64_t number = 0;  // 1-based within its input
    double ts = 0;
    int linktype = 0;
    core::Bytes data;
    std::uint32_t orig_len = 0;
};

struct TrafficStats {
    std::int64_t frames = 0;
    std::int64_t ip_packets = 0;
    std::int64_t not_ip = 0;
    std::int64_t decode_anomalies = 0;
    std::int64_t flows = 0;
};

// Bounds of the analyzer's tables; defaults from core/limits.hpp. Tests lower
// them to prove each one records its anomaly when hit.
struct AnalyzerLimits {
    std::size_t max_flows = core::limits::kMaxFlows;
    std::size_t max_stream_buffer = core::limits::kMaxStreamBuffer;
    std::size_t max_anomalies_per_name = core::limits::kMaxAnomaliesPerName;
    std::size_t max_fragmented_datagrams = core::limits::kMaxFragmentedDatagrams;
    std::size_t max_fragment_bytes = core::limits::kMaxFragmentBytes;
    double flow_idle_timeout = flow::kFlowIdleTimeoutSeconds;
};

class TrafficAnalyzer {
public:
    // Credentials are recorded only with a guard: a secret is never written unjudged.
    explicit TrafficAnalyzer(facts::FactSink& sink, const AnalyzerLimits& limits = {},
                             const creds::SecretGuard* guard = nullptr);
    ~TrafficAnalyzer();

    void on_frame(const FrameRef& frame);

    // Content extraction (probes/content): HTTP bodies and uploads, FTP files,
    // SIP MESSAGE/INFO bodies, other TCP streams and UDP payloads, each handed
    // to `observer` as one object. nullptr (the default): nothing is buffered.
    // Set before the first frame; the observer must outlive the analyzer.
    void set_content_observer(content::ContentObserver* observer,
                              const content::limits::ContentLimits& limits = {});

    // End of all inputs: flush streams, write flow and session rows.
    void finish();

    [[nodiscard]] const TrafficStats& stats() const { return stats_; }
    [[nodiscard]] const std::map<std::string, std::int64_t>& anomaly_totals() const { return sink_.totals(); }

private:
    void on_tcp(flow::Flow& f, flow::Direction dir, const decode::PacketView& p, const FrameRef& frame);
    void on_udp(flow::Flow& f, flow::Direction dir, const decode::PacketView& p, const FrameRef& frame);
    void on_media(flow::Flow& f, flow::Direction dir, const decode::PacketView& p, const FrameRef& frame);
    // Flows idle for limits_.flow_idle_timeout before this frame are over:
    // their facts are written and their state (and their RTP streams') freed.
    void expire_idle(const FrameRef& frame);
    // Writes the facts a flow leaves when it is over (at expiry or at the end).
    void close_flows(const std::vector<flow::Flow*>& flows);
    [[nodiscard]] bool is_h245_connection(const flow::Flow& f) const;
    void anomaly(const FrameRef& frame, std::optional<std::int64_t> flow_id, std::string_view name,
                 std::string detail);

    AnalyzerLimits limits_;
    CappedSink sink_;
    CredentialRecorder credentials_;
    SipAuthTracker sip_auth_;
    SignalledMedia signalled_media_;
    h323::H245AddressBook h245_addresses_{core::limits::kMaxH245Addresses};
    H245MediaHints h245_media_{signalled_media_};
    SipObservers sip_observers_;
    std::unique_ptr<content::ContentHub> content_;  // before flows_: their extractors use it
    rtp::RtpTracker rtp_;
    flow::FlowTable flows_;
    flow::IpFragments fragments_;
    double last_expiry_ts_ = 0;
    double next_flow_sweep_ts_ = 0;
    std::int64_t last_input_id_ = 0;
    TrafficStats stats_;
    bool flow_limit_reported_ = false;
};

}  // namespace vca::probes::traffic
