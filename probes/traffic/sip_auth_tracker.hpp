// SipAuthTracker: follows SIP digest authentication (RFC 3261 §22, RFC 8760)
// across the analyser. A request carrying Authorization/Proxy-Authorization
// waits for the final response with the same Call-ID and CSeq, which gives
// the attempt's outcome; then the recorder judges and writes it.
#pragma once

#include <deque>
#include <map>
#include <string>

#include "probes/creds/credential_event.hpp"
#include "probes/sip/sip_facts.hpp"
#include "probes/traffic/credential_recorder.hpp"

namespace vca::probes::traffic {

class SipAuthTracker final : public sip::SipMessageObserver {
public:
    explicit SipAuthTracker(CredentialRecorder& recorder) : recorder_(recorder) {}
    void on_sip_message(const sip::SipMessageView& m, const sip::SipContext& ctx) override;
    // End of the capture: attempts never answered are recorded as unknown.
    void finish();

private:
    struct Pending {
        creds::CredentialEvent event;
        CredentialFlow flow;
    };
    void settle(const std::string& key, creds::Outcome outcome);

    CredentialRecorder& recorder_;
    std::map<std::string, Pending> pending_;  // Call-ID + CSeq → attempt
    std::deque<std::string> order_;           // arrival order, to give up the oldest first
};

}  // namespace vca::probes::traffic
