#include "probes/tls/tls_facts.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "auditor/core/limits.hpp"

#include "probes/tls/app_attribution.hpp"
#include "probes/tls/cipher_suites.hpp"
#include "probes/tls/ja4.hpp"
#include "probes/tls/ssl2_parser.hpp"
#include "probes/tls/x509_adapter.hpp"

namespace vca::probes::tls {
std::string ja3_string(const ClientHello& ch) {
    auto join = [](const auto& values) {
        std::string out;
        for (auto v : values) {
            if constexpr (sizeof(v) == 2) {
                if (is_grease(v)) continue;
            }
            if (!out.empty()) out += '-';
            out += std::to_string(v);
        }
        return out;
    };
    return std::to_string(ch.legacy_version) + "," + join(ch.cipher_suites) + "," + join(ch.extensions) + "," +
           join(ch.groups) + "," + join(ch.ec_point_formats);
}

// The suites a client offered, in its order, by IANA name (0xNNNN when
// unknown), GREASE left out: so a rule can see NULL/EXPORT/RC4/DES offers
// even when the server chose well. Cut after kMaxOfferedSuitesListed.
std::string offered_suites(const ClientHello& ch) {
    std::string out;
    std::size_t listed = 0;
    for (std::uint16_t v : ch.cipher_suites) {
        if (is_grease(v)) continue;
        if (listed++ == core::limits::kMaxOfferedSuitesListed) {
            out += ",...";
            break;
        }
        if (!out.empty()) out += ',';
        if (auto name = cipher_suite_name(v)) {
            out += *name;
        } else {
            char b[8];
            std::snprintf(b, sizeof b, "0x%04x", v);
            out += b;
        }
    }
    return out;
}

namespace {

bool has_extension(const std::vector<std::uint16_t>& types, std::uint16_t t) {
    return std::find(types.begin(), types.end(), t) != types.end();
}

bool is_tls13(std::uint16_t v) { return v == 0x0304 || v == 0xfefc || (v >> 8) == 0x7f; }

bool offers_tls13(const ClientHello& ch) {
    return std::any_of(ch.supported_versions.begin(), ch.supported_versions.end(), is_tls13);
}

}  // namespace

std::optional<std::string> resumption(const HandshakeFacts& hs) {
    if (!hs.server_hello || hs.server_hello->hello_retry_request) return std::nullopt;
    const ServerHello& sh = *hs.server_hello;
    if (is_tls13(negotiated_version(sh))) {
        return has_extension(sh.extensions, kExtPreSharedKey) ? "psk" : "full";
    }
    // RFC 5246 §7.3: a full handshake's first server flight ends with
    // ServerHelloDone (and usually carries a Certificate); an abbreviated one
    // goes straight from ServerHello (plus NewSessionTicket) to ChangeCipherSpec.
    if (hs.server_hello_done || !hs.certs.empty()) return "full";
    if (!hs.server_change_cipher_spec) return std::nullopt;
    // RFC 5077 §3.4: a server that accepts the ticket may echo the client's
    // session id too, so a ticket the client sent decides first.
    if (hs.client_hello && hs.client_hello->session_ticket) return "ticket";
    return "session_id";
}

std::optional<bool> client_offered_resumption(const HandshakeFacts& hs) {
    if (!hs.client_hello) return std::nullopt;
    const ClientHello& ch = *hs.client_hello;
    // A TLS 1.3 client fills legacy_session_id with random bytes (RFC 8446
    // §D.4), so only an older client's session id means "resume this".
    const bool offered = ch.session_ticket || has_extension(ch.extensions, kExtPreSharedKey) ||
                         (!ch.session_id.empty() && !offers_tls13(ch));
    const auto how = resumption(hs);
    return offered || (how && *how != "full");
}

std::string offered_versions(const ClientHello& ch) {
    std::string out;
    if (ch.supported_versions.empty()) return version_name(ch.legacy_version);
    for (std::uint16_t v : ch.supported_versions) {
        if (is_grease(v)) continue;
        if (!out.empty()) out += ',';
        out += version_name(v);
    }
    return out;
}

void emit_tls_facts(const HandshakeFacts& s, const FlowContext& ctx, facts::FactSink& sink) {
    const auto& ch = s.client_hello;
    const auto& sh = s.server_hello;
    if (!ch && !sh && !s.ssl2_server_version) return;
    facts::TlsSessionRow row;
    row.flow_id = ctx.flow_id;
    row.dtls = ctx.dtls;
    row.server_port = ctx.server_port;
    row.ts = s.hello_ts;
    if (ch) {
        row.sni = ch->sni;
        std::string alpn;
        for (const auto& a : ch->alpn) alpn += (alpn.empty() ? "" : ",") + a;
        if (!alpn.empty()) row.alpn = alpn;
        row.client_versions = offered_versions(*ch);
        row.client_ciphers = static_cast<std::int64_t>(ch->cipher_suites.size());
        if (!ch->cipher_suites.empty()) row.client_cipher_suites = offered_suites(*ch);
        if (!ctx.dtls) row.ja3 = md5_hex(ja3_string(*ch));  // JA3 is defined for TLS over TCP
        row.ja4 = ja4(*ch, ctx.dtls ? Ja4Transport::Dtls : Ja4Transport::Tcp);
    }
    row.resumed = resumption(s);
    if (auto offered = client_offered_resumption(s)) row.client_offered_resumption = *offered ? 1 : 0;
    AttributionInput app;
    app.dtls = ctx.dtls;
    app.server_port = ctx.server_port;
    if (ch) {
        app.client_alpn = ch->alpn;
        app.sni = ch->sni;
    }
    if (sh && !sh->hello_retry_request) {
        row.server_alpn = sh->alpn;
        app.server_alpn = sh->alpn;
        app.srtp = sh->srtp_profile.has_value();
    }
    if (auto guess = guess_tls_app(app)) {
        row.app_guess = std::string(guess->app);
        row.app_basis = std::string(guess->basis);
    }
    if (s.ssl2_server_version) {
        row.version = version_name(*s.ssl2_server_version);
        if (auto kind = s.ssl2_cipher_kind) {
            auto name = ssl2_cipher_name(*kind);
            char hex[16];
            std::snprintf(hex, sizeof hex, "SSL2_0x%06x", *kind);
            row.cipher = name ? *name : std::string(hex);
        }
    }
    if (ch && s.ssl2_client_specs) row.client_ciphers = static_cast<std::int64_t>(*s.ssl2_client_specs);
    if (sh && !sh->hello_retry_request) {
        row.version = version_name(negotiated_version(*sh));
        row.cipher_id = sh->cipher_suite;
        if (sh->srtp_profile) {
            auto profile = srtp_profile_name(*sh->srtp_profile);
            row.srtp_profile = profile ? std::string(*profile) : "0x" + std::to_string(*sh->srtp_profile);
        }
        auto name = cipher_suite_name(sh->cipher_suite);
        row.cipher = name ? std::string(*name) : "0x" + [&] {
            char b[8];
            std::snprintf(b, sizeof b, "%04x", sh->cipher_suite);
            return std::string(b);
        }();
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < s.certs.size(); ++i) {
        const auto& der = s.certs[i];
        auto info = inspect_certificate(core::Bytes(der.data(), der.size()));
        if (!info) {
            sink.add(facts::AnomalyRow{ctx.input_id, ctx.flow_id, s.hello_ts, "tls_bad_certificate",
                                       "certificate " + std::to_string(i) + " is not valid DER", std::nullopt, 1});
            continue;
        }
        if (i == 0) row.cert_sha256 = info->sha256;
        if (!seen.insert(info->sha256).second) continue;
        sink.emit("certificates",
                  {info->sha256, info->subject, info->issuer, facts::opt_real(info->not_before),
                   facts::opt_real(info->not_after), info->key_type,
                   info->key_bits ? facts::Value{std::int64_t{*info->key_bits}} : facts::null_value(),
                   info->sig_alg, std::int64_t{info->self_signed ? 1 : 0}});
    }
    sink.add(row);
}

}  // namespace vca::probes::tls
