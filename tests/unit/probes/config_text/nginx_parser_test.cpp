// Tests for probes/config/nginx_parser: tokens (quotes, comments, variables),
// blocks and their bounds, listeners, redirect-only servers, HSTS
// inheritance, TLS versions, and the two corpus files.
#include "probes/config/nginx_parser.hpp"

#include <gtest/gtest.h>

#include "probes/config/config_limits.hpp"
#include "tests/unit/probes/config_text/config_text_test_util.hpp"

namespace vca::probes::config {
namespace {

using namespace testing;

ParsedConfig parse(const std::string& text) { return parse_checked(parse_nginx_conf, text, Format::NginxConf); }

TEST(NginxConf, TokensBlocksAndPaths) {
    const std::string text =
        "# comment\n"
        "http {\n"
        "  add_header Strict-Transport-Security \"max-age=63072000; includeSubDomains\" always; # hsts\n"
        "  server {\n"
        "    listen 443 ssl http2;\n"
        "    ssl_protocols TLSv1.2 TLSv1.3;\n"
        "    location ~ ^/(a|b)/'x'$ { return 200 '${host};'; }\n"
        "  }\n"
        "}\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    const RawSetting* hsts = raw(c, "http.add_header");
    ASSERT_NE(hsts, nullptr);
    EXPECT_EQ(hsts->value, "Strict-Transport-Security max-age=63072000; includeSubDomains always");
    EXPECT_EQ(hsts->line, 3);
    EXPECT_EQ(raw(c, "http.server.location")->value, "~ ^/(a|b)/'x'$");
    EXPECT_EQ(raw(c, "http.server.location.return")->value, "200 ${host};");
    EXPECT_TRUE(has(c, "mgmt.https", "on"));
    EXPECT_TRUE(absent(c, "mgmt.http"));
    EXPECT_TRUE(has(c, "http.hsts", "on"));  // inherited: the server has no add_header of its own
    EXPECT_EQ(values(c, "tls.min_version"), "[1.2]");
    EXPECT_TRUE(has(c, "tls.ciphers", "HIGH:!aNULL:!MD5", Source::Default));
}

TEST(NginxConf, ServerAddHeaderHidesInheritedHsts) {
    const ParsedConfig c = parse(
        "http { add_header Strict-Transport-Security max-age=1;\n"
        "  server { listen 443 ssl; add_header X-Frame-Options DENY; ssl_ciphers HIGH; } }\n");
    EXPECT_TRUE(has(c, "http.hsts", "off", Source::Default));
    EXPECT_TRUE(has(c, "tls.ciphers", "HIGH"));
}

TEST(NginxConf, PlainListenersAndRedirects) {
    const ParsedConfig redirect = parse("server { listen 80; return 301 https://$host$request_uri; }\n");
    EXPECT_TRUE(has(redirect, "mgmt.http", "off"));
    const ParsedConfig location = parse("server { listen 8080; location / { return 308 https://x/; } location /a { root /srv; } }\n");
    EXPECT_TRUE(has(location, "mgmt.http", "off"));
    const ParsedConfig plain = parse("server { listen 80; location / { proxy_pass http://app; } }\n");
    EXPECT_TRUE(has(plain, "mgmt.http", "on"));
    const ParsedConfig to_http = parse("server { listen 80; return 301 http://elsewhere/; }\n");
    EXPECT_TRUE(has(to_http, "mgmt.http", "on"));
    const ParsedConfig no_listen = parse("server { server_name a; }\n");
    EXPECT_TRUE(has(no_listen, "mgmt.http", "on"));  // port 80 by default
    const ParsedConfig ssl_on = parse("server { listen 443; ssl on; }\n");
    EXPECT_TRUE(has(ssl_on, "mgmt.https", "on"));
    EXPECT_TRUE(absent(ssl_on, "mgmt.http"));
}

TEST(NginxConf, DamagedInputIsReported) {
    EXPECT_TRUE(has_issue(parse("server { listen 80 }\n"), "without ';' before '}'"));
    EXPECT_TRUE(has_issue(parse("}\nlisten 80;\n"), "without an open block"));
    EXPECT_TRUE(has_issue(parse("server { listen 80;\n"), "not closed"));
    EXPECT_TRUE(has_issue(parse("root \"/never/closed;\n"), "quoted string is not closed"));
    EXPECT_TRUE(has_issue(parse("worker_processes 4"), "at the end of the file"));
    EXPECT_TRUE(has_issue(parse("{ listen 80; }"), "without a directive name"));
}

TEST(NginxConf, NestingIsBounded) {
    std::string text;
    for (std::size_t i = 0; i < limits::kMaxNesting + 5; ++i) text += "a {\n";
    for (std::size_t i = 0; i < limits::kMaxNesting + 5; ++i) text += "}\n";
    text += "listen 1;\n";
    const ParsedConfig c = parse(text);
    EXPECT_TRUE(has_issue(c, "nested deeper")) << issues(c);
    EXPECT_FALSE(has_issue(c, "without an open block"));  // the skipped block was consumed whole
    EXPECT_NE(raw(c, "listen"), nullptr);
}

TEST(NginxCorpus, JitsiSiteWithRedirectAndHsts) {
    const ParsedConfig c = parse(corpus("nginx/webrtc1-jitsi-site.conf"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "mgmt.http", "off"));  // port 80 only redirects (and serves ACME challenges)
    EXPECT_EQ(find(c, "mgmt.http", "off")->line, 4);
    EXPECT_TRUE(has(c, "mgmt.https", "on"));
    EXPECT_EQ(find(c, "mgmt.https", "on")->line, 20);
    EXPECT_EQ(values(c, "tls.min_version"), "[1.0]");
    EXPECT_EQ(find(c, "tls.min_version", "1.0")->line, 24);
    EXPECT_TRUE(has(c, "http.hsts", "on"));
    ASSERT_NE(first(c, "tls.ciphers"), nullptr);
    EXPECT_EQ(first(c, "tls.ciphers")->value.substr(0, 18), "EECDH+ECDSA+AESGCM");
    EXPECT_EQ(c.device.role, "web");
}

TEST(NginxCorpus, DockerImageTemplate) {
    const ParsedConfig c = parse(corpus("nginx/tiredofit-jitsi_conf.d.conf"));
    EXPECT_TRUE(c.issues.empty()) << issues(c);
    EXPECT_TRUE(has(c, "mgmt.https", "on"));
    EXPECT_TRUE(absent(c, "mgmt.http"));  // no port-80 server
    EXPECT_TRUE(has(c, "tls.min_version", "1.0"));
    EXPECT_TRUE(has(c, "http.hsts", "off", Source::Default));
    EXPECT_TRUE(has(c, "tls.ciphers", "HIGH:!aNULL:!MD5", Source::Default));
    const RawSetting* alias = raw(c, "server.location.alias");
    ASSERT_NE(alias, nullptr);
    EXPECT_TRUE(is_placeholder(alias->value) || alias->value.find("<VIRTUAL_HOST>") != std::string::npos);
}

}  // namespace
}  // namespace vca::probes::config
