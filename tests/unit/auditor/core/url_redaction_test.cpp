#include "auditor/core/url_redaction.hpp"

#include <gtest/gtest.h>

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

TEST(UrlRedaction, SecretNames) {
    for (const char* n : {"password", "passwd", "pwd", "access_token", "client_secret", "apikey", "authorization",
                          "signature", "JSESSIONID", "credential", "otp", "pw", "PIN", "code", "ticket"})
        EXPECT_TRUE(is_secret_parameter(n)) << n;
    for (const char* n : {"file", "lang", "id", "page", "name", "user", "codec", "monkey_island"})
        EXPECT_EQ(is_secret_parameter(n), std::string_view(n) == "monkey_island") << n;
}

}  // namespace
}  // namespace vca::core
