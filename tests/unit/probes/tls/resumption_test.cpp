// Session resumption and client offers, decided from hand-built handshakes
// fed through TlsSession as the two directions of a TCP connection
// (0 = client, 1 = server), then turned into a tls_sessions row.
#include <gtest/gtest.h>

#include <string>

#include "auditor/facts/fact_sink.hpp"
#include "auditor/facts/schema.hpp"
#include "probes/tls/tls_facts.hpp"
#include "probes/tls/tls_session.hpp"
#include "tests/unit/probes/tls/hello_builder.hpp"

namespace vca::probes::tls {
namespace {

using namespace test;

const Buf kSid(32, 0x5e);       // a session id the client wants back
const Buf kOtherSid(32, 0x6f);  // a fresh one from a server that declined
const std::vector<unsigned> kSuites = {0xc02f, 0xc030, 0x009c};

Buf ticket(std::size_t n) { return Buf(n, 0x7a); }

Buf ch_tls12(const Buf& sid, const Buf& ticket_data) {
    return record(kHandshake, handshake(kClientHello, client_hello_body(0x0303, sid, kSuites,
                                                                        {ext(35, ticket_data)})));
}

// A TLS 1.3-capable client: random 32-byte session id (RFC 8446 §D.4).
Buf ch_tls13(bool with_psk) {
    std::vector<Ext> exts = {ext(43, u16_list({0x0304, 0x0303}, true)), ext(45, {0x01, 0x01})};
    if (with_psk) exts.push_back(ext(41, Buf(40, 0x01)));  // must be last (RFC 8446 §4.2.11)
    return record(kHandshake, handshake(kClientHello, client_hello_body(0x0303, kSid, {0x1301, 0x1302}, exts)));
}

Buf sh_tls12(const Buf& sid) { return handshake(kServerHello, server_hello_body(0x0303, sid, 0xc02f, {})); }

Buf sh_tls13(bool psk) {
    std::vector<Ext> exts = {ext(43, {0x03, 0x04})};
    if (psk) exts.push_back(ext(41, {0x00, 0x00}));
    return handshake(kServerHello, server_hello_body(0x0303, kSid, 0x1301, exts));
}

Buf server_full_flight(const Buf& sid) {
    Buf flight = sh_tls12(sid);
    append(flight, handshake(kCertificate, {0x00, 0x00, 0x00}));  // empty list: still a full handshake
    append(flight, handshake(kServerHelloDone, {}));
    return record(kHandshake, flight);
}

Buf server_abbreviated(const Buf& sid, bool new_ticket) {
    Buf flight = sh_tls12(sid);
    if (new_ticket) append(flight, handshake(kNewSessionTicket, Buf(10, 0x01)));
    Buf out = record(kHandshake, flight);
    append(out, record(kChangeCipherSpec, {0x01}));
    return out;
}

HandshakeFacts run(const Buf& client, const Buf& server) {
    TlsSession s;
    s.on_data(0, view(client), false, 1.0);
    s.on_data(1, view(server), false, 1.1);
    EXPECT_TRUE(s.anomalies().empty());
    return s.facts();
}

TEST(TlsResumption, FullHandshakeTls12) {
    const auto hs = run(ch_tls12({}, {}), server_full_flight(kOtherSid));
    EXPECT_EQ(resumption(hs), "full");
    EXPECT_EQ(client_offered_resumption(hs), false);
}

TEST(TlsResumption, BySessionId) {
    const auto hs = run(ch_tls12(kSid, {}), server_abbreviated(kSid, false));
    EXPECT_EQ(resumption(hs), "session_id");
    EXPECT_EQ(client_offered_resumption(hs), true);
}

TEST(TlsResumption, ServerDeclinesTheSessionId) {
    const auto hs = run(ch_tls12(kSid, {}), server_full_flight(kOtherSid));
    EXPECT_EQ(resumption(hs), "full");
    EXPECT_EQ(client_offered_resumption(hs), true);
}

TEST(TlsResumption, ByTicketEvenWhenTheSessionIdIsEchoed) {
    const auto hs = run(ch_tls12(kSid, ticket(160)), server_abbreviated(kSid, true));
    EXPECT_EQ(resumption(hs), "ticket");
    EXPECT_EQ(client_offered_resumption(hs), true);
}

TEST(TlsResumption, EmptyTicketIsOnlyAskingForOne) {
    const auto hs = run(ch_tls12({}, {}), server_full_flight({}));
    EXPECT_EQ(client_offered_resumption(hs), false);
}

TEST(TlsResumption, Tls13PskAndFull) {
    auto hs = run(ch_tls13(true), record(kHandshake, sh_tls13(true)));
    EXPECT_EQ(resumption(hs), "psk");
    EXPECT_EQ(client_offered_resumption(hs), true);
    hs = run(ch_tls13(false), record(kHandshake, sh_tls13(false)));
    EXPECT_EQ(resumption(hs), "full");
    // The 32-byte random session id of a TLS 1.3 client is not an offer.
    EXPECT_EQ(client_offered_resumption(hs), false);
}

TEST(TlsResumption, UndecidedWithoutTheServersNextMessages) {
    auto hs = run(ch_tls12(kSid, {}), record(kHandshake, sh_tls12(kSid)));
    EXPECT_EQ(resumption(hs), std::nullopt);
    hs = run(ch_tls12(kSid, {}), {});
    EXPECT_EQ(resumption(hs), std::nullopt);
    EXPECT_EQ(client_offered_resumption(hs), true);
    hs = run({}, {});
    EXPECT_EQ(client_offered_resumption(hs), std::nullopt);
}

// The row carries the new columns where the schema says they are.
std::string text_column(const facts::Cells& cells, std::string_view name) {
    const auto* table = facts::find_table("tls_sessions");
    for (std::size_t i = 0; i < table->columns.size(); ++i) {
        if (table->columns[i].name != name) continue;
        if (const auto* s = std::get_if<std::string>(&cells.at(i))) return *s;
        if (const auto* n = std::get_if<std::int64_t>(&cells.at(i))) return std::to_string(*n);
        return "NULL";
    }
    ADD_FAILURE() << "no column " << name;
    return "";
}

TEST(TlsFactsRow, ResumptionJa4AndAttributionColumns) {
    Buf client = record(kHandshake, handshake(kClientHello, client_hello_body(
                                                               0x0303, kSid, kSuites,
                                                               {sni_ext("sip.example.vn"), alpn_ext({"http/1.1"}),
                                                                ext(35, ticket(64))})));
    const auto hs = run(client, server_abbreviated(kSid, false));
    facts::MemorySink sink;
    emit_tls_facts(hs, FlowContext{7, 1, 443, false}, sink);
    ASSERT_EQ(sink.count("tls_sessions"), 1U);
    const auto& cells = sink.rows.back().cells;
    EXPECT_EQ(text_column(cells, "resumed"), "ticket");
    EXPECT_EQ(text_column(cells, "client_offered_resumption"), "1");
    // Suites 009c,c02f,c030; extensions 0000,0010,0023 (0023 alone is hashed).
    EXPECT_EQ(text_column(cells, "ja4").substr(0, 11), "t12d0303h1_");
    EXPECT_EQ(text_column(cells, "app_guess"), "sip");  // SIP over WSS: SNI outranks http/1.1
    EXPECT_EQ(text_column(cells, "app_basis"), "sni");
    EXPECT_EQ(text_column(cells, "server_alpn"), "NULL");
}

}  // namespace
}  // namespace vca::probes::tls
