// What the analyser does with every SIP message and SDP media section:
// digest attempts go to the SipAuthTracker, announced media endpoints to the
// SignalledMedia, and MESSAGE/INFO bodies to the content extractors when
// the analyser has a content observer.
#pragma once

#include "probes/content/sip_body.hpp"
#include "probes/sip/sdp_parser.hpp"
#include "probes/sip/sip_parser.hpp"
#include "probes/sip/sip_facts.hpp"
#include "probes/traffic/signalled_media.hpp"
#include "probes/traffic/sip_auth_tracker.hpp"

namespace vca::probes::traffic {

class SipObservers final : public sip::SipMessageObserver {
public:
    SipObservers(SipAuthTracker& auth, SignalledMedia& media) : auth_(auth), media_(media) {}
    void on_sip_message(const sip::SipMessageView& m, const sip::SipContext& ctx) override {
        auth_.on_sip_message(m, ctx);
        if (content_ != nullptr && m.is_request && content::carries_user_content(m.method)) {
            content::SipBody b;
            b.flow = content::FlowRef{ctx.flow_id, ctx.input_id};
            b.ts = ctx.ts;
            b.frame = ctx.frame;
            b.method = m.method;
            b.call_id = m.header("Call-ID").value_or(std::string_view());
            b.content_type = m.header("Content-Type").value_or(std::string_view());
            b.body = m.body;
            b.truncated = m.body_truncated;
            content::emit_sip_body(*content_, b);
        }
    }
    void on_sdp_media(const sip::SdpMedia& m, const sip::SipContext& /*ctx*/) override {
        if (m.connection_addr) media_.add(*m.connection_addr, m.port, m.proto);
    }

    // nullptr (the default): bodies are not looked at.
    void set_content(content::ContentHub* hub) { content_ = hub; }

private:
    SipAuthTracker& auth_;
    SignalledMedia& media_;
    content::ContentHub* content_ = nullptr;
};

}  // namespace vca::probes::traffic
