// What a configuration parser produces: the settings as written (raw, with
// their line) and the same settings in the normalised vocabulary that rules
// use (vocabulary.md). Parsers are pure: text in, ParsedConfig out; the
// facts writer (config_facts.cpp) redacts secrets and judges weak ones.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/ascii.hpp"

namespace vca::probes::config {

// The parsers compare keys and keywords with the ASCII helpers of core.
namespace ascii = core::ascii;

enum class Format {
    Unknown,
    YealinkCfg,        // Yealink .cfg / .boot key = value
    GrandstreamText,   // Pnnn = value
    GrandstreamXml,    // <gs_provision><config><Pnnn>
    PolycomXml,        // settings as attributes
    CiscoPhoneXml,     // SEP<MAC>.cnf.xml
    RoomOsXml,         // <Configuration> tree
    RoomOsJson,        // deviceConfigurations dump
    AsteriskIni,       // pjsip.conf, sip.conf, manager.conf, http.conf, rtp.conf, ...
    FreeswitchXml,     // vars.xml, sip_profiles, autoload_configs
    KamailioCfg,       // kamailio.cfg / opensips.cfg globals, #!define, modparam
    KamailioTlsCfg,    // tls.cfg [server:default]
    CoturnConf,        // turnserver.conf
    JitsiHocon,        // jvb.conf, jicofo.conf, jibri.conf
    JavaProperties,    // sip-communicator.properties, bigbluebutton.properties
    ShellEnv,          // KEY=value files (/etc/jitsi/*/config)
    NginxConf,         // nginx server blocks
    SpringBeansXml,    // BigBlueButton turn-stun-servers.xml
};

std::string_view format_name(Format f);

// Whether a value came from the file or is the product's documented default
// that applies because the file does not set it.
enum class Source { File, Default };

// A setting as written in the file.
struct RawSetting {
    std::string key;    // as written, qualified by its section/path: "transport-udp.protocol", "sec.srtp.enable"
    std::string value;  // as written (placeholders kept verbatim)
    int line = 0;       // 1-based line in the file, 0 when the format has none (JSON)
};

// A setting in the normalised vocabulary.
struct Setting {
    std::string key;      // e.g. "sip.transport", "media.srtp", "admin.password"
    std::string value;    // canonical value (vocabulary.md); a secret's value in clear, redacted by the facts writer
    std::string raw_key;  // the raw key it was derived from ("" for a default)
    int line = 0;
    Source source = Source::File;
    bool placeholder = false;  // template variable ({$x}, {{ x }}, ${X}, <%= x %>, #x#, %NULL%): meaning unknown
};

struct DeviceInfo {
    std::optional<std::string> vendor, product, model, firmware, mgmt_address;
    std::string role;  // endpoint, phone, pbx, sip_server, turn, mcu, web, recorder
};

// Damage inside a good file: the rest is still read.
struct ParseIssue {
    int line = 0;
    std::string message;  // names what is wrong, never quotes a secret value
};

struct ParsedConfig {
    Format format = Format::Unknown;
    DeviceInfo device;
    std::vector<RawSetting> raw;
    std::vector<Setting> settings;
    std::vector<ParseIssue> issues;
};

// True when the value is a template variable rather than a real value.
bool is_placeholder(std::string_view value);

// True when a raw key names a secret (password, secret, community, salt,
// token, pin, key material): its value is redacted wherever it is written.
bool is_secret_key(std::string_view raw_key);

}  // namespace vca::probes::config
