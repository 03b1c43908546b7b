#include "probes/config/shell_env_parser.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "probes/config/config_text.hpp"

namespace vca::probes::config {
namespace {

using text::ConfigBuilder;
using text::trim;

bool valid_name(std::string_view name) {
    return !name.empty() && !std::isdigit(static_cast<unsigned char>(name.front())) &&
           std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// The shell value: quotes removed, backslash escapes inside "..." applied,
// an unquoted `#` after a blank starts a comment. nullopt when a quote is
// not closed.
std::optional<std::string> shell_value(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\'') {
            const auto end = s.find('\'', i + 1);
            if (end == std::string_view::npos) return std::nullopt;
            out.append(s.substr(i + 1, end - i - 1));
            i = end;
        } else if (c == '"') {
            std::size_t j = i + 1;
            for (; j < s.size() && s[j] != '"'; ++j) {
                if (s[j] == '\\' && j + 1 < s.size()) ++j;
                out += s[j];
            }
            if (j >= s.size()) return std::nullopt;
            i = j;
        } else if (c == '#' && (i == 0 || std::isspace(static_cast<unsigned char>(s[i - 1])))) {
            break;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            // An unquoted blank ends the value (the rest would be a command).
            break;
        } else if (c == '\\' && i + 1 < s.size()) {
            out += s[++i];
        } else {
            out += c;
        }
    }
    return out;
}

void normalise(ConfigBuilder& out, const std::string& key, const std::string& value, int line) {
    DeviceInfo& d = out.device();
    if (key.starts_with("JVB_") && !d.product) {
        d.product = "Jitsi Videobridge";
    } else if (key.starts_with("JICOFO_") && !d.product) {
        d.product = "Jicofo";
    }
    if (key == "JICOFO_AUTH_PASSWORD") {
        out.set("admin.password", value, key, line);
    } else if (key.ends_with("_SECRET") || key.ends_with("_PASSWORD")) {
        out.set("service.secret", value, key, line);  // JVB_SECRET, JICOFO_SECRET: XMPP component secrets
    } else if ((key == "JVB_PORT" || key == "JICOFO_PORT") && value == "5347") {
        // Prosody's external component port: XMPP in clear.
        out.set("mgmt.tcp_api", "on", key, line, false);
    }
}

}  // namespace

ParsedConfig parse_shell_env(std::string_view input) {
    ConfigBuilder out(Format::ShellEnv);
    out.device().vendor = "Jitsi";
    out.device().role = "mcu";
    for (const text::Line& line : text::split_lines(input, out)) {
        if (out.full()) break;
        std::string_view s = trim(line.text);
        if (s.empty() || s.front() == '#') continue;
        if (s.starts_with("export ") || s.starts_with("export\t")) s = trim(s.substr(7));
        const auto eq = s.find('=');
        const std::string_view name = eq == std::string_view::npos ? std::string_view{} : s.substr(0, eq);
        if (!valid_name(name)) {
            out.issue(line.number, "line is not 'NAME=value'");
            continue;
        }
        const std::optional<std::string> value = shell_value(s.substr(eq + 1));
        if (!value) {
            out.issue(line.number, "quoted value is not closed on its line");
            continue;
        }
        out.raw(std::string(name), *value, line.number);
        normalise(out, std::string(name), *value, line.number);
    }
    return out.take();
}

}  // namespace vca::probes::config
