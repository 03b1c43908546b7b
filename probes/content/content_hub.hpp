// ContentHub: what every content extractor of one run shares: the observer
// objects go to, the sink their anomalies go to, the in-flight budget, and
// the FTP data connections announced by control connections. The traffic
// analyser owns one only when a content observer is set.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "auditor/facts/fact_sink.hpp"
#include "probes/content/content_limits.hpp"
#include "probes/content/content_object.hpp"
#include "probes/content/object_buffer.hpp"

namespace vca::probes::content {

// Which flow an extractor follows.
struct FlowRef {
    std::int64_t flow_id = 0;
    std::int64_t input_id = 0;
};

// One FTP transfer as the control connection describes it: filled in when
// the STOR/RETR/... command arrives, which may be after its data connection
// opened (PASV, then connect, then STOR).
struct FtpTransfer {
    std::string command;  // STOR, RETR, APPE, STOU, LIST, NLST, MLSD; empty until seen
    std::string path;
    std::int64_t control_flow_id = 0;
};

class ContentHub {
public:
    ContentHub(ContentObserver& observer, facts::FactSink& anomalies, const limits::ContentLimits& limits = {});

    // Hands `object` to the observer; a `cut` also records content_limit_reached
    // and marks the object incomplete.
    void emit(ContentObject& object, Cut cut);
    // An anomaly about an object of `flow` (e.g. content_decode_failed).
    void note(const FlowRef& flow, double ts, std::int64_t frame, std::string name, std::string detail);

    // FTP: a data connection is expected at ip:port (either end of it).
    void expect_ftp_data(std::string ip, std::uint16_t port, std::shared_ptr<FtpTransfer> transfer);
    // The transfer of a new TCP connection between a and b, if one was
    // announced (the expectation is used up); nullptr otherwise.
    std::shared_ptr<FtpTransfer> claim_ftp_data(std::string_view ip_a, std::uint16_t port_a, std::string_view ip_b,
                                                std::uint16_t port_b);

    [[nodiscard]] const limits::ContentLimits& limits() const { return limits_; }
    [[nodiscard]] TotalBudget& budget() { return budget_; }
    // The part of it raw streams (tcp_stream, udp_payload) may hold.
    [[nodiscard]] TotalBudget& streams_budget() { return streams_budget_; }

private:
    struct Expectation {
        std::string ip;
        std::uint16_t port = 0;
        std::shared_ptr<FtpTransfer> transfer;
    };

    ContentObserver& observer_;
    facts::FactSink& anomalies_;
    limits::ContentLimits limits_;
    TotalBudget budget_;
    TotalBudget streams_budget_;
    std::deque<Expectation> expected_;  // oldest first, at most kMaxFtpExpectations
};

}  // namespace vca::probes::content
