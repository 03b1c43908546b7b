// LDAP: messages built by hand from the RFC 4511 ASN.1 (the public corpus
// holds no LDAP capture): Bind framing over a stream, the simple, anonymous
// and SASL forms, the BindResponse outcome, and damaged or foreign bytes.
#include <gtest/gtest.h>

#include <vector>

#include "auditor/core/limits.hpp"
#include "probes/creds/ldap_parser.hpp"
#include "tests/unit/probes/creds_guard/test_helpers.hpp"

namespace vca::probes::creds {
namespace {

using namespace test_helpers;

// LDAPMessage ::= SEQUENCE { messageID INTEGER, protocolOp }
Octets message(std::uint8_t id, const Octets& op) { return tlv(0x30, cat({int1(id), op})); }

// BindRequest ::= [APPLICATION 0] SEQUENCE { version 3, name, simple [0] password }
Octets simple_bind(std::uint8_t id, std::string_view name, std::string_view password) {
    return message(id, tlv(0x60, cat({int1(3), tlv(0x04, str(name)), tlv(0x80, str(password))})));
}

// ... sasl [3] SaslCredentials ::= SEQUENCE { mechanism, credentials OPTIONAL }
Octets sasl_bind(std::uint8_t id, std::string_view mechanism, std::optional<std::string_view> credentials) {
    Octets sasl = tlv(0x04, str(mechanism));
    if (credentials) sasl = cat({sasl, tlv(0x04, str(*credentials))});
    return message(id, tlv(0x60, cat({int1(3), tlv(0x04, {}), tlv(0xa3, sasl)})));
}

// BindResponse ::= [APPLICATION 1] SEQUENCE { resultCode ENUMERATED, matchedDN, diagnosticMessage }
Octets bind_response(std::uint8_t id, std::uint8_t code) {
    return message(id, tlv(0x61, cat({tlv(0x0a, {code}), tlv(0x04, {}), tlv(0x04, {})})));
}

TEST(LdapParse, SimpleBindRequestFields) {
    auto b = simple_bind(1, "cn=admin,dc=example,dc=org", "Zt7#qLw9!vRk2$Xp");
    // The hand-built header: SEQUENCE, length, messageID 1, [APPLICATION 0].
    ASSERT_GE(b.size(), 6u);
    EXPECT_EQ(b[0], 0x30);
    EXPECT_EQ(b[5], 0x60);
    LdapMessage m;
    auto r = parse_ldap_message(view(b), m);
    ASSERT_EQ(r.status, core::ParseStatus::Ok);
    EXPECT_EQ(r.consumed, b.size());
    EXPECT_EQ(m.message_id, 1);
    EXPECT_EQ(m.op, kLdapBindRequest);
    ASSERT_TRUE(m.bind_request);
    EXPECT_EQ(m.bind_request->version, 3);
    EXPECT_EQ(m.bind_request->name, "cn=admin,dc=example,dc=org");
    EXPECT_EQ(m.bind_request->auth, LdapBindRequest::Auth::Simple);
    EXPECT_TRUE(same_secret(m.bind_request->password, "Zt7#qLw9!vRk2$Xp"));
}

TEST(LdapParse, BindResponseResultCode) {
    auto b = bind_response(7, 49);
    LdapMessage m;
    ASSERT_EQ(parse_ldap_message(view(b), m).status, core::ParseStatus::Ok);
    EXPECT_EQ(m.op, kLdapBindResponse);
    EXPECT_EQ(m.message_id, 7);
    EXPECT_EQ(m.result_code, kLdapInvalidCredentials);
}

TEST(LdapParse, FramingNeedsMoreUntilComplete) {
    auto b = simple_bind(2, "uid=a", "secret-value");
    for (std::size_t n = 0; n < b.size(); ++n) {
        LdapMessage m;
        auto r = parse_ldap_message(view(b).first(n), m);
        EXPECT_EQ(r.status, core::ParseStatus::NeedMore) << n;
        EXPECT_EQ(r.consumed, 0u);
    }
    std::size_t total = 0;
    Octets long_header = {0x30, 0x84, 0x00, 0x01, 0x00, 0x00};
    ASSERT_EQ(ldap_frame_length(view(long_header), total), core::ParseStatus::Ok);
    EXPECT_EQ(total, 6u + 65536u);
    Octets not_a_sequence = {0x16, 0x03, 0x01, 0x00, 0x05};  // a TLS record
    EXPECT_EQ(ldap_frame_length(view(not_a_sequence), total), core::ParseStatus::Invalid);
}

TEST(LdapParse, BadContentsInAGoodFrameAreSkippable) {
    Octets bad = message(3, tlv(0x60, cat({int1(3)})));  // BindRequest without name
    LdapMessage m;
    auto r = parse_ldap_message(view(bad), m);
    EXPECT_EQ(r.status, core::ParseStatus::Invalid);
    EXPECT_EQ(r.consumed, bad.size());
    EXPECT_EQ(r.error, "ldap_bad_bind_request");
    Octets negative_id = tlv(0x30, cat({tlv(0x02, {0xff}), tlv(0x42, {})}));
    EXPECT_EQ(parse_ldap_message(view(negative_id), m).error, "ldap_bad_message_id");
}

TEST(LdapParse, SaslPlainSplits) {
    std::string authcid, password;
    EXPECT_TRUE(split_sasl_plain(std::string_view("\0alice\0pw", 9), authcid, password));
    EXPECT_EQ(authcid, "alice");
    EXPECT_TRUE(same_secret(password, "pw"));
    EXPECT_TRUE(split_sasl_plain(std::string_view("admin\0alice\0pw", 14), authcid, password));
    EXPECT_EQ(authcid, "alice");
    EXPECT_FALSE(split_sasl_plain("no separators", authcid, password));
    EXPECT_FALSE(split_sasl_plain(std::string_view("\0\0pw", 4), authcid, password));
}

TEST(LdapWatch, SimpleBindSucceeds) {
    LdapWatcher w;
    auto req = simple_bind(1, "cn=admin,dc=example,dc=org", "Zt7#qLw9!vRk2$Xp");
    auto ok = bind_response(1, 0);
    w.on_data(0, view(req), false, 10.0, 4);
    w.on_data(1, view(ok), false, 10.1, 5);
    auto events = w.take_events();
    ASSERT_EQ(events.size(), 1u);
    const auto& e = events[0];
    EXPECT_EQ(e.protocol, "ldap");
    EXPECT_EQ(e.mechanism, "simple");
    EXPECT_EQ(e.secret_kind, "password");
    EXPECT_EQ(e.username, "cn=admin,dc=example,dc=org");
    EXPECT_TRUE(same_secret(e.secret, "Zt7#qLw9!vRk2$Xp"));
    EXPECT_EQ(e.outcome, Outcome::Success);
    EXPECT_EQ(e.frame, 4);
    EXPECT_DOUBLE_EQ(e.ts, 10.0);
}

TEST(LdapWatch, InvalidCredentialsIsAFailure) {
    LdapWatcher w;
    auto req = simple_bind(1, "uid=u1", "wrong-one");
    auto refused = bind_response(1, 49);
    w.on_data(0, view(req), false, 1.0, 1);
    w.on_data(1, view(refused), false, 1.1, 2);
    auto events = w.take_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].outcome, Outcome::Failure);
}

TEST(LdapWatch, AnonymousBindHasNoSecret) {
    LdapWatcher w;
    auto req = simple_bind(1, "", "");
    w.on_data(0, view(req), false, 1.0, 1);
    w.finish();
    auto events = w.take_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].mechanism, "anonymous");
    EXPECT_EQ(events[0].secret_kind, "none");
    EXPECT_TRUE(events[0].secret.empty());
    EXPECT_EQ(events[0].outcome, Outcome::Unknown);
}

TEST(LdapWatch, SaslExchangeIsOneEventWithTheMechanismOnly) {
    LdapWatcher w;
    auto step1 = sasl_bind(1, "DIGEST-MD5", std::nullopt);
    auto more = bind_response(1, 14);
    auto step2 = sasl_bind(2, "DIGEST-MD5", "username=\"u\",response=0123");
    auto done = bind_response(2, 0);
    w.on_data(0, view(step1), false, 1.0, 1);
    w.on_data(1, view(more), false, 1.1, 2);
    w.on_data(0, view(step2), false, 1.2, 3);
    w.on_data(1, view(done), false, 1.3, 4);
    auto events = w.take_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].mechanism, "digest-md5");
    EXPECT_EQ(events[0].secret_kind, "sasl");
    EXPECT_TRUE(events[0].secret.empty());
    EXPECT_EQ(events[0].outcome, Outcome::Success);
}

TEST(LdapWatch, SaslPlainCarriesAPassword) {
    LdapWatcher w;
    auto req = sasl_bind(1, "PLAIN", std::string_view("\0alice\0pw-in-clear", 18));
    w.on_data(0, view(req), false, 1.0, 1);
    w.finish();
    auto events = w.take_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].mechanism, "plain");
    EXPECT_EQ(events[0].username, "alice");
    EXPECT_EQ(events[0].secret_kind, "password");
    EXPECT_TRUE(same_secret(events[0].secret, "pw-in-clear"));
}

TEST(LdapWatch, MessagesSplitAndJoinedAcrossSegments) {
    LdapWatcher w;
    auto a = simple_bind(1, "uid=a", "first-password");
    auto b = simple_bind(2, "uid=b", "second-password");
    Octets both = cat({a, b});
    // One byte at a time, then both messages in one segment on a second watcher.
    for (std::size_t i = 0; i < both.size(); ++i) w.on_data(0, view(both).subspan(i, 1), false, 1.0, 1);
    w.finish();
    EXPECT_EQ(w.take_events().size(), 2u);
    LdapWatcher joined;
    joined.on_data(0, view(both), false, 1.0, 1);
    joined.finish();
    auto events = joined.take_events();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[1].username, "uid=b");
    EXPECT_EQ(joined.messages(), 2);
}

TEST(LdapWatch, OversizedMessagesAreSkippedWithoutLosingTheStream) {
    LdapWatcher w;
    // A SearchResultEntry-like message larger than the limit, sent in pieces, then a bind.
    Octets big = message(5, tlv(0x64, Octets(core::limits::kMaxLdapMessage + 10, 0x00)));
    ASSERT_EQ(big[1], 0x83);  // long-form length, 3 octets
    Octets stream = cat({big, simple_bind(6, "uid=after", "after-the-big-one")});
    for (std::size_t off = 0; off < stream.size(); off += 1400)
        w.on_data(1, view(stream).subspan(off, std::min<std::size_t>(1400, stream.size() - off)), false, 1.0, 1);
    w.finish();
    auto events = w.take_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].username, "uid=after");
    EXPECT_EQ(w.skipped_oversized(), 1);
}

TEST(LdapWatch, TlsAfterStartTlsAndGarbageStopTheDirection) {
    LdapWatcher w;
    Octets tls = {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5};
    w.on_data(0, view(tls), false, 1.0, 1);
    auto later = simple_bind(1, "uid=x", "never-seen");
    w.on_data(0, view(later), false, 1.0, 2);
    EXPECT_TRUE(w.tls_seen());
    EXPECT_EQ(w.malformed(), 0);
    Octets garbage = {'G', 'E', 'T', ' ', '/'};
    w.on_data(1, view(garbage), false, 1.0, 3);
    EXPECT_EQ(w.malformed(), 1);
    w.finish();
    EXPECT_TRUE(w.take_events().empty());
    // After a gap the direction tries again from the next bytes.
    LdapWatcher g;
    g.on_data(0, view(garbage), false, 1.0, 1);
    g.on_data(0, view(later), true, 1.0, 2);
    g.finish();
    EXPECT_EQ(g.take_events().size(), 1u);
}

TEST(LdapWatch, BindsPerFlowAreBounded) {
    LdapWatcher w;
    for (std::size_t i = 0; i < core::limits::kMaxLdapBindsPerFlow + 3; ++i) {
        auto b = simple_bind(static_cast<std::uint8_t>(i % 100), "uid=u", "pw-" + std::to_string(i));
        w.on_data(0, view(b), false, 1.0, 1);
    }
    w.finish();
    EXPECT_EQ(w.take_events().size(), core::limits::kMaxLdapBindsPerFlow);
    EXPECT_TRUE(w.limit_hit());
}

}  // namespace
}  // namespace vca::probes::creds
