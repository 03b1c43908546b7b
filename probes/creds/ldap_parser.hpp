// LDAP (TCP 389, RFC 4511): LDAPMessage framing over a byte stream (one BER
// SEQUENCE per message, §5.1) and the Bind operation (§4.2): the name and
// simple password, or the SASL mechanism, and the BindResponse result code.
// The parser is pure and never buffers; LdapWatcher follows one TCP flow,
// holding an incomplete message per direction (bounded by
// limits::kMaxLdapMessage), and turns binds into CredentialEvents.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "auditor/core/parse_status.hpp"
#include "probes/creds/credential_event.hpp"

namespace vca::probes::creds {

// protocolOp tags (RFC 4511 §4.2, §4.2.2, §4.3, §4.12).
inline constexpr std::uint8_t kLdapBindRequest = 0x60;
inline constexpr std::uint8_t kLdapBindResponse = 0x61;
inline constexpr std::uint8_t kLdapUnbindRequest = 0x42;
inline constexpr std::uint8_t kLdapExtendedRequest = 0x77;
inline constexpr std::uint8_t kLdapExtendedResponse = 0x78;

// resultCode values the watcher interprets (RFC 4511 Appendix A.1).
inline constexpr std::int64_t kLdapSuccess = 0;
inline constexpr std::int64_t kLdapSaslBindInProgress = 14;
inline constexpr std::int64_t kLdapInvalidCredentials = 49;

struct LdapBindRequest {
    enum class Auth { Simple, Sasl, Other };
    std::int64_t version = 0;
    std::string name;  // the DN (or user name) bound as
    Auth auth = Auth::Simple;
    std::string password;          // simple: the password in clear (a secret)
    std::string sasl_mechanism;    // sasl: as sent, e.g. "GSSAPI", "PLAIN"
    std::string sasl_credentials;  // sasl: opaque bytes (PLAIN carries a password in clear)
};

struct LdapMessage {
    std::int64_t message_id = 0;
    std::uint8_t op = 0;  // protocolOp tag
    std::optional<LdapBindRequest> bind_request;
    std::optional<std::int64_t> result_code;  // BindResponse and ExtendedResponse
};

struct LdapResult {
    core::ParseStatus status = core::ParseStatus::NeedMore;
    // Ok: bytes of the message. Invalid with consumed > 0: the framing held but
    // the contents did not; the stream goes on after them. Invalid with 0: not LDAP.
    std::size_t consumed = 0;
    std::string_view error;  // stable snake_case name when Invalid
};

// Total length (header + contents) of the LDAPMessage at the start of `b`:
// NeedMore while the header is incomplete, Invalid when `b` does not start
// with a definite-length SEQUENCE.
core::ParseStatus ldap_frame_length(core::Bytes b, std::size_t& total);

LdapResult parse_ldap_message(core::Bytes b, LdapMessage& out);

// SASL PLAIN (RFC 4616 §2): "[authzid] NUL authcid NUL passwd"; false when malformed.
bool split_sasl_plain(std::string_view credentials, std::string& authcid, std::string& password);

// Binds on one TCP flow; side 0/1 are the two directions, the client being
// whichever side sends a BindRequest.
class LdapWatcher {
public:
    // Contiguous bytes of one direction; `after_gap`: bytes before are missing.
    // A message is dated by the segment that completes it.
    void on_data(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame);
    // No more data: binds still waiting for their answer become events (outcome unknown).
    void finish();
    std::vector<CredentialEvent> take_events();

    [[nodiscard]] std::int64_t messages() const { return messages_; }
    [[nodiscard]] std::int64_t malformed() const { return malformed_; }
    [[nodiscard]] std::int64_t skipped_oversized() const { return oversized_; }
    [[nodiscard]] bool tls_seen() const { return tls_seen_; }  // StartTLS: the rest is encrypted
    // More than limits::kMaxLdapBindsPerFlow binds: the rest are not recorded.
    [[nodiscard]] bool limit_hit() const { return limit_hit_; }

private:
    struct Direction {
        std::vector<std::uint8_t> buffer;  // start of an incomplete message
        std::size_t skip = 0;              // bytes left of an oversized message
        bool lost = false;                 // not LDAP any more (TLS, garbage): ignored
    };
    struct Bind {
        CredentialEvent event;
        std::int64_t message_id = 0;
        int client = 0;
        bool sasl_in_progress = false;
    };
    std::size_t consume(Direction& d, int side, core::Bytes work, double ts, std::int64_t frame);
    void on_message(const LdapMessage& m, int side, double ts, std::int64_t frame);
    void on_bind_request(const LdapMessage& m, int side, double ts, std::int64_t frame);
    void on_bind_response(const LdapMessage& m, int side);

    std::array<Direction, 2> dirs_;
    std::vector<Bind> open_;  // binds waiting for their (final) answer
    std::vector<CredentialEvent> ready_;
    std::size_t binds_ = 0;
    std::int64_t messages_ = 0, malformed_ = 0, oversized_ = 0;
    bool tls_seen_ = false, limit_hit_ = false;
};

}  // namespace vca::probes::creds
