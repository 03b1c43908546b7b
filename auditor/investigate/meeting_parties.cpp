#include "auditor/investigate/meeting_parties.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "auditor/investigate/fact_values.hpp"

namespace vca::investigate {
namespace {

// "10.0.0.1:1720" → "10.0.0.1", "[2001:db8::1]:1720" → "2001:db8::1".
std::string host_of(const std::string& address_port) {
    if (address_port.starts_with('[')) {
        auto close = address_port.find(']');
        return close == std::string::npos ? address_port.substr(1) : address_port.substr(1, close - 1);
    }
    auto colon = address_port.rfind(':');
    if (colon != std::string::npos && address_port.find(':') == colon) return address_port.substr(0, colon);
    return address_port;
}

}  // namespace

core::Result<std::vector<CallParties>> calls_with_parties(const store::QueryHandle& db) {
    std::map<std::pair<std::string, std::string>, CallParties> calls;
    auto sip = db.run(R"SQL(
SELECT call_id, ts, method, src_ip, dst_ip, flow_id FROM sip_messages
WHERE call_id IN (SELECT call_id FROM sip_messages WHERE method = 'INVITE')
)SQL");
    if (!sip) return sip.error();
    std::map<std::string, double> sip_ends;
    for (const auto& r : sip->rows) {
        CallParties& c = calls[{"SIP", text_of(r[0])}];
        double ts = real_of(r[1]);
        if (c.platform.empty()) {
            c.platform = "SIP";
            c.call_id = text_of(r[0]);
            c.start = ts;
        }
        c.start = std::min(c.start, ts);
        for (int i : {3, 4})
            if (!text_of(r[i]).empty()) c.parties.insert(text_of(r[i]));
        c.signalling_flows.insert(int_of(r[5]));
        const std::string method = text_of(r[2]);
        if (method == "BYE" || method == "CANCEL") {
            auto& e = sip_ends[c.call_id];
            e = std::max(e, ts);
        }
    }
    for (const auto& [id, end] : sip_ends) calls[{"SIP", id}].end = end;
    auto sdp = db.run("SELECT call_id, addr FROM sdp_media WHERE call_id IS NOT NULL AND addr IS NOT NULL AND port > 0");
    if (!sdp) return sdp.error();
    for (const auto& r : sdp->rows) {
        auto it = calls.find({"SIP", text_of(r[0])});
        if (it == calls.end()) continue;
        it->second.parties.insert(text_of(r[1]));
        it->second.media_sources.insert(text_of(r[1]));
    }
    auto h323 = db.run(R"SQL(
SELECT call_id, ts, message, src_ip, dst_ip, h245_address, flow_id FROM h323_messages
WHERE protocol = 'q931' AND call_id IN (SELECT call_id FROM h323_messages WHERE protocol = 'q931' AND message = 'setup')
)SQL");
    if (!h323) return h323.error();
    for (const auto& r : h323->rows) {
        CallParties& c = calls[{"H.323", text_of(r[0])}];
        double ts = real_of(r[1]);
        if (c.platform.empty()) {
            c.platform = "H.323";
            c.call_id = text_of(r[0]);
            c.start = ts;
        }
        c.start = std::min(c.start, ts);
        for (int i : {3, 4})
            if (!text_of(r[i]).empty()) c.parties.insert(text_of(r[i]));
        if (!text_of(r[5]).empty()) c.parties.insert(host_of(text_of(r[5])));
        c.signalling_flows.insert(int_of(r[6]));
        if (text_of(r[2]) == "release_complete")
            c.end = c.end == std::numeric_limits<double>::infinity() ? ts : std::max(c.end, ts);
    }
    std::vector<CallParties> out;
    for (auto& [key, c] : calls) {
        if (c.media_sources.empty()) c.media_sources = c.parties;
        out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(), [](const CallParties& a, const CallParties& b) {
        return std::tie(a.start, a.platform, a.call_id) < std::tie(b.start, b.platform, b.call_id);
    });
    return out;
}

}  // namespace vca::investigate
