// ParsedConfig → devices, device_settings and anomalies rows. The only place
// a configuration secret is turned into what may be stored: redacted form,
// keyed hash and weak flag, through the SecretGuard.
#pragma once

#include <cstdint>
#include <string>

#include "auditor/facts/fact_sink.hpp"
#include "probes/config/config_model.hpp"
#include "probes/creds/secret_guard.hpp"

namespace vca::probes::config {

struct ConfigContext {
    std::string device_id;   // the site's name for the device, else the file's name
    std::int64_t input_id = 0;
    std::string file_label;  // path as given, for anomaly details
    std::string role;        // the site's role for the device; overrides the parser's guess when set
};

void emit_config_facts(const ParsedConfig& config, const ConfigContext& ctx, const creds::SecretGuard& guard,
                       facts::FactSink& sink);

}  // namespace vca::probes::config
