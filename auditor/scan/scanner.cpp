#include "auditor/scan/scanner.hpp"

#include <yara.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <limits>
#include <utility>

namespace vca::scan {

namespace {

struct Collector {
    std::vector<Match>* matches = nullptr;
    bool failed = false;  // an allocation failed inside the callback
};

// libyara 4.2 hands out YR_MATCH records from a notebook whose pages are not
// always 8-byte aligned (fixed upstream in 4.3): read their fields by copy
// rather than through the pointer, as yr_string_matches_foreach would.
template <typename T>
T match_field(const YR_MATCH* match, std::size_t offset) {
    T value;
    std::memcpy(&value, reinterpret_cast<const unsigned char*>(match) + offset, sizeof value);
    return value;
}

std::uint64_t first_offset(YR_SCAN_CONTEXT* context, YR_RULE* rule) {
    std::uint64_t best = std::numeric_limits<std::uint64_t>::max();
    YR_STRING* string = nullptr;
    yr_rule_strings_foreach(rule, string) {
        for (const YR_MATCH* match = context->matches[string->idx].head; match != nullptr;
             match = match_field<const YR_MATCH*>(match, offsetof(YR_MATCH, next))) {
            if (match_field<bool>(match, offsetof(YR_MATCH, is_private))) continue;
            const std::int64_t at = match_field<std::int64_t>(match, offsetof(YR_MATCH, base)) +
                                    match_field<std::int64_t>(match, offsetof(YR_MATCH, offset));
            if (at >= 0) best = std::min(best, static_cast<std::uint64_t>(at));
        }
    }
    return best == std::numeric_limits<std::uint64_t>::max() ? 0 : best;
}

int on_scan_message(YR_SCAN_CONTEXT* context, int message, void* message_data, void* user_data) {
    auto* collector = static_cast<Collector*>(user_data);
    if (message != CALLBACK_MSG_RULE_MATCHING) return CALLBACK_CONTINUE;
    auto* rule = static_cast<YR_RULE*>(message_data);
    if (RULE_IS_PRIVATE(rule)) return CALLBACK_CONTINUE;
    try {
        Match m;
        m.rule = rule->identifier;
        m.ns = rule->ns->name;
        const char* tag = nullptr;
        yr_rule_tags_foreach(rule, tag) {
            if (!m.tags.empty()) m.tags += ',';
            m.tags += tag;
        }
        m.offset = first_offset(context, rule);
        collector->matches->push_back(std::move(m));
    } catch (...) {
        collector->failed = true;
        return CALLBACK_ABORT;
    }
    return CALLBACK_CONTINUE;
}

std::string yara_error_text(int code) {
    switch (code) {
        case ERROR_INSUFFICIENT_MEMORY: return "libyara ran out of memory";
        case ERROR_TOO_MANY_MATCHES: return "too many matches for one string";
        default: return "libyara error " + std::to_string(code);
    }
}

}  // namespace

std::string_view to_string(ScanStatus status) {
    switch (status) {
        case ScanStatus::ok: return "ok";
        case ScanStatus::timeout: return "timeout";
        case ScanStatus::too_large_truncated: return "too_large_truncated";
        case ScanStatus::error: return "error";
    }
    return "error";
}

core::Result<Scanner> Scanner::create(std::shared_ptr<const RuleSet> rules, ScannerOptions options) {
    if (!rules || rules->handle() == nullptr)
        return core::make_diag(kErrYaraRuntime, "no compiled YARA rules to scan with", "compile the rule set first");
    YR_SCANNER* handle = nullptr;
    if (yr_scanner_create(rules->handle(), &handle) != ERROR_SUCCESS || handle == nullptr)
        return core::make_diag(kErrYaraRuntime, "libyara could not create a scanner", "free some memory and run again");
    options.timeout_seconds = std::max(options.timeout_seconds, 1);
    yr_scanner_set_timeout(handle, options.timeout_seconds);
    return Scanner(std::move(rules), handle, options);
}

Scanner::Scanner(std::shared_ptr<const RuleSet> rules, YR_SCAN_CONTEXT* handle, ScannerOptions options)
    : rules_(std::move(rules)), handle_(handle), options_(options) {}

Scanner::Scanner(Scanner&& other) noexcept
    : rules_(std::move(other.rules_)), handle_(std::exchange(other.handle_, nullptr)), options_(other.options_) {}

Scanner& Scanner::operator=(Scanner&& other) noexcept {
    if (this != &other) {
        if (handle_ != nullptr) yr_scanner_destroy(handle_);
        handle_ = std::exchange(other.handle_, nullptr);
        rules_ = std::move(other.rules_);
        options_ = other.options_;
    }
    return *this;
}

Scanner::~Scanner() {
    if (handle_ != nullptr) yr_scanner_destroy(handle_);
}

ScanOutcome Scanner::scan(core::Bytes data) noexcept {
    try {
        return scan_bytes(data);
    } catch (...) {  // an allocation failed outside libyara
        ScanOutcome out;
        out.status = ScanStatus::error;
        return out;
    }
}

ScanOutcome Scanner::scan_bytes(core::Bytes data) {
    ScanOutcome out;
    if (handle_ == nullptr) {
        out.status = ScanStatus::error;
        return out;
    }
    const bool truncated = data.size() > options_.max_bytes;
    if (truncated) data = data.first(options_.max_bytes);

    Collector collector{&out.matches};
    yr_scanner_set_callback(handle_, on_scan_message, &collector);
    // libyara wants a non-null buffer even for an empty object.
    static const std::uint8_t kEmpty = 0;
    const int rc = yr_scanner_scan_mem(handle_, data.empty() ? &kEmpty : data.data(), data.size());
    yr_scanner_set_callback(handle_, nullptr, nullptr);

    if (collector.failed) {
        out.status = ScanStatus::error;
        out.error = "out of memory while collecting matches";
    } else if (rc == ERROR_SCAN_TIMEOUT) {
        out.status = ScanStatus::timeout;
    } else if (rc != ERROR_SUCCESS) {
        out.status = ScanStatus::error;
        out.error = yara_error_text(rc);
    } else if (truncated) {
        out.status = ScanStatus::too_large_truncated;
    }
    return out;
}

}  // namespace vca::scan
