// H.245 on the PDUs of h245_fixtures.hpp (real corpus PDUs and hand-built
// ones checked with tshark; expected values are tshark's decode, quoted
// there), from the three carriers: the separate H.245 connection, h245Control
// tunnelled in H.225.0 and fastStart elements.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "auditor/core/limits.hpp"
#include "probes/h323/h225_stream.hpp"
#include "probes/h323/h245_decoder.hpp"
#include "probes/h323/h245_facts.hpp"
#include "probes/h323/tpkt.hpp"
#include "tests/unit/probes/h323/h225_fixtures.hpp"
#include "tests/unit/probes/h323/h245_fixtures.hpp"
#include "tests/unit/probes/h323/h323_test_util.hpp"

namespace vca::probes::h323 {
namespace {

using test::anomalies;
using test::hex;
using test::rows_of;

// The H.245 PDU inside a one-TPKT fixture.
std::vector<std::uint8_t> pdu(const char* fixture) {
    std::vector<std::uint8_t> b = hex(fixture);
    b.erase(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(kTpktHeaderBytes));
    return b;
}

std::string h245_text(const facts::MemorySink::Entry& row, std::string_view name) {
    const auto& cols = facts::H245MessageRow::kColumns;
    const auto i = static_cast<std::size_t>(std::find(cols.begin(), cols.end(), name) - cols.begin());
    const facts::Value& v = row.cells.at(i);
    if (std::holds_alternative<std::monostate>(v)) return "NULL";
    if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
    return std::get<std::string>(v);
}

H323Context context() {
    H323Context c;
    c.flow_id = 9;
    c.input_id = 1;
    c.frame = 41;
    c.ts = 12.5;
    c.src_ip = "10.1.3.143";
    c.dst_ip = "10.1.6.18";
    return c;
}

void expect_corpus_channel(const H245Message& m) {
    EXPECT_EQ(m.channel, 101);
    EXPECT_EQ(m.data_type, "audioData");
    EXPECT_EQ(m.media, "audio");
    EXPECT_EQ(m.codec, "g711Alaw64k");
    EXPECT_EQ(m.encrypted, false);
    EXPECT_EQ(m.bidirectional, false);
    EXPECT_EQ(m.session_id, 1);
    EXPECT_FALSE(m.media_channel.has_value());  // the receiver gives it, in its Ack
    ASSERT_TRUE(m.media_control.has_value());
    EXPECT_EQ(m.media_control->ip, "10.1.3.143");
    EXPECT_EQ(m.media_control->port, 5001);
    EXPECT_FALSE(m.encryption_sync.has_value());
    EXPECT_EQ(m.undecoded, "");
}

TEST(H245Decoder, CorpusOpenLogicalChannelIsPlainG711) {
    const H245Message m = decode_h245_message(pdu(test::kCorpusOpenLogicalChannel));
    EXPECT_EQ(m.kind, "request");
    EXPECT_EQ(m.name, "openLogicalChannel");
    expect_corpus_channel(m);
}

TEST(H245Decoder, TheSameChannelAsAFastStartElement) {
    // In the PDU the OpenLogicalChannel starts at the second octet (request
    // and its alternative take one); fastStart carries it alone.
    const std::vector<std::uint8_t> whole = pdu(test::kCorpusOpenLogicalChannel);
    const H245Message m = decode_open_logical_channel(core::Bytes(whole).subspan(1));
    EXPECT_EQ(m.name, "openLogicalChannel");
    expect_corpus_channel(m);
}

TEST(H245Decoder, CorpusAckGivesTheMediaAddress) {
    const H245Message m = decode_h245_message(pdu(test::kCorpusOpenLogicalChannelAck));
    EXPECT_EQ(m.kind, "response");
    EXPECT_EQ(m.name, "openLogicalChannelAck");
    EXPECT_EQ(m.channel, 61);
    EXPECT_EQ(m.session_id, 1);
    ASSERT_TRUE(m.media_channel.has_value());
    EXPECT_EQ(m.media_channel->ip, "10.1.3.143");
    EXPECT_EQ(m.media_channel->port, 5000);
    ASSERT_TRUE(m.media_control.has_value());
    EXPECT_EQ(m.media_control->port, 5001);
    EXPECT_EQ(m.encryption_sync, false);
    EXPECT_FALSE(m.encrypted.has_value());  // an Ack says nothing of the media type
    EXPECT_EQ(m.undecoded, "");
}

TEST(H245Decoder, H235MediaIsEncryptedWithItsAlgorithmAndMedia) {
    const H245Message m = decode_h245_message(pdu(test::kOpenLogicalChannelH235Media));
    EXPECT_EQ(m.name, "openLogicalChannel");
    EXPECT_EQ(m.channel, 5);
    EXPECT_EQ(m.data_type, "h235Media");
    EXPECT_EQ(m.encrypted, true);
    EXPECT_EQ(m.encryption_algorithms, "2.16.840.1.101.3.4.1.2");
    EXPECT_EQ(m.media, "audio");
    EXPECT_EQ(m.codec, "g711Alaw64k");
    EXPECT_EQ(m.session_id, 1);
    ASSERT_TRUE(m.media_control.has_value());
    EXPECT_EQ(m.media_control->ip, "10.0.0.1");
    EXPECT_EQ(m.media_control->port, 5001);
    EXPECT_EQ(m.undecoded, "");
}

TEST(H245Decoder, AckWithEncryptionSync) {
    const H245Message m = decode_h245_message(pdu(test::kOpenLogicalChannelAckEncryptionSync));
    EXPECT_EQ(m.channel, 61);
    EXPECT_EQ(m.encryption_sync, true);
    ASSERT_TRUE(m.media_channel.has_value());
    EXPECT_EQ(m.media_channel->port, 5000);
    EXPECT_EQ(m.undecoded, "");
}

TEST(H245Decoder, EveryTruncationIsReportedNeverGuessed) {
    for (const char* fixture : {test::kOpenLogicalChannelH235Media, test::kOpenLogicalChannelAckEncryptionSync,
                                test::kCorpusOpenLogicalChannel, test::kCorpusOpenLogicalChannelAck}) {
        const std::vector<std::uint8_t> whole = pdu(fixture);
        for (std::size_t keep = 0; keep < whole.size(); ++keep) {
            SCOPED_TRACE(std::string(fixture) + " cut to " + std::to_string(keep));
            const H245Message m = decode_h245_message(core::Bytes(whole.data(), keep));
            EXPECT_NE(m.undecoded, "");
            // A cut inside the addresses never leaves a half-read one behind.
            if (m.media_channel) EXPECT_GT(m.media_channel->port, 0);
        }
    }
}

TEST(H245Decoder, OtherMessagesAreNamedOnly) {
    const H245Message m = decode_h245_message(hex(test::kMasterSlaveDetermination));
    EXPECT_EQ(m.kind, "request");
    EXPECT_EQ(m.name, "masterSlaveDetermination");
    EXPECT_FALSE(m.channel.has_value());
    EXPECT_FALSE(m.encrypted.has_value());
    EXPECT_EQ(m.undecoded, "");
}

TEST(H245Stream, TwoPdusInOneSegmentAreTwoRows) {
    facts::MemorySink sink;
    H225Stream s(TpktContent::H245);
    const std::vector<std::uint8_t> b = hex(test::kCorpusTwoAcks);
    s.on_data(0, b, false, context(), sink);
    const auto rows = rows_of(sink, facts::H245MessageRow::kTable);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(h245_text(rows[0], "carrier"), "h245");
    EXPECT_EQ(h245_text(rows[0], "message"), "terminalCapabilitySetAck");
    EXPECT_EQ(h245_text(rows[1], "message"), "masterSlaveDeterminationAck");
    EXPECT_EQ(h245_text(rows[1], "call_id"), "NULL");
    EXPECT_EQ(sink.count("h323_messages"), 0u);
    EXPECT_EQ(sink.count("anomalies"), 0u);
}

TEST(H245Stream, AckRowCarriesAddressesAndGapsAreNamedForH245) {
    facts::MemorySink sink;
    H225Stream s(TpktContent::H245);
    const std::vector<std::uint8_t> b = hex(test::kCorpusOpenLogicalChannelAck);
    s.on_data(0, core::Bytes(b).first(10), false, context(), sink);
    s.on_data(0, core::Bytes(b).subspan(12), true, context(), sink);  // two octets lost
    s.on_data(1, b, false, context(), sink);
    EXPECT_EQ(anomalies(sink, "h245_stream_gap"), 1u);
    const auto rows = rows_of(sink, facts::H245MessageRow::kTable);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(h245_text(rows[0], "channel"), "61");
    EXPECT_EQ(h245_text(rows[0], "media_addr"), "10.1.3.143");
    EXPECT_EQ(h245_text(rows[0], "media_port"), "5000");
    EXPECT_EQ(h245_text(rows[0], "control_port"), "5001");
    EXPECT_EQ(h245_text(rows[0], "encryption_sync"), "0");
    EXPECT_EQ(h245_text(rows[0], "encrypted"), "NULL");
}

struct MediaSeen final : H245MediaObserver {
    std::vector<std::tuple<std::string, int, bool>> seen;
    void on_h245_media(const std::string& addr, int port, bool encrypted) override {
        seen.emplace_back(addr, port, encrypted);
    }
};

TEST(H245Media, EachAckGivesItsChannelsMediaEndpointAndEncryption) {
    facts::MemorySink sink;
    MediaSeen media;
    H323Context opener = context();  // 10.1.3.143 -> 10.1.6.18
    opener.h245_media = &media;
    H323Context answer = opener;
    std::swap(answer.src_ip, answer.dst_ip);
    H225Stream s(TpktContent::H245);
    // Corpus: 10.1.3.143 opens plain channel 101, 10.1.6.18 acknowledges it.
    s.on_data(0, hex(test::kCorpusOpenLogicalChannel), false, opener, sink);
    s.on_data(1, hex(test::kCorpusOpenLogicalChannelAck101), false, answer, sink);
    // An Ack for a channel never opened here says nothing of encryption.
    s.on_data(1, hex(test::kCorpusOpenLogicalChannelAck), false, answer, sink);
    // Channel 5 opened with h235Media, then acknowledged.
    s.on_data(0, hex(test::kOpenLogicalChannelH235Media), false, opener, sink);
    s.on_data(1, hex(test::kOpenLogicalChannelAck5), false, answer, sink);
    // An Ack sent by the opener itself answers nothing it opened.
    s.on_data(0, hex(test::kOpenLogicalChannelAck5), false, opener, sink);
    using Seen = std::tuple<std::string, int, bool>;
    EXPECT_EQ(media.seen, (std::vector<Seen>{{"10.1.6.18", 2006, false}, {"10.1.3.143", 5000, true}}));
}

TEST(H245Media, ChannelsAreKnownByOpenerAndNumberAndBounded) {
    H245Channels channels;
    channels.opened("10.0.0.5", 1, true);
    channels.opened("10.0.0.9", 1, false);  // each side numbers its own channels
    EXPECT_EQ(channels.encrypted("10.0.0.5", 1), true);
    EXPECT_EQ(channels.encrypted("10.0.0.9", 1), false);
    channels.opened("10.0.0.5", 1, false);  // the number reused for a new channel: the latest counts
    EXPECT_EQ(channels.encrypted("10.0.0.5", 1), false);
    for (int c = 2; c < 2 + static_cast<int>(core::limits::kMaxH245ChannelsPerConnection); ++c)
        channels.opened("10.0.0.5", c, true);
    EXPECT_FALSE(channels.encrypted("10.0.0.9", 1).has_value());  // the oldest went first
    EXPECT_EQ(channels.encrypted("10.0.0.5", 2), true);
}

// kSetupSecure with h245Control added to its H323-UU-PDU: the corpus
// masterSlaveDetermination and the h235Media OpenLogicalChannel. tshark
// decodes it as: fastStart 1 item (OpenLogicalChannel 1, nullData,
// multiplexParameters none), h245Tunnelling True, h245Control 2 items
// (masterSlaveDetermination; openLogicalChannel 5 h235Media).
std::vector<std::uint8_t> setup_with_h245_control() {
    std::vector<std::uint8_t> b = hex(test::kSetupSecure);
    const std::vector<std::uint8_t> old_tail = hex("02 80 01 80");  // UU-PDU additions: h245Tunnelling TRUE
    EXPECT_TRUE(std::equal(old_tail.begin(), old_tail.end(), b.end() - 4));
    b.resize(b.size() - 4);
    const std::vector<std::uint8_t> olc = pdu(test::kOpenLogicalChannelH235Media);
    const std::vector<std::uint8_t> msd = hex(test::kMasterSlaveDetermination);
    std::vector<std::uint8_t> control = {2, static_cast<std::uint8_t>(msd.size())};  // SEQUENCE OF: 2 items
    control.insert(control.end(), msd.begin(), msd.end());
    control.push_back(static_cast<std::uint8_t>(olc.size()));
    control.insert(control.end(), olc.begin(), olc.end());
    // 3 additions: h245Tunnelling TRUE, then h245Control as an open type.
    const std::vector<std::uint8_t> tail = hex("04 c0 01 80");
    b.insert(b.end(), tail.begin(), tail.end());
    b.push_back(static_cast<std::uint8_t>(control.size()));
    b.insert(b.end(), control.begin(), control.end());
    const std::size_t added = b.size() - hex(test::kSetupSecure).size();
    b[3] = static_cast<std::uint8_t>(b.size());  // TPKT length (under 256 here)
    b[37] = static_cast<std::uint8_t>(b[37] + added);  // User-user length (7e 00 6d: its low octet)
    return b;
}

TEST(H245InH225, TunnelledAndFastStartChannelsBecomeRows) {
    const std::vector<std::uint8_t> bytes = setup_with_h245_control();
    const TpktResult t = parse_tpkt(bytes);
    ASSERT_EQ(t.status, ParseStatus::Ok);
    facts::MemorySink sink;
    ASSERT_TRUE(emit_h225_message(t.payload, context(), sink));
    EXPECT_EQ(sink.count("h323_messages"), 1u);
    EXPECT_EQ(sink.count("anomalies"), 0u);
    const auto rows = rows_of(sink, facts::H245MessageRow::kTable);
    ASSERT_EQ(rows.size(), 3u);
    const std::string call_id = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";
    // Tunnelled first, in order, then fastStart.
    EXPECT_EQ(h245_text(rows[0], "carrier"), "tunnelled");
    EXPECT_EQ(h245_text(rows[0], "message"), "masterSlaveDetermination");
    EXPECT_EQ(h245_text(rows[0], "call_id"), call_id);
    EXPECT_EQ(h245_text(rows[1], "carrier"), "tunnelled");
    EXPECT_EQ(h245_text(rows[1], "message"), "openLogicalChannel");
    EXPECT_EQ(h245_text(rows[1], "channel"), "5");
    EXPECT_EQ(h245_text(rows[1], "encrypted"), "1");
    EXPECT_EQ(h245_text(rows[1], "encryption_algorithms"), "2.16.840.1.101.3.4.1.2");
    EXPECT_EQ(h245_text(rows[2], "carrier"), "faststart");
    EXPECT_EQ(h245_text(rows[2], "channel"), "1");
    EXPECT_EQ(h245_text(rows[2], "data_type"), "nullData");
    EXPECT_EQ(h245_text(rows[2], "encrypted"), "NULL");  // nullData carries no media
    EXPECT_EQ(h245_text(rows[2], "call_id"), call_id);
    for (const auto& r : rows) EXPECT_EQ(h245_text(r, "undecoded"), "NULL");
}

TEST(H245AddressBook, SignalledAddressesAreRememberedBoundedOldestFirst) {
    H245AddressBook book(2);
    H323Context ctx = context();
    ctx.h245_addresses = &book;
    facts::MemorySink sink;
    for (const char* fixture : {test::kConnectTokens, test::kFacilityH245}) {
        const std::vector<std::uint8_t> bytes = hex(fixture);
        ASSERT_TRUE(emit_h225_message(parse_tpkt(bytes).payload, ctx, sink));
    }
    EXPECT_TRUE(book.contains("192.0.2.10:1234"));
    EXPECT_TRUE(book.contains("[2001:db8::5]:1300"));
    book.add("198.51.100.1:2000");
    EXPECT_FALSE(book.contains("192.0.2.10:1234"));  // the oldest went first
    EXPECT_TRUE(book.contains("198.51.100.1:2000"));
}

}  // namespace
}  // namespace vca::probes::h323
