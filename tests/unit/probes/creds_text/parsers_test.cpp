// The pure pieces under the watchers: base64 (RFC 4648 §10 test vectors),
// the authentication header grammar and Digest (RFC 7616 §3.9 and RFC 9110
// §11 examples, edge cases of quoting), form fields, and protocol guessing.
#include <gtest/gtest.h>

#include "probes/creds/base64.hpp"
#include "probes/creds/digest_header.hpp"
#include "probes/creds/form_login.hpp"
#include "tests/unit/probes/creds_text/conversation.hpp"

namespace vca::probes::creds {
namespace {

using conversation::as_bytes;
using conversation::same_secret;

// ------------------------------------------------------------------ base64

TEST(Base64, Rfc4648Vectors) {
    EXPECT_EQ(base64_decode(""), "");
    EXPECT_EQ(base64_decode("Zg=="), "f");
    EXPECT_EQ(base64_decode("Zm8="), "fo");
    EXPECT_EQ(base64_decode("Zm9v"), "foo");
    EXPECT_EQ(base64_decode("Zm9vYg=="), "foob");
    EXPECT_EQ(base64_decode("Zm9vYmE="), "fooba");
    EXPECT_EQ(base64_decode("Zm9vYmFy"), "foobar");
}

TEST(Base64, PaddingMayBeOmitted) {
    EXPECT_EQ(base64_decode("Zm9vYg"), "foob");
    EXPECT_EQ(base64_decode("Zm9vYmE"), "fooba");
}

TEST(Base64, RejectsWhatCannotBeBase64) {
    EXPECT_FALSE(base64_decode("Zm9v!"));
    EXPECT_FALSE(base64_decode("Z"));       // 6 bits
    EXPECT_FALSE(base64_decode("Zm=v"));    // padding inside
    EXPECT_FALSE(base64_decode("===="));
    EXPECT_FALSE(base64_decode("Zm9vYg="));  // padded but not a multiple of 4
    EXPECT_FALSE(base64_decode("Zm9v Yg=="));
    EXPECT_FALSE(base64_decode("Zm9vYmFy\r\n"));
}

TEST(Base64, BinaryBytesSurvive) {
    const auto d = base64_decode("AGRhdmUARmFrZS1TbXRwLTI=");  // NUL dave NUL Fake-Smtp-2
    ASSERT_TRUE(d);
    ASSERT_EQ(d->size(), 17U);
    EXPECT_EQ((*d)[0], '\0');
    EXPECT_EQ(d->substr(1, 4), "dave");
}

// ------------------------------------------------------------------ auth header grammar

TEST(AuthHeader, Rfc9110ChallengeList) {
    const auto s = parse_auth_header(R"(Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple")");
    ASSERT_TRUE(s);
    ASSERT_EQ(s->size(), 2U);
    EXPECT_EQ((*s)[0].scheme, "Newauth");
    ASSERT_EQ((*s)[0].params.size(), 3U);
    EXPECT_EQ(*(*s)[0].param("type"), "1");
    EXPECT_FALSE((*s)[0].params[1].quoted);
    EXPECT_EQ(*(*s)[0].param("title"), "Login to \"apps\"");
    EXPECT_EQ((*s)[1].scheme, "Basic");
    EXPECT_EQ(*(*s)[1].param("realm"), "simple");
}

TEST(AuthHeader, Token68WithPadding) {
    const auto s = parse_auth_header("Basic YWRtaW46RmFrZVBhc3MtMDE=");
    ASSERT_TRUE(s);
    ASSERT_EQ(s->size(), 1U);
    EXPECT_EQ((*s)[0].token68, "YWRtaW46RmFrZVBhc3MtMDE=");
    EXPECT_TRUE((*s)[0].params.empty());
    const auto n = parse_auth_header("Negotiate YII=, NTLM");
    ASSERT_TRUE(n);
    ASSERT_EQ(n->size(), 2U);
    EXPECT_EQ((*n)[0].token68, "YII=");
    EXPECT_EQ((*n)[1].scheme, "NTLM");
}

TEST(AuthHeader, SyntaxErrors) {
    EXPECT_FALSE(parse_auth_header(R"(Digest realm="unterminated)"));
    EXPECT_FALSE(parse_auth_header(R"(Digest realm="x\)"));  // escape at the very end
    // "realm=" alone is a token68 by the grammar, so no Digest parameters come of it
    EXPECT_FALSE(parse_digest_authorization("Digest realm="));
    EXPECT_FALSE(parse_auth_header("Digest realm=\"a\" nonce=\"b\""));  // missing comma
    EXPECT_FALSE(parse_auth_header("=abc"));
    const auto empty = parse_auth_header("  , ,");
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());
}

// ------------------------------------------------------------------ Digest credentials

constexpr const char* kRfc7616Md5 =
    R"(Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, )"
    R"(nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, )"
    R"(cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, )"
    R"(response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")";

TEST(DigestCredentials, Rfc7616Example) {
    const auto d = parse_digest_authorization(kRfc7616Md5);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->username, "Mufasa");
    EXPECT_EQ(d->params.realm, "http-auth@example.org");
    EXPECT_EQ(d->params.uri, "/dir/index.html");
    EXPECT_EQ(d->params.algorithm, "MD5");
    EXPECT_EQ(d->params.nonce, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v");
    EXPECT_EQ(d->params.nc, "00000001");
    EXPECT_EQ(d->params.cnonce, "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
    EXPECT_EQ(d->params.qop, "auth");
    EXPECT_EQ(d->params.response, "8ca523f5e9506fed4657c9700eebdbec");
    EXPECT_EQ(d->params.opaque, "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
    EXPECT_TRUE(d->params.method.empty());
    EXPECT_FALSE(d->params.userhash);
    const auto p = parse_digest_credentials(kRfc7616Md5);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->response, "8ca523f5e9506fed4657c9700eebdbec");
}

TEST(DigestCredentials, QuotingEdgeCases) {
    // escapes, commas and '=' inside quotes, spaces around '=', case of names,
    // empty list elements, an unquoted URI the way some cameras send it
    const auto d = parse_digest_authorization(
        "digest USERNAME = \"dom\\\\ops\" ,, realm=\"a \\\"quoted\\\" realm, with=comma\",nonce=abc==, "
        "uri=/cgi-bin/x.cgi?a=1, response=\"00ff\", userhash=TRUE ,");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->username, "dom\\ops");
    EXPECT_EQ(d->params.realm, "a \"quoted\" realm, with=comma");
    EXPECT_EQ(d->params.nonce, "abc==");
    EXPECT_EQ(d->params.uri, "/cgi-bin/x.cgi?a=1");
    EXPECT_EQ(d->params.response, "00ff");
    EXPECT_TRUE(d->params.userhash);
}

TEST(DigestCredentials, ExtendedUsername) {
    // RFC 7616 §3.4.4 username* in RFC 8187 encoding
    const auto d = parse_digest_authorization(
        "Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm=\"api@example.org\", nonce=\"n\", uri=\"/\", response=\"r\"");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->username, "J\xC3\xA4s\xC3\xB8n Doe");
}

TEST(DigestCredentials, NotDigestOrIncomplete) {
    EXPECT_FALSE(parse_digest_authorization("Basic YWRtaW46RmFrZVBhc3MtMDE="));
    EXPECT_FALSE(parse_digest_authorization("Digest username=\"a\", realm=\"r\""));  // no response
    EXPECT_FALSE(parse_digest_authorization("Digest username=\"a, response=\"r\""));
    EXPECT_FALSE(parse_digest_authorization(""));
    EXPECT_FALSE(parse_digest_credentials("Digest"));
}

// ------------------------------------------------------------------ Digest challenges

TEST(DigestChallenge, SeveralAlgorithmsAndOtherSchemes) {
    const std::string value =
        R"(Basic realm="x", Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, )"
        R"(nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe", )"
        R"(Digest realm="http-auth@example.org", qop="auth", algorithm=MD5, nonce="n2", stale=TRUE)";
    const auto all = parse_digest_challenges(value);
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].algorithm, "SHA-256");
    ASSERT_EQ(all[0].qop_options.size(), 2U);
    EXPECT_EQ(all[0].qop_options[0], "auth");
    EXPECT_EQ(all[0].qop_options[1], "auth-int");
    EXPECT_EQ(all[0].opaque, "FQhe");
    EXPECT_FALSE(all[0].stale);
    EXPECT_EQ(all[1].algorithm, "MD5");
    EXPECT_EQ(all[1].nonce, "n2");
    EXPECT_TRUE(all[1].stale);
    const auto first = parse_digest_challenge(value);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->realm, "http-auth@example.org");
}

TEST(DigestChallenge, SipStyleAndAbsent) {
    // a folded value (continuation line) parses as if unfolded
    const auto folded = parse_digest_challenge(
        "Digest realm=\"atlanta.com\",\r\n domain=\"sip:ss1.carrier.com\", qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\"");
    ASSERT_TRUE(folded);
    EXPECT_EQ(folded->nonce, "f84f1cec41e6cbe5aea9c8e88d359");
    const auto unfolded = parse_digest_challenge(
        "Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", qop=\"auth\", "
        "nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5");
    ASSERT_TRUE(unfolded);
    EXPECT_EQ(unfolded->domain, "sip:ss1.carrier.com");
    EXPECT_TRUE(unfolded->opaque.empty());
    EXPECT_FALSE(unfolded->stale);
    EXPECT_FALSE(parse_digest_challenge("Basic realm=\"x\""));
    EXPECT_FALSE(parse_digest_challenge("Digest realm=\"x"));
}

// ------------------------------------------------------------------ forms

TEST(FormLogin, FieldChoiceAndDecoding) {
    const auto f = find_form_credentials("application/x-www-form-urlencoded; charset=UTF-8",
                                         "hostname=cam1&j_username=op+one&j_password=Fake%2BPlus%zz&remember=on");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->username, "op one");
    EXPECT_EQ(f->username_field, "j_username");
    EXPECT_EQ(f->password_field, "j_password");
    EXPECT_TRUE(same_secret(f->password, "Fake+Plus%zz"));
}

TEST(FormLogin, NoPasswordFieldOrNotAForm) {
    EXPECT_FALSE(find_form_credentials("application/x-www-form-urlencoded", "user=admin&lang=en"));
    EXPECT_FALSE(find_form_credentials("application/json", "{\"user\":\"a\",\"password\":\"b\"}"));
    EXPECT_FALSE(find_form_credentials("application/x-www-form-urlencoded", ""));
}

TEST(FormLogin, MultipartSkipsFilesAndNeedsTheClosingBoundary) {
    const std::string ok = "--b\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"pass.txt\"\r\n\r\nx\r\n"
                           "--b\r\nContent-Disposition: form-data; name=\"login\"\r\n\r\nops\r\n"
                           "--b\r\ncontent-disposition: form-data; name=\"pass\"\r\n\r\nFakeMp\r\n--b--\r\n";
    const auto f = find_form_credentials("multipart/form-data; boundary=\"b\"", ok);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->username, "ops");
    EXPECT_TRUE(same_secret(f->password, "FakeMp"));
    const std::string cut = "--b\r\nContent-Disposition: form-data; name=\"pass\"\r\n\r\nFakeMp";
    EXPECT_FALSE(find_form_credentials("multipart/form-data; boundary=b", cut));
}

TEST(FormLogin, PasswordInputInHtml) {
    EXPECT_TRUE(html_has_password_input("<input type='password'>"));
    EXPECT_TRUE(html_has_password_input("<INPUT TYPE=PASSWORD NAME=p>"));
    EXPECT_FALSE(html_has_password_input("<p>Forgot your password?</p><input type=\"text\">"));
}

// ------------------------------------------------------------------ protocol guessing

TEST(LoginProtocolGuess, ByPort) {
    EXPECT_EQ(login_protocol_by_port(80), LoginProtocol::Http);
    EXPECT_EQ(login_protocol_by_port(8088), LoginProtocol::Http);
    EXPECT_EQ(login_protocol_by_port(8554), LoginProtocol::Rtsp);
    EXPECT_EQ(login_protocol_by_port(21), LoginProtocol::Ftp);
    EXPECT_EQ(login_protocol_by_port(2323), LoginProtocol::Telnet);
    EXPECT_EQ(login_protocol_by_port(110), LoginProtocol::Pop3);
    EXPECT_EQ(login_protocol_by_port(143), LoginProtocol::Imap);
    EXPECT_EQ(login_protocol_by_port(587), LoginProtocol::Smtp);
    EXPECT_FALSE(login_protocol_by_port(443));
    EXPECT_FALSE(login_protocol_by_port(5060));
}

TEST(LoginProtocolGuess, ByContent) {
    EXPECT_EQ(login_protocol_by_content(0, as_bytes("GET /index.html HTTP/1.1\r\nHost: x\r\n")), LoginProtocol::Http);
    EXPECT_EQ(login_protocol_by_content(0, as_bytes("OPTIONS rtsp://192.0.2.1/live RTSP/1.0\r\nCSeq: 1\r\n")),
              LoginProtocol::Rtsp);
    EXPECT_EQ(login_protocol_by_content(1, as_bytes("HTTP/1.1 200 OK\r\n")), LoginProtocol::Http);
    EXPECT_EQ(login_protocol_by_content(1, as_bytes("220 (vsFTPd 3.0.3)\r\n")), LoginProtocol::Ftp);
    EXPECT_EQ(login_protocol_by_content(1, as_bytes("220 ftp.example.org ESMTP Postfix\r\n")), LoginProtocol::Smtp);
    EXPECT_EQ(login_protocol_by_content(1, as_bytes("+OK Dovecot ready.\r\n")), LoginProtocol::Pop3);
    EXPECT_EQ(login_protocol_by_content(1, as_bytes("* OK [CAPABILITY IMAP4rev1] ready\r\n")), LoginProtocol::Imap);
    EXPECT_EQ(login_protocol_by_content(1, as_bytes(std::string("\xff\xfd\x18\xff\xfd\x20", 6))), LoginProtocol::Telnet);
    EXPECT_EQ(login_protocol_by_content(0, as_bytes(std::string("\xff\xfb\x18", 3))), LoginProtocol::Telnet);
    EXPECT_FALSE(login_protocol_by_content(1, as_bytes("220 Welcome\r\n")));
    EXPECT_FALSE(login_protocol_by_content(0, as_bytes("GET / SIP/2.0\r\n")));
    EXPECT_FALSE(login_protocol_by_content(0, as_bytes("\x16\x03\x01\x02\x00")));
    EXPECT_FALSE(login_protocol_by_content(0, as_bytes("")));
    EXPECT_FALSE(login_protocol_by_content(1, as_bytes("USER x\r\n")));
}

TEST(LoginProtocolGuess, NamesAndFactory) {
    for (LoginProtocol p : {LoginProtocol::Http, LoginProtocol::Rtsp, LoginProtocol::Ftp, LoginProtocol::Telnet,
                            LoginProtocol::Pop3, LoginProtocol::Imap, LoginProtocol::Smtp}) {
        EXPECT_NE(make_login_watcher(p), nullptr);
        EXPECT_NE(login_protocol_name(p), "unknown");
    }
    EXPECT_EQ(login_protocol_name(LoginProtocol::Smtp), "smtp");
}

}  // namespace
}  // namespace vca::probes::creds
