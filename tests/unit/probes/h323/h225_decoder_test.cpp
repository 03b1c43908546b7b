// H.225.0 call signalling and RAS on the hand-built messages of
// h225_fixtures.hpp (expected values: what tshark decodes from them, quoted
// there), and what is reported unknown when the PER decode cannot go on.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "probes/h323/h225_decoder.hpp"
#include "probes/h323/h323_facts.hpp"
#include "probes/h323/tpkt.hpp"
#include "tests/unit/probes/h323/h225_fixtures.hpp"
#include "tests/unit/probes/h323/h323_test_util.hpp"

namespace vca::probes::h323 {
namespace {

using test::anomalies;
using test::hex;
using test::rows_of;
using test::text;

const std::string kCallId = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";
const std::string kConfId = "101112131415161718191a1b1c1d1e1f";

H323Context context() {
    H323Context c;
    c.flow_id = 7;
    c.input_id = 1;
    c.frame = 3;
    c.ts = 100.5;
    c.src_ip = "192.0.2.1";
    c.dst_ip = "192.0.2.2";
    return c;
}

// The one h323_messages row of a TPKT fixture's Q.931 message.
facts::MemorySink::Entry signalling_row(const char* fixture, facts::MemorySink& sink) {
    const std::vector<std::uint8_t> bytes = hex(fixture);
    const TpktResult t = parse_tpkt(bytes);
    EXPECT_EQ(t.status, ParseStatus::Ok);
    EXPECT_EQ(t.consumed, bytes.size());
    EXPECT_TRUE(emit_h225_message(t.payload, context(), sink));
    const auto rows = rows_of(sink, facts::H323MessageRow::kTable);
    if (rows.size() != 1) throw std::runtime_error("expected one h323_messages row");
    return rows.front();
}

facts::MemorySink::Entry ras_row(const char* fixture, facts::MemorySink& sink) {
    EXPECT_TRUE(emit_ras_datagram(hex(fixture), context(), sink));
    const auto rows = rows_of(sink, facts::H323MessageRow::kTable);
    if (rows.size() != 1) throw std::runtime_error("expected one h323_messages row");
    return rows.front();
}

TEST(H323Row, CellsFollowTheColumnList) {
    EXPECT_EQ(facts::H323MessageRow{}.cells().size(), facts::H323MessageRow::kColumns.size());
}

TEST(H225Signalling, SetupWithCryptoTokensFastStartAndTunnelling) {
    facts::MemorySink sink;
    const auto row = signalling_row(test::kSetupSecure, sink);
    EXPECT_EQ(text(row, "flow_id"), "7");
    EXPECT_EQ(text(row, "frame"), "3");
    EXPECT_EQ(text(row, "transport"), "tcp");
    EXPECT_EQ(text(row, "protocol"), "q931");
    EXPECT_EQ(text(row, "message"), "setup");
    EXPECT_EQ(text(row, "h225_body"), "setup");
    EXPECT_EQ(text(row, "call_reference"), "42");
    EXPECT_EQ(text(row, "call_reference_flag"), "0");
    EXPECT_EQ(text(row, "h225_version"), "5");
    EXPECT_EQ(text(row, "protocol_id"), "0.0.8.2250.0.5");
    EXPECT_EQ(text(row, "tokens"), "0");
    EXPECT_EQ(text(row, "crypto_tokens"), "1");
    EXPECT_EQ(text(row, "h235"), "1");
    EXPECT_EQ(text(row, "fast_start"), "1");
    EXPECT_EQ(text(row, "h245_tunnelling"), "1");
    EXPECT_EQ(text(row, "has_h245_address"), "0");
    EXPECT_EQ(text(row, "h245_address"), "NULL");
    EXPECT_EQ(text(row, "call_id"), kCallId);
    EXPECT_EQ(text(row, "conference_id"), kConfId);
    EXPECT_EQ(text(row, "display"), "Room1");
    EXPECT_EQ(text(row, "calling_number"), "1001");
    EXPECT_EQ(text(row, "called_number"), "2002");
    EXPECT_EQ(text(row, "cause"), "NULL");
    EXPECT_EQ(text(row, "undecoded"), "NULL");
    EXPECT_EQ(sink.count("anomalies"), 0u);
}

TEST(H225Signalling, ConnectWithClearTokensAndH245Address) {
    facts::MemorySink sink;
    const auto row = signalling_row(test::kConnectTokens, sink);
    EXPECT_EQ(text(row, "message"), "connect");
    EXPECT_EQ(text(row, "h225_body"), "connect");
    EXPECT_EQ(text(row, "call_reference_flag"), "1");
    EXPECT_EQ(text(row, "h225_version"), "4");
    EXPECT_EQ(text(row, "tokens"), "1");
    EXPECT_EQ(text(row, "crypto_tokens"), "0");
    EXPECT_EQ(text(row, "h235"), "1");
    EXPECT_EQ(text(row, "fast_start"), "0");
    EXPECT_EQ(text(row, "h245_tunnelling"), "0");
    EXPECT_EQ(text(row, "has_h245_address"), "1");
    EXPECT_EQ(text(row, "h245_address"), "192.0.2.10:1234");
    EXPECT_EQ(text(row, "call_id"), kCallId);
    EXPECT_EQ(text(row, "conference_id"), kConfId);
    EXPECT_EQ(text(row, "undecoded"), "NULL");
}

TEST(H225Signalling, FacilityWithIpv6H245AddressInItsAdditions) {
    facts::MemorySink sink;
    const auto row = signalling_row(test::kFacilityH245, sink);
    EXPECT_EQ(text(row, "message"), "facility");
    EXPECT_EQ(text(row, "h225_body"), "facility");
    EXPECT_EQ(text(row, "has_h245_address"), "1");
    EXPECT_EQ(text(row, "h245_address"), "[2001:db8::5]:1300");
    EXPECT_EQ(text(row, "h245_tunnelling"), "1");
    // Seven additions were sent: tokens (3) and cryptoTokens (4) are known
    // absent; fastStart (7) lies beyond them, so it is absent too.
    EXPECT_EQ(text(row, "tokens"), "0");
    EXPECT_EQ(text(row, "crypto_tokens"), "0");
    EXPECT_EQ(text(row, "h235"), "0");
    EXPECT_EQ(text(row, "fast_start"), "0");
    EXPECT_EQ(text(row, "call_id"), kCallId);
    EXPECT_EQ(text(row, "conference_id"), kConfId);
    EXPECT_EQ(text(row, "undecoded"), "NULL");
}

TEST(H225Signalling, ProgressIsAnExtensionAlternativeWithRootTokens) {
    facts::MemorySink sink;
    const auto row = signalling_row(test::kProgressTokens, sink);
    EXPECT_EQ(text(row, "message"), "progress");
    EXPECT_EQ(text(row, "h225_body"), "progress");
    EXPECT_EQ(text(row, "tokens"), "1");
    EXPECT_EQ(text(row, "crypto_tokens"), "0");
    EXPECT_EQ(text(row, "h235"), "1");
    EXPECT_EQ(text(row, "fast_start"), "0");
    EXPECT_EQ(text(row, "has_h245_address"), "0");
    EXPECT_EQ(text(row, "call_id"), kCallId);
    EXPECT_EQ(text(row, "h245_tunnelling"), "1");
    EXPECT_EQ(text(row, "undecoded"), "NULL");
}

TEST(H225Signalling, ReleaseCompleteWithCauseAndNoAdditions) {
    facts::MemorySink sink;
    const auto row = signalling_row(test::kReleaseSecurityDenied, sink);
    EXPECT_EQ(text(row, "message"), "release_complete");
    EXPECT_EQ(text(row, "h225_body"), "releaseComplete");
    EXPECT_EQ(text(row, "cause"), "16");
    // No extension additions at all: no tokens, no tunnelling field (tshark
    // prints none; a sender without it does not tunnel), no callIdentifier.
    EXPECT_EQ(text(row, "tokens"), "0");
    EXPECT_EQ(text(row, "crypto_tokens"), "0");
    EXPECT_EQ(text(row, "h235"), "0");
    EXPECT_EQ(text(row, "h245_tunnelling"), "0");
    EXPECT_EQ(text(row, "call_id"), "NULL");
    EXPECT_EQ(text(row, "undecoded"), "NULL");
}

TEST(H225Signalling, EmptyBodyHasNoTokenFields) {
    // FACILITY whose h323-message-body is `empty` (extension alternative 1,
    // an open type holding NULL); tshark: "h323-message-body: empty (8)",
    // "h245Tunnelling: False".
    facts::MemorySink sink;
    const auto row = signalling_row("03 00 00 15 08 02 80 2a 62 7e 00 09 05 | 28 10 01 00 | 02 80 01 00", sink);
    EXPECT_EQ(text(row, "h225_body"), "empty");
    EXPECT_EQ(text(row, "tokens"), "NULL");
    EXPECT_EQ(text(row, "h235"), "NULL");
    EXPECT_EQ(text(row, "h245_tunnelling"), "0");
    EXPECT_EQ(text(row, "undecoded"), "NULL");
}

// The PER part of kSetupSecure (after TPKT, Q.931 header and IEs, the
// User-user element header and its protocol discriminator).
std::vector<std::uint8_t> setup_per(std::size_t keep) {
    std::vector<std::uint8_t> b = hex(test::kSetupSecure);
    b.erase(b.begin(), b.begin() + 39);
    b.resize(std::min(keep, b.size()));
    return b;
}

TEST(H225Decoder, TruncatedInsideTheRootLeavesTheSecurityFieldsUnknown) {
    const auto per = setup_per(20);  // ends inside conferenceID
    const H225Fields f = decode_h323_user_information(per);
    ASSERT_TRUE(f.message.has_value());
    EXPECT_EQ(*f.message, 0);
    EXPECT_EQ(f.version, 5);
    EXPECT_FALSE(f.tokens.has_value());
    EXPECT_FALSE(f.crypto_tokens.has_value());
    EXPECT_FALSE(f.fast_start.has_value());
    EXPECT_FALSE(f.h245_tunnelling.has_value());
    EXPECT_FALSE(f.conference_id.has_value());
    EXPECT_EQ(f.has_h245_address, false);  // a root OPTIONAL bit, read before the break
    EXPECT_NE(f.undecoded.find("Setup-UUIE.conferenceID"), std::string::npos) << f.undecoded;
}

TEST(H225Decoder, TruncatedInsideAnAdditionKeepsTheBitsAlreadyRead) {
    const auto per = setup_per(50);  // bitmap read; ends inside the cryptoTokens open type
    const H225Fields f = decode_h323_user_information(per);
    EXPECT_EQ(f.tokens, false);
    EXPECT_EQ(f.crypto_tokens, true);
    EXPECT_EQ(f.fast_start, true);
    EXPECT_EQ(f.call_id, "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
    EXPECT_FALSE(f.h245_tunnelling.has_value());
    EXPECT_NE(f.undecoded.find("Setup-UUIE extension additions"), std::string::npos) << f.undecoded;

    facts::MemorySink sink;
    std::vector<std::uint8_t> q931 = hex("08 02 00 2a 05 7e 00 33 05");
    q931.insert(q931.end(), per.begin(), per.end());
    ASSERT_TRUE(emit_h225_message(q931, context(), sink));
    const auto rows = rows_of(sink, facts::H323MessageRow::kTable);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(text(rows[0], "h235"), "1");  // a present cryptoTokens bit is enough
    EXPECT_EQ(text(rows[0], "h245_tunnelling"), "NULL");
    EXPECT_NE(text(rows[0], "undecoded"), "NULL");
    EXPECT_EQ(anomalies(sink, "h225_undecoded"), 1u);
}

TEST(H225Decoder, FragmentedLengthIsReportedNotGuessed) {
    // Setup whose sourceAddress list claims a fragmented (16K-unit) count.
    const auto per = hex("20 a0 06 00 08 91 4a 00 04 c1 00");
    const H225Fields f = decode_h323_user_information(per);
    EXPECT_EQ(f.message, 0);
    EXPECT_FALSE(f.tokens.has_value());
    EXPECT_NE(f.undecoded.find("Setup-UUIE.sourceAddress"), std::string::npos) << f.undecoded;
    EXPECT_NE(f.undecoded.find("fragmented"), std::string::npos) << f.undecoded;
}

TEST(H225Decoder, ListLongerThanTheLimitStopsTheWalk) {
    // Setup whose sourceAddress list announces 257 aliases (limits::kMaxPerSequenceOfItems is 256).
    const auto per = hex("20 a0 06 00 08 91 4a 00 04 81 01");
    const H225Fields f = decode_h323_user_information(per);
    EXPECT_FALSE(f.tokens.has_value());
    EXPECT_NE(f.undecoded.find("Setup-UUIE.sourceAddress: a list longer than vcaudit walks"), std::string::npos)
        << f.undecoded;
}

TEST(H225Decoder, MoreExtensionAdditionsThanTheLimitLeaveTokensUnknown) {
    // unregistrationConfirm (7), seq 1, then an additions bitmap in the long
    // form announcing 200 bits (limits::kMaxPerExtensionAdditions is 128).
    facts::MemorySink sink;
    ASSERT_TRUE(emit_ras_datagram(hex("1e 00 00 80 80 c8"), context(), sink));
    const auto rows = rows_of(sink, facts::H323MessageRow::kTable);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(text(rows[0], "message"), "unregistrationConfirm");
    EXPECT_EQ(text(rows[0], "request_seq_num"), "1");
    EXPECT_EQ(text(rows[0], "tokens"), "NULL");
    EXPECT_EQ(text(rows[0], "h235"), "NULL");
    EXPECT_NE(text(rows[0], "undecoded").find("more extension additions than vcaudit walks"), std::string::npos);
    EXPECT_EQ(anomalies(sink, "h225_undecoded"), 1u);
}

TEST(H225Decoder, BodyAlternativeNewerThanVersion7) {
    // Extension alternative 9 (index 16), open type of one octet, no UU-PDU additions.
    const auto per = hex("08 90 01 00");
    const H225Fields f = decode_h323_user_information(per);
    EXPECT_EQ(f.message, 16);
    EXPECT_EQ(h323_body_name(16), "unknown");
    EXPECT_NE(f.undecoded.find("newer than H.225.0 v7"), std::string::npos) << f.undecoded;
}

TEST(H225Decoder, UserUserWithAnotherProtocolDiscriminatorIsNotDecoded) {
    facts::MemorySink sink;
    ASSERT_TRUE(emit_h225_message(hex("08 02 00 2a 05 7e 00 03 04 20 80"), context(), sink));
    const auto rows = rows_of(sink, facts::H323MessageRow::kTable);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(text(rows[0], "message"), "setup");
    EXPECT_EQ(text(rows[0], "h225_body"), "NULL");
    EXPECT_EQ(text(rows[0], "h235"), "NULL");
    EXPECT_NE(text(rows[0], "undecoded").find("protocol discriminator"), std::string::npos);
}

TEST(H225Decoder, NotQ931IsAnAnomalyWithoutRow) {
    facts::MemorySink sink;
    EXPECT_FALSE(emit_h225_message(hex("09 02 00 2a 05"), context(), sink));
    EXPECT_EQ(sink.count(facts::H323MessageRow::kTable), 0u);
    EXPECT_EQ(anomalies(sink, "q931_malformed"), 1u);
}

TEST(H225Ras, GatekeeperRequestWithClearTokens) {
    facts::MemorySink sink;
    const auto row = ras_row(test::kRasGrqTokens, sink);
    EXPECT_EQ(text(row, "protocol"), "ras");
    EXPECT_EQ(text(row, "transport"), "udp");
    EXPECT_EQ(text(row, "message"), "gatekeeperRequest");
    EXPECT_EQ(text(row, "h225_body"), "NULL");
    EXPECT_EQ(text(row, "request_seq_num"), "77");
    EXPECT_EQ(text(row, "h225_version"), "4");
    EXPECT_EQ(text(row, "tokens"), "1");
    EXPECT_EQ(text(row, "crypto_tokens"), "0");
    EXPECT_EQ(text(row, "h235"), "1");
    EXPECT_EQ(text(row, "call_reference"), "NULL");
    EXPECT_EQ(text(row, "undecoded"), "NULL");
}

TEST(H225Ras, RegistrationRequestWithCryptoTokens) {
    facts::MemorySink sink;
    const auto row = ras_row(test::kRasRrqCrypto, sink);
    EXPECT_EQ(text(row, "message"), "registrationRequest");
    EXPECT_EQ(text(row, "request_seq_num"), "78");
    EXPECT_EQ(text(row, "tokens"), "0");
    EXPECT_EQ(text(row, "crypto_tokens"), "1");
    EXPECT_EQ(text(row, "h235"), "1");
    EXPECT_EQ(text(row, "undecoded"), "NULL");
}

TEST(H225Ras, AdmissionRequestWithBothAndItsIdentifiers) {
    facts::MemorySink sink;
    const auto row = ras_row(test::kRasArqBoth, sink);
    EXPECT_EQ(text(row, "message"), "admissionRequest");
    EXPECT_EQ(text(row, "request_seq_num"), "79");
    EXPECT_EQ(text(row, "tokens"), "1");
    EXPECT_EQ(text(row, "crypto_tokens"), "1");
    EXPECT_EQ(text(row, "h235"), "1");
    EXPECT_EQ(text(row, "call_id"), kCallId);
    EXPECT_EQ(text(row, "conference_id"), kConfId);
    EXPECT_EQ(text(row, "undecoded"), "NULL");
}

TEST(H225Ras, InfoRequestAckIsAnExtensionAlternative) {
    facts::MemorySink sink;
    const auto row = ras_row(test::kRasIackTokens, sink);
    EXPECT_EQ(text(row, "message"), "infoRequestAck");
    EXPECT_EQ(text(row, "request_seq_num"), "80");
    EXPECT_EQ(text(row, "tokens"), "1");
    EXPECT_EQ(text(row, "crypto_tokens"), "0");
    EXPECT_EQ(text(row, "h235"), "1");
}

TEST(H225Ras, InfoRequestResponseWithPerCallInfoStopsThere) {
    // IRR (alternative 22), seq 6, endpointType {terminal}, endpointIdentifier
    // "E", rasAddress 192.0.2.1:1719, no callSignalAddress, then perCallInfo
    // (not decoded). tshark: requestSeqNum 6, then undecoded at perCallInfo.
    facts::MemorySink sink;
    const auto row = ras_row("5a 40 00 05 02 00 00 00 45 00 c0 00 02 01 06 b7 00 ff ff", sink);
    EXPECT_EQ(text(row, "message"), "infoRequestResponse");
    EXPECT_EQ(text(row, "request_seq_num"), "6");
    EXPECT_EQ(text(row, "tokens"), "NULL");
    EXPECT_EQ(text(row, "h235"), "NULL");
    EXPECT_NE(text(row, "undecoded").find("InfoRequestResponse.perCallInfo"), std::string::npos);
    EXPECT_EQ(anomalies(sink, "h225_undecoded"), 1u);
}

TEST(H225Ras, DatagramWithoutASequenceNumberIsNotTakenForRas) {
    for (const char* bytes : {"", "02", "02 a0 00"}) {
        SCOPED_TRACE(bytes);
        facts::MemorySink sink;
        EXPECT_FALSE(emit_ras_datagram(hex(bytes), context(), sink));
        EXPECT_EQ(sink.count(facts::H323MessageRow::kTable), 0u);
        EXPECT_EQ(anomalies(sink, "h225_ras_malformed"), 1u);
    }
}

}  // namespace
}  // namespace vca::probes::h323
