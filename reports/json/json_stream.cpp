#include "reports/json/json_stream.hpp"

#include <cstring>
#include <random>
#include <stdexcept>

namespace vca::report {
namespace {

using nlohmann::json;

std::string dump_pretty(const json& value) { return value.dump(2, ' ', false, json::error_handler_t::replace); }

// A random tag in every placeholder: report text that merely looks like a
// placeholder can never be taken for one. It never reaches the output.
const std::string& placeholder_prefix() {
    static const std::string prefix = [] {
        std::random_device rd;
        return "\x01vcaudit-stream:" + std::to_string(rd()) + "-" + std::to_string(rd()) + ":";
    }();
    return prefix;
}

void write_spaces(std::ostream& out, std::size_t n) {
    static constexpr char kSpaces[] = "                                                                ";
    constexpr std::size_t kChunk = sizeof kSpaces - 1;
    for (; n > kChunk; n -= kChunk) out.write(kSpaces, kChunk);
    out.write(kSpaces, static_cast<std::streamsize>(n));
}

// dump() text moved right by `indent`: every line but the first gets the spaces.
void write_indented(std::ostream& out, std::string_view text, std::size_t indent) {
    while (!text.empty()) {
        const void* nl = std::memchr(text.data(), '\n', text.size());
        const std::size_t len = nl ? static_cast<const char*>(nl) - text.data() + 1 : text.size();
        out.write(text.data(), static_cast<std::streamsize>(len));
        if (nl) write_spaces(out, indent);
        text.remove_prefix(len);
    }
}

}  // namespace

json streamed_array(std::string_view name) {
    std::string text = placeholder_prefix();
    text.append(name).push_back('\x01');
    return text;
}

void write_streamed(std::ostream& out, const json& skeleton, std::size_t base_indent, const ArrayFiller& fill) {
    const std::string text = dump_pretty(skeleton);
    // The placeholder prefix as dump() writes it (control characters escaped),
    // with its opening quote and without the closing one.
    std::string marker = dump_pretty(placeholder_prefix());
    marker.pop_back();
    const std::string close = "\\u0001\"";
    std::size_t pos = 0;
    for (std::size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, pos)) {
        const std::size_t name_begin = at + marker.size();
        const std::size_t name_end = text.find(close, name_begin);
        if (name_end == std::string::npos) throw std::logic_error("streamed JSON: unterminated placeholder");
        write_indented(out, std::string_view(text).substr(pos, at - pos), base_indent);
        const std::size_t line_begin = text.rfind('\n', at) + 1;  // npos + 1 == 0 on the first line
        const std::size_t line_indent = text.find_first_not_of(' ', line_begin) - line_begin;
        out.put('[');
        StreamedArray array(out, base_indent + line_indent + 2);
        fill(std::string_view(text).substr(name_begin, name_end - name_begin), array);
        array.close();
        pos = name_end + close.size();
    }
    write_indented(out, std::string_view(text).substr(pos), base_indent);
}

void StreamedArray::begin_element() {
    out_.write(count_ == 0 ? "\n" : ",\n", count_ == 0 ? 1 : 2);
    write_spaces(out_, indent_);
    ++count_;
}

void StreamedArray::add(const json& element) {
    begin_element();
    write_indented(out_, dump_pretty(element), indent_);
}

void StreamedArray::add_streamed(const json& skeleton, const ArrayFiller& fill) {
    begin_element();
    write_streamed(out_, skeleton, indent_, fill);
}

void StreamedArray::close() {
    if (count_ > 0) {
        out_.put('\n');
        write_spaces(out_, indent_ - 2);
    }
    out_.put(']');
}

}  // namespace vca::report
