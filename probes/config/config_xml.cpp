// Shared helpers of the XML and JSON configuration parsers (see config_xml.hpp).
#include "probes/config/config_xml.hpp"

#include <algorithm>
#include <cstring>

#include "probes/config/config_text.hpp"
#include "probes/config/config_xml_limits.hpp"

namespace vca::probes::config::markup {
namespace {

namespace limits = markup_limits;

// Characters of template variables (${LINE}, ${PP_EACH_EXTENSION(a,b)}) that
// XML does not allow in a name; masked 1:1 so offsets stay those of the file.
bool is_template_char(char c) {
    return c == '$' || c == '{' || c == '}' || c == '(' || c == ')' || c == ',' || c == '%';
}

// Masks template characters inside tags (outside quoted values, comments,
// CDATA and processing instructions).
std::string mask_template_names(std::string_view text) {
    std::string out(text);
    std::size_t i = 0;
    const std::size_t n = out.size();
    auto skip_to = [&](std::string_view end) {
        std::size_t at = out.find(end, i);
        i = at == std::string::npos ? n : at + end.size();
    };
    while (i < n) {
        if (out[i] != '<') {
            ++i;
            continue;
        }
        std::string_view rest = std::string_view(out).substr(i);
        if (rest.substr(0, 4) == "<!--") {
            skip_to("-->");
        } else if (rest.substr(0, 9) == "<![CDATA[") {
            skip_to("]]>");
        } else if (rest.size() > 1 && (rest[1] == '?' || rest[1] == '!')) {
            skip_to(">");
        } else {
            ++i;
            while (i < n && out[i] != '>') {
                if (out[i] == '"' || out[i] == '\'') {
                    const char quote = out[i];
                    std::size_t close = out.find(quote, i + 1);
                    i = close == std::string::npos ? n : close + 1;
                    continue;
                }
                if (is_template_char(out[i])) out[i] = '_';
                ++i;
            }
        }
    }
    return out;
}

bool blank(std::string& text, std::size_t from, std::size_t to) {
    bool changed = false;
    for (std::size_t i = from; i < to && i < text.size(); ++i) {
        if (text[i] == '\n' || text[i] == ' ') continue;
        text[i] = ' ';
        changed = true;
    }
    return changed;
}

// Blanks the damaged part of the tag around `offset`: from the offset to the
// tag's end for a bad attribute (the element and its earlier attributes
// survive), else the whole tag. False when there is nothing to blank.
bool blank_damage(std::string& text, std::size_t offset, pugi::xml_parse_status status) {
    // Damage at the very end is truncation: pugixml's partial tree already
    // holds everything before it, and blanking would only eat into it.
    const std::size_t last = text.find_last_not_of(" \t\r\n");
    if (last == std::string::npos || offset >= last) return false;
    std::size_t lt = text.rfind('<', offset);
    if (lt == std::string::npos) return false;
    std::size_t gt = text.find('>', offset);
    std::size_t end = gt == std::string::npos ? text.size() : gt + 1;
    if (status == pugi::status_bad_attribute || status == pugi::status_bad_start_element) {
        std::size_t keep = end;
        if (gt != std::string::npos) keep = (gt > offset && text[gt - 1] == '/') ? gt - 1 : gt;
        if (keep > offset && blank(text, offset, keep)) return true;
    }
    return blank(text, lt, end);
}

}  // namespace

// ------------------------------------------------------------------ text

LineIndex::LineIndex(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') newlines_.push_back(i);
}

int LineIndex::line_of(std::size_t offset) const {
    auto before = std::lower_bound(newlines_.begin(), newlines_.end(), offset);
    return static_cast<int>(before - newlines_.begin()) + 1;
}

// ------------------------------------------------------------ canonical values

std::optional<bool> parse_bool(std::string_view value) {
    const std::string v = ascii::to_lower(ascii::trim(value));
    if (v == "1" || v == "true" || v == "yes" || v == "on" || v == "enabled" || v == "enable") return true;
    if (v == "0" || v == "false" || v == "no" || v == "off" || v == "disabled" || v == "disable") return false;
    return std::nullopt;
}

std::optional<std::string> tls_floor(std::string_view list) {
    std::optional<int> lowest;  // minor version of TLS 1.x
    std::size_t i = 0;
    while (i < list.size()) {
        std::size_t j = list.find_first_of(",:; |+", i);
        if (j == std::string_view::npos) j = list.size();
        std::string t = ascii::to_lower(ascii::trim(list.substr(i, j - i)));
        i = j + 1;
        if (t.empty() || t.front() == '!' || t.front() == '-') continue;  // an exclusion, not a version
        std::replace(t.begin(), t.end(), '_', '.');
        std::optional<int> minor;
        if (t == "sslv2" || t == "sslv3" || t == "sslv23" || t == "ssl23" || t == "ssl3" || t == "any") minor = 0;
        for (std::string_view prefix : {"tlsv", "tls", "v", ""}) {
            if (minor || t.rfind(prefix, 0) != 0) continue;
            std::string_view num = std::string_view(t).substr(prefix.size());
            if (num == "1" || num == "1.0") minor = 0;
            else if (num == "1.1") minor = 1;
            else if (num == "1.2") minor = 2;
            else if (num == "1.3") minor = 3;
        }
        if (minor && (!lowest || *minor < *lowest)) lowest = minor;
    }
    if (!lowest) return std::nullopt;
    return "1." + std::to_string(*lowest);
}

std::optional<std::string> url_scheme(std::string_view url) {
    url = ascii::trim(url);
    std::size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    for (std::size_t i = 0; i < colon; ++i) {
        char c = url[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
        if (!ok) return std::nullopt;
    }
    // "host:port" is not a scheme: a scheme is followed by "//" or is a
    // known opaque one.
    std::string scheme = ascii::to_lower(url.substr(0, colon));
    if (url.substr(colon + 1, 2) == "//" || scheme == "stun" || scheme == "stuns" || scheme == "turn" ||
        scheme == "turns" || scheme == "sip" || scheme == "sips")
        return scheme;
    return std::nullopt;
}

// ------------------------------------------------------------------- XML

XmlDocument::XmlDocument(std::string_view text, XmlLoadOptions options) {
    text = text::strip_bom(text);
    std::string_view body = ascii::trim(text);
    if (options.attribute_fragment && !body.empty() && body.front() != '<') {
        // No newline added before the text, so lines stay those of the file.
        written_.reserve(text.size() + 24);
        written_ = "<attribute_fragment ";
        written_.append(text);
        written_ += " />";
    } else {
        written_.assign(text);
    }
    lines_ = LineIndex(written_);
    std::string parsed = options.template_names ? mask_template_names(written_) : written_;

    constexpr unsigned kOptions = pugi::parse_default;
    for (std::size_t attempt = 0;; ++attempt) {
        buffer_ = parsed;
        doc_.reset();
        pugi::xml_parse_result r =
            doc_.load_buffer_inplace(buffer_.data(), buffer_.size(), kOptions, pugi::encoding_utf8);
        if (r) break;
        const std::size_t offset = r.offset < 0 ? 0 : static_cast<std::size_t>(r.offset);
        if (r.status == pugi::status_no_document_element) {
            issues_.push_back({1, "XML: no element in the document"});
            break;
        }
        issues_.push_back({lines_.line_of(offset), std::string("XML damaged: ") + r.description()});
        if (attempt + 1 >= limits::kMaxXmlRepairs) {
            issues_.push_back({lines_.line_of(offset), "XML: more than " + std::to_string(limits::kMaxXmlRepairs) +
                                                           " damaged tags; the rest is not read"});
            break;
        }
        if (!blank_damage(parsed, offset, r.status)) break;  // truncated: the partial tree stays
    }
}

std::size_t XmlDocument::offset_of(const char* p) const {
    const char* begin = buffer_.data();
    if (p == nullptr || p < begin || p >= begin + buffer_.size()) return std::string::npos;
    return static_cast<std::size_t>(p - begin);
}

std::string XmlDocument::as_written(const char* p) const {
    std::size_t off = offset_of(p);
    if (off == std::string::npos) return p == nullptr ? std::string() : std::string(p);
    return written_.substr(off, std::strlen(p));
}

int XmlDocument::line_of(pugi::xml_node node) const {
    const char* p = node.type() == pugi::node_element ? node.name() : node.value();
    std::size_t off = offset_of(p);
    return off == std::string::npos ? 0 : lines_.line_of(off);
}

int XmlDocument::line_of(pugi::xml_attribute attr) const {
    std::size_t off = offset_of(attr.name());
    return off == std::string::npos ? 0 : lines_.line_of(off);
}

std::string XmlDocument::name_of(pugi::xml_node node) const { return as_written(node.name()); }
std::string XmlDocument::name_of(pugi::xml_attribute attr) const { return as_written(attr.name()); }

std::string text_of(pugi::xml_node element) {
    std::string out;
    for (pugi::xml_node c = element.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    return std::string(ascii::trim(out));
}

bool has_child_elements(pugi::xml_node element) {
    for (pugi::xml_node c = element.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element) return true;
    return false;
}

void walk_elements(const XmlDocument& doc, pugi::xml_node top, const std::vector<std::string_view>& index_attributes,
                   const std::function<void(const ElementVisit&)>& visit, std::vector<ParseIssue>& issues) {
    // Iterative, so input-driven depth never grows the call stack.
    // base[d - 1] = length of the parent's path for elements at depth d.
    std::string path;
    std::vector<std::size_t> base{0};
    std::size_t visited = 0;
    bool depth_reported = false;
    pugi::xml_node node = top.first_child();
    std::size_t depth = 1;
    while (node) {
        bool descend = false;
        if (node.type() == pugi::node_element) {
            if (++visited > limits::kMaxXmlElements) {
                issues.push_back({doc.line_of(node), "XML: more than " + std::to_string(limits::kMaxXmlElements) +
                                                         " elements; the rest is not read"});
                return;
            }
            path.resize(base[depth - 1]);
            if (!path.empty()) path += '.';
            path += doc.name_of(node);
            for (std::string_view a : index_attributes) {
                pugi::xml_attribute idx = node.attribute(std::string(a).c_str());
                if (!idx) continue;
                path += '[';
                path += idx.value();
                path += ']';
                break;
            }
            visit(ElementVisit{node, path, depth});
            if (has_child_elements(node)) {
                if (depth < limits::kMaxXmlDepth) {
                    descend = true;
                } else if (!depth_reported) {
                    issues.push_back({doc.line_of(node), "XML: nesting deeper than " +
                                                             std::to_string(limits::kMaxXmlDepth) + " is not read"});
                    depth_reported = true;
                }
            }
        }
        if (descend) {
            base.resize(depth + 1);
            base[depth] = path.size();
            ++depth;
            node = node.first_child();
            continue;
        }
        // Next in document order: a sibling, else the nearest ancestor's sibling.
        while (!node.next_sibling()) {
            node = node.parent();
            --depth;
            if (!node || depth == 0 || node == top) return;
        }
        node = node.next_sibling();
    }
}

// --------------------------------------------------------------- builder

ConfigBuilder::ConfigBuilder(Format format) { out_.format = format; }

RawSetting ConfigBuilder::raw(std::string key, std::string value, int line) {
    if (key.empty()) return {};  // nothing to name it by (a JSON item keyed "")
    if (out_.raw.size() >= limits::kMaxRawSettings) {
        if (!raw_full_)
            out_.issues.push_back({line, "more than " + std::to_string(limits::kMaxRawSettings) +
                                             " settings; the rest is not kept"});
        raw_full_ = true;
        return {};
    }
    out_.raw.push_back(RawSetting{std::move(key), std::move(value), line});
    return out_.raw.back();
}

void ConfigBuilder::add(Setting s) {
    if (out_.settings.size() >= limits::kMaxSettings) {
        if (!settings_full_)
            out_.issues.push_back({s.line, "more than " + std::to_string(limits::kMaxSettings) +
                                               " normalised settings; the rest is not kept"});
        settings_full_ = true;
        return;
    }
    out_.settings.push_back(std::move(s));
}

void ConfigBuilder::set(std::string_view key, std::string value, const RawSetting& from, Source source) {
    if (from.key.empty()) return;  // its raw setting was not kept
    add(Setting{std::string(key), std::move(value), from.key, from.line, source, false});
}

void ConfigBuilder::set_placeholder(std::string_view key, std::string value, const RawSetting& from,
                                    Source source) {
    if (from.key.empty()) return;
    add(Setting{std::string(key), std::move(value), from.key, from.line, source, true});
}

void ConfigBuilder::set_default(std::string_view key, std::string value) {
    add(Setting{std::string(key), std::move(value), "", 0, Source::Default, false});
}

void ConfigBuilder::issue(int line, std::string message) { out_.issues.push_back({line, std::move(message)}); }

void ConfigBuilder::issues(const std::vector<ParseIssue>& more) {
    out_.issues.insert(out_.issues.end(), more.begin(), more.end());
}

std::string_view bounded(std::string_view text, ConfigBuilder& out) {
    if (text.size() <= limits::kMaxMarkupBytes) return text;
    out.issue(0, "file larger than " + std::to_string(limits::kMaxMarkupBytes) + " bytes; only its start is read");
    return text.substr(0, limits::kMaxMarkupBytes);
}

void walk_elements(const XmlDocument& doc, pugi::xml_node top, const std::vector<std::string_view>& index_attributes,
                   const std::function<void(const ElementVisit&)>& visit, ConfigBuilder& out) {
    std::vector<ParseIssue> issues;
    walk_elements(doc, top, index_attributes, visit, issues);
    out.issues(issues);
}

}  // namespace vca::probes::config::markup
