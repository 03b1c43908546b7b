// SNMP: real messages of the shared public corpus, read at run time and
// compared with what tshark 4.0 prints for them
//   tshark -r FILE -Y snmp -T fields -e frame.number -e snmp.version -e snmp.community
//          -e snmp.data -e snmp.request_id -e snmp.msgID -e snmp.msgFlags -e snmp.msgUserName
// (snmp.data: 0 get, 1 getnext, 2 response, 3 set, 4 trap, 7 snmpV2-trap, 8 report);
// and hand-built messages (derived from the RFC 3416 ASN.1) for what the corpus lacks.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "auditor/core/limits.hpp"
#include "probes/creds/ber_reader.hpp"
#include "probes/creds/snmp_parser.hpp"
#include "tests/support/corpus_frames.hpp"
#include "tests/unit/probes/creds_guard/test_helpers.hpp"

namespace vca::probes::creds {
namespace {

using namespace test_helpers;

constexpr const char* kNdpi = "corpus/public/ndpi/snmp.pcap";
constexpr const char* kV2c = "corpus/public/suricata-verify/SNMPv2c_get_requests.pcap";
constexpr const char* kV1 = "corpus/public/zeek/snmpv1_get.pcap";
constexpr const char* kV3 = "corpus/public/suricata-verify/SNMPv3.pcap";

std::optional<SnmpMessage> frame(const char* capture, std::int64_t n) {
    auto payload = vca::test::corpus_payload(capture, n);
    return parse_snmp(view(payload));
}

// Feeds frames of one UDP flow; `agent_port_side`: which frames came from the agent.
void feed(SnmpWatcher& w, const char* capture, std::initializer_list<std::int64_t> frames,
          std::initializer_list<std::int64_t> from_agent) {
    for (auto n : frames) {
        bool agent = std::find(from_agent.begin(), from_agent.end(), n) != from_agent.end();
        auto payload = vca::test::corpus_payload(capture, n);
        w.on_datagram(agent ? 1 : 0, view(payload), static_cast<double>(n), n);
    }
}

TEST(SnmpParse, V2cGetNextWithItsCommunity) {
    // SNMPv2c_get_requests.pcap frame 1: version 1 (v2c), community [R0_C@cti!], getnext, id 722681733.
    auto m = frame(kV2c, 1);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->version, SnmpVersion::V2c);
    EXPECT_TRUE(same_secret(m->community, "[R0_C@cti!]"));
    EXPECT_EQ(m->pdu, SnmpPdu::GetNext);
    EXPECT_EQ(m->request_id, 722681733);
    // Frame 2: the response to it.
    auto r = frame(kV2c, 2);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->pdu, SnmpPdu::Response);
    EXPECT_EQ(r->request_id, 722681733);
    EXPECT_EQ(r->error_status, 0);
}

TEST(SnmpParse, V1GetAndSet) {
    // snmpv1_get.pcap frame 1: version 0 (v1), public, get, id 38; frame 41: set, id 58.
    auto m = frame(kV1, 1);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->version, SnmpVersion::V1);
    EXPECT_TRUE(same_secret(m->community, "public"));
    EXPECT_EQ(m->pdu, SnmpPdu::Get);
    EXPECT_EQ(m->request_id, 38);
    auto set = frame(kV1, 41);
    ASSERT_TRUE(set);
    EXPECT_EQ(set->pdu, SnmpPdu::Set);
    EXPECT_EQ(set->request_id, 58);
}

TEST(SnmpParse, V1TrapHasNoRequestId) {
    // ndpi/snmp.pcap frame 55: v1, public, trap (4), no request-id.
    auto m = frame(kNdpi, 55);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->version, SnmpVersion::V1);
    EXPECT_EQ(m->pdu, SnmpPdu::Trap);
    EXPECT_FALSE(m->request_id);
    // Frame 53: v2c, public2c, snmpV2-trap (7), id 23.
    auto t = frame(kNdpi, 53);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->version, SnmpVersion::V2c);
    EXPECT_TRUE(same_secret(t->community, "public2c"));
    EXPECT_EQ(t->pdu, SnmpPdu::TrapV2);
    EXPECT_EQ(t->request_id, 23);
}

TEST(SnmpParse, V3NoAuthUserAndFlags) {
    // ndpi/snmp.pcap frame 19: msgID 1822094701, flags 04, USM user NOAUTHNOPRIV, getnext, id 1963284615.
    auto m = frame(kNdpi, 19);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->version, SnmpVersion::V3);
    EXPECT_EQ(m->msg_id, 1822094701);
    EXPECT_EQ(m->msg_flags, 0x04);
    EXPECT_FALSE(m->auth());
    EXPECT_EQ(m->security_model, 3);
    EXPECT_EQ(m->user_name, "NOAUTHNOPRIV");
    EXPECT_EQ(m->pdu, SnmpPdu::GetNext);
    EXPECT_EQ(m->request_id, 1963284615);
    EXPECT_TRUE(m->community.empty());
    // Frame 18: the report answering engine discovery (empty user).
    auto report = frame(kNdpi, 18);
    ASSERT_TRUE(report);
    EXPECT_EQ(report->pdu, SnmpPdu::Report);
    EXPECT_EQ(report->user_name, "");
}

TEST(SnmpParse, V3AuthAndPrivFlags) {
    // ndpi frame 31: SHA1NOPRIV flags 05 (auth, reportable), getnext.
    auto a = frame(kNdpi, 31);
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->auth());
    EXPECT_FALSE(a->priv());
    EXPECT_EQ(a->user_name, "SHA1NOPRIV");
    EXPECT_EQ(a->pdu, SnmpPdu::GetNext);
    // SNMPv3.pcap frame 3: user admin, flags 07, msgID 37321, encrypted PDU.
    auto p = frame(kV3, 3);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->auth());
    EXPECT_TRUE(p->priv());
    EXPECT_EQ(p->msg_id, 37321);
    EXPECT_EQ(p->user_name, "admin");
    EXPECT_EQ(p->pdu, SnmpPdu::Encrypted);
    EXPECT_FALSE(p->request_id);
}

TEST(SnmpParse, EveryCorpusFrameOfTheseCapturesParses) {
    // tshark decodes every frame of these captures as SNMP (72, 8, 58 and 8 frames).
    for (auto [capture, count] : {std::pair{kNdpi, 72}, std::pair{kV2c, 8}, std::pair{kV1, 58}, std::pair{kV3, 8}})
        for (std::int64_t n = 1; n <= count; ++n) EXPECT_TRUE(frame(capture, n)) << capture << " frame " << n;
}

TEST(SnmpWatch, V1CommunityAnsweredIsOneSuccessfulEvent) {
    // ndpi frames 1-4 (UDP 43015 <-> 161): getnext, response, get, response, all v1 "public".
    SnmpWatcher w;
    feed(w, kNdpi, {1, 2, 3, 4}, {2, 4});
    w.finish();
    auto uses = w.take_uses();
    ASSERT_EQ(uses.size(), 1u);
    const auto& e = uses[0].event;
    EXPECT_EQ(e.protocol, "snmp");
    EXPECT_EQ(e.username, "");
    EXPECT_EQ(e.secret_kind, "community");
    EXPECT_TRUE(same_secret(e.secret, "public"));
    EXPECT_EQ(e.mechanism, "v1");
    EXPECT_EQ(e.outcome, Outcome::Success);
    EXPECT_EQ(e.frame, 1);
    EXPECT_EQ(uses[0].requests, 2);
    EXPECT_EQ(uses[0].responses, 2);
    EXPECT_EQ(uses[0].pdus, "get,getnext");
}

TEST(SnmpWatch, V3NoAuthUserIsAnEventWithoutSecret) {
    // ndpi frames 17-22 (UDP 56251 <-> 161): discovery (empty user) + report,
    // then NOAUTHNOPRIV getnext/response and get/response.
    SnmpWatcher w;
    feed(w, kNdpi, {17, 18, 19, 20, 21, 22}, {18, 20, 22});
    w.finish();
    auto uses = w.take_uses();
    ASSERT_EQ(uses.size(), 1u);
    EXPECT_EQ(uses[0].event.username, "NOAUTHNOPRIV");
    EXPECT_EQ(uses[0].event.secret_kind, "none");
    EXPECT_EQ(uses[0].event.mechanism, "v3-noauth");
    EXPECT_TRUE(uses[0].event.secret.empty());
    EXPECT_EQ(uses[0].event.outcome, Outcome::Success);
    EXPECT_EQ(uses[0].requests, 2);
}

TEST(SnmpWatch, V3WithAuthenticationGivesNoEvent) {
    // ndpi frames 29-34 (SHA1NOPRIV, authNoPriv) and 41-46 (SHA1AES128, authPriv).
    SnmpWatcher w;
    feed(w, kNdpi, {29, 30, 31, 32, 33, 34, 41, 42, 43, 44, 45, 46}, {30, 32, 34, 42, 44, 46});
    w.finish();
    EXPECT_TRUE(w.take_events().empty());
    EXPECT_EQ(w.messages(), 12);
    EXPECT_EQ(w.malformed(), 0);
}

TEST(SnmpWatch, TrapsAggregatePerCommunityWithUnknownOutcome) {
    // ndpi frames 53-62 (UDP 54318 -> 162): v2c public2c traps x2, v1 public traps x2,
    // v3 SHA1NOPRIV x2 and SHA1AES128 x2 (authenticated: no event), v3 NOAUTHNOPRIV x2.
    SnmpWatcher w;
    feed(w, kNdpi, {53, 54, 55, 56, 57, 58, 59, 60, 61, 62}, {});
    w.finish();
    auto uses = w.take_uses();
    ASSERT_EQ(uses.size(), 3u);
    EXPECT_EQ(uses[0].event.mechanism, "v2c");
    EXPECT_TRUE(same_secret(uses[0].event.secret, "public2c"));
    EXPECT_EQ(uses[0].requests, 2);
    EXPECT_EQ(uses[0].pdus, "trap-v2");
    EXPECT_EQ(uses[1].event.mechanism, "v1");
    EXPECT_EQ(uses[1].pdus, "trap");
    EXPECT_EQ(uses[2].event.mechanism, "v3-noauth");
    EXPECT_EQ(uses[2].event.username, "NOAUTHNOPRIV");
    for (const auto& u : uses) EXPECT_EQ(u.event.outcome, Outcome::Unknown);
}

TEST(SnmpWatch, AnswersWithoutTheirRequestsStillRevealTheCommunity) {
    // ndpi frames 63-65 and 72: responses from the agent (161 -> 61088), v2c "adsl", requests not captured.
    SnmpWatcher w;
    feed(w, kNdpi, {63, 64, 65, 72}, {63, 64, 65, 72});
    w.finish();
    auto uses = w.take_uses();
    ASSERT_EQ(uses.size(), 1u);
    EXPECT_TRUE(same_secret(uses[0].event.secret, "adsl"));
    EXPECT_EQ(uses[0].event.mechanism, "v2c");
    EXPECT_EQ(uses[0].requests, 0);
    EXPECT_EQ(uses[0].responses, 4);
    EXPECT_EQ(uses[0].event.outcome, Outcome::Unknown);
}

// v2c Get (RFC 3416 §3) with community "abc", request-id `id`, one varbind sysDescr.0 = NULL.
Octets v2c_pdu(std::uint8_t pdu_tag, std::uint8_t id, std::uint8_t error_status) {
    Octets varbind = tlv(0x30, cat({tlv(0x06, {0x2b, 6, 1, 2, 1, 1, 1, 0}), tlv(0x05, {})}));
    Octets pdu = tlv(pdu_tag, cat({int1(id), int1(error_status), int1(error_status ? 1 : 0), tlv(0x30, varbind)}));
    return tlv(0x30, cat({int1(1), tlv(0x04, str("abc")), pdu}));
}

TEST(SnmpWatch, AuthorizationErrorIsAFailure) {
    SnmpWatcher w;
    auto get = v2c_pdu(0xa0, 5, 0), refused = v2c_pdu(0xa2, 5, 16);
    w.on_datagram(0, view(get), 1.0, 1);
    w.on_datagram(1, view(refused), 1.1, 2);
    w.finish();
    auto events = w.take_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].outcome, Outcome::Failure);
}

TEST(SnmpWatch, AnswerToAnotherRequestIdDoesNotCount) {
    SnmpWatcher w;
    auto get = v2c_pdu(0xa0, 5, 0), other = v2c_pdu(0xa2, 6, 0);
    w.on_datagram(0, view(get), 1.0, 1);
    w.on_datagram(1, view(other), 1.1, 2);
    w.finish();
    auto events = w.take_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].outcome, Outcome::Unknown);
}

TEST(SnmpWatch, DistinctCommunitiesAreBounded) {
    SnmpWatcher w;
    for (std::size_t i = 0; i < core::limits::kMaxSnmpCredentialsPerFlow + 5; ++i) {
        Octets pdu = tlv(0xa0, cat({int1(1), int1(0), int1(0), tlv(0x30, {})}));
        Octets msg = tlv(0x30, cat({int1(1), tlv(0x04, str("c" + std::to_string(i))), pdu}));
        w.on_datagram(0, view(msg), 1.0, 1);
    }
    w.finish();
    EXPECT_EQ(w.take_events().size(), core::limits::kMaxSnmpCredentialsPerFlow);
    EXPECT_TRUE(w.limit_hit());
}

TEST(SnmpWatch, PendingRequestsAreBoundedOldestFirst) {
    // One request more than the limit: the first is forgotten, so its answer proves nothing.
    SnmpWatcher w;
    const std::size_t n = core::limits::kMaxSnmpPendingRequests + 1;
    auto request = [](std::size_t id) {
        Octets rid = tlv(0x02, {static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id & 0xff)});
        return tlv(0x30, cat({int1(1), tlv(0x04, str("abc")), tlv(0xa0, cat({rid, int1(0), int1(0), tlv(0x30, {})}))}));
    };
    auto answer = [](std::size_t id) {
        Octets rid = tlv(0x02, {static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id & 0xff)});
        return tlv(0x30, cat({int1(1), tlv(0x04, str("abc")), tlv(0xa2, cat({rid, int1(0), int1(0), tlv(0x30, {})}))}));
    };
    for (std::size_t i = 0; i < n; ++i) w.on_datagram(0, view(request(i)), 1.0, 1);
    w.on_datagram(1, view(answer(0)), 2.0, 2);
    SnmpWatcher copy = w;
    w.finish();
    auto events = w.take_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].outcome, Outcome::Unknown);
    copy.on_datagram(1, view(answer(n - 1)), 3.0, 3);
    copy.finish();
    auto later = copy.take_events();
    ASSERT_EQ(later.size(), 1u);
    EXPECT_EQ(later[0].outcome, Outcome::Success);
}

TEST(SnmpMalformed, TruncatedAndForeignBytesAreRejected) {
    auto good = v2c_pdu(0xa0, 5, 0);
    for (std::size_t n = 0; n < good.size(); ++n) {
        Octets cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n));
        EXPECT_FALSE(parse_snmp(view(cut))) << "cut at " << n;
    }
    Octets v2u = good;
    v2u[4] = 2;  // version 2 (SNMPv2u/v2*) is not supported
    EXPECT_FALSE(parse_snmp(view(v2u)));
    Octets indefinite = {0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00};
    EXPECT_FALSE(parse_snmp(view(indefinite)));
    Octets not_a_pdu = tlv(0x30, cat({int1(1), tlv(0x04, str("abc")), tlv(0x30, {})}));
    EXPECT_FALSE(parse_snmp(view(not_a_pdu)));
    SnmpWatcher w;
    w.on_datagram(0, view(indefinite), 1.0, 1);
    EXPECT_EQ(w.malformed(), 1);
}

TEST(Ber, NestingStopsAtTheDepthLimit) {
    Octets deep = tlv(0x04, str("x"));
    for (int i = 0; i < core::limits::kMaxBerDepth + 2; ++i) deep = tlv(0x30, deep);
    ber::BerReader r(view(deep));
    int levels = 0;
    while (true) {
        ber::BerReader inner(core::Bytes{});
        if (!r.enter(ber::kSequence, inner)) break;
        r = inner;
        ++levels;
    }
    EXPECT_EQ(levels, core::limits::kMaxBerDepth);
}

TEST(Ber, HeaderFormsAndIntegers) {
    std::uint8_t tag = 0;
    std::size_t header = 0, len = 0;
    Octets long_form = {0x30, 0x82, 0x01, 0x00};
    EXPECT_EQ(ber::read_header(view(long_form), tag, header, len), core::ParseStatus::Ok);
    EXPECT_EQ(header, 4u);
    EXPECT_EQ(len, 256u);
    Octets cut = {0x30, 0x82, 0x01};
    EXPECT_EQ(ber::read_header(view(cut), tag, header, len), core::ParseStatus::NeedMore);
    Octets high_tag = {0x1f, 0x81, 0x00};
    EXPECT_EQ(ber::read_header(view(high_tag), tag, header, len), core::ParseStatus::Invalid);
    Octets five_octets = {0x30, 0x85, 1, 0, 0, 0, 0};
    EXPECT_EQ(ber::read_header(view(five_octets), tag, header, len), core::ParseStatus::Invalid);
    std::int64_t v = 0;
    Octets minus_one = {0xff}, big = {0x00, 0x80, 0x00, 0x00, 0x00};
    ASSERT_TRUE(ber::decode_integer(view(minus_one), v));
    EXPECT_EQ(v, -1);
    ASSERT_TRUE(ber::decode_integer(view(big), v));
    EXPECT_EQ(v, 2147483648);
    Octets nine(9, 0x01);
    EXPECT_FALSE(ber::decode_integer(view(nine), v));
    EXPECT_FALSE(ber::decode_integer(core::Bytes{}, v));
}

}  // namespace
}  // namespace vca::probes::creds
