#include "probes/creds/line_splitter.hpp"

#include "probes/creds/secret_wipe.hpp"

namespace vca::probes::creds {

LineSplitter::~LineSplitter() { wipe(buf_); }

void LineSplitter::reset() {
    wipe(buf_);  // lines carry passwords: do not leave them in freed memory
    cut_ = false;
    complete_ = false;
    skipping_ = false;
}

void LineSplitter::resync() {
    reset();
    skipping_ = true;
}

// Grows by hand so the old storage is wiped instead of freed with its bytes.
void LineSplitter::grow() {
    std::string bigger;
    bigger.reserve(buf_.capacity() < 64 ? 128 : buf_.capacity() * 2);
    bigger.assign(buf_);
    wipe(buf_);
    buf_.swap(bigger);
}

bool LineSplitter::take(core::Bytes data, std::size_t& pos) {
    if (complete_) reset();
    while (skipping_ && pos < data.size())
        if (data[pos++] == '\n') skipping_ = false;
    while (pos < data.size()) {
        const char c = static_cast<char>(data[pos++]);
        if (c == '\n') {
            if (!buf_.empty() && buf_.back() == '\r') buf_.pop_back();
            complete_ = true;
            return true;
        }
        if (buf_.size() < max_) {
            if (buf_.size() == buf_.capacity()) grow();
            buf_.push_back(c);
        } else {
            cut_ = true;
        }
    }
    return false;
}

}  // namespace vca::probes::creds
