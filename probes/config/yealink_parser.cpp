#include "probes/config/yealink_parser.hpp"

#include <array>
#include <cctype>
#include <optional>
#include <string>

#include "probes/config/config_text.hpp"

namespace vca::probes::config {
namespace {

using text::ConfigBuilder;
using text::matches_indexed;
using text::trim;

// Yealink writes "explicitly empty" as %NULL%: no value, not an unknown one.
bool is_unset(std::string_view v) {
    v = trim(v);
    return v.empty() || v == "%NULL%";
}

std::optional<std::string> transport(std::string_view v) {
    // account.N.sip_server.M.transport_type: 0 UDP, 1 TCP, 2 TLS, 3 DNS-NAPTR.
    constexpr std::array<const char*, 4> kNames{"udp", "tcp", "tls", "dnsnaptr"};
    if (const auto n = text::parse_int(v); n && *n >= 0 && *n < 4) return kNames[static_cast<std::size_t>(*n)];
    return std::nullopt;
}

std::optional<std::string> srtp(std::string_view v) {
    // account.N.srtp_encryption: 0 disabled, 1 optional, 2 compulsory.
    constexpr std::array<const char*, 3> kNames{"off", "optional", "required"};
    if (const auto n = text::parse_int(v); n && *n >= 0 && *n < 3) return kNames[static_cast<std::size_t>(*n)];
    return std::nullopt;
}

void set_bool(ConfigBuilder& out, std::string_view key, std::string_view value, const std::string& raw_key, int line) {
    if (const auto b = text::parse_bool(value))
        out.set(key, text::on_off(*b), raw_key, line);
    else
        out.set(key, std::string(value), raw_key, line);  // placeholder or unexpected: kept for the record
}

// Firmware images are named <MODEL>-<version>.rom ("T46S-66.86.0.130.rom").
void device_from_firmware_url(DeviceInfo& device, std::string_view url) {
    if (is_placeholder(url)) return;
    if (const auto slash = url.find_last_of('/'); slash != std::string_view::npos) url.remove_prefix(slash + 1);
    if (!ascii::iends_with(url, ".rom")) return;
    url.remove_suffix(4);
    const auto dash = url.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 >= url.size()) return;
    const std::string_view version = url.substr(dash + 1);
    if (!std::isdigit(static_cast<unsigned char>(version.front()))) return;
    device.model = std::string(url.substr(0, dash));
    device.firmware = std::string(version);
}

void normalise(ConfigBuilder& out, const std::string& raw_key, std::string_view value, int line) {
    if (is_unset(value)) return;
    std::string_view key = raw_key;
    if (ascii::istarts_with(key, "static.")) key.remove_prefix(7);
    const std::string v(trim(value));

    if (ascii::iequals(key, "auto_provision.server.url")) {
        text::add_url(out, "provisioning.url", "provisioning.scheme", v, raw_key, line);
    } else if (ascii::iequals(key, "firmware.url")) {
        text::add_url(out, "firmware.url", "firmware.scheme", v, raw_key, line);
        device_from_firmware_url(out.device(), v);
    } else if (ascii::iequals(key, "security.user_password")) {
        // "user:password"; only the admin account is the administrator.
        const auto colon = v.find(':');
        if (colon == std::string::npos)
            out.set("admin.password", v, raw_key, line);
        else if (ascii::iequals(trim(std::string_view(v).substr(0, colon)), "admin"))
            out.set("admin.password", v.substr(colon + 1), raw_key, line);
    } else if (matches_indexed(key, "account.#.password")) {
        out.set("sip.password", v, raw_key, line);
    } else if (matches_indexed(key, "account.#.sip_server.#.transport_type") || matches_indexed(key, "account.#.transport")) {
        if (const auto t = transport(v)) out.set("sip.transport", *t, raw_key, line);
        else out.set("sip.transport", v, raw_key, line);
    } else if (matches_indexed(key, "account.#.srtp_encryption")) {
        if (const auto s = srtp(v)) out.set("media.srtp", *s, raw_key, line);
        else out.set("media.srtp", v, raw_key, line);
    } else if (ascii::iequals(key, "network.snmp.enable")) {
        set_bool(out, "snmp.enabled", v, raw_key, line);
    } else if (ascii::iequals(key, "syslog.server")) {
        out.set("syslog.server", v, raw_key, line);
    } else if (ascii::iequals(key, "syslog.log_level") || ascii::iequals(key, "syslog.level")) {
        out.set("log.level", v, raw_key, line);
    } else if (ascii::iequals(key, "local_time.ntp_server1") || ascii::iequals(key, "local_time.ntp_server2")) {
        out.set("ntp.server", v, raw_key, line);
    } else if (ascii::iequals(key, "wui.https_enable")) {
        set_bool(out, "mgmt.https", v, raw_key, line);
    } else if (ascii::iequals(key, "wui.http_enable")) {
        set_bool(out, "mgmt.http", v, raw_key, line);
    } else if (ascii::iequals(key, "features.auto_answer") || matches_indexed(key, "account.#.auto_answer")) {
        set_bool(out, "auto_answer", v, raw_key, line);
    } else if (ascii::iequals(key, "sip.listen_port")) {
        out.set("sip.port", v, raw_key, line);
    } else if (ascii::iequals(key, "security.trust_certificates")) {
        // 1: only servers whose certificate chains to a trusted CA are accepted.
        set_bool(out, "tls.verify_peer", v, raw_key, line);
    }
    // security.default_ssl_method is numeric and its mapping to TLS versions
    // is not verified against Yealink documentation: kept raw only.
}

// Factory defaults that matter for security, for a configuration file (a
// boot file only points at configuration files and gets none).
void add_defaults(ConfigBuilder& out) {
    if (!out.has("sip.transport")) out.set_default("sip.transport", "udp");      // transport_type 0
    if (!out.has("media.srtp")) out.set_default("media.srtp", "off");            // srtp_encryption 0
    if (!out.has("mgmt.http")) out.set_default("mgmt.http", "on");               // wui.http_enable 1
    if (!out.has("mgmt.https")) out.set_default("mgmt.https", "on");             // wui.https_enable 1
    if (!out.has("snmp.enabled")) out.set_default("snmp.enabled", "off");        // network.snmp.enable 0
}

}  // namespace

ParsedConfig parse_yealink_cfg(std::string_view input) {
    ConfigBuilder out(Format::YealinkCfg);
    bool boot = false;
    out.device().vendor = "Yealink";
    out.device().role = "phone";
    for (const text::Line& line : text::split_lines(input, out)) {
        if (out.full()) break;
        const std::string_view s = trim(line.text);
        if (s.empty() || s.front() == '#') continue;  // also "#!version:" and "###account.1.password ="
        if (ascii::istarts_with(s, "include:config")) {
            // .boot: include:config "file.cfg" | include:config http://server/file
            const std::string value(text::strip_quotes(trim(s.substr(14))));
            if (value.empty()) {
                out.issue(line.number, "include:config without a file or URL");
                continue;
            }
            out.raw("include:config", value, line.number);
            boot = true;
            if (!text::url_scheme(value).empty() || value.find("://") != std::string::npos)
                text::add_url(out, "provisioning.url", "provisioning.scheme", value, "include:config", line.number);
            continue;
        }
        const auto eq = s.find('=');
        if (eq == std::string_view::npos) {
            out.issue(line.number, "line is not 'key = value'");
            continue;
        }
        const std::string key(trim(s.substr(0, eq)));
        const std::string_view value = trim(s.substr(eq + 1));
        if (key.empty() || key.find_first_of(" \t") != std::string::npos) {
            out.issue(line.number, "malformed key before '='");
            continue;
        }
        out.raw(key, std::string(value), line.number);
        normalise(out, key, value, line.number);
    }
    if (!boot) add_defaults(out);
    return out.take();
}

}  // namespace vca::probes::config
