#include "probes/content/sip_body.hpp"

#include <algorithm>

#include "probes/content/content_limits.hpp"

namespace vca::probes::content {

bool carries_user_content(std::string_view method) { return method == "MESSAGE" || method == "INFO"; }

void emit_sip_body(ContentHub& hub, const SipBody& sip) {
    if (!carries_user_content(sip.method) || sip.body.empty()) return;
    ContentObject o;
    o.scope = kScopeSipBody;
    o.flow_id = sip.flow.flow_id;
    o.input_id = sip.flow.input_id;
    o.direction = kToServer;
    o.ts = sip.ts;
    o.frame = sip.frame;
    o.name = "SIP " + std::string(sip.method) + " " +
             std::string(sip.call_id.substr(0, std::min(sip.call_id.size(), limits::kMaxNameBytes)));
    if (!sip.content_type.empty()) o.content_type = std::string(sip.content_type);
    // The SIP parser already bounds a body (core::limits::kMaxSipBody); the
    // object bound still applies should it be the smaller.
    const std::size_t keep = std::min(sip.body.size(), hub.limits().max_object_bytes);
    o.bytes.assign(sip.body.begin(), sip.body.begin() + static_cast<std::ptrdiff_t>(keep));
    o.complete = !sip.truncated;
    hub.emit(o, keep < sip.body.size() ? Cut::Object : Cut::None);
}

}  // namespace vca::probes::content
