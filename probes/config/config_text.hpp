// Shared pieces of the text configuration parsers: splitting a file into
// numbered lines, trimming, reading the small value vocabularies (booleans,
// URL schemes, TLS version names), and ConfigBuilder, which fills a
// ParsedConfig within the bounds of config_limits.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auditor/core/ascii.hpp"
#include "probes/config/config_model.hpp"

namespace vca::probes::config::text {

struct Line {
    std::string_view text;  // without its line break; may be cut at kMaxLineLength
    int number = 0;         // 1-based
};

// Drops a leading UTF-8 byte-order mark.
std::string_view strip_bom(std::string_view text);

// These formats take every C white-space character for space, form feed and
// vertical tab included.
inline std::string_view trim(std::string_view s) { return core::ascii::trim(s, core::ascii::kWhitespace); }

// The value without one pair of surrounding matching quotes (' or ").
std::string_view strip_quotes(std::string_view s);

// yes/no, true/false, on/off, 1/0, enable(d)/disable(d); nullopt otherwise.
std::optional<bool> parse_bool(std::string_view s);

// "on" / "off".
std::string on_off(bool b);

// Lower-case scheme of "scheme://..." ("" when the value has none).
std::string url_scheme(std::string_view url);

// Lowest TLS version a protocol name allows, in the vocabulary's form:
// "TLSv1" "tlsv1_1" "TLSv1.2+" "TLSv1.3" "SSLv23" "SSLv3" ... → "1.0".."1.3".
// SSL versions and "any" methods map to "1.0", the lowest the vocabulary has.
std::optional<std::string> tls_version(std::string_view name);

// Password of "scheme://user:password@host/..." ("" when there is none).
std::string url_password(std::string_view url);

// Decimal integer (optional sign), nullopt when the text is not one.
std::optional<long> parse_int(std::string_view s);

// Fills a ParsedConfig: every add is bounded, an empty normalised value is
// not a setting (every format here writes "unset" as empty), and a setting's
// placeholder flag follows is_placeholder unless the caller knows better.
class ConfigBuilder {
public:
    explicit ConfigBuilder(Format format);

    void raw(std::string key, std::string value, int line);
    void set(std::string_view key, std::string value, std::string raw_key, int line,
             std::optional<bool> placeholder = std::nullopt);
    // The product's documented default, applying because the file is silent;
    // recorded once per (key, value) however many objects it applies to.
    void set_default(std::string_view key, std::string value);
    void issue(int line, std::string message);

    [[nodiscard]] bool has(std::string_view key) const;
    // True once the raw or normalised settings reached their limit.
    [[nodiscard]] bool full() const { return full_; }

    DeviceInfo& device() { return out_.device; }
    const ParsedConfig& view() const { return out_; }
    ParsedConfig take() { return std::move(out_); }

private:
    ParsedConfig out_;
    bool full_ = false;
    bool issues_full_ = false;
};

// A URL setting and the scheme setting derived from it. A scheme given by a
// template variable ("{$type}://host") is kept as a placeholder scheme.
void add_url(ConfigBuilder& out, std::string_view url_key, std::string_view scheme_key, std::string_view value,
             const std::string& raw_key, int line);

// True when `key` matches `pattern`, where '#' in the pattern stands for one
// or more digits ("account.#.password" matches "account.12.password").
bool matches_indexed(std::string_view key, std::string_view pattern);

// The file as lines: LF, CRLF or a lone CR end a line; a BOM is dropped; the
// file is read up to kMaxConfigBytes and each line up to kMaxLineLength (an
// issue is reported for each cut).
std::vector<Line> split_lines(std::string_view text, ConfigBuilder& out);

}  // namespace vca::probes::config::text
