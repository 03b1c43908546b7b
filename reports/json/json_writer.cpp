#include "reports/json/json_writer.hpp"

#include <cassert>
#include <charconv>

namespace vca::report {
namespace {

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlongs,
// surrogates or code points above U+10FFFF), or 0. nlohmann's decoder accepts
// exactly these and copies them unchanged.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    auto at = [&](std::size_t k) -> unsigned char { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
    auto cont = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        return at(k) >= lo && at(k) <= hi;
    };
    const unsigned char c = at(0);
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
    if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    const std::size_t start = out.size();
    out.push_back('"');
    std::size_t i = 0;
    while (i < text.size()) {
        // Runs of bytes that need nothing are copied at once.
        std::size_t run = i;
        while (run < text.size()) {
            const auto c = static_cast<unsigned char>(text[run]);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
            ++run;
        }
        out.append(text.data() + i, run - i);
        i = run;
        if (i == text.size()) break;
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t n = utf8_length(text, i);
            if (n == 0) {
                // Invalid UTF-8: nlohmann's own replacement rules, for the whole string.
                out.resize(start);
                out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                return;
            }
            out.append(text.data() + i, n);
            i += n;
            continue;
        }
        out.push_back('\\');
        switch (c) {
            case '"': out.push_back('"'); break;
            case '\\': out.push_back('\\'); break;
            case '\b': out.push_back('b'); break;
            case '\t': out.push_back('t'); break;
            case '\n': out.push_back('n'); break;
            case '\f': out.push_back('f'); break;
            case '\r': out.push_back('r'); break;
            default:
                out.append("u00");
                out.push_back(kHex[c >> 4]);
                out.push_back(kHex[c & 0xF]);
        }
        ++i;
    }
    out.push_back('"');
}

void JsonWriter::flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
}

void JsonWriter::newline_indent(std::size_t depth) {
    buf_.push_back('\n');
    buf_.append(base_indent_ + 2 * depth, ' ');
}

JsonWriter& JsonWriter::key(std::string_view name) {
    assert(!stack_.empty() && stack_.back().object && !after_key_);
    Frame& f = stack_.back();
#ifndef NDEBUG
    assert((f.count == 0 || f.last_key < name) && "keys must come in ascending order, as nlohmann sorts them");
    f.last_key = std::string(name);
#endif
    if (f.count++ > 0) buf_.push_back(',');
    if (pretty_) newline_indent(stack_.size());
    append_json_string(buf_, name);
    buf_.append(pretty_ ? ": " : ":");
    after_key_ = true;
    return *this;
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (stack_.empty()) return;
    Frame& f = stack_.back();
    assert(!f.object && "a value in an object needs a key");
    if (f.count++ > 0) buf_.push_back(',');
    if (pretty_) newline_indent(stack_.size());
}

void JsonWriter::begin_object() {
    before_value();
    buf_.push_back('{');
    stack_.emplace_back(true);
}

void JsonWriter::begin_array() {
    before_value();
    buf_.push_back('[');
    stack_.emplace_back(false);
}

void JsonWriter::end_object() {
    assert(!stack_.empty() && stack_.back().object && !after_key_);
    const bool empty = stack_.back().count == 0;
    stack_.pop_back();
    if (pretty_ && !empty) newline_indent(stack_.size());
    buf_.push_back('}');
    if (stack_.empty() || buf_.size() > (1U << 16)) flush();
}

void JsonWriter::end_array() {
    assert(!stack_.empty() && !stack_.back().object);
    const bool empty = stack_.back().count == 0;
    stack_.pop_back();
    if (pretty_ && !empty) newline_indent(stack_.size());
    buf_.push_back(']');
    if (stack_.empty() || buf_.size() > (1U << 16)) flush();
}

void JsonWriter::string(std::string_view text) {
    before_value();
    append_json_string(buf_, text);
}

void JsonWriter::number(std::int64_t value) {
    before_value();
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    buf_.append(digits, end);
}

void JsonWriter::boolean(bool value) {
    before_value();
    buf_.append(value ? "true" : "false");
}

void JsonWriter::value(const nlohmann::json& tree) {
    before_value();
    const std::string text = tree.dump(pretty_ ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!pretty_) {
        buf_ += text;
        return;
    }
    const std::size_t indent = base_indent_ + 2 * stack_.size();
    for (std::size_t at = 0; at < text.size();) {
        std::size_t nl = text.find('\n', at);
        nl = nl == std::string::npos ? text.size() : nl + 1;
        buf_.append(text, at, nl - at);
        if (buf_.back() == '\n') buf_.append(indent, ' ');
        at = nl;
    }
}

}  // namespace vca::report
