// TLS/DTLS grammar (see tls_parser.hpp for the contract of each function).
#include "probes/tls/tls_parser.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "auditor/core/limits.hpp"

namespace vca::probes::tls {
namespace {

using core::ByteReader;
using core::Bytes;

RecordResult record_invalid(std::string_view why) {
    RecordResult r;
    r.status = ParseStatus::Invalid;
    r.error = why;
    return r;
}

// RFC 8446 §5.1 ContentType; 24 is heartbeat (RFC 6520 §3).
bool valid_content_type(std::uint8_t t) { return t >= kChangeCipherSpec && t <= kHeartbeat; }

// RFC 6347 §4.1 (0xfeff DTLS 1.0, 0xfefd DTLS 1.2), RFC 9147 §5.3 (0xfefc);
// 0x0100 is what OpenSSL before 0.9.8f sent (pre-RFC 4347 DTLS).
bool valid_dtls_version(std::uint16_t v) {
    return v == 0xfeff || v == 0xfefd || v == 0xfefc || v == 0x0100;
}

// A vector<<lo..hi>> of uint16 with a `len_bytes`-byte length prefix that must
// fill `r` exactly (the extension_data it lives in). RFC 8446 §3.4.
bool read_u16_list(ByteReader& r, std::size_t len_bytes, std::size_t min_len,
                   std::vector<std::uint16_t>& out) {
    std::size_t len = 0;
    if (len_bytes == 1) {
        std::uint8_t l = 0;
        if (!r.u8(l)) return false;
        len = l;
    } else {
        std::uint16_t l = 0;
        if (!r.be16(l)) return false;
        len = l;
    }
    if (len < min_len || len % 2 != 0 || len != r.remaining()) return false;
    out.clear();
    out.reserve(len / 2);
    std::uint16_t v = 0;
    while (r.be16(v)) out.push_back(v);
    return true;
}

std::string to_string(Bytes b) { return std::string(core::as_text(b)); }

// RFC 6066 §3: ServerNameList server_name_list<1..2^16-1>;
// ServerName { NameType name_type; select (name_type) { case host_name:
// HostName<1..2^16-1> } }. The list length must match the extension, and each
// entry must fit. The first host_name (type 0) is the SNI; an unknown
// name_type ends the walk (RFC 6066: its length is unknown), as in OpenSSL.
bool parse_sni(ByteReader r, std::optional<std::string>& sni) {
    std::uint16_t list_len = 0;
    if (!r.be16(list_len) || list_len == 0 || list_len != r.remaining()) return false;
    while (!r.empty()) {
        std::uint8_t type = 0;
        if (!r.u8(type)) return false;
        if (type != 0) return true;
        std::uint16_t n = 0;
        Bytes name;
        if (!r.be16(n) || n == 0 || !r.bytes(n, name)) return false;
        if (!sni) sni = to_string(name);
    }
    return true;
}

// RFC 7301 §3.1: ProtocolName<1..2^8-1>; ProtocolNameList<2..2^16-1>.
bool parse_alpn(ByteReader r, std::vector<std::string>& out) {
    std::uint16_t list_len = 0;
    if (!r.be16(list_len) || list_len < 2 || list_len != r.remaining()) return false;
    while (!r.empty()) {
        std::uint8_t n = 0;
        Bytes name;
        if (!r.u8(n) || n == 0 || !r.bytes(n, name)) return false;
        out.push_back(to_string(name));
    }
    return true;
}

// RFC 5764 §4.1.1: UseSRTPData { SRTPProtectionProfiles<2..2^16-1>;
// opaque srtp_mki<0..255> }.
bool parse_use_srtp(ByteReader r, std::vector<std::uint16_t>& profiles) {
    std::uint16_t len = 0;
    ByteReader list(Bytes{});
    if (!r.be16(len) || len < 2 || len % 2 != 0 || !r.sub(len, list)) return false;
    profiles.clear();
    std::uint16_t p = 0;
    while (list.be16(p)) profiles.push_back(p);
    std::uint8_t mki_len = 0;
    if (!r.u8(mki_len) || !r.skip(mki_len)) return false;
    return r.empty();
}

// RFC 8446 §4.2: Extension extensions<0..2^16-1> { ExtensionType; opaque
// extension_data<0..2^16-1> }. Calls on_ext(type, data-reader) per
// extension; false stops with Invalid. Duplicates are Invalid.
template <typename F>
bool walk_extensions(ByteReader& r, std::vector<std::uint16_t>& types, F&& on_ext) {
    types.clear();
    if (r.empty()) return true;  // RFC 5246 §7.4.1.2: extensions are optional
    std::uint16_t total = 0;
    ByteReader exts(Bytes{});
    if (!r.be16(total) || !r.sub(total, exts) || !r.empty()) return false;
    while (!exts.empty()) {
        std::uint16_t type = 0;
        std::uint16_t len = 0;
        ByteReader data(Bytes{});
        if (!exts.be16(type) || !exts.be16(len) || !exts.sub(len, data)) return false;
        if (std::find(types.begin(), types.end(), type) != types.end()) return false;
        types.push_back(type);
        if (!on_ext(type, data)) return false;
    }
    return true;
}

// SHA-256("HelloRetryRequest"), RFC 8446 §4.1.3.
constexpr std::array<std::uint8_t, 32> kHelloRetryRandom = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

// A legacy_version a hello can carry: SSL 3.0..TLS 1.2 (higher minors are
// tolerated), a TLS 1.3 draft version (drafts up to 21 put it in the
// ServerHello itself), or for DTLS one of the DTLS versions.
bool plausible_hello_version(std::uint16_t v, bool dtls) {
    if (dtls) return valid_dtls_version(v);
    return (v >> 8) == 3 || (v >> 8) == 0x7f;  // 0x7fNN: TLS 1.3 drafts <= 21
}

}  // namespace

// ---------------------------------------------------------------- records

RecordResult parse_record(Bytes stream) {
    // Each header field is checked as soon as its bytes are present, so
    // garbage is Invalid at once instead of NeedMore forever.
    ByteReader r(stream);
    std::uint8_t type = 0;
    std::uint8_t major = 0;
    std::uint8_t minor = 0;
    std::uint16_t length = 0;
    if (!r.u8(type)) return {};  // NeedMore
    if (!valid_content_type(type)) return record_invalid("tls_bad_content_type");
    if (!r.u8(major)) return {};
    if (major != 3) return record_invalid("tls_bad_version");
    if (!r.u8(minor) || !r.be16(length)) return {};
    if (length > kMaxRecordFragment) return record_invalid("tls_record_too_long");
    RecordResult out;
    if (!r.bytes(length, out.record.fragment)) return {};  // NeedMore
    out.status = ParseStatus::Ok;
    out.consumed = kTlsRecordHeader + length;
    out.record.content_type = type;
    out.record.version = static_cast<std::uint16_t>((major << 8) | minor);
    return out;
}

bool looks_like_tls(Bytes first_bytes) {
    ByteReader r(first_bytes);
    std::uint8_t b0 = 0;
    std::uint8_t b1 = 0;
    std::uint8_t b2 = 0;
    std::uint16_t len = 0;
    if (!r.u8(b0) || !r.u8(b1) || !r.u8(b2) || !r.be16(len)) return false;
    if (b0 == kHandshake) {
        if (b1 != 3 || b2 > 4) return false;
        if (len < kHandshakeHeader || len > kMaxRecordFragment) return false;
        const auto msg_type = r.peek();
        return !msg_type || *msg_type == kClientHello || *msg_type == kServerHello;
    }
    // SSLv2-compatible ClientHello, 2-byte header form (RFC 6101 §E.2):
    // length (top bit set), msg_type 1, version {0,2} or {3,0..4}.
    if ((b0 & 0x80U) != 0) {
        const std::size_t v2_len = (std::size_t{b0 & 0x7fU} << 8) | b1;
        const auto major = static_cast<std::uint8_t>(len >> 8);
        const auto minor = static_cast<std::uint8_t>(len & 0xffU);
        if (v2_len < 9 || b2 != kClientHello) return false;
        return (major == 0 && minor == 2) || (major == 3 && minor <= 4);
    }
    return false;
}

RecordResult parse_dtls_record(Bytes datagram) {
    ByteReader r(datagram);
    std::uint8_t first = 0;
    if (!r.u8(first)) return {};  // NeedMore
    if ((first & 0xe0U) == 0x20U) {
        // RFC 9147 §4: unified header 0 0 1 C S L E E, then optional CID,
        // 8- or 16-bit sequence number, optional 16-bit length.
        if ((first & 0x10U) != 0) return record_invalid("dtls_cid_unsupported");
        RecordResult out;
        std::uint16_t seq = 0;
        if ((first & 0x08U) != 0) {
            if (!r.be16(seq)) return {};
        } else {
            std::uint8_t s8 = 0;
            if (!r.u8(s8)) return {};
            seq = s8;
        }
        std::size_t length = r.remaining();
        if ((first & 0x04U) != 0) {
            std::uint16_t l = 0;
            if (!r.be16(l)) return {};
            length = l;
        }
        if (length > kMaxRecordFragment) return record_invalid("tls_record_too_long");
        const std::size_t header = r.position();
        if (!r.bytes(length, out.record.fragment)) return {};
        out.status = ParseStatus::Ok;
        out.consumed = header + length;
        out.record.content_type = kApplicationData;
        out.record.version = 0xfefc;
        out.record.epoch = static_cast<std::uint16_t>(first & 0x03U);
        out.record.sequence = seq;
        return out;
    }
    // Plaintext header: reject garbage as soon as the bytes proving it exist.
    std::uint16_t version = 0;
    std::uint16_t epoch = 0;
    std::uint16_t seq_hi = 0;
    std::uint32_t seq_lo = 0;
    std::uint16_t length = 0;
    if (!valid_content_type(first)) return record_invalid("tls_bad_content_type");
    if (!r.be16(version)) return {};  // NeedMore
    if (!valid_dtls_version(version)) return record_invalid("dtls_bad_version");
    if (!r.be16(epoch) || !r.be16(seq_hi) || !r.be32(seq_lo) || !r.be16(length)) return {};
    if (length > kMaxRecordFragment) return record_invalid("tls_record_too_long");
    RecordResult out;
    if (!r.bytes(length, out.record.fragment)) return {};  // NeedMore
    out.status = ParseStatus::Ok;
    out.consumed = kDtlsRecordHeader + length;
    out.record.content_type = first;
    out.record.version = version;
    out.record.epoch = epoch;
    out.record.sequence = (std::uint64_t{seq_hi} << 32) | seq_lo;
    return out;
}

bool looks_like_dtls(Bytes datagram) {
    if (ByteReader(datagram).peek() != kHandshake) return false;
    const RecordResult r = parse_dtls_record(datagram);
    return r.status == ParseStatus::Ok && r.record.epoch == 0 &&
           r.record.fragment.size() >= kDtlsHandshakeHeader;
}

// ------------------------------------------------------ handshake framing

HandshakeResult parse_handshake(Bytes data) {
    ByteReader r(data);
    std::uint8_t type = 0;
    std::uint32_t length = 0;
    if (!r.u8(type) || !r.be24(length)) return {};  // NeedMore
    HandshakeResult out;
    if (length > core::limits::kMaxTlsHandshakeMessage) {
        out.status = ParseStatus::Invalid;
        out.error = "tls_handshake_too_long";
        return out;
    }
    if (!r.bytes(length, out.msg.body)) return {};  // NeedMore
    out.status = ParseStatus::Ok;
    out.consumed = kHandshakeHeader + length;
    out.msg.msg_type = type;
    return out;
}

DtlsHandshakeResult parse_dtls_handshake(Bytes data) {
    ByteReader r(data);
    DtlsHandshakeResult out;
    std::uint8_t type = 0;
    std::uint32_t length = 0;
    std::uint16_t seq = 0;
    std::uint32_t frag_off = 0;
    std::uint32_t frag_len = 0;
    if (!r.u8(type) || !r.be24(length) || !r.be16(seq) || !r.be24(frag_off) ||
        !r.be24(frag_len)) {
        return {};  // NeedMore
    }
    if (length > core::limits::kMaxTlsHandshakeMessage) {
        out.status = ParseStatus::Invalid;
        out.error = "tls_handshake_too_long";
        return out;
    }
    if (std::uint64_t{frag_off} + frag_len > length) {
        out.status = ParseStatus::Invalid;
        out.error = "dtls_bad_fragment";
        return out;
    }
    if (!r.bytes(frag_len, out.msg.fragment)) return {};  // NeedMore
    out.status = ParseStatus::Ok;
    out.consumed = kDtlsHandshakeHeader + frag_len;
    out.msg.msg_type = type;
    out.msg.length = length;
    out.msg.message_seq = seq;
    out.msg.fragment_offset = frag_off;
    return out;
}

// ---------------------------------------------------------------- hellos

ParseStatus parse_client_hello(Bytes body, ClientHello& out, bool dtls) {
    out = ClientHello{};
    ByteReader r(body);
    constexpr auto bad = ParseStatus::Invalid;
    // RFC 8446 §4.1.2: legacy_version, Random (32), legacy_session_id<0..32>.
    std::uint8_t sid_len = 0;
    Bytes sid;
    if (!r.be16(out.legacy_version) || !r.skip(32) || !r.u8(sid_len) || sid_len > 32 ||
        !r.bytes(sid_len, sid)) {
        return bad;
    }
    out.session_id.assign(sid.begin(), sid.end());
    // RFC 6347 §4.2.1: opaque cookie<0..2^8-1> (DTLS only).
    if (dtls) {
        std::uint8_t cookie_len = 0;
        if (!r.u8(cookie_len) || !r.skip(cookie_len)) return bad;
    }
    // CipherSuite cipher_suites<2..2^16-2>.
    std::uint16_t cs_len = 0;
    ByteReader cs(Bytes{});
    if (!r.be16(cs_len) || cs_len < 2 || cs_len % 2 != 0 || !r.sub(cs_len, cs)) return bad;
    out.cipher_suites.reserve(cs_len / 2U);
    std::uint16_t suite = 0;
    while (cs.be16(suite)) out.cipher_suites.push_back(suite);
    // opaque legacy_compression_methods<1..2^8-1>.
    std::uint8_t comp_len = 0;
    if (!r.u8(comp_len) || comp_len == 0 || !r.skip(comp_len)) return bad;

    const bool ok = walk_extensions(r, out.extensions, [&](std::uint16_t type, ByteReader d) {
        switch (type) {
            case kExtServerName:
                return parse_sni(d, out.sni);
            case kExtSupportedGroups:  // NamedGroup named_group_list<2..2^16-1>
                return read_u16_list(d, 2, 2, out.groups);
            case kExtEcPointFormats: {  // ECPointFormat ec_point_format_list<1..2^8-1>
                std::uint8_t n = 0;
                Bytes f;
                if (!d.u8(n) || n == 0 || !d.bytes(n, f) || !d.empty()) return false;
                out.ec_point_formats.assign(f.begin(), f.end());
                return true;
            }
            case kExtSignatureAlgorithms:  // SignatureScheme list<2..2^16-2>
                return read_u16_list(d, 2, 2, out.signature_algorithms);
            case kExtUseSrtp:
                out.has_use_srtp = true;
                return parse_use_srtp(d, out.srtp_profiles);
            case kExtAlpn:
                return parse_alpn(d, out.alpn);
            case kExtSupportedVersions:  // ProtocolVersion versions<2..254> (1-byte length)
                return read_u16_list(d, 1, 2, out.supported_versions);
            case kExtSessionTicket:  // opaque ticket, empty when asking for a new one
                out.session_ticket = !d.empty();
                return true;
            default:
                return true;  // carried as a type only
        }
    });
    return ok ? ParseStatus::Ok : bad;
}

ParseStatus parse_server_hello(Bytes body, ServerHello& out, bool dtls) {
    out = ServerHello{};
    ByteReader r(body);
    constexpr auto bad = ParseStatus::Invalid;
    // RFC 8446 §4.1.3: legacy_version, Random, legacy_session_id_echo<0..32>,
    // cipher_suite, legacy_compression_method, extensions<6..2^16-1>.
    Bytes random;
    Bytes sid;
    std::uint8_t sid_len = 0;
    std::uint8_t compression = 0;
    if (!r.be16(out.legacy_version) || !r.bytes(32, random) || !r.u8(sid_len) || sid_len > 32 ||
        !r.bytes(sid_len, sid) || !r.be16(out.cipher_suite) || !r.u8(compression)) {
        return bad;
    }
    out.session_id.assign(sid.begin(), sid.end());
    if (!plausible_hello_version(out.legacy_version, dtls)) return bad;
    out.hello_retry_request = std::equal(random.begin(), random.end(), kHelloRetryRandom.begin(),
                                         kHelloRetryRandom.end());
    const bool ok = walk_extensions(r, out.extensions, [&](std::uint16_t type, ByteReader d) {
        switch (type) {
            case kExtSupportedVersions: {  // ProtocolVersion selected_version
                std::uint16_t v = 0;
                if (!d.be16(v) || !d.empty()) return false;
                out.selected_version = v;
                return true;
            }
            case kExtAlpn: {  // RFC 7301 §3.1: exactly one ProtocolName
                std::vector<std::string> names;
                if (!parse_alpn(d, names) || names.size() != 1) return false;
                out.alpn = std::move(names.front());
                return true;
            }
            case kExtUseSrtp: {  // RFC 5764 §4.1.1: exactly one profile
                std::vector<std::uint16_t> profiles;
                if (!parse_use_srtp(d, profiles) || profiles.size() != 1) return false;
                out.srtp_profile = profiles.front();
                return true;
            }
            default:
                return true;
        }
    });
    return ok ? ParseStatus::Ok : bad;
}

std::uint16_t negotiated_version(const ServerHello& sh) {
    return sh.selected_version.value_or(sh.legacy_version);
}

ParseStatus parse_certificate_list(Bytes body, std::vector<Bytes>& certs_der, bool tls13) {
    certs_der.clear();
    ByteReader r(body);
    constexpr auto bad = ParseStatus::Invalid;
    if (tls13) {  // RFC 8446 §4.4.2: opaque certificate_request_context<0..2^8-1>
        std::uint8_t ctx_len = 0;
        if (!r.u8(ctx_len) || !r.skip(ctx_len)) return bad;
    }
    // certificate_list<0..2^24-1>, then nothing.
    std::uint32_t list_len = 0;
    ByteReader list(Bytes{});
    if (!r.be24(list_len) || !r.sub(list_len, list) || !r.empty()) return bad;
    while (!list.empty()) {
        std::uint32_t n = 0;
        Bytes der;
        if (!list.be24(n) || n == 0 || !list.bytes(n, der)) return bad;
        if (tls13) {  // Extension extensions<0..2^16-1>, skipped
            std::uint16_t ext_len = 0;
            if (!list.be16(ext_len) || !list.skip(ext_len)) return bad;
        }
        certs_der.push_back(der);
    }
    return ParseStatus::Ok;
}

// ---------------------------------------------------------------- names

std::string version_name(std::uint16_t v) {
    switch (v) {
        case 0x0002: return "SSL2";
        case 0x0300: return "SSL3";
        case 0x0301: return "TLS1.0";
        case 0x0302: return "TLS1.1";
        case 0x0303: return "TLS1.2";
        case 0x0304: return "TLS1.3";
        case 0xfeff: return "DTLS1.0";
        case 0xfefd: return "DTLS1.2";
        case 0xfefc: return "DTLS1.3";
        case 0x0100: return "DTLS1.0-pre";
        default: break;
    }
    if ((v >> 8) == 0x7f) {  // draft-ietf-tls-tls13-NN used 0x7f00 | NN
        return "TLS1.3-draft" + std::to_string(v & 0xffU);
    }
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "0x%04x", static_cast<unsigned>(v));
    return std::string(buf.data());
}

}  // namespace vca::probes::tls
