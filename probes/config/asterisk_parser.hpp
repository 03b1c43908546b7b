// Asterisk configuration files (pjsip.conf, sip.conf, manager.conf,
// http.conf, rtp.conf, logger.conf, ooh323.conf, ...): INI with `[section]`,
// `[name](!)` templates, `[name](tmpl,...)` inheritance, `[name](+)`
// additions, `key = value` / `key => value`, `;` comments, `;-- ... --;`
// block comments and `#include` / `#tryinclude` / `#exec` directives
// (recorded as raw settings; included files are not read).
//
// Raw keys are "<section>.<key>"; a section inheriting templates gets their
// keys first, with the lines where the template wrote them. Which file it is
// decides the normalisation and is read from the content (section types and
// keys), since the parser is given only text.
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_asterisk_ini(std::string_view text);

}  // namespace vca::probes::config
