// POP3, IMAP and SMTP login watchers: conversations written after what
// Dovecot, Postfix, Thunderbird, curl and swaks send, replayed whole, byte by
// byte and in random chunks. base64 values were made with coreutils base64;
// the secrets in them are fake.
#include <gtest/gtest.h>

#include <string>

#include "auditor/core/limits.hpp"
#include "tests/unit/probes/creds_text/conversation.hpp"

namespace vca::probes::creds {
namespace {

using namespace conversation;

// ------------------------------------------------------------------ POP3

const std::string kDovecotPop = "+OK Dovecot (Debian) ready. <1896.697170952@dbc.mtview.ca.us>\r\n";
const std::string kCapa = "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\n"
                          "-ERR this line is inside the list, not an answer\r\nUSER\r\nSASL PLAIN LOGIN\r\n.\r\n";

TEST(Pop3Watcher, UserPassFailureThenSuccess) {
    const Replay r = run_all_ways(LoginProtocol::Pop3,
                               {server(kDovecotPop), client("CAPA\r\n"), server(kCapa), client("USER bob\r\n"),
                                server("+OK\r\n"), client("PASS Fake-Pop-1\r\n"),
                                server("-ERR [AUTH] Authentication failed.\r\n"), client("USER bob\r\n"),
                                server("+OK\r\n"), client("PASS Fake Pop 2\r\n"), server("+OK Logged in.\r\n"),
                                client("STAT\r\nUSER x\r\nPASS FakeNotLooked\r\n")});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].protocol, "pop3");
    EXPECT_EQ(r.events[0].username, "bob");
    EXPECT_EQ(r.events[0].mechanism, "user-pass");
    EXPECT_TRUE(same_secret(r.events[0].secret, "Fake-Pop-1"));
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_TRUE(same_secret(r.events[1].secret, "Fake Pop 2"));
    EXPECT_EQ(r.events[1].outcome, Outcome::Success);
    EXPECT_TRUE(r.done);  // one login per session: nothing more is read
}

TEST(Pop3Watcher, ApopKeepsTheGreetingTimestamp) {
    // RFC 1939 §7 example
    const Replay r = run_all_ways(LoginProtocol::Pop3, {server(kDovecotPop),
                                                     client("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n"),
                                                     server("+OK maildrop has 1 message (369 octets)\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    const CredentialEvent& e = r.events[0];
    EXPECT_EQ(e.username, "mrose");
    EXPECT_EQ(e.mechanism, "apop");
    EXPECT_EQ(e.secret_kind, "hash");
    EXPECT_TRUE(e.secret.empty());
    ASSERT_TRUE(e.digest.has_value());
    EXPECT_EQ(e.digest->nonce, "<1896.697170952@dbc.mtview.ca.us>");
    EXPECT_EQ(e.digest->response, "c4c9334bac560ecc979e58001b3e22fb");
    EXPECT_EQ(e.outcome, Outcome::Success);
}

TEST(Pop3Watcher, SaslPlainAfterContinuation) {
    // base64("\0bob\0Fake-Pop-3")
    const Replay r = run_all_ways(LoginProtocol::Pop3, {server(kDovecotPop), client("AUTH PLAIN\r\n"), server("+ \r\n"),
                                                     client("AGJvYgBGYWtlLVBvcC0z\r\n"),
                                                     server("-ERR [AUTH] Authentication failed.\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].mechanism, "plain");
    EXPECT_EQ(r.events[0].username, "bob");
    EXPECT_TRUE(same_secret(r.events[0].secret, "Fake-Pop-3"));
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_EQ(r.events[0].frame, 4);
}

TEST(Pop3Watcher, StlsStopsWatching) {
    const Replay r = run_all_ways(LoginProtocol::Pop3, {server(kDovecotPop), client("STLS\r\n"),
                                                     server("+OK Begin TLS negotiation now.\r\n"),
                                                     client("USER a\r\nPASS FakeHidden\r\n"), server("+OK\r\n+OK\r\n")});
    EXPECT_TRUE(r.events.empty());
    EXPECT_TRUE(r.done);
}

TEST(Pop3Watcher, GapLeavesUnknown) {
    const Replay r = run_all_ways(LoginProtocol::Pop3, {server(kDovecotPop), client("USER bob\r\n"), server("+OK\r\n"),
                                                     client("PASS FakeGap\r\n"), server_after_gap("xx\r\n+OK Logged in.\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
}

// ------------------------------------------------------------------ IMAP

const std::string kDovecotImap =
    "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot ready.\r\n";

TEST(ImapWatcher, QuotedFailureThenLiteralSuccess) {
    const Replay r = run_all_ways(
        LoginProtocol::Imap,
        {server(kDovecotImap), client("a001 CAPABILITY\r\n"),
         server("* CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN\r\na001 OK Pre-login capabilities listed.\r\n"),
         client("a002 LOGIN \"carol\" \"Fake \\\"quoted\\\" \\\\pass\"\r\n"),
         server("a002 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"), client("a003 LOGIN {5}\r\n"),
         server("+ OK\r\n"), client("carol {14}\r\n"), server("+ OK\r\n"), client("Fake-Lit-Pass1\r\n"),
         server("a003 OK [CAPABILITY IMAP4rev1] Logged in\r\n"), client("a004 LOGIN x FakeNotLooked\r\n")});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].protocol, "imap");
    EXPECT_EQ(r.events[0].username, "carol");
    EXPECT_EQ(r.events[0].mechanism, "user-pass");
    EXPECT_TRUE(same_secret(r.events[0].secret, "Fake \"quoted\" \\pass"));
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_EQ(r.events[1].username, "carol");
    EXPECT_TRUE(same_secret(r.events[1].secret, "Fake-Lit-Pass1"));
    EXPECT_EQ(r.events[1].outcome, Outcome::Success);
    EXPECT_EQ(r.events[1].frame, 10);
    EXPECT_TRUE(r.done);
}

TEST(ImapWatcher, AtomsAndNonSynchronisingLiteralLowerCase) {
    // Thunderbird writes commands in lower case; LITERAL+ ({n+}) needs no "+"
    const Replay r = run_all_ways(LoginProtocol::Imap, {server(kDovecotImap), client("1 login dave {8+}\r\nFakeDave\r\n"),
                                                     server("1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"),
                                                     client("2 LOGIN dave Fake.Atom\r\n"),
                                                     server("2 BAD Error in IMAP command\r\n")});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_TRUE(same_secret(r.events[0].secret, "FakeDave"));
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_TRUE(same_secret(r.events[1].secret, "Fake.Atom"));
    EXPECT_EQ(r.events[1].outcome, Outcome::Unknown);  // BAD: the server did not judge the password
}

TEST(ImapWatcher, AuthenticatePlainWithAndWithoutSaslIr) {
    // base64("\0carol\0Fake-Imap-3"), base64("carol\0carol\0Fake-Imap-4")
    const Replay r = run_all_ways(LoginProtocol::Imap,
                               {server(kDovecotImap), client("A1 AUTHENTICATE PLAIN\r\n"), server("+ \r\n"),
                                client("AGNhcm9sAEZha2UtSW1hcC0z\r\n"), server("A1 NO [AUTHENTICATIONFAILED] failed\r\n"),
                                client("A2 AUTHENTICATE PLAIN Y2Fyb2wAY2Fyb2wARmFrZS1JbWFwLTQ=\r\n"),
                                server("A2 OK Logged in\r\n")});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].mechanism, "plain");
    EXPECT_EQ(r.events[0].username, "carol");
    EXPECT_TRUE(same_secret(r.events[0].secret, "Fake-Imap-3"));
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_EQ(r.events[1].username, "carol");
    EXPECT_TRUE(same_secret(r.events[1].secret, "Fake-Imap-4"));
    EXPECT_EQ(r.events[1].outcome, Outcome::Success);
}

TEST(ImapWatcher, TagsPairAcrossAGapAndServerLiteralsAreSkipped) {
    const Replay r = run_all_ways(
        LoginProtocol::Imap,
        {server(kDovecotImap), client("t1 LOGIN erin FakeErin\r\n"),
         server_after_gap("tail\r\n* 1 FETCH (BODY[] {18}\r\nt1 OK not really\r\n)\r\nt1 NO [AUTHENTICATIONFAILED] no\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
}

TEST(ImapWatcher, StartTlsAndPreauthStopWatching) {
    const Replay tls = run_all_ways(LoginProtocol::Imap, {server(kDovecotImap), client("a STARTTLS\r\n"),
                                                       server("a OK Begin TLS negotiation now.\r\n"),
                                                       client("b LOGIN u FakeHidden\r\n"), server("b OK\r\n")});
    EXPECT_TRUE(tls.events.empty());
    EXPECT_TRUE(tls.done);
    const Replay pre = run_all_ways(LoginProtocol::Imap, {server("* PREAUTH [CAPABILITY IMAP4rev1] Logged in as frank\r\n")});
    EXPECT_TRUE(pre.events.empty());
    EXPECT_TRUE(pre.done);
}

TEST(ImapWatcher, HugeAppendLiteralIsCountedNotKept) {
    const std::string message(core::limits::kMaxImapCommandBytes * 2, 'm');
    const Replay r = run_all_ways(
        LoginProtocol::Imap,
        {server(kDovecotImap), client("a1 APPEND INBOX {" + std::to_string(message.size()) + "+}\r\n" + message + "\r\n"),
         client("a2 LOGIN gail FakeGail\r\n"), server("a1 NO not logged in\r\na2 OK Logged in\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].username, "gail");
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
    EXPECT_TRUE(has_note(r, "creds_line_limit"));
}

// ------------------------------------------------------------------ SMTP

const std::string kPostfix = "220 mail.example.org ESMTP Postfix (Debian/GNU)\r\n";
const std::string kEhloReply =
    "250-mail.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-AUTH PLAIN LOGIN CRAM-MD5\r\n"
    "250-ENHANCEDSTATUSCODES\r\n250-CHUNKING\r\n250 8BITMIME\r\n";

TEST(SmtpWatcher, AuthLoginFailureThenPlainSuccess) {
    // base64: ZGF2ZQ== "dave", RmFrZS1TbXRwLTE= "Fake-Smtp-1", AGRhdmUARmFrZS1TbXRwLTI= "\0dave\0Fake-Smtp-2"
    const Replay r = run_all_ways(
        LoginProtocol::Smtp,
        {server(kPostfix), client("EHLO [192.0.2.5]\r\n"), server(kEhloReply), client("AUTH LOGIN\r\n"),
         server("334 VXNlcm5hbWU6\r\n"), client("ZGF2ZQ==\r\n"), server("334 UGFzc3dvcmQ6\r\n"),
         client("RmFrZS1TbXRwLTE=\r\n"), server("535 5.7.8 Error: authentication failed: authentication failure\r\n"),
         client("AUTH PLAIN AGRhdmUARmFrZS1TbXRwLTI=\r\n"), server("235 2.7.0 Authentication successful\r\n"),
         client("AUTH PLAIN AGRhdmUARmFrZS1TbXRwLTI=\r\n")});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].protocol, "smtp");
    EXPECT_EQ(r.events[0].mechanism, "login");
    EXPECT_EQ(r.events[0].username, "dave");
    EXPECT_TRUE(same_secret(r.events[0].secret, "Fake-Smtp-1"));
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_EQ(r.events[0].frame, 8);
    EXPECT_EQ(r.events[1].mechanism, "plain");
    EXPECT_EQ(r.events[1].username, "dave");
    EXPECT_TRUE(same_secret(r.events[1].secret, "Fake-Smtp-2"));
    EXPECT_EQ(r.events[1].outcome, Outcome::Success);
    EXPECT_TRUE(r.done);
}

TEST(SmtpWatcher, AuthLoginWithInitialResponseAndPlainAfter334) {
    const Replay r = run_all_ways(LoginProtocol::Smtp,
                               {server(kPostfix), client("EHLO x\r\n"), server(kEhloReply),
                                client("AUTH LOGIN ZGF2ZQ==\r\n"), server("334 UGFzc3dvcmQ6\r\n"), client("*\r\n"),
                                server("501 5.7.0 Authentication aborted\r\n"), client("AUTH PLAIN\r\n"),
                                server("334 \r\n"), client("AGRhdmUARmFrZS1TbXRwLTI=\r\n"),
                                server("535 5.7.8 Error: authentication failed\r\n")});
    ASSERT_EQ(r.events.size(), 1U);  // the cancelled LOGIN sent no password
    EXPECT_EQ(r.events[0].mechanism, "plain");
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
}

TEST(SmtpWatcher, CramMd5GivesUserAndDigestOnly) {
    // RFC 2195 §2 style exchange: the reply is "tim" and an HMAC-MD5 hex digest
    const Replay r = run_all_ways(LoginProtocol::Smtp,
                               {server(kPostfix), client("EHLO x\r\n"), server(kEhloReply), client("AUTH CRAM-MD5\r\n"),
                                server("334 PDQxOTI5NDIzNDEuMTI4Mjg0NzJAc291cmNlZm91ci5hbmRyZXcuY211LmVkdT4=\r\n"),
                                client("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\r\n"),
                                server("235 2.7.0 Authentication successful\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    const CredentialEvent& e = r.events[0];
    EXPECT_EQ(e.mechanism, "cram-md5");
    EXPECT_EQ(e.secret_kind, "hash");
    EXPECT_EQ(e.username, "tim");
    EXPECT_TRUE(e.secret.empty());
    ASSERT_TRUE(e.digest.has_value());
    EXPECT_EQ(e.digest->nonce, "<4192942341.12828472@sourcefour.andrew.cmu.edu>");
    EXPECT_EQ(e.digest->response, "b913a602c7eda7a495b4e6e7334d3890");
    EXPECT_EQ(e.outcome, Outcome::Success);
}

TEST(SmtpWatcher, MessageDataIsNotReadAsCommands) {
    const std::string data = "Subject: test\r\n\r\nAUTH PLAIN AGRhdmUARmFrZS1TbXRwLTI=\r\n..leading dot\r\n.\r\n";
    const std::string bdat_payload = "AUTH PLAIN AGRhdmUARmFrZS1TbXRwLTI=\r\n";
    const Replay r = run_all_ways(
        LoginProtocol::Smtp,
        {server(kPostfix), client("EHLO relay\r\n"), server(kEhloReply),
         client("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n"),
         server("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n"), client(data),
         server("250 2.0.0 Ok: queued as 1234\r\n"),
         client("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nBDAT " + std::to_string(bdat_payload.size()) +
                " LAST\r\n" + bdat_payload),
         server("250 Ok\r\n250 Ok\r\n250 Ok: queued\r\n"), client("QUIT\r\n"), server("221 2.0.0 Bye\r\n")});
    EXPECT_TRUE(r.events.empty());
    EXPECT_FALSE(r.done);
}

TEST(SmtpWatcher, StartTlsStopsWatching) {
    const Replay r = run_all_ways(LoginProtocol::Smtp, {server(kPostfix), client("EHLO x\r\n"), server(kEhloReply),
                                                     client("STARTTLS\r\n"), server("220 2.0.0 Ready to start TLS\r\n"),
                                                     client("AUTH PLAIN AGRhdmUARmFrZS1TbXRwLTI=\r\n")});
    EXPECT_TRUE(r.events.empty());
    EXPECT_TRUE(r.done);
}

TEST(SmtpWatcher, GapDuringTheExchangeLeavesUnknown) {
    const Replay r = run_all_ways(LoginProtocol::Smtp,
                               {server(kPostfix), client("EHLO x\r\n"), server(kEhloReply),
                                client("AUTH PLAIN AGRhdmUARmFrZS1TbXRwLTI=\r\n"),
                                server_after_gap("ation failed\r\n235 2.7.0 Authentication successful\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
}

TEST(SmtpWatcher, MalformedPlainIsReportedWithoutSecret) {
    const Replay r = run_all_ways(LoginProtocol::Smtp, {server(kPostfix), client("AUTH PLAIN !!notbase64\r\n"),
                                                     server("501 5.5.2 Syntax error\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].mechanism, "plain");
    EXPECT_EQ(r.events[0].secret_kind, "malformed");
    EXPECT_TRUE(r.events[0].secret.empty());
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
}

}  // namespace
}  // namespace vca::probes::creds
