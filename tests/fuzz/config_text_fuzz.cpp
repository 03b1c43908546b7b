// Fuzz harness: format detection and every text configuration parser over
// one input, trapping when a result breaks the ParsedConfig invariants
// (line numbers outside the text, bounds exceeded, malformed defaults).
#include <cstdint>
#include <string_view>

#include "probes/config/asterisk_parser.hpp"
#include "probes/config/config_limits.hpp"
#include "probes/config/coturn_parser.hpp"
#include "probes/config/format_detect.hpp"
#include "probes/config/grandstream_text_parser.hpp"
#include "probes/config/hocon_parser.hpp"
#include "probes/config/kamailio_parser.hpp"
#include "probes/config/kamailio_tls_parser.hpp"
#include "probes/config/nginx_parser.hpp"
#include "probes/config/properties_parser.hpp"
#include "probes/config/shell_env_parser.hpp"
#include "probes/config/yealink_parser.hpp"

namespace {

using namespace vca::probes::config;

int line_count(std::string_view text) {
    int lines = 1;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++lines;
    return lines;
}

void check(const ParsedConfig& c, Format format, int lines) {
    if (c.format != format) __builtin_trap();
    if (c.raw.size() > limits::kMaxRawSettings) __builtin_trap();
    // A parser may add a few defaults after reaching the limit of file settings.
    if (c.settings.size() > limits::kMaxSettings + 16) __builtin_trap();
    if (c.issues.size() > limits::kMaxIssues) __builtin_trap();
    for (const RawSetting& r : c.raw)
        if (r.line < 1 || r.line > lines) __builtin_trap();
    for (const Setting& s : c.settings) {
        if (s.key.empty() || s.value.empty()) __builtin_trap();
        if (s.source == Source::Default ? (s.line != 0 || !s.raw_key.empty()) : (s.line < 1 || s.line > lines))
            __builtin_trap();
    }
    for (const ParseIssue& i : c.issues)
        if (i.line < 0 || i.line > lines || i.message.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const int lines = line_count(text);
    (void)detect_format("fuzz.conf", text);
    (void)detect_format(text.substr(0, text.find('\n')), text);
    check(parse_yealink_cfg(text), Format::YealinkCfg, lines);
    check(parse_grandstream_text(text), Format::GrandstreamText, lines);
    check(parse_asterisk_ini(text), Format::AsteriskIni, lines);
    check(parse_coturn_conf(text), Format::CoturnConf, lines);
    check(parse_kamailio_cfg(text), Format::KamailioCfg, lines);
    check(parse_kamailio_tls_cfg(text), Format::KamailioTlsCfg, lines);
    check(parse_nginx_conf(text), Format::NginxConf, lines);
    check(parse_hocon(text), Format::JitsiHocon, lines);
    check(parse_java_properties(text), Format::JavaProperties, lines);
    check(parse_shell_env(text), Format::ShellEnv, lines);
    return 0;
}
