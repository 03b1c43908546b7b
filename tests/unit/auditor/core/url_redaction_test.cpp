#include "auditor/core/url_redaction.hpp"

#include <gtest/gtest.h>

#include <string>

namespace vca::core {
namespace {

TEST(UrlRedaction, SecretQueryValuesAreReplacedOthersKept) {
    EXPECT_EQ(redact_url("portal.example/upload?file=bien-ban.docx&token=9f8e7d&lang=vi"),
              "portal.example/upload?file=bien-ban.docx&token=REDACTED&lang=vi");
    EXPECT_EQ(redact_url("h/login?user=admin&Password=hunter2"), "h/login?user=admin&Password=REDACTED");
    EXPECT_EQ(redact_url("h/a?api_key=k1&X-Amz-Signature=s2&sid=s3&pin=1234"),
              "h/a?api_key=REDACTED&X-Amz-Signature=REDACTED&sid=REDACTED&pin=REDACTED");
}

TEST(UrlRedaction, UserinfoIsDropped) {
    EXPECT_EQ(redact_url("admin:hunter2@camera.local/snap.jpg"), "REDACTED@camera.local/snap.jpg");
    // An '@' after the path starts is not userinfo.
    EXPECT_EQ(redact_url("h/mail/a@b.vn"), "h/mail/a@b.vn");
}

TEST(UrlRedaction, EdgesStayWellFormed) {
    EXPECT_EQ(redact_url(""), "");
    EXPECT_EQ(redact_url("h/p?"), "h/p?");
    EXPECT_EQ(redact_url("h/p?token"), "h/p?token");  // no value to hide
    EXPECT_EQ(redact_url("h/p?a=1&&key=2#frag"), "h/p?a=1&&key=REDACTED#frag");
    EXPECT_EQ(redact_url("h/p?code=abc#x?y=1"), "h/p?code=REDACTED#x?y=1");
}

// Camera URIs: made-up secrets; on failure only the redacted expectation is
// printed, never the URI under test.
bool holds(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

TEST(UrlRedaction, RtspUserinfoWithTheScheme) {
    const std::string out = redact_url("rtsp://admin:Cam3ra!pw@192.0.2.40:554/Streaming/Channels/101");
    EXPECT_FALSE(holds(out, "Cam3ra!pw"));
    EXPECT_FALSE(holds(out, "admin"));
    EXPECT_TRUE(out == "rtsp://REDACTED@192.0.2.40:554/Streaming/Channels/101") << "want rtsp://REDACTED@192.0.2.40:554/...";
    // userinfo ends at the last '@' of the authority
    EXPECT_TRUE(redact_url("rtsp://u:p@ss@cam.example/live") == "rtsp://REDACTED@cam.example/live");
}

TEST(UrlRedaction, SemicolonSeparatedCameraParameters) {
    const std::string out =
        redact_url("rtsp://192.0.2.7/cam/realmonitor?channel=1&user=admin&password=Qx7sec;token=Zz9#frag");
    EXPECT_FALSE(holds(out, "Qx7sec"));
    EXPECT_FALSE(holds(out, "Zz9"));
    EXPECT_TRUE(out == "rtsp://192.0.2.7/cam/realmonitor?channel=1&user=admin&password=REDACTED;token=REDACTED#frag");
}

TEST(UrlRedaction, NothingToRedact) {
    EXPECT_EQ(redact_url("rtsp://10.2.2.2:8554/trackID=0"), "rtsp://10.2.2.2:8554/trackID=0");
    EXPECT_EQ(redact_url("*"), "*");
    EXPECT_EQ(redact_url("rtsp://h/a@b"), "rtsp://h/a@b");  // '@' in the path is not userinfo
    EXPECT_EQ(redact_url("h/p#x?token=1"), "h/p#x?token=1");  // a '?' inside the fragment starts no query
}

TEST(UrlRedaction, SecretNames) {
    for (const char* n : {"password", "passwd", "pwd", "access_token", "client_secret", "apikey", "authorization",
                          "signature", "JSESSIONID", "credential", "otp", "pw", "PIN", "code", "ticket"})
        EXPECT_TRUE(is_secret_parameter(n)) << n;
    for (const char* n : {"file", "lang", "id", "page", "name", "user", "codec", "monkey_island"})
        EXPECT_EQ(is_secret_parameter(n), std::string_view(n) == "monkey_island") << n;
}

}  // namespace
}  // namespace vca::core
