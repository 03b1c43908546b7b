// LineSplitter: cuts one direction of a text protocol into lines as bytes
// arrive in arbitrary chunks, holding at most `max_line` bytes of the line in
// progress. A longer line is still reported (so command/reply pairing stays
// in step) but flagged as cut, and its tail is never buffered.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::creds {

class LineSplitter {
public:
    explicit LineSplitter(std::size_t max_line) : max_(max_line) {}
    ~LineSplitter();
    LineSplitter(const LineSplitter&) = delete;
    LineSplitter& operator=(const LineSplitter&) = delete;

    // Takes bytes of `data` from `pos` up to and including the next LF and
    // advances `pos`. True when that completed a line: line() is it without
    // its CR LF (or bare LF), valid until the next call.
    bool take(core::Bytes data, std::size_t& pos);

    [[nodiscard]] std::string_view line() const { return buf_; }
    [[nodiscard]] bool cut() const { return cut_; }  // the line was longer than the limit

    // Forgets the line in progress and wipes what it held.
    void reset();
    // After lost bytes: also drops everything up to the next LF, since the
    // first bytes after a gap are the tail of a line whose start is gone.
    void resync();

private:
    void grow();

    std::size_t max_;
    std::string buf_;
    bool cut_ = false;
    bool complete_ = false;
    bool skipping_ = false;
};

}  // namespace vca::probes::creds
