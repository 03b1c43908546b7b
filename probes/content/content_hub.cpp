#include "probes/content/content_hub.hpp"

#include <algorithm>
#include <utility>

#include "auditor/facts/rows.hpp"

namespace vca::probes::content {

ContentHub::ContentHub(ContentObserver& observer, facts::FactSink& anomalies, const limits::ContentLimits& limits)
    : observer_(observer),
      anomalies_(anomalies),
      limits_(limits),
      budget_(limits.max_in_flight_bytes),
      streams_budget_(limits.max_streams_in_flight_bytes) {}

void ContentHub::emit(ContentObject& object, Cut cut) {
    if (cut != Cut::None) {
        object.complete = false;
        const bool raw = object.scope == kScopeTcpStream || object.scope == kScopeUdpPayload;
        const std::size_t bound = cut == Cut::Object     ? limits_.max_object_bytes
                                  : cut == Cut::Flow     ? limits_.max_flow_bytes
                                  : cut == Cut::Inflated ? limits_.max_inflated_bytes
                                  : raw                  ? std::min(limits_.max_in_flight_bytes,
                                                                    limits_.max_streams_in_flight_bytes)
                                                         : limits_.max_in_flight_bytes;
        note(FlowRef{object.flow_id, object.input_id}, object.ts, object.frame, "content_limit_reached",
             object.scope + " " + object.name + ": " + std::string(cut_name(cut)) + " limit of " +
                 std::to_string(bound) + " bytes reached; " + std::to_string(object.bytes.size()) +
                 " bytes kept and scanned");
    }
    observer_.on_object(object);
}

void ContentHub::note(const FlowRef& flow, double ts, std::int64_t frame, std::string name, std::string detail) {
    anomalies_.add(facts::AnomalyRow{flow.input_id, flow.flow_id, ts, std::move(name), std::move(detail),
                                     frame > 0 ? std::optional<std::int64_t>(frame) : std::nullopt, 1});
}

void ContentHub::expect_ftp_data(std::string ip, std::uint16_t port, std::shared_ptr<FtpTransfer> transfer) {
    if (expected_.size() >= limits::kMaxFtpExpectations) expected_.pop_front();
    expected_.push_back(Expectation{std::move(ip), port, std::move(transfer)});
}

std::shared_ptr<FtpTransfer> ContentHub::claim_ftp_data(std::string_view ip_a, std::uint16_t port_a,
                                                        std::string_view ip_b, std::uint16_t port_b) {
    // Newest first: a port reused by a later PASV belongs to the later transfer.
    for (auto it = expected_.rbegin(); it != expected_.rend(); ++it) {
        if ((it->port == port_b && it->ip == ip_b) || (it->port == port_a && it->ip == ip_a)) {
            std::shared_ptr<FtpTransfer> t = std::move(it->transfer);
            expected_.erase(std::next(it).base());
            return t;
        }
    }
    return nullptr;
}

}  // namespace vca::probes::content
