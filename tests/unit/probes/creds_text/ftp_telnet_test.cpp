// FTP and telnet login watchers: conversations written after what vsftpd,
// ProFTPD, curl, the Linux telnet client with telnetd/login, and a Cisco IOS
// line speak; replayed whole, byte by byte and in random chunks. Fake secrets.
#include <gtest/gtest.h>

#include <string>

#include "auditor/core/limits.hpp"
#include "tests/unit/probes/creds_text/conversation.hpp"

namespace vca::probes::creds {
namespace {

using namespace conversation;

// ------------------------------------------------------------------ FTP

TEST(FtpWatcher, FailureThenSuccessWithVsftpd) {
    const Replay r = run_all_ways(LoginProtocol::Ftp,
                               {server("220 (vsFTPd 3.0.3)\r\n"), client("USER alice\r\n"),
                                server("331 Please specify the password.\r\n"), client("PASS Fake-Ftp-Pass\r\n"),
                                server("530 Login incorrect.\r\n"), client("USER alice\r\n"),
                                server("331 Please specify the password.\r\n"), client("PASS Right Fake Pass\r\n"),
                                server("230 Login successful.\r\n"), client("SYST\r\n"), server("215 UNIX Type: L8\r\n")});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].protocol, "ftp");
    EXPECT_EQ(r.events[0].username, "alice");
    EXPECT_EQ(r.events[0].mechanism, "user-pass");
    EXPECT_EQ(r.events[0].secret_kind, "password");
    EXPECT_TRUE(same_secret(r.events[0].secret, "Fake-Ftp-Pass"));
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_EQ(r.events[0].frame, 4);
    EXPECT_TRUE(same_secret(r.events[1].secret, "Right Fake Pass"));  // spaces belong to the password
    EXPECT_EQ(r.events[1].outcome, Outcome::Success);
    EXPECT_FALSE(r.done);
}

TEST(FtpWatcher, MultiLineRepliesWithCodeLikeLinesInside) {
    const Replay r = run_all_ways(
        LoginProtocol::Ftp,
        {server("220-Welcome to the recording archive\r\n220-530 lines like this are text\r\n 230 so is this\r\n"
                "220 ProFTPD Server ready.\r\n"),
         client("USER rec\r\n"), server("331 Password required for rec\r\n"), client("PASS FakeRec\r\n"),
         server("230-Welcome, archive user\r\n530 still text inside the reply\r\n230 User rec logged in\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
}

TEST(FtpWatcher, AnonymousIsMarked) {
    // curl ftp://host/ sends this pair
    const Replay r = run_all_ways(LoginProtocol::Ftp,
                               {server("220 Microsoft FTP Service\r\n"), client("USER anonymous\r\n"),
                                server("331 Anonymous access allowed, send identity (e-mail name) as password.\r\n"),
                                client("PASS ftp@example.com\r\n"), server("230 User logged in.\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].username, "anonymous");
    EXPECT_EQ(r.events[0].mechanism, "anonymous");
    EXPECT_EQ(r.events[0].secret_kind, "email");
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
}

TEST(FtpWatcher, LoginWithoutPassword) {
    const Replay r = run_all_ways(LoginProtocol::Ftp, {server("220 ready\r\n"), client("USER guest\r\n"),
                                                    server("230 Login OK, no password needed\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].mechanism, "none");
    EXPECT_TRUE(r.events[0].secret.empty());
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
}

TEST(FtpWatcher, AuthTlsStopsWatching) {
    const Replay r = run_all_ways(LoginProtocol::Ftp,
                               {server("220 (vsFTPd 3.0.3)\r\n"), client("AUTH TLS\r\n"),
                                server("234 Proceed with negotiation.\r\n"),
                                client(std::string("\x16\x03\x01\x00\x05hello", 10)), client("USER a\r\nPASS FakeNo\r\n"),
                                server("230 ok\r\n")});
    EXPECT_TRUE(r.events.empty());
    EXPECT_TRUE(r.done);
}

TEST(FtpWatcher, TlsRecordWhereACommandShouldBeStopsWatching) {
    // the 234 answer was lost, but the client's ClientHello shows TLS began
    const Replay r = run_all_ways(LoginProtocol::Ftp,
                                  {server("220 ready\r\n"), client("AUTH TLS\r\n"),
                                   client(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\n", 12)),
                                   client("USER a\r\nPASS FakeNo\r\n"), server("234 ok\r\n331 pw\r\n230 ok\r\n")});
    EXPECT_TRUE(r.events.empty());
    EXPECT_TRUE(r.done);
}

TEST(FtpWatcher, RefusedAuthTlsKeepsWatching) {
    const Replay r = run_all_ways(LoginProtocol::Ftp,
                               {server("220 ready\r\n"), client("AUTH TLS\r\n"), server("500 AUTH not understood\r\n"),
                                client("USER bob\r\n"), server("331 pw\r\n"), client("PASS FakeBob\r\n"),
                                server("430 Invalid username or password\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_FALSE(r.done);
}

TEST(FtpWatcher, GapBeforeTheReplyLeavesUnknown) {
    const Replay r = run_all_ways(LoginProtocol::Ftp,
                               {server("220 ready\r\n"), client("USER carol\r\n"), server("331 pw\r\n"),
                                client("PASS FakeCarol\r\n"), server_after_gap("ost text\r\n230 Login successful.\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
    EXPECT_TRUE(has_note(r, "creds_pairing_lost"));
}

TEST(FtpWatcher, GapInCommandsForgetsTheUser) {
    // USER mallory was lost: PASS must not be credited to the earlier user
    const Replay r = run_all_ways(LoginProtocol::Ftp,
                               {server("220 ready\r\n"), client("USER alice\r\n"), server("331 pw\r\n"),
                                client_after_gap("llory\r\nPASS FakeM\r\n"), server("331 pw\r\n230 ok\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].username, "");
}

TEST(FtpWatcher, HugeLineIsBoundedAndPairingKept) {
    const std::string huge = "SITE " + std::string(core::limits::kMaxLoginLineBytes * 3, 'x') + "\r\n";
    const Replay r = run_all_ways(LoginProtocol::Ftp,
                               {server("220 ready\r\n"), client(huge), server("500 too long\r\n"), client("USER d\r\n"),
                                server("331 pw\r\n"), client("PASS FakeD\r\n"), server("530 no\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_TRUE(has_note(r, "creds_line_limit"));
}

// ------------------------------------------------------------------ telnet

const std::string kIac = "\xff";
// telnetd asks for terminal type, speed, X display, environment
const std::string kServerNegotiation = "\xff\xfd\x18\xff\xfd\x20\xff\xfd\x23\xff\xfd\x27";
const std::string kClientNegotiation = "\xff\xfb\x18\xff\xfb\x20\xff\xfb\x23\xff\xfb\x27";
const std::string kServerSubneg = std::string("\xff\xfa\x20\x01\xff\xf0\xff\xfa\x27\x01\xff\xf0\xff\xfa\x18\x01\xff\xf0", 18);
const std::string kClientSubneg =
    std::string("\xff\xfa\x20\x00", 4) + "38400,38400" + "\xff\xf0" + std::string("\xff\xfa\x27\x00\xff\xf0", 6) +
    std::string("\xff\xfa\x18\x00", 4) + "XTERM-256COLOR" + "\xff\xf0";
const std::string kWillEcho = "\xff\xfb\x03\xff\xfd\x01\xff\xfb\x01";

// Each key in its own packet, as a telnet client in character mode sends
// them; the server echoes when asked to.
void type(Conversation& c, const std::string& keys, bool echo) {
    for (char k : keys) {
        c.push_back(client(std::string(1, k)));
        if (echo && k != '\r') c.push_back(server(std::string(1, k)));
    }
}

TEST(TelnetWatcher, LinuxLoginFailureThenSuccessOneKeyPerPacket) {
    Conversation c{server(kServerNegotiation), client(kClientNegotiation), server(kServerSubneg), client(kClientSubneg),
                   server(kWillEcho), client("\xff\xfd\x03\xff\xfc\x01"),
                   server("\r\nDebian GNU/Linux 12\r\n\x1b[1mhost login:\x1b[0m ")};
    type(c, "alice", true);
    c.push_back(client(std::string("\r\0", 2)));
    c.push_back(server("\r\nPassword: "));
    type(c, "FakeTelnet1", false);
    c.push_back(client(std::string("\r\0", 2)));
    c.push_back(server("\r\n"));
    c.push_back(server("\r\nLogin incorrect\r\nhost login: "));
    type(c, "alicx\x7f" "e", true);  // a typo corrected with DEL
    c.push_back(client("\r\n"));
    c.push_back(server("\r\nPassword: "));
    type(c, "FakeTelnet22\x08", false);  // and one with backspace
    c.push_back(client("\r\n"));
    c.push_back(server("\r\nLast login: Mon Jan  1 10:00:00 UTC 2024 on pts/0\r\nLinux host 6.1.0-18-amd64\r\n"));
    c.push_back(server("alice@host:~$ "));
    type(c, "ls\r", true);
    const Replay r = run_all_ways(LoginProtocol::Telnet, c);
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].protocol, "telnet");
    EXPECT_EQ(r.events[0].username, "alice");
    EXPECT_EQ(r.events[0].mechanism, "prompt");
    EXPECT_EQ(r.events[0].secret_kind, "password");
    EXPECT_TRUE(same_secret(r.events[0].secret, "FakeTelnet1"));
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_EQ(r.events[1].username, "alice");
    EXPECT_TRUE(same_secret(r.events[1].secret, "FakeTelnet2"));
    EXPECT_EQ(r.events[1].outcome, Outcome::Success);
}

TEST(TelnetWatcher, LastFailedLoginBannerStillMeansSuccess) {
    Conversation c{server("host login: ")};
    type(c, "bob\r", true);
    c.push_back(server("\r\nPassword: "));
    c.push_back(client("FakeBob\r\n"));
    c.push_back(server("\r\nLast failed login: Tue Jan  2 09:00:00 UTC 2024 from 192.0.2.7 on ssh:notty\r\n"
                       "There were 3 failed login attempts since the last successful login.\r\n"
                       "Last login: Mon Jan  1 10:00:00 2024\r\n[bob@host ~]$ "));
    const Replay r = run_all_ways(LoginProtocol::Telnet, c);
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
}

TEST(TelnetWatcher, CiscoLineModeWithPromptAsVerdict) {
    const Replay r = run_all_ways(
        LoginProtocol::Telnet,
        {server(kWillEcho + "\r\n\r\nUser Access Verification\r\n\r\nUsername: "), client("admin\r\n"),
         server("admin\r\nPassword: "), client("FakeCisco0\r\n"), server("\r\n% Login invalid\r\n\r\nUsername: "),
         client("admin\r\n"), server("admin\r\nPassword: "), client("FakeCisco1\r\n"), server("\r\nrouter1>"),
         client("show version\r\n")});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].username, "admin");
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_EQ(r.events[1].outcome, Outcome::Success);
}

TEST(TelnetWatcher, PromptAtTheEndDecidesAtFinish) {
    const Replay r = run_all_ways(LoginProtocol::Telnet,
                               {server("Password: "), client("FakeOnly\r\n"), server("\r\nswitch# ")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].username, "");
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
}

TEST(TelnetWatcher, NoVerdictIsUnknown) {
    const Replay r = run_all_ways(LoginProtocol::Telnet,
                               {server("login: "), client("root\r\n"), server("root\r\nPassword: "), client("FakeRoot\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].username, "root");
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
}

TEST(TelnetWatcher, EmptyPasswordIsAnAttempt) {
    const Replay r = run_all_ways(LoginProtocol::Telnet, {server("Username: "), client("guest\r\n"),
                                                       server("guest\r\nPassword: "), client(std::string("\r\0", 2)),
                                                       server("\r\nAuthentication failed\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_TRUE(r.events[0].secret.empty());
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
}

TEST(TelnetWatcher, EchoIsNotInputAndIacIacIsData) {
    // The server echoes the user name; a 0xFF in the password travels doubled.
    const Replay r = run_all_ways(LoginProtocol::Telnet,
                               {server("login: "), client("eve"), server("eve"), client("\r\n"), server("\r\nPassword: "),
                                client("Fake" + kIac + kIac + "Byte\r\n"), server("\r\nLogin incorrect\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].username, "eve");
    EXPECT_TRUE(same_secret(r.events[0].secret, "Fake\xff" "Byte"));
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
}

TEST(TelnetWatcher, NewEnvironUserAndPasswordPromptOnly) {
    // telnet -l dave: USER travels in NEW-ENVIRON IS (RFC 1572); login asks only the password
    const std::string environ = std::string("\xff\xfa\x27\x00\x00", 5) + "USER" + std::string("\x01", 1) + "dave" +
                                std::string("\xff\xf0", 2);
    const Replay r = run_all_ways(LoginProtocol::Telnet, {server(std::string("\xff\xfa\x27\x01\xff\xf0", 6)), client(environ),
                                                       server("Password: "), client("FakeDave\r\n"),
                                                       server("\r\nLast login: today\r\n$ ")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].username, "dave");
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
}

TEST(TelnetWatcher, ClientGapInsideThePasswordDropsTheLine) {
    const Replay r = run_all_ways(LoginProtocol::Telnet, {server("login: "), client("frank\r\n"),
                                                       server("frank\r\nPassword: "), client("Fa"),
                                                       client_after_gap("keFrank\r\n"), server("\r\n$ ")});
    EXPECT_TRUE(r.events.empty());
}

TEST(TelnetWatcher, ServerGapAfterThePasswordLeavesUnknown) {
    const Replay r = run_all_ways(LoginProtocol::Telnet, {server("login: "), client("gina\r\n"),
                                                       server("gina\r\nPassword: "), client("FakeGina\r\n"),
                                                       server_after_gap("Login incorrect\r\nlogin: ")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
}

TEST(TelnetWatcher, OverlongLineIsNotASecret) {
    const Replay r = run_all_ways(LoginProtocol::Telnet,
                               {server("Password: "), client(std::string(core::limits::kMaxLoginLineBytes + 5, 'p') + "\r\n"),
                                server("\r\n$ ")});
    EXPECT_TRUE(r.events.empty());
    EXPECT_TRUE(has_note(r, "creds_line_limit"));
}

TEST(TelnetWatcher, VerdictIsOnlySoughtNearThePassword) {
    // Past kMaxTelnetOutcomeWindow bytes of output the words are not read any more.
    const std::string motd(core::limits::kMaxTelnetOutcomeWindow + 10, '.');
    const Replay r = run_all_ways(LoginProtocol::Telnet, {server("login: "), client("hal\r\n"),
                                                          server("hal\r\nPassword: "), client("FakeHal\r\n"),
                                                          server(motd + "\r\nLogin incorrect\r\nlogin: ")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
}

TEST(TelnetWatcher, GarbageAndUnterminatedSubnegotiation) {
    std::string junk;
    for (int i = 0; i < 2000; ++i) junk.push_back(static_cast<char>((i * 131 + 7) & 0xFF));
    const Replay r = run_all_ways(LoginProtocol::Telnet,
                               {server(junk), client(junk), server(std::string("\xff\xfa\x27", 3) + std::string(4000, 'a')),
                                client("\r\n")});
    for (const auto& e : r.events) EXPECT_LE(e.secret.size(), core::limits::kMaxLoginLineBytes);
}

}  // namespace
}  // namespace vca::probes::creds
