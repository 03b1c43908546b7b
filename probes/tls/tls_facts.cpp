#include "probes/tls/tls_facts.hpp"

#include <cstdio>
#include <set>

#include "auditor/core/limits.hpp"

#include "probes/tls/cipher_suites.hpp"
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
