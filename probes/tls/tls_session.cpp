#include "probes/tls/tls_session.hpp"

#include "auditor/core/limits.hpp"
#include "probes/tls/ssl2_parser.hpp"

namespace vca::probes::tls {

void TlsSession::anomaly(std::string name, std::string detail, double ts) {
    hs_.anomalies.push_back(TlsAnomaly{std::move(name), std::move(detail), ts});
}

bool TlsSession::done() const { return sides_[0].stopped && sides_[1].stopped; }

void TlsSession::on_data(int direction, core::Bytes data, bool after_gap, double ts) {
    Side& side = sides_[static_cast<std::size_t>(direction)];
    if (side.stopped) return;
    if (after_gap) {
        // Records cannot be re-synchronised reliably after a hole; the
        // handshake facts gathered so far stand, the rest is a gap.
        anomaly("tls_stream_gap", "bytes missing inside the TLS handshake", ts);
        side.stopped = true;
        return;
    }
    if (side.records.size() - side.offset + data.size() > core::limits::kMaxStreamBuffer) {
        anomaly("tls_buffer_limit", "handshake larger than the buffer limit", ts);
        side.stopped = true;
        return;
    }
    side.records.insert(side.records.end(), data.begin(), data.end());
    parse_records(direction, ts);
}

void TlsSession::parse_records(int direction, double ts) {
    Side& side = sides_[static_cast<std::size_t>(direction)];
    if (!side.started && side.records.size() >= 3) {
        side.started = true;
        // SSL 2.0 records have the high bit of the first byte set; TLS
        // content types (20-24) never do.
        std::uint8_t type = side.records[2];
        side.ssl2 = (side.records[0] & 0x80) != 0 &&
                    (type == kSsl2ClientHello || type == kSsl2ServerHello || type == kSsl2ClientMasterKey);
    }
    if (!side.started) return;
    if (side.ssl2) {
        parse_ssl2_records(direction, ts);
        if (side.ssl2 || side.stopped) return;  // a v2-compatible hello switches to TLS records
    }
    while (!side.stopped) {
        core::Bytes pending(side.records.data() + side.offset, side.records.size() - side.offset);
        RecordResult r = parse_record(pending);
        if (r.status == ParseStatus::NeedMore) break;
        if (r.status == ParseStatus::Invalid) {
            anomaly("tls_bad_record", std::string(r.error), ts);
            side.stopped = true;
            break;
        }
        side.offset += r.consumed;
        switch (r.record.content_type) {
            case kHandshake: on_handshake_bytes(direction, r.record.fragment, ts); break;
            case kChangeCipherSpec:
                // TLS ≤1.2: everything after CCS is encrypted. TLS 1.3 sends a
                // dummy CCS (RFC 8446 §D.4) but is already encrypted by then.
                if (hs_.server_hello && direction != hs_.client_dir) hs_.server_change_cipher_spec = true;
                side.stopped = true;
                break;
            case kApplicationData: side.stopped = true; break;
            case kAlert: break;
            default: break;
        }
    }
    // Compact the buffer now and then instead of erasing per record.
    if (side.offset > 0 && side.offset * 2 >= side.records.size()) {
        side.records.erase(side.records.begin(), side.records.begin() + static_cast<std::ptrdiff_t>(side.offset));
        side.offset = 0;
    }
}

void TlsSession::parse_ssl2_records(int direction, double ts) {
    Side& side = sides_[static_cast<std::size_t>(direction)];
    while (!side.stopped && side.ssl2) {
        core::Bytes pending(side.records.data() + side.offset, side.records.size() - side.offset);
        Ssl2RecordResult r = parse_ssl2_record(pending);
        if (r.status == ParseStatus::NeedMore) return;
        if (r.status == ParseStatus::Invalid) {
            anomaly("tls_bad_record", std::string(r.error), ts);
            side.stopped = true;
            return;
        }
        side.offset += r.consumed;
        switch (r.record.msg_type) {
            case kSsl2ClientHello: {
                ClientHello ch;
                std::size_t specs = 0;
                if (parse_ssl2_client_hello(r.record.body, ch, specs) != ParseStatus::Ok) {
                    anomaly("tls_bad_client_hello", "SSL 2.0 CLIENT-HELLO does not parse", ts);
                    side.stopped = true;
                    return;
                }
                bool compatible = ch.legacy_version >= 0x0300;
                if (!hs_.client_hello) {
                    hs_.client_hello = std::move(ch);
                    hs_.client_dir = direction;
                    hs_.ssl2_client_specs = specs;
                    if (!hs_.hello_ts) hs_.hello_ts = ts;
                }
                // RFC 6101 E.2: a TLS client's v2-format hello; the rest is TLS records.
                if (compatible) side.ssl2 = false;
                break;
            }
            case kSsl2ServerHello: {
                Ssl2ServerHello sh;
                if (parse_ssl2_server_hello(r.record.body, sh) != ParseStatus::Ok) {
                    anomaly("tls_bad_server_hello", "SSL 2.0 SERVER-HELLO does not parse", ts);
                    side.stopped = true;
                    return;
                }
                hs_.ssl2_server_version = sh.version;
                if (!sh.certificate.empty() && hs_.certs.empty())
                    hs_.certs.emplace_back(sh.certificate.begin(), sh.certificate.end());
                if (!hs_.client_hello) hs_.client_dir = 1 - direction;
                side.stopped = true;  // the server's next records are encrypted
                break;
            }
            case kSsl2ClientMasterKey: {
                std::uint32_t kind = 0;
                if (parse_ssl2_client_master_key(r.record.body, kind) == ParseStatus::Ok) hs_.ssl2_cipher_kind = kind;
                side.stopped = true;  // encrypted from here on
                break;
            }
            default:
                side.stopped = true;
                break;
        }
    }
}

void TlsSession::on_handshake_bytes(int direction, core::Bytes fragment, double ts) {
    Side& side = sides_[static_cast<std::size_t>(direction)];
    side.handshake.insert(side.handshake.end(), fragment.begin(), fragment.end());
    std::size_t used = 0;
    while (!side.stopped) {
        core::Bytes rest(side.handshake.data() + used, side.handshake.size() - used);
        HandshakeResult h = parse_handshake(rest);
        if (h.status == ParseStatus::NeedMore) break;
        if (h.status == ParseStatus::Invalid) {
            anomaly("tls_bad_handshake", std::string(h.error), ts);
            side.stopped = true;
            break;
        }
        on_handshake(direction, h.msg, ts);
        used += h.consumed;
    }
    side.handshake.erase(side.handshake.begin(), side.handshake.begin() + static_cast<std::ptrdiff_t>(used));
}

void TlsSession::on_handshake(int direction, const HandshakeView& msg, double ts) {
    Side& side = sides_[static_cast<std::size_t>(direction)];
    switch (msg.msg_type) {
        case kClientHello: {
            ClientHello ch;
            if (parse_client_hello(msg.body, ch, false) != ParseStatus::Ok) {
                anomaly("tls_bad_client_hello", "ClientHello does not parse", ts);
                return;
            }
            if (!hs_.client_hello) {  // a second ClientHello answers a HelloRetryRequest
                hs_.client_hello = std::move(ch);
                hs_.client_dir = direction;
                if (!hs_.hello_ts) hs_.hello_ts = ts;
            }
            break;
        }
        case kServerHello: {
            ServerHello sh;
            if (parse_server_hello(msg.body, sh, false) != ParseStatus::Ok) {
                anomaly("tls_bad_server_hello", "ServerHello does not parse", ts);
                return;
            }
            if (!hs_.client_hello) hs_.client_dir = 1 - direction;
            if (!hs_.hello_ts) hs_.hello_ts = ts;
            bool retry = sh.hello_retry_request;
            if (!hs_.server_hello || hs_.server_hello->hello_retry_request) hs_.server_hello = std::move(sh);
            // TLS 1.3: all later handshake messages are encrypted (RFC 8446 §2),
            // on both sides once the final ServerHello is out.
            std::uint16_t v = negotiated_version(*hs_.server_hello);
            bool tls13 = v == 0x0304 || (v >> 8) == 0x7f;  // final or draft (0x7fNN)
            if (!retry && tls13) {
                side.stopped = true;
                sides_[static_cast<std::size_t>(1 - direction)].stopped = true;
            }
            break;
        }
        case kServerHelloDone:
            if (direction != hs_.client_dir) hs_.server_hello_done = true;
            break;
        case kCertificate: {
            if (!hs_.certs.empty()) break;
            std::vector<core::Bytes> der;
            if (parse_certificate_list(msg.body, der, false) != ParseStatus::Ok) {
                anomaly("tls_bad_certificate_list", "Certificate message does not parse", ts);
                return;
            }
            for (const auto& c : der) hs_.certs.emplace_back(c.begin(), c.end());
            break;
        }
        default: break;
    }
}

}  // namespace vca::probes::tls
