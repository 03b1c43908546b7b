#include "probes/config/config_facts.hpp"

#include <set>

#include "auditor/facts/rows.hpp"
#include "probes/config/embedded_secret.hpp"

namespace vca::probes::config {
namespace {

// Secret values are stored as the guard's redacted form with its keyed hash;
// a placeholder is not a secret (it says nothing about the real value).
void fill_value(facts::DeviceSettingRow& row, const std::string& value, bool secret, bool placeholder,
                const creds::SecretGuard& guard) {
    row.placeholder = placeholder;
    if (!secret || placeholder) {
        row.value = value;
        // A password inside a URL or connection string ("mysql://u:pw@h",
        // "user=u password=pw") is a secret whatever the key is called.
        if (auto span = embedded_secret(value); span && !placeholder) {
            creds::Judgement j = guard.judge_secret(std::string_view(value).substr(span->first, span->second));
            row.value = value.substr(0, span->first) + j.redacted + value.substr(span->first + span->second);
            row.secret = true;
            row.weak = j.weak;
            row.secret_hmac = j.hmac;
        }
        return;
    }
    row.secret = true;
    if (value.empty()) {
        row.value = "";  // an empty secret: nothing to hide, and no weak test to make
        return;
    }
    creds::Judgement j = guard.judge_secret(value);
    row.value = j.redacted;
    row.weak = j.weak;
    row.secret_hmac = j.hmac;
}

// A normalised setting is secret by its key (vocabulary.md): "guest_access"
// derived from coturn's "use-auth-secret" is not a secret.
bool secret_setting(const Setting& s) {
    return s.key == "admin.password" || s.key == "sip.password" || s.key == "service.secret" ||
           s.key == "snmp.community";
}

}  // namespace

void emit_config_facts(const ParsedConfig& config, const ConfigContext& ctx, const creds::SecretGuard& guard,
                       facts::FactSink& sink) {
    facts::DeviceRow device;
    device.device_id = ctx.device_id;
    device.input_id = ctx.input_id;
    device.vendor = config.device.vendor;
    device.product = config.device.product;
    device.model = config.device.model;
    device.firmware = config.device.firmware;
    device.mgmt_address = config.device.mgmt_address;
    device.role = ctx.role.empty() ? config.device.role : ctx.role;
    device.format = std::string(format_name(config.format));
    sink.add(device);

    std::set<std::string> mapped;  // raw keys a normalised setting came from
    for (const Setting& s : config.settings) {
        facts::DeviceSettingRow row;
        row.device_id = ctx.device_id;
        row.input_id = ctx.input_id;
        row.key = s.key;
        row.raw_key = s.raw_key;
        row.line = s.line;
        row.source = s.source == Source::Default ? "default" : "file";
        fill_value(row, s.value, secret_setting(s), s.placeholder || is_placeholder(s.value), guard);
        sink.add(row);
        if (!s.raw_key.empty()) mapped.insert(s.raw_key);
    }
    for (const RawSetting& r : config.raw) {
        if (mapped.count(r.key) != 0) continue;
        facts::DeviceSettingRow row;
        row.device_id = ctx.device_id;
        row.input_id = ctx.input_id;
        row.raw_key = r.key;
        row.line = r.line;
        fill_value(row, r.value, is_secret_key(r.key), is_placeholder(r.value), guard);
        sink.add(row);
    }
    for (const ParseIssue& issue : config.issues) {
        facts::AnomalyRow a;
        a.input_id = ctx.input_id;
        a.name = "config_parse_error";
        a.detail = ctx.file_label + ":" + std::to_string(issue.line) + ": " + issue.message;
        sink.add(a);
    }
}

}  // namespace vca::probes::config
