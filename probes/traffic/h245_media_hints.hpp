// H245MediaHints: where H.245 logical channels send their media, with their
// declared encryption, becomes a hint for the RTP streams to those endpoints
// (rtp_streams.signalled h245_rtp / h245_h235), as SDP m= lines do for SIP.
#pragma once

#include <cstdint>
#include <string>

#include "probes/h323/h245_facts.hpp"
#include "probes/traffic/signalled_media.hpp"

namespace vca::probes::traffic {

class H245MediaHints final : public h323::H245MediaObserver {
public:
    explicit H245MediaHints(SignalledMedia& media) : media_(media) {}
    void on_h245_media(const std::string& addr, int port, bool encrypted) override {
        if (port <= 0 || port > 65535) return;
        media_.add(addr, static_cast<std::uint16_t>(port), encrypted ? rtp::Hint::H245Encrypted : rtp::Hint::H245Rtp);
    }

private:
    SignalledMedia& media_;
};

}  // namespace vca::probes::traffic
