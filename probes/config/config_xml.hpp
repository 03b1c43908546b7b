// Shared helpers of the XML and JSON configuration parsers: loading a
// document that may be damaged or a bare attribute fragment, lines of nodes,
// a bounded walk over elements with their dotted paths, the builder that caps
// what a file may add, and the canonical-value conversions (on/off, TLS
// version floors, URL schemes).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "probes/config/config_model.hpp"

namespace vca::probes::config::markup {

// ------------------------------------------------------------------ text

// 1-based line of a byte offset of the text it was built from.
class LineIndex {
public:
    LineIndex() = default;
    explicit LineIndex(std::string_view text);
    [[nodiscard]] int line_of(std::size_t offset) const;

private:
    std::vector<std::size_t> newlines_;
};

// ------------------------------------------------------------ canonical values

// 1/0, true/false, yes/no, on/off, enabled/disabled (any case).
std::optional<bool> parse_bool(std::string_view value);
inline std::string on_off(bool on) { return on ? "on" : "off"; }

// The lowest TLS version a list accepts ("tlsv1,tlsv1.1,tlsv1.2" → "1.0",
// "TLSv1.2" → "1.2"). SSLv2/SSLv3/SSLv23 give "1.0": the vocabulary has
// nothing lower, and "1.0" already fails any modern floor.
std::optional<std::string> tls_floor(std::string_view list);

// Lower-case scheme of "scheme://..." or "scheme:..." (stun:, turns:).
std::optional<std::string> url_scheme(std::string_view url);

// ------------------------------------------------------------------- XML

struct XmlLoadOptions {
    // Text that does not start with '<' is a bare list of attributes (a
    // Polycom line template): wrap it in one element.
    bool attribute_fragment = false;
    // Names may hold template variables (reg.${LINE}.auth.password): they are
    // read from the text as written instead of failing the tag.
    bool template_names = false;
};

// A parsed document. Damage never stops the parse: each broken tag is
// reported as a ParseIssue and blanked, and the rest is read again (up to
// markup_limits::kMaxXmlRepairs); a truncated file keeps its partial tree.
class XmlDocument {
public:
    XmlDocument(std::string_view text, XmlLoadOptions options = {});
    XmlDocument(const XmlDocument&) = delete;
    XmlDocument& operator=(const XmlDocument&) = delete;

    [[nodiscard]] pugi::xml_node document() const { return doc_; }
    [[nodiscard]] pugi::xml_node document_element() const { return doc_.document_element(); }
    [[nodiscard]] int line_of(pugi::xml_node node) const;
    [[nodiscard]] int line_of(pugi::xml_attribute attr) const;
    // Names as written in the file (template variables included).
    [[nodiscard]] std::string name_of(pugi::xml_node node) const;
    [[nodiscard]] std::string name_of(pugi::xml_attribute attr) const;
    [[nodiscard]] const std::vector<ParseIssue>& issues() const { return issues_; }

private:
    [[nodiscard]] std::size_t offset_of(const char* p) const;
    [[nodiscard]] std::string as_written(const char* p) const;

    std::string written_;  // the text parsed, before template names were masked
    std::string buffer_;   // parsed in place: node names and values point into it
    pugi::xml_document doc_;
    LineIndex lines_;
    std::vector<ParseIssue> issues_;
};

// Text content of an element (its PCDATA and CDATA children), trimmed.
std::string text_of(pugi::xml_node element);

// True when an element has element children.
bool has_child_elements(pugi::xml_node element);

struct ElementVisit {
    pugi::xml_node element;
    std::string_view path;  // dotted names below the walk's top: "sipLines.line[1].authPassword"
    std::size_t depth;      // 1 for the top's children
};

// Visits every element below `top` in document order. An element carrying
// one of `index_attributes` gets it as an index in the path ("Proxy[1]").
// Depth and element count are bounded (markup_limits); hitting a bound adds
// an issue.
void walk_elements(const XmlDocument& doc, pugi::xml_node top, const std::vector<std::string_view>& index_attributes,
                   const std::function<void(const ElementVisit&)>& visit, std::vector<ParseIssue>& issues);

// --------------------------------------------------------------- builder

// Collects what one file yields, within markup_limits::kMaxRawSettings and
// kMaxSettings (the excess is dropped with one issue each).
class ConfigBuilder {
public:
    explicit ConfigBuilder(Format format);

    // Keeps a raw setting; returns a copy of what was stored (key empty when
    // nothing was: an empty key, or the limit reached).
    RawSetting raw(std::string key, std::string value, int line);
    // A normalised setting derived from `from`. `source` Default: the file
    // states the product default (a RoomOS dump marks such items).
    void set(std::string_view key, std::string value, const RawSetting& from, Source source = Source::File);
    // The same, with a value that is a template variable: meaning unknown.
    void set_placeholder(std::string_view key, std::string value, const RawSetting& from,
                         Source source = Source::File);
    // The product's documented default, applying because the file is silent.
    void set_default(std::string_view key, std::string value);
    // A setting made elsewhere (the shared Grandstream P-value mapping).
    void add(Setting s);

    void issue(int line, std::string message);
    void issues(const std::vector<ParseIssue>& more);
    DeviceInfo& device() { return out_.device; }
    [[nodiscard]] const std::vector<RawSetting>& raws() const { return out_.raw; }
    ParsedConfig take() { return std::move(out_); }

private:
    ParsedConfig out_;
    bool raw_full_ = false;
    bool settings_full_ = false;
};

// The text of a file within markup_limits::kMaxMarkupBytes; an issue when cut.
std::string_view bounded(std::string_view text, ConfigBuilder& out);

// walk_elements, its issues added to `out` once the walk is over.
void walk_elements(const XmlDocument& doc, pugi::xml_node top, const std::vector<std::string_view>& index_attributes,
                   const std::function<void(const ElementVisit&)>& visit, ConfigBuilder& out);

}  // namespace vca::probes::config::markup
