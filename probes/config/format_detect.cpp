#include "probes/config/format_detect.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "probes/config/config_text.hpp"

namespace vca::probes::config {
namespace {

using ascii::icontains;
using ascii::iends_with;
using ascii::iequals;
using ascii::is_space;
using ascii::istarts_with;
using text::trim;

// How much of a file the sniffer looks at: the distinctive lines of every
// format here come early, and the sniffer must stay cheap on large files.
constexpr std::size_t kSniffBytes = 256 * 1024;
constexpr std::size_t kSniffLines = 4000;

std::string_view skip_space(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    return s;
}

// Last path element, lower-case, without sample/template suffixes
// ("pjsip.conf.sample" → "pjsip.conf", "jicofo.conf.tpl" → "jicofo.conf").
std::string base_name(std::string_view file_name) {
    if (const auto slash = file_name.find_last_of("/\\"); slash != std::string_view::npos)
        file_name.remove_prefix(slash + 1);
    std::string name = ascii::to_lower(file_name);
    constexpr std::array kSuffixes{".sample", ".example", ".tpl", ".dist", ".orig", ".default", ".in", ".bak", ".j2"};
    for (bool again = true; again;) {
        again = false;
        for (const char* s : kSuffixes) {
            const std::string_view suffix(s);
            if (name.size() > suffix.size() && name.ends_with(suffix)) {
                name.resize(name.size() - suffix.size());
                again = true;
            }
        }
    }
    return name;
}

// ------------------------------------------------------------------ XML / JSON

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':';
}

// Name of the root element, after the XML declaration, processing
// instructions, comments and a DOCTYPE; "" when there is none.
std::string_view xml_root(std::string_view s) {
    for (int guard = 0; guard < 10'000; ++guard) {
        s = skip_space(s);
        if (s.starts_with("<?")) {
            const auto end = s.find("?>");
            if (end == std::string_view::npos) return {};
            s.remove_prefix(end + 2);
        } else if (s.starts_with("<!--")) {
            const auto end = s.find("-->", 4);
            if (end == std::string_view::npos) return {};
            s.remove_prefix(end + 3);
        } else if (s.starts_with("<!")) {
            const auto end = s.find('>');
            if (end == std::string_view::npos) return {};
            s.remove_prefix(end + 1);
        } else if (s.starts_with("<")) {
            s.remove_prefix(1);
            std::size_t n = 0;
            while (n < s.size() && is_name_char(s[n])) ++n;
            return s.substr(0, n);
        } else {
            return {};
        }
    }
    return {};
}

// Polycom lines can be shipped as a bare attribute list (a fragment that
// res_phoneprov pastes into an element): name.with.dots="value" ...
bool is_attribute_fragment(std::string_view s) {
    const auto eq = s.find("=\"");
    if (eq == std::string_view::npos || eq == 0 || eq > 200) return false;
    const std::string_view name = s.substr(0, eq);
    if (name.find('.') == std::string_view::npos) return false;
    return std::none_of(name.begin(), name.end(), [](char c) { return is_space(c) || c == '<' || c == '>'; });
}

Format from_xml_root(std::string_view root, std::string_view whole) {
    if (root == "gs_provision") return Format::GrandstreamXml;
    if (root == "device") return Format::CiscoPhoneXml;
    if (root == "Configuration") return Format::RoomOsXml;
    if (root == "beans") return Format::SpringBeansXml;
    if (root == "include" || root == "configuration" || root == "profile" || root == "X-PRE-PROCESS" ||
        root == "document" || root == "section" || root == "gateway" || root == "domain" || root == "user")
        return Format::FreeswitchXml;
    if (root == "polycomConfig" || root == "sip" || root == "phone1" || root == "PHONE_CONFIG" ||
        root == "ALL" || root == "localcfg" || root == "APPLICATION")
        return Format::PolycomXml;
    // Any other root whose attributes are dotted parameter names is a Polycom
    // file with an unusual wrapper element.
    if (whole.find(".enabled=\"") != std::string_view::npos || whole.find(".address=\"") != std::string_view::npos)
        return Format::PolycomXml;
    return Format::Unknown;
}

Format from_json(std::string_view s) {
    if (s.find("deviceConfigurations") != std::string_view::npos || s.find("\"valueSpace\"") != std::string_view::npos)
        return Format::RoomOsJson;
    return Format::Unknown;
}

// ------------------------------------------------------------------ file names

bool ends_with_any(std::string_view name, std::initializer_list<std::string_view> suffixes) {
    return std::any_of(suffixes.begin(), suffixes.end(), [&](std::string_view s) { return name.ends_with(s); });
}

Format from_name(const std::string& name) {
    if (name.ends_with(".boot")) return Format::YealinkCfg;
    if (name.find("turnserver") != std::string::npos) return Format::CoturnConf;
    if (name.ends_with("tls.cfg")) return Format::KamailioTlsCfg;
    if (ends_with_any(name, {"kamailio.cfg", "opensips.cfg", "kamailio-local.cfg"})) return Format::KamailioCfg;
    if (name.ends_with(".properties")) return Format::JavaProperties;
    if (name == "config" || name.ends_with(".env")) return Format::ShellEnv;
    if (name.ends_with(".conf")) {
        if (name.find("pjsip") != std::string::npos ||
            ends_with_any(name, {"sip.conf", "manager.conf", "http.conf", "rtp.conf", "ooh323.conf", "logger.conf",
                                 "extensions.conf", "iax.conf", "ari.conf", "modules.conf", "voicemail.conf",
                                 "confbridge.conf", "musiconhold.conf", "queues.conf", "phoneprov.conf",
                                 "asterisk.conf", "acl.conf", "cdr.conf", "cel.conf", "res_odbc.conf"}))
            return Format::AsteriskIni;
        if (name.find("jvb") != std::string::npos || name.find("jicofo") != std::string::npos ||
            name.find("jibri") != std::string::npos || name.find("videobridge") != std::string::npos ||
            ends_with_any(name, {"reference.conf", "application.conf"}))
            return Format::JitsiHocon;
        if (name.find("nginx") != std::string::npos) return Format::NginxConf;
    }
    return Format::Unknown;
}

// ------------------------------------------------------------------ text content

constexpr std::array<std::string_view, 22> kNginxDirectives{
    "listen",  "server_name", "ssl_protocols", "ssl_certificate", "ssl_certificate_key", "ssl_ciphers",
    "location", "proxy_pass", "root",          "return",          "add_header",          "worker_processes",
    "http",     "events",     "server",        "index",           "rewrite",             "alias",
    "error_log", "access_log", "server_names_hash_bucket_size",  "try_files"};

constexpr std::array<std::string_view, 44> kCoturnOptions{
    "listening-port", "tls-listening-port", "alt-listening-port", "listening-ip", "relay-ip",
    "external-ip",    "min-port",           "max-port",           "lt-cred-mech", "use-auth-secret",
    "static-auth-secret", "realm",          "no-tlsv1",           "no-tlsv1_1",   "no-tlsv1_2",
    "no-tls",         "no-dtls",            "no-udp",             "no-tcp",       "no-udp-relay",
    "no-tcp-relay",   "fingerprint",        "denied-peer-ip",     "allowed-peer-ip", "no-loopback-peers",
    "allow-loopback-peers", "no-multicast-peers", "no-cli",       "cli-password", "cli-ip",
    "cli-port",       "cipher-list",        "userdb",             "mysql-userdb", "psql-userdb",
    "redis-userdb",   "no-auth",            "total-quota",        "user-quota",   "stale-nonce",
    "no-stdout-log",  "keep-address-family", "web-admin",          "server-name"};

bool in_list(std::string_view word, const auto& list) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

std::string_view first_word(std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && !is_space(s[n]) && s[n] != '=' && s[n] != ';' && s[n] != '{' && s[n] != ':') ++n;
    return s.substr(0, n);
}

bool is_pvalue_line(std::string_view s) {
    if (s.size() < 3 || s[0] != 'P' || !std::isdigit(static_cast<unsigned char>(s[1]))) return false;
    std::size_t n = 1;
    while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
    return trim(s.substr(n)).starts_with("=");
}

bool is_shell_assignment(std::string_view s) {
    if (s.starts_with("export ")) s = trim(s.substr(7));
    std::size_t n = 0;
    while (n < s.size() && (std::isupper(static_cast<unsigned char>(s[n])) || std::isdigit(static_cast<unsigned char>(s[n])) ||
                            s[n] == '_'))
        ++n;
    return n > 0 && n < s.size() && s[n] == '=' && !std::isdigit(static_cast<unsigned char>(s[0]));
}

bool is_yealink_key(std::string_view s) {
    if (s.starts_with("static.")) return true;
    constexpr std::array kPrefixes{"account.",  "local_time.", "auto_provision.", "security.", "features.",
                                   "phone_setting.", "linekey.", "voice.",  "wui.",      "lang.",
                                   "programablekey.", "voice_mail.", "transfer.", "handset."};
    return std::any_of(kPrefixes.begin(), kPrefixes.end(), [&](const char* p) { return s.starts_with(p); }) &&
           s.find(" = ") != std::string_view::npos;
}

enum Score { kYealink, kGrandstream, kAsterisk, kKamailio, kKamailioTls, kCoturn, kHocon, kProperties, kShell, kNginx, kScores };

Format from_content(std::string_view all) {
    std::string_view s = text::strip_bom(all).substr(0, std::min(all.size(), kSniffBytes));
    std::array<int, kScores> score{};
    std::size_t lines = 0;
    bool first = true;
    while (!s.empty() && lines < kSniffLines) {
        const auto nl = s.find('\n');
        const std::string_view line = trim(s.substr(0, nl));
        s = nl == std::string_view::npos ? std::string_view{} : s.substr(nl + 1);
        ++lines;
        if (line.empty()) continue;
        if (first) {
            first = false;
            if (line.starts_with("#!version:")) return Format::YealinkCfg;
            if (line.starts_with("#!KAMAILIO") || line.starts_with("#!OPENSIPS") || line.starts_with("#!SER"))
                return Format::KamailioCfg;
        }
        if (line.starts_with("include:config")) score[kYealink] += 5;
        if (line.starts_with("loadmodule") || line.starts_with("modparam(") || line.starts_with("#!define") ||
            line.starts_with("#!ifdef") || line.starts_with("#!substdef"))
            score[kKamailio] += 5;
        if (line.starts_with("[server:") || line.starts_with("[client:")) score[kKamailioTls] += 6;
        if (line.starts_with(";")) score[kAsterisk] += 1;
        if (line.starts_with("//")) score[kHocon] += 1;
        if (line.starts_with("#") && !line.starts_with("#!")) {
            // A commented-out option still tells whose option it is (coturn's
            // reference file has no active line at all).
            std::string_view body = line;
            while (!body.empty() && body.front() == '#') body.remove_prefix(1);
            if (in_list(first_word(body), kCoturnOptions)) score[kCoturn] += 1;
        }
        if (line.starts_with("#") || line.starts_with(";") || line.starts_with("//") || line.starts_with("!")) continue;
        const std::string_view word = first_word(line);
        if (line.starts_with("[") && line.find(']') != std::string_view::npos) score[kAsterisk] += 3;
        if (line.find("=>") != std::string_view::npos) score[kAsterisk] += 1;
        if (is_pvalue_line(line)) score[kGrandstream] += 3;
        if (is_shell_assignment(line)) score[kShell] += 2;
        if (is_yealink_key(line)) score[kYealink] += 2;
        if (in_list(word, kCoturnOptions)) score[kCoturn] += 3;
        if (line.starts_with("net.java.sip.communicator.") || line.starts_with("org.jitsi.") ||
            line.starts_with("bigbluebutton.") || line.starts_with("org.ice4j."))
            score[kProperties] += 4;
        if (const auto eq = line.find('='); eq != std::string_view::npos && eq > 0 && line[eq - 1] != ' ' &&
                                             word.find('.') != std::string_view::npos && !is_pvalue_line(line))
            score[kProperties] += 1;
        if (line.ends_with(";") && in_list(word, kNginxDirectives)) score[kNginx] += 3;
        if (line.ends_with("{") && (word == "server" || word == "location" || word == "http" || word == "upstream"))
            score[kNginx] += 3;
        else if (line.ends_with("{") && !line.ends_with("${"))
            score[kHocon] += 2;
        if (!line.ends_with(";") && (line.find(" = ") != std::string_view::npos || line.find(": ") != std::string_view::npos) &&
            word.find('-') != std::string_view::npos)
            score[kHocon] += 1;
    }
    const auto best = std::max_element(score.begin(), score.end());
    if (*best < 3) return Format::Unknown;
    constexpr std::array<Format, kScores> kFormats{Format::YealinkCfg,   Format::GrandstreamText, Format::AsteriskIni,
                                                   Format::KamailioCfg,  Format::KamailioTlsCfg,  Format::CoturnConf,
                                                   Format::JitsiHocon,   Format::JavaProperties,  Format::ShellEnv,
                                                   Format::NginxConf};
    return kFormats[static_cast<std::size_t>(best - score.begin())];
}

// Documents, spreadsheets, images, keys and certificates that sit beside
// configurations in a device folder: evidence to keep, never settings.
bool not_a_configuration(const std::string& name) {
    return ends_with_any(name, {".md", ".tsv", ".csv", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".png",
                                ".jpg", ".jpeg", ".gif", ".svg", ".pem", ".crt", ".cer", ".der", ".key", ".p12",
                                ".pfx", ".zip", ".gz", ".tar", ".pcap", ".pcapng", ".html", ".htm", ".rom"}) ||
           name == "readme" || name.starts_with("readme.") || name == "license" || name.starts_with("license.");
}

}  // namespace

Format detect_format(std::string_view file_name, std::string_view content) {
    if (not_a_configuration(base_name(file_name))) return Format::Unknown;
    const std::string_view start = skip_space(text::strip_bom(content));
    if (start.starts_with("<")) {
        const std::string_view head = start.substr(0, std::min(start.size(), kSniffBytes));
        if (const std::string_view root = xml_root(head); !root.empty()) return from_xml_root(root, head);
        return Format::Unknown;
    }
    if (start.starts_with("{") || start.starts_with("[")) {
        if (const Format f = from_json(start.substr(0, std::min(start.size(), kSniffBytes))); f != Format::Unknown)
            return f;
    }
    if (is_attribute_fragment(start)) return Format::PolycomXml;
    const std::string name = base_name(file_name);
    if (const Format f = from_name(name); f != Format::Unknown) return f;
    return from_content(content);
}

}  // namespace vca::probes::config
