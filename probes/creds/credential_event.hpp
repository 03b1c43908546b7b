// One credential use seen in traffic, as a protocol watcher reports it.
// The secret travels in memory only as far as the SecretGuard, which turns
// it into a redacted form, a keyed hash and a weak flag; it is never written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vca::probes::creds {

enum class Outcome { Unknown, Success, Failure };
std::string_view outcome_name(Outcome o);  // "unknown", "success", "failure"

// HTTP/SIP/RTSP Digest parameters (RFC 7616, RFC 3261 §22.4, RFC 8760).
struct DigestParams {
    std::string realm, nonce, uri, method, algorithm, qop, nc, cnonce, response, opaque;
    bool userhash = false;
};

struct CredentialEvent {
    std::string protocol;     // http, rtsp, ftp, telnet, pop3, imap, smtp, ldap, snmp, sip
    std::string username;     // account name ("" when the protocol has none, e.g. SNMP)
    std::string secret_kind;  // password, digest, community, ntlm, hash
    std::string secret;       // cleartext secret when the protocol carries it; empty for digest
    std::optional<DigestParams> digest;  // for secret_kind == "digest"
    std::string mechanism;    // basic, digest, form, plain, login, cram-md5, simple, v1, v2c, v3-noauth, ...
    Outcome outcome = Outcome::Unknown;
    double ts = 0;            // time of the attempt
    std::int64_t frame = 0;   // frame of the attempt, 0 when unknown
    std::string target;       // what was logged into: URL path, mailbox server, SNMP OID..., never a secret
};

}  // namespace vca::probes::creds
