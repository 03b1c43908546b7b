// Kamailio tls module configuration (tls.cfg): `#` comments, profile
// sections `[server:default]`, `[client:default]`, `[server:IP:PORT]`,
// `[client:any]`, and `key = value` lines (method, verify_certificate,
// require_certificate, cipher_list, certificate, private_key, ca_list, ...).
// Raw keys are "<profile>.<key>".
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_kamailio_tls_cfg(std::string_view text);

}  // namespace vca::probes::config
