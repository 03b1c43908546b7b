// DtlsSession: follows a DTLS handshake (RFC 6347 / RFC 9147) over the
// datagrams of one UDP flow, e.g. the DTLS-SRTP key exchange of a WebRTC or
// SIP call multiplexed with STUN and RTP on the same 5-tuple (RFC 7983).
// Handshake messages may be fragmented and retransmitted; fragments are put
// back together per message sequence number, bounded by
// limits::kMaxTlsHandshakeMessage.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <vector>

#include "probes/tls/handshake_facts.hpp"

namespace vca::probes::tls {

class DtlsSession {
public:
    // One UDP payload from direction 0 (initiator) or 1 (responder).
    void on_datagram(int direction, core::Bytes datagram, double ts);

    // Both sides have switched to encrypted records.
    [[nodiscard]] bool done() const { return encrypted_[0] && encrypted_[1]; }

    [[nodiscard]] const HandshakeFacts& facts() const { return hs_; }

private:
    struct Pending {
        std::uint8_t type = 0;
        std::uint32_t length = 0;
        std::vector<std::uint8_t> bytes;
        std::vector<bool> have;  // per byte received (messages are small and bounded)
        std::uint32_t received = 0;
    };
    void on_fragment(int direction, const DtlsHandshakeView& f, double ts);
    void on_message(int direction, std::uint8_t type, core::Bytes body, double ts);

    HandshakeFacts hs_;
    std::array<bool, 2> encrypted_{false, false};
    std::array<std::map<std::uint16_t, Pending>, 2> pending_;
    std::array<std::map<std::uint16_t, bool>, 2> done_seq_;  // message_seq already handled
};

}  // namespace vca::probes::tls
