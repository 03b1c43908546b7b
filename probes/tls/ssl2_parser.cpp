#include "probes/tls/ssl2_parser.hpp"

#include <array>

namespace vca::probes::tls {

Ssl2RecordResult parse_ssl2_record(core::Bytes stream) {
    Ssl2RecordResult r;
    core::ByteReader in(stream);
    std::uint16_t header = 0;
    if (!in.be16(header)) return r;  // NeedMore
    if ((header & 0x8000) == 0) {
        r.status = ParseStatus::Invalid;
        r.error = "ssl2_padded_record";
        return r;
    }
    std::size_t length = header & 0x7fff;
    if (length < 1) {
        r.status = ParseStatus::Invalid;
        r.error = "ssl2_empty_record";
        return r;
    }
    core::Bytes body;
    if (!in.bytes(length, body)) return r;  // NeedMore
    r.status = ParseStatus::Ok;
    r.consumed = 2 + length;
    r.record.msg_type = body[0];
    r.record.body = body.subspan(1);
    return r;
}

bool looks_like_ssl2_client_hello(core::Bytes b) {
    // Header with the high bit, a plausible length, CLIENT-HELLO, version
    // 0x0002 or 0x03xx (RFC 6101 E.2 compatible hello).
    if (b.size() < 5 || (b[0] & 0x80) == 0 || b[2] != kSsl2ClientHello) return false;
    std::size_t length = (std::size_t{b[0] & 0x7fu} << 8) | b[1];
    if (length < 9) return false;
    return (b[3] == 0x00 && b[4] == 0x02) || (b[3] == 0x03 && b[4] <= 0x04);
}

ParseStatus parse_ssl2_client_hello(core::Bytes body, ClientHello& out, std::size_t& cipher_specs) {
    core::ByteReader in(body);
    std::uint16_t version = 0, specs_len = 0, session_len = 0, challenge_len = 0;
    if (!in.be16(version) || !in.be16(specs_len) || !in.be16(session_len) || !in.be16(challenge_len))
        return ParseStatus::Invalid;
    if (specs_len % 3 != 0 || specs_len == 0) return ParseStatus::Invalid;
    core::ByteReader specs{core::Bytes{}};
    if (!in.sub(specs_len, specs) || !in.skip(session_len) || !in.skip(challenge_len)) return ParseStatus::Invalid;
    out = ClientHello{};
    out.legacy_version = version;
    cipher_specs = specs_len / 3u;
    for (std::size_t i = 0; i < cipher_specs; ++i) {
        std::uint8_t hi = 0;
        std::uint16_t lo = 0;
        specs.u8(hi);
        specs.be16(lo);
        if (hi == 0) out.cipher_suites.push_back(lo);  // a TLS suite in v2 clothing
    }
    return ParseStatus::Ok;
}

ParseStatus parse_ssl2_server_hello(core::Bytes body, Ssl2ServerHello& out) {
    core::ByteReader in(body);
    std::uint8_t session_hit = 0, cert_type = 0;
    std::uint16_t version = 0, cert_len = 0, specs_len = 0, conn_len = 0;
    if (!in.u8(session_hit) || !in.u8(cert_type) || !in.be16(version) || !in.be16(cert_len) ||
        !in.be16(specs_len) || !in.be16(conn_len))
        return ParseStatus::Invalid;
    if (specs_len % 3 != 0) return ParseStatus::Invalid;
    core::Bytes cert;
    core::ByteReader specs{core::Bytes{}};
    if (!in.bytes(cert_len, cert) || !in.sub(specs_len, specs) || !in.skip(conn_len)) return ParseStatus::Invalid;
    out = Ssl2ServerHello{};
    out.version = version;
    if (cert_type == 1) out.certificate = cert;
    for (std::size_t i = 0; i < specs_len / 3u; ++i) {
        std::uint32_t kind = 0;
        specs.be24(kind);
        out.cipher_kinds.push_back(kind);
    }
    return ParseStatus::Ok;
}

ParseStatus parse_ssl2_client_master_key(core::Bytes body, std::uint32_t& cipher_kind) {
    core::ByteReader in(body);
    return in.be24(cipher_kind) ? ParseStatus::Ok : ParseStatus::Invalid;
}

std::optional<std::string> ssl2_cipher_name(std::uint32_t kind) {
    struct Entry {
        std::uint32_t kind;
        const char* name;
    };
    // SSL 2.0 specification, Appendix C (cipher kind values).
    static constexpr std::array kKinds{
        Entry{0x010080, "SSL2_RC4_128_WITH_MD5"},
        Entry{0x020080, "SSL2_RC4_128_EXPORT40_WITH_MD5"},
        Entry{0x030080, "SSL2_RC2_128_CBC_WITH_MD5"},
        Entry{0x040080, "SSL2_RC2_128_CBC_EXPORT40_WITH_MD5"},
        Entry{0x050080, "SSL2_IDEA_128_CBC_WITH_MD5"},
        Entry{0x060040, "SSL2_DES_64_CBC_WITH_MD5"},
        Entry{0x0700c0, "SSL2_DES_192_EDE3_CBC_WITH_MD5"},
    };
    for (const auto& e : kKinds)
        if (e.kind == kind) return std::string(e.name);
    return std::nullopt;
}

}  // namespace vca::probes::tls
