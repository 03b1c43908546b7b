// Spring beans XML → raw settings and the normalised vocabulary (see
// spring_beans_parser.hpp).
#include "probes/config/spring_beans_parser.hpp"

#include <string>
#include <vector>

#include "probes/config/config_xml.hpp"

namespace vca::probes::config {
namespace {

using markup::ConfigBuilder;

// What constructor argument `index` of a bean of class `cls` means.
std::string argument_name(std::string_view cls, std::string_view index) {
    if (ascii::iends_with(cls, ".TurnServer")) {
        if (index == "0") return "secret";
        if (index == "1") return "url";
        if (index == "2") return "ttl";
    }
    if (ascii::iends_with(cls, ".StunServer") && index == "0") return "url";
    if (ascii::iends_with(cls, ".RemoteIceCandidate") && index == "0") return "ip";
    return "arg" + std::string(index);
}

// A constructor-arg or property value: the value attribute, else a <value>
// child's text.
std::string value_of(pugi::xml_node node) {
    if (pugi::xml_attribute a = node.attribute("value")) return a.value();
    if (pugi::xml_node v = node.child("value")) return markup::text_of(v);
    return {};
}

void map_setting(ConfigBuilder& out, const RawSetting& r, std::string_view meaning) {
    if (r.key.empty() || ascii::trim(r.value).empty()) return;
    std::string_view key;
    if (meaning == "url") key = "turn.server";
    if (meaning == "secret") key = "service.secret";
    if (key.empty()) return;
    if (is_placeholder(r.value))
        out.set_placeholder(key, r.value, r);
    else
        out.set(key, std::string(ascii::trim(r.value)), r);
}

}  // namespace

ParsedConfig parse_spring_beans_xml(std::string_view text) {
    ConfigBuilder out(Format::SpringBeansXml);
    text = markup::bounded(text, out);
    out.device().product = "BigBlueButton";
    out.device().role = "web";

    markup::XmlDocument doc(text);
    out.issues(doc.issues());
    std::size_t anonymous = 0;
    markup::walk_elements(
        doc, doc.document(), {},
        [&](const markup::ElementVisit& v) {
            if (doc.name_of(v.element) != "bean") return;
            std::string id = v.element.attribute("id").value();
            if (id.empty()) id = "bean" + std::to_string(++anonymous);
            const std::string cls = v.element.attribute("class").value();
            std::size_t position = 0;
            for (pugi::xml_node c = v.element.first_child(); c; c = c.next_sibling()) {
                if (c.type() != pugi::node_element) continue;
                const std::string name = doc.name_of(c);
                if (name == "constructor-arg") {
                    std::string index = c.attribute("index").value();
                    if (index.empty()) index = std::to_string(position);
                    ++position;
                    const std::string meaning = argument_name(cls, index);
                    map_setting(out, out.raw(id + "." + meaning, value_of(c), doc.line_of(c)), meaning);
                } else if (name == "property" && c.attribute("name")) {
                    const std::string value = value_of(c);
                    if (!value.empty() || c.attribute("value"))
                        out.raw(id + "." + c.attribute("name").value(), value, doc.line_of(c));
                }
            }
        },
        out);
    return out.take();
}

}  // namespace vca::probes::config
