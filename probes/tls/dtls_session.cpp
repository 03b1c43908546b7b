#include "probes/tls/dtls_session.hpp"

#include "auditor/core/limits.hpp"

namespace vca::probes::tls {

void DtlsSession::on_datagram(int direction, core::Bytes datagram, double ts) {
    auto d = static_cast<std::size_t>(direction & 1);
    while (!datagram.empty()) {
        RecordResult r = parse_dtls_record(datagram);
        if (r.status != ParseStatus::Ok) {
            if (r.status == ParseStatus::Invalid && !encrypted_[d])
                hs_.anomalies.push_back({"dtls_bad_record", std::string(r.error), ts});
            return;  // the rest of the datagram cannot be framed
        }
        datagram = datagram.subspan(r.consumed);
        const RecordView& rec = r.record;
        if (rec.epoch > 0 || rec.content_type == kApplicationData) {
            encrypted_[d] = true;  // epoch 1+ is protected (RFC 6347 §4.1)
            continue;
        }
        if (rec.content_type == kChangeCipherSpec) {
            if (hs_.server_hello && direction != hs_.client_dir) hs_.server_change_cipher_spec = true;
            encrypted_[d] = true;
            continue;
        }
        if (rec.content_type != kHandshake) continue;
        core::Bytes body = rec.fragment;
        while (!body.empty()) {
            DtlsHandshakeResult h = parse_dtls_handshake(body);
            if (h.status != ParseStatus::Ok) {
                hs_.anomalies.push_back({"dtls_bad_handshake", std::string(h.error), ts});
                break;
            }
            body = body.subspan(h.consumed);
            on_fragment(direction, h.msg, ts);
        }
    }
}

void DtlsSession::on_fragment(int direction, const DtlsHandshakeView& f, double ts) {
    auto d = static_cast<std::size_t>(direction & 1);
    if (done_seq_[d].count(f.message_seq) != 0) return;  // a retransmission
    if (f.is_complete()) {
        done_seq_[d][f.message_seq] = true;
        on_message(direction, f.msg_type, f.fragment, ts);
        return;
    }
    if (f.length > core::limits::kMaxTlsHandshakeMessage ||
        std::size_t{f.fragment_offset} + f.fragment.size() > f.length) {
        hs_.anomalies.push_back({"dtls_handshake_limit", "handshake message larger than the limit", ts});
        return;
    }
    Pending& p = pending_[d][f.message_seq];
    if (p.bytes.empty()) {
        p.type = f.msg_type;
        p.length = f.length;
        p.bytes.assign(f.length, 0);
        p.have.assign(f.length, false);
    }
    if (p.length != f.length) return;  // inconsistent fragments: keep the first
    for (std::size_t i = 0; i < f.fragment.size(); ++i) {
        std::size_t at = f.fragment_offset + i;
        if (!p.have[at]) {
            p.have[at] = true;
            p.bytes[at] = f.fragment[i];
            ++p.received;
        }
    }
    if (p.received == p.length) {
        done_seq_[d][f.message_seq] = true;
        std::vector<std::uint8_t> whole = std::move(p.bytes);
        std::uint8_t type = p.type;
        pending_[d].erase(f.message_seq);
        on_message(direction, type, core::Bytes(whole.data(), whole.size()), ts);
    }
}

void DtlsSession::on_message(int direction, std::uint8_t type, core::Bytes body, double ts) {
    switch (type) {
        case kClientHello: {
            ClientHello ch;
            if (parse_client_hello(body, ch, true) != ParseStatus::Ok) {
                hs_.anomalies.push_back({"dtls_bad_client_hello", "ClientHello does not parse", ts});
                return;
            }
            // The second ClientHello (after HelloVerifyRequest) repeats the
            // first with a cookie; keep the first.
            if (!hs_.client_hello) {
                hs_.client_hello = std::move(ch);
                hs_.client_dir = direction;
                if (!hs_.hello_ts) hs_.hello_ts = ts;
            }
            break;
        }
        case kServerHello: {
            ServerHello sh;
            if (parse_server_hello(body, sh, true) != ParseStatus::Ok) {
                hs_.anomalies.push_back({"dtls_bad_server_hello", "ServerHello does not parse", ts});
                return;
            }
            if (!hs_.client_hello) hs_.client_dir = 1 - direction;
            if (!hs_.hello_ts) hs_.hello_ts = ts;
            if (!hs_.server_hello || hs_.server_hello->hello_retry_request) hs_.server_hello = std::move(sh);
            break;
        }
        case kServerHelloDone:
            if (direction != hs_.client_dir) hs_.server_hello_done = true;
            break;
        case kCertificate: {
            if (!hs_.certs.empty()) break;
            std::vector<core::Bytes> der;
            if (parse_certificate_list(body, der, false) != ParseStatus::Ok) {
                hs_.anomalies.push_back({"dtls_bad_certificate_list", "Certificate message does not parse", ts});
                return;
            }
            for (const auto& c : der) hs_.certs.emplace_back(c.begin(), c.end());
            break;
        }
        default: break;
    }
}

}  // namespace vca::probes::tls
