// The HTTP authentication header grammar (RFC 9110 §11: auth-scheme with a
// token68 or a list of auth-params; quoted-strings with quoted-pairs; commas
// inside quotes) and the Digest scheme on top of it (RFC 7616 §3.3–3.4),
// shared by the HTTP/RTSP watchers and SIP (RFC 3261 §22.4, RFC 8760).
// Pure functions; no exceptions; any input gives a result or nullopt.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "probes/creds/credential_event.hpp"

namespace vca::probes::creds {

struct AuthParam {
    std::string name;   // lower-case
    std::string value;  // unquoted, quoted-pairs resolved
    bool quoted = false;
};

// One scheme of an Authorization value or one challenge of a
// WWW-Authenticate value.
struct AuthScheme {
    std::string scheme;   // as sent ("Basic", "Digest", "NTLM", ...)
    std::string token68;  // "Basic dXNlcjpwYXNz" form; empty when params are used
    std::vector<AuthParam> params;

    // Value of the first parameter `lower_name`, if present.
    [[nodiscard]] const std::string* param(std::string_view lower_name) const;
};

// Splits a header value into its schemes (a WWW-Authenticate value may list
// several challenges; an Authorization value has one). nullopt on a syntax
// error: an unterminated quoted-string, a parameter without a value, or a
// character no scheme, parameter or token68 may hold.
std::optional<std::vector<AuthScheme>> parse_auth_header(std::string_view value);

// A Digest Authorization / Proxy-Authorization value. The username is not
// part of DigestParams (the contract keeps it in CredentialEvent.username),
// so it comes beside them. `username*` (RFC 7616 §3.4.4, RFC 8187
// ext-value) is percent-decoded. method stays empty: the caller knows it.
struct DigestCredentials {
    std::string username;
    DigestParams params;
};

// nullopt unless the value is one Digest scheme with a response parameter.
std::optional<DigestCredentials> parse_digest_authorization(std::string_view header_value);
// The same, without the username.
std::optional<DigestParams> parse_digest_credentials(std::string_view header_value);

// A Digest challenge (RFC 7616 §3.3).
struct DigestChallenge {
    std::string realm, nonce, opaque, domain, charset;
    std::string algorithm;                 // as sent; "" means MD5
    std::vector<std::string> qop_options;  // "auth", "auth-int", in the order offered
    bool stale = false;
    bool userhash = false;
};

// The first Digest challenge of a WWW-Authenticate / Proxy-Authenticate value
// (other schemes in the list are skipped); nullopt when there is none or the
// value does not parse.
std::optional<DigestChallenge> parse_digest_challenge(std::string_view header_value);
// Every Digest challenge of the value (servers may offer one per algorithm).
std::vector<DigestChallenge> parse_digest_challenges(std::string_view header_value);

}  // namespace vca::probes::creds
