// Writes JSON straight to a stream, byte for byte as nlohmann's dump() would
// write the same tree (dump(2) pretty or dump(-1) compact, invalid UTF-8
// replaced by U+FFFD), without building the tree: the exports write tens of
// thousands of small objects, and node allocation and nlohmann's per-byte
// escaping were most of their time.
//
// nlohmann sorts object keys (std::map), so callers give keys in ascending
// byte order; debug builds check it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace vca::report {

class JsonWriter {
public:
    // indent_step 2: pretty, the first line at the caller's position and the
    // rest indented by base_indent; -1: compact, one line.
    JsonWriter(std::ostream& out, int indent_step, std::size_t base_indent = 0)
        : out_(out), pretty_(indent_step > 0), base_indent_(base_indent) {}
    ~JsonWriter() { flush(); }
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    // Hands the text written so far to the stream (also done when destroyed).
    void flush();

    JsonWriter& key(std::string_view name);
    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    void string(std::string_view text);
    void number(std::int64_t value);
    void boolean(bool value);
    // A small tree built elsewhere, dumped in place.
    void value(const nlohmann::json& tree);

    // key(name) then the value, for the common cases.
    void field(std::string_view name, std::string_view text) { key(name).string(text); }
    void field(std::string_view name, const char* text) { key(name).string(text); }
    void field(std::string_view name, const std::string& text) { key(name).string(text); }
    void field(std::string_view name, std::int64_t v) { key(name).number(v); }
    void field(std::string_view name, int v) { key(name).number(v); }
    void field(std::string_view name, bool v) { key(name).boolean(v); }

private:
    struct Frame {
        explicit Frame(bool is_object) : object(is_object) {}
        bool object;
        std::size_t count = 0;
#ifndef NDEBUG
        std::string last_key;
#endif
    };
    void before_value();
    void newline_indent(std::size_t depth);

    std::ostream& out_;
    std::string buf_;  // batched: one stream write per element, not per token
    bool pretty_;
    std::size_t base_indent_;
    std::vector<Frame> stack_;
    bool after_key_ = false;
};

// `text` as a JSON string literal with nlohmann's escaping, appended to `out`.
void append_json_string(std::string& out, std::string_view text);

}  // namespace vca::report
