// What the analyser does with every SIP message and SDP media section:
// digest attempts go to the SipAuthTracker, announced media endpoints to the
// SdpMediaRegistry.
#pragma once

#include "probes/sip/sdp_parser.hpp"
#include "probes/sip/sip_facts.hpp"
#include "probes/traffic/sdp_media_registry.hpp"
#include "probes/traffic/sip_auth_tracker.hpp"

namespace vca::probes::traffic {

class SipObservers final : public sip::SipMessageObserver {
public:
    SipObservers(SipAuthTracker& auth, SdpMediaRegistry& media) : auth_(auth), media_(media) {}
    void on_sip_message(const sip::SipMessageView& m, const sip::SipContext& ctx) override {
        auth_.on_sip_message(m, ctx);
    }
    void on_sdp_media(const sip::SdpMedia& m, const sip::SipContext& /*ctx*/) override {
        if (m.connection_addr) media_.add(*m.connection_addr, m.port, m.proto);
    }

private:
    SipAuthTracker& auth_;
    SdpMediaRegistry& media_;
};

}  // namespace vca::probes::traffic
