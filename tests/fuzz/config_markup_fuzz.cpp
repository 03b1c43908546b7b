// Fuzz harness: every XML/JSON configuration parser over the same bytes
// (Polycom, Cisco phone, RoomOS XML and JSON, Grandstream XML, FreeSWITCH
// with the variables the input itself sets, Spring beans). Traps when a
// result breaks its contract: a setting derived from a raw key the file does
// not have, a line outside the file, a bound exceeded, the wrong format.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "probes/config/cisco_phone_xml_parser.hpp"
#include "probes/config/config_xml_limits.hpp"
#include "probes/config/freeswitch_xml_parser.hpp"
#include "probes/config/grandstream_xml_parser.hpp"
#include "probes/config/polycom_xml_parser.hpp"
#include "probes/config/roomos_parser.hpp"
#include "probes/config/spring_beans_parser.hpp"

namespace {

using namespace vca::probes::config;
namespace limits = markup_limits;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

void check_result(const ParsedConfig& c, Format format, std::string_view text) {
    check(c.format == format);
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    check(c.raw.size() <= limits::kMaxRawSettings);
    check(c.settings.size() <= limits::kMaxSettings);
    std::set<std::string> raw_keys;
    for (const RawSetting& r : c.raw) {
        check(!r.key.empty());
        check(r.line >= 0 && r.line <= lines);
        raw_keys.insert(r.key);
    }
    for (const Setting& s : c.settings) {
        check(!s.key.empty());
        check(s.line >= 0 && s.line <= lines);
        if (s.source == Source::File) check(raw_keys.count(s.raw_key) == 1);
        if (!s.raw_key.empty()) check(raw_keys.count(s.raw_key) == 1);
    }
    for (const ParseIssue& i : c.issues) check(i.line >= 0 && i.line <= lines && !i.message.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check_result(parse_polycom_xml(text), Format::PolycomXml, text);
    check_result(parse_cisco_phone_xml(text), Format::CiscoPhoneXml, text);
    check_result(parse_roomos_xml(text), Format::RoomOsXml, text);
    check_result(parse_roomos_json(text), Format::RoomOsJson, text);
    check_result(parse_grandstream_xml(text), Format::GrandstreamXml, text);
    check_result(parse_spring_beans_xml(text), Format::SpringBeansXml, text);
    const auto vars = collect_freeswitch_vars(text);
    check(vars.size() <= limits::kMaxFreeswitchVars);
    for (const auto& [name, value] : vars)
        check(!name.empty() && value.size() <= std::max<std::size_t>(size, limits::kMaxSubstitutedBytes));
    check_result(parse_freeswitch_xml(text, vars), Format::FreeswitchXml, text);
    return 0;
}
