// Builds ClientHello / ServerHello handshake bodies byte by byte for the JA4,
// resumption and attribution tests, so each test states exactly what was on
// the wire.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::tls::test {

using Buf = std::vector<std::uint8_t>;

inline void put8(Buf& b, unsigned v) { b.push_back(static_cast<std::uint8_t>(v)); }
inline void put16(Buf& b, unsigned v) {
    put8(b, (v >> 8) & 0xffU);
    put8(b, v & 0xffU);
}
inline void append(Buf& b, const Buf& more) { b.insert(b.end(), more.begin(), more.end()); }
inline core::Bytes view(const Buf& b) { return {b.data(), b.size()}; }

struct Ext {
    unsigned type;
    Buf data;
};

inline Ext ext(unsigned type, Buf data = {}) { return Ext{type, std::move(data)}; }

// server_name with one host_name (RFC 6066 §3).
inline Ext sni_ext(const std::string& host) {
    Buf b;
    put16(b, static_cast<unsigned>(host.size() + 3));
    put8(b, 0);
    put16(b, static_cast<unsigned>(host.size()));
    b.insert(b.end(), host.begin(), host.end());
    return {0, b};
}

// application_layer_protocol_negotiation (RFC 7301 §3.1).
inline Ext alpn_ext(const std::vector<std::string>& names) {
    Buf list;
    for (const auto& n : names) {
        put8(list, static_cast<unsigned>(n.size()));
        list.insert(list.end(), n.begin(), n.end());
    }
    Buf b;
    put16(b, static_cast<unsigned>(list.size()));
    append(b, list);
    return {16, b};
}

// A list of uint16 with a 2-byte (or 1-byte) length prefix.
inline Buf u16_list(const std::vector<unsigned>& v, bool one_byte_len = false) {
    Buf b;
    if (one_byte_len) put8(b, static_cast<unsigned>(v.size() * 2));
    else put16(b, static_cast<unsigned>(v.size() * 2));
    for (auto x : v) put16(b, x);
    return b;
}

inline Buf extensions_block(const std::vector<Ext>& exts) {
    Buf all;
    for (const auto& e : exts) {
        put16(all, e.type);
        put16(all, static_cast<unsigned>(e.data.size()));
        append(all, e.data);
    }
    Buf b;
    put16(b, static_cast<unsigned>(all.size()));
    append(b, all);
    return b;
}

// ClientHello body (RFC 5246 §7.4.1.2): version, zero random, session id,
// suites, null compression, extensions.
inline Buf client_hello_body(unsigned version, const Buf& session_id, const std::vector<unsigned>& suites,
                             const std::vector<Ext>& exts) {
    Buf b;
    put16(b, version);
    b.insert(b.end(), 32, 0x11);
    put8(b, static_cast<unsigned>(session_id.size()));
    append(b, session_id);
    append(b, u16_list(suites));
    put8(b, 1);
    put8(b, 0);
    append(b, extensions_block(exts));
    return b;
}

// ServerHello body (RFC 5246 §7.4.1.3).
inline Buf server_hello_body(unsigned version, const Buf& session_id, unsigned suite, const std::vector<Ext>& exts) {
    Buf b;
    put16(b, version);
    b.insert(b.end(), 32, 0x22);
    put8(b, static_cast<unsigned>(session_id.size()));
    append(b, session_id);
    put16(b, suite);
    put8(b, 0);
    append(b, extensions_block(exts));
    return b;
}

// One handshake message in one TLS record.
inline Buf record(unsigned content_type, const Buf& fragment) {
    Buf b;
    put8(b, content_type);
    put16(b, 0x0303);
    put16(b, static_cast<unsigned>(fragment.size()));
    append(b, fragment);
    return b;
}
inline Buf handshake(unsigned type, const Buf& body) {
    Buf b;
    put8(b, type);
    put8(b, (body.size() >> 16) & 0xffU);
    put16(b, body.size() & 0xffffU);
    append(b, body);
    return b;
}

}  // namespace vca::probes::tls::test
