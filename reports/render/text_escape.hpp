// Text from captures and files (SIP user agents, SNI, file names) is
// attacker-controlled: every renderer passes it through here before it
// becomes markup, so it can neither inject tags nor break a parser.
#pragma once

#include <string>
#include <string_view>

namespace vca::report {

// Valid UTF-8 with no control characters except tab and newline: each
// invalid byte or control character becomes U+FFFD. Pango's markup parser
// rejects the whole text otherwise, and a browser would guess.
std::string clean_text(std::string_view text);

// clean_text, then &, <, >, " and ' as entities: safe in HTML and SVG text
// and attributes, and in Pango markup.
std::string markup_escape(std::string_view text);

}  // namespace vca::report
