// The body of a SIP MESSAGE (RFC 3428: instant messages) or INFO (RFC 6086)
// request as a content object. The SIP probe parses the message; the traffic
// analyser's SIP observer hands the parts needed here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "probes/content/content_hub.hpp"

namespace vca::probes::content {

struct SipBody {
    FlowRef flow;
    double ts = 0;
    std::int64_t frame = 0;
    std::string_view method;  // request method; other methods are ignored
    std::string_view call_id;
    std::string_view content_type;  // empty when absent
    std::string_view body;
    bool truncated = false;  // the datagram or stream ended before the body did
};

// True for the methods whose body is content sent by a user (MESSAGE, INFO).
bool carries_user_content(std::string_view method);

// Emits one sip_body object (direction to_server: from the request's sender)
// named "SIP <METHOD> <Call-ID>", when the method carries content and the
// body is not empty.
void emit_sip_body(ContentHub& hub, const SipBody& sip);

}  // namespace vca::probes::content
