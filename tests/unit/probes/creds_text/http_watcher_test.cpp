// HTTP and RTSP login watcher: conversations written after what curl,
// browsers, VLC/live555 and camera web servers send, each replayed whole,
// byte by byte and in random chunks (conversation.hpp). Secrets are fake.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "auditor/core/limits.hpp"
#include "tests/unit/probes/creds_text/conversation.hpp"

namespace vca::probes::creds {
namespace {

using namespace conversation;

// base64("admin:FakePass-01") and base64("admin:WrongFake-00")
constexpr const char* kGoodBasic = "YWRtaW46RmFrZVBhc3MtMDE=";
constexpr const char* kBadBasic = "YWRtaW46V3JvbmdGYWtlLTAw";

std::string curl_get(const std::string& path, const std::string& auth) {
    std::string s = "GET " + path + " HTTP/1.1\r\nHost: 192.0.2.20\r\n";
    if (!auth.empty()) s += "Authorization: " + auth + "\r\n";
    return s + "User-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";
}

std::string response(int code, const std::string& reason, const std::string& extra, const std::string& body) {
    return "HTTP/1.1 " + std::to_string(code) + " " + reason + "\r\nServer: lighttpd/1.4.59\r\n" + extra +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// ------------------------------------------------------------------ Basic

TEST(HttpWatcher, BasicSuccessWithCurl) {
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(curl_get("/admin/config.xml?session=123", std::string("Basic ") + kGoodBasic)),
                                server(response(200, "OK", "Content-Type: text/xml\r\n", "<config/>"))});
    ASSERT_EQ(r.events.size(), 1U);
    const CredentialEvent& e = r.events[0];
    EXPECT_EQ(e.protocol, "http");
    EXPECT_EQ(e.mechanism, "basic");
    EXPECT_EQ(e.secret_kind, "password");
    EXPECT_EQ(e.username, "admin");
    EXPECT_TRUE(same_secret(e.secret, "FakePass-01"));
    EXPECT_EQ(e.outcome, Outcome::Success);
    EXPECT_EQ(e.target, "/admin/config.xml");  // the query string is not kept
    EXPECT_EQ(e.frame, 1);
    EXPECT_FALSE(e.digest.has_value());
}

TEST(HttpWatcher, BasicFailureThenRetryOnKeepAlive) {
    const std::string unauthorized =
        response(401, "Unauthorized", "WWW-Authenticate: Basic realm=\"Polycom RealPresence\"\r\n", "denied");
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(curl_get("/", std::string("Basic ") + kBadBasic)), server(unauthorized),
                                client(curl_get("/", std::string("Basic ") + kGoodBasic)),
                                server(response(200, "OK", "", "hello"))});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_TRUE(same_secret(r.events[0].secret, "WrongFake-00"));
    EXPECT_EQ(r.events[1].outcome, Outcome::Success);
    EXPECT_TRUE(same_secret(r.events[1].secret, "FakePass-01"));
    EXPECT_EQ(r.events[1].frame, 3);
}

TEST(HttpWatcher, PasswordKeepsItsColons) {
    // RFC 7617: the user-id ends at the first colon; base64("viewer:Fake:Colon")
    const Replay r = run_all_ways(LoginProtocol::Http, {client(curl_get("/", "Basic dmlld2VyOkZha2U6Q29sb24=")),
                                                     server(response(403, "Forbidden", "", ""))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].username, "viewer");
    EXPECT_TRUE(same_secret(r.events[0].secret, "Fake:Colon"));
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
}

TEST(HttpWatcher, MalformedBasicIsReportedWithoutSecret) {
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(curl_get("/", "Basic not*base64!")), server(response(401, "Unauthorized", "", ""))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].mechanism, "basic");
    EXPECT_EQ(r.events[0].secret_kind, "malformed");  // not an empty password
    EXPECT_EQ(r.events[0].username, "");
    EXPECT_TRUE(r.events[0].secret.empty());
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_TRUE(has_note(r, "creds_basic_malformed"));
}

TEST(HttpWatcher, ProxyAuthorizationIsJudgedBy407) {
    const std::string req = "GET http://example.org/ HTTP/1.1\r\nHost: example.org\r\nProxy-Authorization: Basic " +
                            std::string(kBadBasic) + "\r\n\r\n";
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(req), server(response(407, "Proxy Authentication Required",
                                                             "Proxy-Authenticate: Basic realm=\"proxy\"\r\n", ""))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_EQ(r.events[0].target, "http://example.org/");
}

TEST(HttpWatcher, NoAuthorizationNoEvent) {
    const Replay r = run_all_ways(LoginProtocol::Http, {client(curl_get("/index.html", "")),
                                                     server(response(200, "OK", "Content-Type: text/html\r\n",
                                                                     "<html>hi</html>"))});
    EXPECT_TRUE(r.events.empty());
}

TEST(HttpWatcher, OtherSchemesAreNotReported) {
    const Replay r = run_all_ways(LoginProtocol::Http, {client(curl_get("/", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.ZmFrZQ")),
                                                     server(response(200, "OK", "", ""))});
    EXPECT_TRUE(r.events.empty());
}

// ------------------------------------------------------------------ Digest

const std::string kDigestChallenge =
    "WWW-Authenticate: Digest realm=\"IP Camera(C1234)\", qop=\"auth,auth-int\", "
    "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5\r\n";

std::string digest_header(const std::string& uri) {
    return "Digest username=\"admin\", realm=\"IP Camera(C1234)\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
           "uri=\"" + uri + "\", cnonce=\"MTIzNDU2\", nc=00000001, qop=auth, "
           "response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5";
}

TEST(HttpWatcher, DigestWithCurlChallengeAndAnswer) {
    // curl --digest: the first request goes without credentials
    const Replay r = run_all_ways(
        LoginProtocol::Http,
        {client(curl_get("/cgi-bin/status", "")), server(response(401, "Unauthorized", kDigestChallenge, "no")),
         client(curl_get("/cgi-bin/status", digest_header("/cgi-bin/status"))), server(response(200, "OK", "", "ok"))});
    ASSERT_EQ(r.events.size(), 1U);
    const CredentialEvent& e = r.events[0];
    EXPECT_EQ(e.mechanism, "digest");
    EXPECT_EQ(e.secret_kind, "digest");
    EXPECT_TRUE(e.secret.empty());
    EXPECT_EQ(e.username, "admin");
    EXPECT_EQ(e.outcome, Outcome::Success);
    ASSERT_TRUE(e.digest.has_value());
    EXPECT_EQ(e.digest->realm, "IP Camera(C1234)");
    EXPECT_EQ(e.digest->nonce, "dcd98b7102dd2f0e8b11d0f600bfb0c093");
    EXPECT_EQ(e.digest->uri, "/cgi-bin/status");
    EXPECT_EQ(e.digest->method, "GET");
    EXPECT_EQ(e.digest->qop, "auth");
    EXPECT_EQ(e.digest->nc, "00000001");
    EXPECT_EQ(e.digest->cnonce, "MTIzNDU2");
    EXPECT_EQ(e.digest->response, "6629fae49393a05397450978507c4ef1");
    EXPECT_EQ(e.digest->algorithm, "MD5");
    EXPECT_FALSE(has_note(r, "creds_digest_without_challenge"));
}

TEST(HttpWatcher, DigestWithoutChallengeIsReportedAndNoted) {
    const Replay r = run_all_ways(LoginProtocol::Http, {client(curl_get("/x", digest_header("/x"))),
                                                     server(response(401, "Unauthorized", kDigestChallenge, ""))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_TRUE(has_note(r, "creds_digest_without_challenge"));
}

TEST(HttpWatcher, StaleNonceSaysNothingAboutThePassword) {
    const std::string stale = "WWW-Authenticate: Digest realm=\"IP Camera(C1234)\", nonce=\"bmV3\", stale=true\r\n";
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(curl_get("/x", digest_header("/x"))),
                                server(response(401, "Unauthorized", stale, ""))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
}

// ------------------------------------------------------------------ pairing

TEST(HttpWatcher, PipelinedRequestsPairInOrderIncludingHead) {
    // HEAD's answer announces a length but has no body (RFC 9110 §9.3.2):
    // reading one would swallow the next response.
    const std::string requests = "HEAD /a HTTP/1.1\r\nHost: cam\r\nAuthorization: Basic " + std::string(kBadBasic) +
                                 "\r\n\r\nGET /b HTTP/1.1\r\nHost: cam\r\nAuthorization: Basic " +
                                 std::string(kGoodBasic) + "\r\n\r\n";
    const std::string responses =
        "HTTP/1.1 401 Unauthorized\r\nContent-Length: 1234\r\n\r\n"
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
    const Replay r = run_all_ways(LoginProtocol::Http, {client(requests), server(responses)});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].target, "/a");
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_EQ(r.events[1].target, "/b");
    EXPECT_EQ(r.events[1].outcome, Outcome::Success);
}

TEST(HttpWatcher, ChunkedBodiesAreSkippedExactly) {
    // The first chunk holds text shaped like a status line: it must not be
    // taken for the answer to the second request.
    const std::string first_body = "HTTP/1.1 200 OK\r\n\r\n";
    char size_hex[16];
    std::snprintf(size_hex, sizeof size_hex, "%zx", first_body.size());
    const std::string chunked = "HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                std::string(size_hex) + ";ext=1\r\n" + first_body + "\r\n" +
                                "5\r\nabcde\r\n0\r\nX-Trailer: t\r\n\r\n";
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(curl_get("/one", std::string("Basic ") + kBadBasic)), server(chunked),
                                client(curl_get("/two", std::string("Basic ") + kGoodBasic)),
                                server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nyes\r\n0\r\n\r\n")});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
    EXPECT_EQ(r.events[1].outcome, Outcome::Success);
}

TEST(HttpWatcher, ContinueIsNotTheAnswer) {
    const std::string post = "PUT /upload HTTP/1.1\r\nHost: cam\r\nAuthorization: Basic " + std::string(kGoodBasic) +
                             "\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n";
    const Replay r = run_all_ways(LoginProtocol::Http, {client(post), server("HTTP/1.1 100 Continue\r\n\r\n"),
                                                     client("data"), server(response(201, "Created", "", ""))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
}

TEST(HttpWatcher, GapInRequestsMeansNoPairing) {
    // The second request was lost; its 200 answer must not be given to the third.
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(curl_get("/1", std::string("Basic ") + kBadBasic)),
                                client_after_gap("ent: curl/7.88.1\r\n\r\n" + curl_get("/3", std::string("Basic ") + kBadBasic)),
                                server(response(401, "Unauthorized", "", "") + response(200, "OK", "", "") +
                                       response(401, "Unauthorized", "", ""))});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
    EXPECT_EQ(r.events[1].outcome, Outcome::Unknown);
    EXPECT_TRUE(has_note(r, "creds_pairing_lost"));
}

TEST(HttpWatcher, GapInResponsesMeansNoPairing) {
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(curl_get("/1", std::string("Basic ") + kGoodBasic)),
                                server_after_gap("ody bytes\r\n" + response(401, "Unauthorized", "", ""))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
}

TEST(HttpWatcher, UnansweredAttemptIsUnknownAtTheEnd) {
    const Replay r = run_all_ways(LoginProtocol::Http, {client(curl_get("/", std::string("Basic ") + kGoodBasic))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
}

TEST(HttpWatcher, ResponseWithoutLengthRunsToTheClose) {
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(curl_get("/", std::string("Basic ") + kGoodBasic)),
                                server("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nHTTP/1.0 401 in the body")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
}

TEST(HttpWatcher, UserinfoInTheUrlIsACredentialAndIsStrippedFromTarget) {
    const std::string req = "GET http://operator:Fake%40Url@192.0.2.9/snapshot.jpg?x=1 HTTP/1.1\r\nHost: cam\r\n\r\n";
    const Replay r = run_all_ways(LoginProtocol::Http, {client(req), server(response(200, "OK", "", "jpg"))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].mechanism, "url");
    EXPECT_EQ(r.events[0].username, "operator");
    EXPECT_TRUE(same_secret(r.events[0].secret, "Fake@Url"));
    EXPECT_EQ(r.events[0].target, "http://192.0.2.9/snapshot.jpg");
}

// ------------------------------------------------------------------ forms

std::string form_post(const std::string& body, const std::string& type = "application/x-www-form-urlencoded") {
    return "POST /login.cgi HTTP/1.1\r\nHost: 192.0.2.30\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:115.0) "
           "Gecko/20100101 Firefox/115.0\r\nContent-Type: " + type + "\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\nOrigin: http://192.0.2.30\r\n\r\n" + body;
}

const std::string kLoginPage =
    "<html><body><form method=\"post\" action=\"/login.cgi\"><input name=\"username\">"
    "<input TYPE=\"password\" name=\"password\"><p>Invalid user name or password</p></form></body></html>";

TEST(HttpWatcher, FormLoginRedirectIsSuccess) {
    const Replay r = run_all_ways(
        LoginProtocol::Http,
        {client(form_post("csrf=abc123&username=admin&password=Fake%21Form+1&lang=en")),
         server("HTTP/1.1 302 Found\r\nLocation: /index.html\r\nSet-Cookie: sid=1\r\nContent-Length: 0\r\n\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    const CredentialEvent& e = r.events[0];
    EXPECT_EQ(e.mechanism, "form");
    EXPECT_EQ(e.secret_kind, "password");
    EXPECT_EQ(e.username, "admin");
    EXPECT_TRUE(same_secret(e.secret, "Fake!Form 1"));
    EXPECT_EQ(e.outcome, Outcome::Success);
    EXPECT_EQ(e.target, "/login.cgi");
}

TEST(HttpWatcher, FormLoginShownAgainIsFailure) {
    const Replay r = run_all_ways(
        LoginProtocol::Http, {client(form_post("user=admin&pwd=FakeWrong")),
                              server(response(200, "OK", "Content-Type: text/html; charset=utf-8\r\n", kLoginPage))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].username, "admin");
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
}

TEST(HttpWatcher, FormLoginPageWithoutPasswordInputIsSuccess) {
    const Replay r = run_all_ways(
        LoginProtocol::Http,
        {client(form_post("email=ops%40example.org&passwd=FakeOk")),
         server(response(200, "OK", "Content-Type: text/html\r\n", "<html><body>Dashboard</body></html>"))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].username, "ops@example.org");
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
}

TEST(HttpWatcher, FormLoginRedirectToErrorIsFailure) {
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(form_post("login=admin&password=FakeX")),
                                server("HTTP/1.1 303 See Other\r\nLocation: /login.html?error=1\r\nContent-Length: 0\r\n\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
}

TEST(HttpWatcher, FormLoginJsonAnswerIsUnknown) {
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(form_post("username=admin&password=FakeY")),
                                server(response(200, "OK", "Content-Type: application/json\r\n", "{\"ok\":false}"))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
}

TEST(HttpWatcher, FormWithoutPasswordFieldIsNoLogin) {
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(form_post("q=camera&name=lobby")), server(response(200, "OK", "", ""))});
    EXPECT_TRUE(r.events.empty());
}

TEST(HttpWatcher, MultipartFormLogin) {
    const std::string boundary = "----geckoformboundary1a2b3c";
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin\r\n" +
                             "--" + boundary + "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nFake Multi\r\n" +
                             "--" + boundary + "--\r\n";
    const Replay r = run_all_ways(
        LoginProtocol::Http,
        {client(form_post(body, "multipart/form-data; boundary=" + boundary)),
         server("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].username, "admin");
    EXPECT_TRUE(same_secret(r.events[0].secret, "Fake Multi"));
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
}

TEST(HttpWatcher, FormBodyOverTheLimitIsNotExamined) {
    const std::string big(core::limits::kMaxLoginFormBody + 10, 'a');
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(form_post("username=admin&password=FakeZ&pad=" + big)),
                                client(curl_get("/next", std::string("Basic ") + kGoodBasic)),
                                server(response(302, "Found", "Location: /\r\n", "") + response(200, "OK", "", ""))});
    ASSERT_EQ(r.events.size(), 1U);  // the form was skipped whole, the next request still paired
    EXPECT_EQ(r.events[0].mechanism, "basic");
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
    EXPECT_TRUE(has_note(r, "creds_form_limit"));
}

// ------------------------------------------------------------------ limits and garbage

TEST(HttpWatcher, HugeHeaderIsBoundedAndTheStreamRecovers) {
    const std::string huge = "GET / HTTP/1.1\r\nX-Pad: " + std::string(core::limits::kMaxLoginHeaderBytes + 100, 'x') + "\r\n\r\n";
    const Replay r = run_all_ways(LoginProtocol::Http,
                               {client(huge), client(curl_get("/after", std::string("Basic ") + kGoodBasic))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].target, "/after");
    EXPECT_TRUE(has_note(r, "creds_header_limit"));
}

TEST(HttpWatcher, GarbageGivesNothing) {
    std::string junk;
    for (int i = 0; i < 3000; ++i) junk.push_back(static_cast<char>((i * 7919) & 0xFF));
    const Replay r = run_all_ways(LoginProtocol::Http, {client(junk), server(junk), client("\r\n\r\n"), server(junk)});
    EXPECT_TRUE(r.events.empty());
}

TEST(HttpWatcher, ConnectTunnelStopsWatching) {
    const Replay r = run_all_ways(
        LoginProtocol::Http,
        {client("CONNECT vc.example.org:443 HTTP/1.1\r\nHost: vc.example.org:443\r\nProxy-Authorization: Basic " +
                std::string(kGoodBasic) + "\r\n\r\n"),
         server("HTTP/1.1 200 Connection established\r\n\r\n"),
         client(curl_get("/inside", std::string("Basic ") + kBadBasic))});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
    EXPECT_EQ(r.events[0].target, "vc.example.org:443");
    EXPECT_TRUE(r.done);
}

TEST(HttpWatcher, PendingLimitDropsTheOldestAndKeepsPairingInStep) {
    // 66 pipelined requests: the first two no longer fit and are reported
    // without outcome; their answers are skipped, so the last request still
    // gets its own (200), not an earlier 401.
    const std::size_t n = core::limits::kMaxPendingLoginRequests + 2;
    std::string requests = curl_get("/first", std::string("Basic ") + kBadBasic);
    for (std::size_t i = 2; i < n; ++i) requests += curl_get("/r" + std::to_string(i), "");
    requests += curl_get("/last", std::string("Basic ") + kGoodBasic);
    std::string responses;
    for (std::size_t i = 1; i < n; ++i) responses += response(401, "Unauthorized", "", "");
    responses += response(200, "OK", "", "");
    const Replay r = run_all_ways(LoginProtocol::Http, {client(requests), server(responses)});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].target, "/first");
    EXPECT_EQ(r.events[0].outcome, Outcome::Unknown);
    EXPECT_EQ(r.events[1].target, "/last");
    EXPECT_EQ(r.events[1].outcome, Outcome::Success);
    EXPECT_TRUE(has_note(r, "creds_pending_limit"));
}

TEST(HttpWatcher, EventsNotTakenAreBounded) {
    auto w = make_login_watcher(LoginProtocol::Http);
    std::string requests;
    for (std::size_t i = 0; i < core::limits::kMaxHeldCredentialEvents + 20; ++i)
        requests += curl_get("/", std::string("Basic ") + kGoodBasic);
    // the pending limit releases all but the last 64 as they are read, in one call
    w->on_data(0, as_bytes(requests), false, 1, 1);
    w->finish();
    EXPECT_EQ(w->take_events().size(), core::limits::kMaxHeldCredentialEvents);
    EXPECT_EQ(w->dropped_events(), 20U);
    bool noted = false;
    for (const auto& note : w->take_notes()) noted = noted || note.name == "creds_event_limit";
    EXPECT_TRUE(noted);
}

// ------------------------------------------------------------------ RTSP

std::string rtsp(const std::string& method, const std::string& url, int cseq, const std::string& extra) {
    return method + " " + url + " RTSP/1.0\r\nCSeq: " + std::to_string(cseq) + "\r\n" + extra +
           "User-Agent: LibVLC/3.0.18 (LIVE555 Streaming Media v2016.11.28)\r\n\r\n";
}

TEST(RtspWatcher, VlcDigestDescribeThenInterleavedData) {
    const std::string url = "rtsp://192.0.2.40:554/Streaming/Channels/101";
    const std::string challenge =
        "RTSP/1.0 401 Unauthorized\r\nCSeq: 3\r\nWWW-Authenticate: Digest realm=\"IP Camera(C5678)\", "
        "nonce=\"8e0c9a7c1b2d3e4f\", stale=\"FALSE\"\r\nDate: Mon, Jan 01 2024 10:00:00 GMT\r\n\r\n";
    const std::string auth = "Authorization: Digest username=\"admin\", realm=\"IP Camera(C5678)\", "
                             "nonce=\"8e0c9a7c1b2d3e4f\", uri=\"" + url + "\", response=\"0a4f113eaa7ad9e0b3a6d4c3e1b2a790\"\r\n";
    const std::string sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.40\r\ns=Media\r\nm=video 0 RTP/AVP 96\r\n";
    const std::string ok_sdp = "RTSP/1.0 200 OK\r\nCSeq: 4\r\nContent-Type: application/sdp\r\nContent-Length: " +
                               std::to_string(sdp.size()) + "\r\n\r\n" + sdp;
    // '$' channel 0, 24 bytes of RTP whose payload happens to read like an RTSP answer
    std::string interleaved = std::string("$\x00\x00\x18", 4) + std::string("\x80\x60\x00\x01", 4) + "RTSP/1.0 200 OK\r\nCSe";
    ASSERT_EQ(interleaved.size(), 4U + 24U);
    const Replay r = run_all_ways(
        LoginProtocol::Rtsp,
        {client(rtsp("OPTIONS", url, 2, "")), server("RTSP/1.0 200 OK\r\nCSeq: 2\r\nPublic: DESCRIBE, SETUP, PLAY\r\n\r\n"),
         client(rtsp("DESCRIBE", url, 3, "Accept: application/sdp\r\n")), server(challenge),
         client(rtsp("DESCRIBE", url, 4, "Accept: application/sdp\r\n" + auth)), server(ok_sdp),
         client(rtsp("PLAY", url + "/", 5, auth)),
         server(interleaved + "RTSP/1.0 200 OK\r\nCSeq: 5\r\nSession: 1234\r\n\r\n" + interleaved)});
    ASSERT_EQ(r.events.size(), 2U);
    EXPECT_EQ(r.events[0].protocol, "rtsp");
    EXPECT_EQ(r.events[0].mechanism, "digest");
    EXPECT_EQ(r.events[0].username, "admin");
    EXPECT_EQ(r.events[0].target, url);
    ASSERT_TRUE(r.events[0].digest.has_value());
    EXPECT_EQ(r.events[0].digest->method, "DESCRIBE");
    EXPECT_EQ(r.events[0].digest->uri, url);
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
    EXPECT_EQ(r.events[1].digest->method, "PLAY");
    EXPECT_EQ(r.events[1].outcome, Outcome::Success);
    EXPECT_FALSE(has_note(r, "creds_digest_without_challenge"));
}

TEST(RtspWatcher, CSeqStillPairsAfterAGap) {
    const std::string url = "rtsp://192.0.2.41/live";
    const Replay r = run_all_ways(
        LoginProtocol::Rtsp,
        {client(rtsp("DESCRIBE", url, 7, std::string("Authorization: Basic ") + kBadBasic + "\r\n")),
         server_after_gap("lost tail\r\nRTSP/1.0 401 Unauthorized\r\nCSeq: 7\r\n\r\n")});
    ASSERT_EQ(r.events.size(), 1U);
    EXPECT_EQ(r.events[0].outcome, Outcome::Failure);
}

TEST(RtspWatcher, ResponsesMatchByCSeqNotOrder) {
    const std::string url = "rtsp://192.0.2.42/live";
    const Replay r = run_all_ways(
        LoginProtocol::Rtsp,
        {client(rtsp("DESCRIBE", url, 10, std::string("Authorization: Basic ") + kBadBasic + "\r\n") +
                rtsp("GET_PARAMETER", url, 11, std::string("Authorization: Basic ") + kGoodBasic + "\r\n")),
         server("RTSP/1.0 200 OK\r\nCSeq: 11\r\n\r\nRTSP/1.0 401 Unauthorized\r\nCSeq: 10\r\n\r\n")});
    ASSERT_EQ(r.events.size(), 2U);
    // emitted as answers arrive: CSeq 11 first
    EXPECT_TRUE(same_secret(r.events[0].secret, "FakePass-01"));
    EXPECT_EQ(r.events[0].outcome, Outcome::Success);
    EXPECT_TRUE(same_secret(r.events[1].secret, "WrongFake-00"));
    EXPECT_EQ(r.events[1].outcome, Outcome::Failure);
}

}  // namespace
}  // namespace vca::probes::creds
