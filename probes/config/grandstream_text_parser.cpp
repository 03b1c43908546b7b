#include "probes/config/grandstream_text_parser.hpp"

#include <cctype>
#include <string>

#include "probes/config/config_text.hpp"
#include "probes/config/grandstream_pvalues.hpp"

namespace vca::probes::config {

ParsedConfig parse_grandstream_text(std::string_view input) {
    text::ConfigBuilder out(Format::GrandstreamText);
    out.device().vendor = "Grandstream";
    out.device().role = "phone";
    for (const text::Line& line : text::split_lines(input, out)) {
        if (out.full()) break;
        const std::string_view s = text::trim(line.text);
        if (s.empty() || s.front() == '#') continue;
        const auto eq = s.find('=');
        if (eq == std::string_view::npos) {
            out.issue(line.number, "line is not 'Pnnn = value'");
            continue;
        }
        const std::string_view key = text::trim(s.substr(0, eq));
        // Newer firmware also accepts named aliases; any single-word key is kept.
        if (key.empty() || key.find_first_of(" \t") != std::string_view::npos) {
            out.issue(line.number, "malformed key before '='");
            continue;
        }
        out.raw(std::string(key), std::string(text::trim(s.substr(eq + 1))), line.number);
    }
    for (Setting& s : normalise_grandstream_pvalues(out.view().raw)) {
        if (s.source == Source::Default)
            out.set_default(s.key, std::move(s.value));
        else
            out.set(s.key, std::move(s.value), std::move(s.raw_key), s.line, s.placeholder);
    }
    return out.take();
}

}  // namespace vca::probes::config
