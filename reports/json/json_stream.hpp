// Writes a pretty-printed JSON document (nlohmann's dump(2) layout, invalid
// UTF-8 replaced by U+FFFD) whose long arrays are produced one element at a
// time, so no tree or text of a whole array is ever held in memory.
//
// The caller builds a skeleton: the document with each long array replaced by
// streamed_array(name). write_streamed dumps the skeleton and, at each such
// placeholder (in document order), calls fill(name, array); fill adds the
// elements, each dumped on its own and re-indented to its depth. The bytes are
// those dump(2) would give for the full tree.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "reports/json/json_writer.hpp"

namespace vca::report {

class StreamedArray;
using ArrayFiller = std::function<void(std::string_view name, StreamedArray& array)>;

// The placeholder value that stands for the streamed array `name` in a skeleton.
nlohmann::json streamed_array(std::string_view name);

// Dumps `skeleton` as if it were indented by `base_indent` spaces (its first
// line is not: the caller is already there), filling its streamed arrays.
void write_streamed(std::ostream& out, const nlohmann::json& skeleton, std::size_t base_indent,
                    const ArrayFiller& fill);

// One streamed array, open in the output: add its elements in order.
class StreamedArray {
public:
    StreamedArray(std::ostream& out, std::size_t indent) : out_(out), indent_(indent) {}

    void add(const nlohmann::json& element);
    // An element with streamed arrays of its own (e.g. a finding's long list
    // of related observations).
    void add_streamed(const nlohmann::json& skeleton, const ArrayFiller& fill);
    // An element written straight by a JsonWriter placed at its depth.
    template <typename Write>
    void add_written(Write&& write) {
        begin_element();
        JsonWriter w(out_, 2, indent_);
        write(w);
    }
    [[nodiscard]] std::size_t size() const { return count_; }

private:
    friend void write_streamed(std::ostream&, const nlohmann::json&, std::size_t, const ArrayFiller&);
    void begin_element();
    void close();

    std::ostream& out_;
    std::size_t indent_;  // of the elements: the array's own line plus 2
    std::size_t count_ = 0;
};

}  // namespace vca::report
