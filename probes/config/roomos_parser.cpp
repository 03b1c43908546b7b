// RoomOS configuration (XML tree or Webex JSON dump) → raw settings and the
// normalised vocabulary (see roomos_parser.hpp).
#include "probes/config/roomos_parser.hpp"

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "probes/config/config_xml.hpp"
#include "probes/config/config_xml_limits.hpp"

namespace vca::probes::config {
namespace {

using markup::ConfigBuilder;
using ascii::iends_with;
using ascii::istarts_with;

struct Entry {
    RawSetting raw;
    Source source = Source::File;
};

// "SIP.Proxy[1].Address" → "sip.proxy.address": indices do not change meaning.
std::string match_key(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    int bracket = 0;
    for (char c : key) {
        if (c == '[') ++bracket;
        if (bracket == 0) out += c;
        if (c == ']' && bracket > 0) --bracket;
    }
    return ascii::to_lower(out);
}

class RoomOsMapper {
public:
    RoomOsMapper(ConfigBuilder& out, const std::vector<Entry>& entries) : out_(out), entries_(entries) {
        for (const Entry& e : entries_) {
            const std::string k = match_key(e.raw.key);
            if (iends_with(k, ".mode")) modes_[k] = ascii::to_lower(ascii::trim(e.raw.value));
        }
    }

    void map_all() {
        for (const Entry& e : entries_) map_one(e);
    }

private:
    // A feature switched off makes its settings inert: "X.Y.TlsVerify" is
    // moot when "X.Y.Mode" is Off, and every SIP.* setting when
    // NetworkServices.SIP.Mode is Off (cloud-registered devices place no SIP
    // calls, so SIP.DefaultTransport "Auto" is no finding).
    bool inert(const std::string& k) const {
        std::string mode = istarts_with(k, "sip.") ? std::string("networkservices.sip.mode")
                                                   : k.substr(0, k.rfind('.')) + ".mode";
        auto it = modes_.find(mode);
        return it != modes_.end() && it->second == "off";
    }

    bool mode_off(std::string_view mode_key) const {
        auto it = modes_.find(std::string(mode_key));
        return it != modes_.end() && it->second == "off";
    }

    void set(std::string_view key, std::string value, const Entry& e) {
        if (is_placeholder(e.raw.value))
            out_.set_placeholder(key, e.raw.value, e.raw, e.source);
        else
            out_.set(key, std::move(value), e.raw, e.source);
    }

    void set_bool(std::string_view key, const Entry& e, bool invert = false) {
        if (is_placeholder(e.raw.value)) return set(key, "", e);
        if (auto b = markup::parse_bool(e.raw.value)) set(key, markup::on_off(invert ? !*b : *b), e);
    }

    void set_text(std::string_view key, const Entry& e) {
        if (!ascii::trim(e.raw.value).empty()) set(key, std::string(ascii::trim(e.raw.value)), e);
    }

    void map_one(const Entry& e) {
        const std::string k = match_key(e.raw.key);
        const std::string v = ascii::to_lower(ascii::trim(e.raw.value));
        const bool gated = iends_with(k, ".minimumtlsversion") || iends_with(k, ".tlsverify") ||
                           iends_with(k, ".verifyservercertificate") || iends_with(k, ".allowinsecurehttps") ||
                           istarts_with(k, "sip.");
        if (gated && inert(k)) return;
        if (k == "networkservices.http.mode") {
            // HTTP+HTTPS, HTTPS, HTTP (older CE) or Off.
            if (is_placeholder(e.raw.value)) return set("mgmt.http", "", e);
            if (v == "http+https" || v == "https" || v == "http" || v == "off") {
                set("mgmt.http", markup::on_off(v == "http+https" || v == "http"), e);
                set("mgmt.https", markup::on_off(v == "http+https" || v == "https"), e);
            }
        } else if (k == "networkservices.https.stricttransportsecurity") {
            set_bool("http.hsts", e);
        } else if (iends_with(k, ".minimumtlsversion")) {
            if (is_placeholder(e.raw.value)) return set("tls.min_version", "", e);
            if (auto floor = markup::tls_floor(e.raw.value)) set("tls.min_version", *floor, e);
        } else if (iends_with(k, ".tlsverify") || iends_with(k, ".verifyservercertificate")) {
            set_bool("tls.verify_peer", e);
        } else if (iends_with(k, ".allowinsecurehttps")) {
            set_bool("tls.verify_peer", e, true);  // allowing insecure HTTPS = not verifying
        } else if (k == "sip.defaulttransport") {
            if (is_placeholder(e.raw.value)) return set("sip.transport", "", e);
            if (v == "auto" || v == "tcp" || v == "tls" || v == "udp") set("sip.transport", v, e);
        } else if (k == "conference.autoanswer.mode") {
            set_bool("auto_answer", e);
        } else if (k == "networkservices.snmp.mode") {
            // Off, ReadOnly, ReadWrite.
            if (is_placeholder(e.raw.value)) return set("snmp.enabled", "", e);
            if (!v.empty()) set("snmp.enabled", markup::on_off(v != "off"), e);
        } else if (k == "networkservices.snmp.communityname") {
            set_text("snmp.community", e);
        } else if (k == "networkservices.telnet.mode") {
            set_bool("mgmt.telnet", e);
        } else if (k == "networkservices.ssh.mode") {
            set_bool("mgmt.ssh", e);
        } else if (k == "networkservices.h323.mode") {
            set_bool("h323.enabled", e);
        } else if (istarts_with(k, "logging.external.server") && iends_with(k, ".address")) {
            if (!mode_off("logging.external.mode")) set_text("syslog.server", e);
        } else if (istarts_with(k, "networkservices.ntp.server") && iends_with(k, ".address")) {
            if (!mode_off("networkservices.ntp.mode")) set_text("ntp.server", e);
        } else if (k == "provisioning.externalmanager.protocol") {
            if (is_placeholder(e.raw.value)) return set("provisioning.scheme", "", e);
            if (v == "http" || v == "https") set("provisioning.scheme", v, e);
        } else if (k == "conference.encryption.mode") {
            // On, BestEffort, Off (on-premises codecs).
            if (is_placeholder(e.raw.value)) return set("media.srtp", "", e);
            if (v == "on") set("media.srtp", "required", e);
            if (v == "besteffort") set("media.srtp", "optional", e);
            if (v == "off") set("media.srtp", "off", e);
        } else if (k == "systemunit.software.version") {
            set_text("firmware.version", e);
            if (!e.raw.value.empty() && !is_placeholder(e.raw.value)) out_.device().firmware = e.raw.value;
        }
    }

    ConfigBuilder& out_;
    const std::vector<Entry>& entries_;
    std::map<std::string, std::string> modes_;  // "<feature>.mode" → its value, lower case
};

void describe_device(ConfigBuilder& out) {
    out.device().vendor = "Cisco";
    out.device().product = "RoomOS";
    out.device().role = "endpoint";
}

// ------------------------------------------------------------------- JSON

using Json = nlohmann::json;

// The DOM builder of nlohmann::json with a nesting bound, and the byte
// position of a syntax error instead of an exception. What was read before
// the error stays in the tree.
class BoundedJsonBuilder : public nlohmann::detail::json_sax_dom_parser<Json> {
public:
    using Base = nlohmann::detail::json_sax_dom_parser<Json>;
    explicit BoundedJsonBuilder(Json& into) : Base(into, false) {}

    bool start_object(std::size_t n) { return deeper() && Base::start_object(n); }
    bool end_object() {
        --depth_;
        return Base::end_object();
    }
    bool start_array(std::size_t n) { return deeper() && Base::start_array(n); }
    bool end_array() {
        --depth_;
        return Base::end_array();
    }
    bool parse_error(std::size_t position, const std::string& /*token*/, const nlohmann::detail::exception& /*e*/) {
        error_at = position;
        return false;
    }

    std::optional<std::size_t> error_at;
    bool too_deep = false;

private:
    bool deeper() {
        if (++depth_ <= markup_limits::kMaxJsonDepth) return true;
        too_deep = true;
        return false;
    }
    std::size_t depth_ = 0;
};

std::string scalar_text(const Json& v) {
    if (v.is_string()) return v.get_ref<const std::string&>();
    if (v.is_null()) return {};
    return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// The items of a deviceConfigurations body: an object key → item, or an
// array of {key, value, source}.
const Json* find_items(const Json& root) {
    for (const Json* at : {&root, root.is_object() && root.contains("response") ? &root["response"] : nullptr}) {
        if (at == nullptr || !at->is_object()) continue;
        const Json* body = at->contains("body") ? &(*at)["body"] : at;
        if (body->is_object() && body->contains("items")) return &(*body)["items"];
    }
    return root.is_array() ? &root : nullptr;
}

void add_item(ConfigBuilder& out, std::vector<Entry>& entries, const std::string& key, const Json& item) {
    Entry e;
    if (item.is_object()) {
        if (item.contains("value")) e.raw.value = scalar_text(item["value"]);
        if (item.contains("source") && item["source"].is_string() &&
            item["source"].get_ref<const std::string&>() == "default")
            e.source = Source::Default;
    } else {
        e.raw.value = scalar_text(item);
    }
    e.raw = out.raw(key, std::move(e.raw.value), 0);
    if (!e.raw.key.empty()) entries.push_back(std::move(e));
}

}  // namespace

ParsedConfig parse_roomos_xml(std::string_view text) {
    ConfigBuilder out(Format::RoomOsXml);
    text = markup::bounded(text, out);
    describe_device(out);

    markup::XmlDocument doc(text);
    out.issues(doc.issues());
    std::vector<Entry> entries;
    markup::walk_elements(
        doc, doc.document_element(), {"item"},
        [&](const markup::ElementVisit& v) {
            if (markup::has_child_elements(v.element)) return;
            RawSetting r = out.raw(std::string(v.path), markup::text_of(v.element), doc.line_of(v.element));
            if (!r.key.empty()) entries.push_back(Entry{std::move(r), Source::File});
        },
        out);

    RoomOsMapper(out, entries).map_all();
    return out.take();
}

ParsedConfig parse_roomos_json(std::string_view text) {
    ConfigBuilder out(Format::RoomOsJson);
    text = markup::bounded(text, out);
    describe_device(out);

    Json root;
    BoundedJsonBuilder builder(root);
    (void)Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json, true);
    if (builder.too_deep)
        out.issue(
            0, "JSON: nesting deeper than " + std::to_string(markup_limits::kMaxJsonDepth) + "; the rest is not read");
    if (builder.error_at) {
        const std::size_t at = *builder.error_at > 0 ? *builder.error_at - 1 : 0;
        out.issue(markup::LineIndex(text).line_of(at), "JSON damaged: syntax error; what precedes it is kept");
    }

    std::vector<Entry> entries;
    const Json* items = find_items(root);
    if (items == nullptr) {
        out.issue(0, "JSON: no deviceConfigurations items found");
    } else if (items->is_object()) {
        for (auto it = items->begin(); it != items->end(); ++it) add_item(out, entries, it.key(), it.value());
    } else if (items->is_array()) {
        for (const Json& item : *items) {
            if (!item.is_object() || !item.contains("key") || !item["key"].is_string()) continue;
            add_item(out, entries, item["key"].get_ref<const std::string&>(), item);
        }
    }

    RoomOsMapper(out, entries).map_all();
    return out.take();
}

}  // namespace vca::probes::config
