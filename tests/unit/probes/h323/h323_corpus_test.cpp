// H.225.0 messages of the shared public corpus against tshark. Every TCP
// segment of port 1720 goes through the project's TCP reassembler into
// H225Stream, every UDP datagram of 1718/1719 is decoded as RAS.
//
// Expected values are what TShark 4.0.17 prints with
//   tshark -r FILE -Y h225 -T fields -E separator='|' -e frame.number
//     -e q931.message_type -e q931.call_ref -e q931.call_ref_flag
//     -e h225.h323_message_body -e h225.RasMessage -e h225.requestSeqNum
//     -e h225.protocolIdentifier -e h225.h245Tunnelling -e h225.tokens
//     -e h225.cryptoTokens -e h225.fastStart -e h225.h245Address -e h225.guid
//     -e h225.conferenceID -e q931.cause_value -e q931.display_information
//     -e q931.calling_party_number.digits -e q931.called_party_number.digits
// (tshark's empty tokens/cryptoTokens/fastStart/h245Address is our 0; its
// call reference is hex, ours decimal; its GUIDs are dashed, ours plain hex),
// and the H.245 address from `tshark -V` (connect: ip 10.1.6.18, port 1232).
// Where vcaudit and tshark differ the reason is stated at the row.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/unit/probes/h323/h323_feed.hpp"
#include "tests/unit/probes/h323/h323_test_util.hpp"

namespace vca::probes::h323 {
namespace {

using test::anomalies;
using test::rows_of;
using test::text;

struct Want {
    std::int64_t frame;
    std::vector<std::pair<std::string_view, std::string>> cells;
};

const facts::MemorySink::Entry* row_at(const std::vector<facts::MemorySink::Entry>& rows, std::int64_t frame) {
    for (const auto& r : rows)
        if (text(r, "frame") == std::to_string(frame)) return &r;
    return nullptr;
}

void expect_rows(const std::string& capture, const std::vector<Want>& want) {
    SCOPED_TRACE(capture);
    facts::MemorySink sink;
    test::feed_h323("corpus/public/" + capture, sink);
    const auto rows = rows_of(sink, facts::H323MessageRow::kTable);
    EXPECT_EQ(rows.size(), want.size());
    for (const Want& w : want) {
        SCOPED_TRACE("frame " + std::to_string(w.frame));
        const auto* row = row_at(rows, w.frame);
        ASSERT_NE(row, nullptr);
        for (const auto& [column, value] : w.cells) EXPECT_EQ(text(*row, column), value) << column;
    }
}

// Fields every fully decoded message without H.235, fastStart or H.245 address has.
std::vector<std::pair<std::string_view, std::string>> plain(std::vector<std::pair<std::string_view, std::string>> cells) {
    for (auto c : {std::pair<std::string_view, std::string>{"tokens", "0"}, {"crypto_tokens", "0"}, {"h235", "0"},
                   {"undecoded", "NULL"}})
        cells.push_back(c);
    return cells;
}

const std::string kCall1 = "c0fef93ecd9ed6119ab2000476222017";
const std::string kConf1 = "f8fdf93ecd9ed6119ab2000476222017";
const std::string kZeroGuid = "00000000000000000000000000000000";
const std::string kCall3 = "004091fb7289f911802a050403020100";
const std::string kConf3 = "003dfd30000048338000050403020100";

TEST(H323Corpus, NdpiCallSignallingAndRas) {
    std::vector<Want> want = {
        // Call 1 (OpenH323 Callgen323 to a "310i"): 0x77f4 = 30708.
        {6, plain({{"protocol", "q931"}, {"transport", "tcp"}, {"message", "setup"}, {"h225_body", "setup"},
                   {"call_reference", "30708"}, {"call_reference_flag", "0"}, {"h225_version", "4"},
                   {"protocol_id", "0.0.8.2250.0.4"}, {"h245_tunnelling", "0"}, {"fast_start", "0"},
                   {"has_h245_address", "0"}, {"call_id", kCall1}, {"conference_id", kConf1},
                   {"display", "m.jemec"}, {"calling_number", "NULL"}, {"called_number", "NULL"},
                   {"src_ip", "10.1.3.143"}, {"dst_ip", "10.1.6.18"}})},
        {10, plain({{"message", "call_proceeding"}, {"h225_body", "callProceeding"}, {"call_reference", "30708"},
                    {"call_reference_flag", "1"}, {"h225_version", "3"}, {"h245_tunnelling", "0"},
                    {"fast_start", "0"}, {"has_h245_address", "0"}, {"call_id", kCall1},
                    {"conference_id", "NULL"}})},
        {14, plain({{"message", "alerting"}, {"h225_body", "alerting"}, {"call_reference", "30708"},
                    {"call_reference_flag", "1"}, {"h225_version", "3"}, {"h245_tunnelling", "0"},
                    {"fast_start", "0"}, {"call_id", kCall1}})},
        {18, plain({{"message", "connect"}, {"h225_body", "connect"}, {"call_reference", "30708"},
                    {"call_reference_flag", "1"}, {"h225_version", "3"}, {"h245_tunnelling", "0"},
                    {"fast_start", "0"}, {"has_h245_address", "1"}, {"h245_address", "10.1.6.18:1232"},
                    {"call_id", kCall1}, {"conference_id", kConf1}, {"display", "M.JEMEC"}})},
        // Call 2: segment 48 holds only the TPKT header of the alerting (50).
        {47, plain({{"message", "setup"}, {"h225_body", "setup"}, {"call_reference", "1"},
                    {"call_reference_flag", "0"}, {"h225_version", "3"}, {"h245_tunnelling", "0"},
                    {"calling_number", "17"}, {"call_id", kZeroGuid}, {"conference_id", kZeroGuid}})},
        // tshark prints no h245Tunnelling: this v2 PDU has no H323-UU-PDU
        // extension additions. vcaudit records 0: a sender that predates the
        // field does not tunnel.
        {50, plain({{"message", "alerting"}, {"h225_body", "alerting"}, {"call_reference", "1"},
                    {"call_reference_flag", "1"}, {"h225_version", "2"}, {"h245_tunnelling", "0"},
                    {"fast_start", "0"}, {"call_id", kZeroGuid}})},
        // RAS of call 3. tshark marks 59 malformed inside the GRQ's
        // `integrity` addition (an empty OID); vcaudit steps over additions by
        // their length and reads the bitmap: no tokens, no cryptoTokens.
        {59, plain({{"protocol", "ras"}, {"transport", "udp"}, {"message", "gatekeeperRequest"},
                    {"h225_body", "NULL"}, {"request_seq_num", "1"}, {"h225_version", "4"}})},
        {60, plain({{"message", "gatekeeperConfirm"}, {"request_seq_num", "1"}, {"h225_version", "4"}})},
        {61, plain({{"message", "registrationRequest"}, {"request_seq_num", "2"}, {"h225_version", "4"}})},
        {62, plain({{"message", "registrationConfirm"}, {"request_seq_num", "2"}, {"h225_version", "4"}})},
        {63, plain({{"message", "admissionRequest"}, {"request_seq_num", "3"}, {"h225_version", "NULL"},
                    {"call_id", kCall3}, {"conference_id", kConf3}})},
        // tshark shows the ARQ's callIdentifier on the ACF too (response
        // matching); the ACF itself carries none.
        {64, plain({{"message", "admissionConfirm"}, {"request_seq_num", "3"}, {"call_id", "NULL"}})},
        // tshark stops at "too long integer" inside the Setup's
        // additionalSourceAddresses addition and shows no h245Tunnelling;
        // vcaudit skips that open type and reads the rest (h245Tunnelling
        // FALSE is in the bytes: 10 80 01 00), and the Q.931 numbers.
        {65, plain({{"protocol", "q931"}, {"message", "setup"}, {"h225_body", "setup"}, {"call_reference", "1"},
                    {"call_reference_flag", "0"}, {"h225_version", "4"}, {"h245_tunnelling", "0"},
                    {"fast_start", "0"}, {"call_id", kCall3}, {"conference_id", kConf3},
                    {"calling_number", "5295672"}, {"called_number", "9246526"}})},
        {66, plain({{"message", "release_complete"}, {"h225_body", "releaseComplete"}, {"call_reference", "1"},
                    {"call_reference_flag", "1"}, {"h225_version", "4"}, {"h245_tunnelling", "0"},
                    {"call_id", "24ab157276fa18109a58001321f06990"}, {"cause", "NULL"}})},
        {67, plain({{"message", "infoRequest"}, {"request_seq_num", "4180"}, {"call_id", kCall3}})},
        {68, plain({{"message", "infoRequest"}, {"request_seq_num", "4180"}, {"call_id", kCall3}})},
        {69, plain({{"message", "disengageRequest"}, {"request_seq_num", "4181"}, {"call_id", kCall3},
                    {"conference_id", kConf3}})},
        {70, plain({{"message", "disengageRequest"}, {"request_seq_num", "4181"}, {"call_id", kCall3},
                    {"conference_id", kConf3}})},
        {71, plain({{"message", "registrationRequest"}, {"request_seq_num", "18067"}, {"h225_version", "6"}})},
        {72, plain({{"message", "registrationConfirm"}, {"request_seq_num", "18067"}, {"h225_version", "6"}})},
        {73, plain({{"message", "registrationRequest"}, {"request_seq_num", "18068"}, {"h225_version", "6"}})},
        {74, plain({{"message", "registrationConfirm"}, {"request_seq_num", "18068"}, {"h225_version", "6"}})},
        {75, plain({{"message", "registrationRequest"}, {"request_seq_num", "18069"}, {"h225_version", "6"}})},
    };
    expect_rows("ndpi/h323.pcap", want);
}

TEST(H323Corpus, NdpiHasNoDecodingGaps) {
    facts::MemorySink sink;
    test::feed_h323("corpus/public/ndpi/h323.pcap", sink);
    EXPECT_EQ(anomalies(sink, "h225_undecoded"), 0u);
    EXPECT_EQ(anomalies(sink, "q931_malformed"), 0u);
    EXPECT_EQ(anomalies(sink, "h225_tpkt_invalid"), 0u);
    EXPECT_EQ(anomalies(sink, "h225_ras_malformed"), 0u);
}

TEST(H323Corpus, HeplifyRas) {
    // registrationRequest (3), registrationReject (5), registrationConfirm (4),
    // gatekeeperRequest (0), gatekeeperConfirm (1) with tshark's requestSeqNum
    // and protocolIdentifier version.
    const std::vector<std::tuple<std::int64_t, std::string, int, int>> ras = {
        {135, "registrationRequest", 1309, 4}, {136, "registrationReject", 1309, 2},
        {137, "registrationRequest", 1310, 4}, {140, "registrationConfirm", 1310, 2},
        {269, "gatekeeperRequest", 3571, 1},   {270, "gatekeeperConfirm", 3571, 2},
        {273, "registrationRequest", 3572, 1}, {279, "registrationReject", 3572, 2},
        {390, "registrationRequest", 1632, 4}, {391, "registrationReject", 1632, 2},
        {392, "registrationRequest", 1633, 4}, {395, "registrationConfirm", 1633, 2},
        {1990, "registrationRequest", 1311, 4}, {1991, "registrationReject", 1311, 2},
        {1992, "registrationRequest", 1312, 4}, {1995, "registrationConfirm", 1312, 2},
        {2445, "registrationRequest", 1634, 4}, {2446, "registrationReject", 1634, 2},
        {2447, "registrationRequest", 1635, 4}, {2452, "registrationConfirm", 1635, 2},
        {4054, "registrationRequest", 1313, 4}, {4059, "registrationReject", 1313, 2},
        {4062, "registrationRequest", 1314, 4}, {4067, "registrationConfirm", 1314, 2},
    };
    std::vector<Want> want;
    for (const auto& [frame, message, seq, version] : ras)
        want.push_back({frame, plain({{"protocol", "ras"}, {"message", message},
                                      {"request_seq_num", std::to_string(seq)},
                                      {"h225_version", std::to_string(version)}})});
    expect_rows("heplify/rtp_rtcp_sip_ipv4_udp.pcap", want);
}

}  // namespace
}  // namespace vca::probes::h323
