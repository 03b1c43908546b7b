// ObjectBuffer: the bytes of one object as they arrive, bounded three ways
// (the object, its flow, all flows together: content_limits.hpp). Once a bound
// is hit the buffer keeps what it has and takes nothing more; cut() says
// which bound. What it holds is given back to the budgets when taken or
// destroyed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::content {

enum class Cut { None, Object, Flow, Total, Inflated };

// "per-object", "per-flow", "in-flight", "inflated size" (anomaly details).
std::string_view cut_name(Cut cut);

// Bytes held by every extractor together.
class TotalBudget {
public:
    explicit TotalBudget(std::size_t max) : max_(max) {}
    bool take(std::size_t n) {
        if (n > max_ - used_) return false;
        used_ += n;
        return true;
    }
    void give(std::size_t n) { used_ -= n < used_ ? n : used_; }
    [[nodiscard]] std::size_t used() const { return used_; }
    [[nodiscard]] std::size_t max() const { return max_; }

private:
    std::size_t max_;
    std::size_t used_ = 0;
};

// Bytes held by one flow; draws on the total.
class FlowBudget {
public:
    // Raw streams also draw on `streams` (nullptr for files and bodies).
    FlowBudget(TotalBudget& total, std::size_t max, TotalBudget* streams = nullptr)
        : total_(total), streams_(streams), max_(max) {}
    FlowBudget(const FlowBudget&) = delete;
    FlowBudget& operator=(const FlowBudget&) = delete;
    // Grants as many of `n` bytes as both bounds allow; `why` names the
    // bound that refused the rest (unchanged when all were granted).
    std::size_t take(std::size_t n, Cut& why) {
        std::size_t granted = n;
        if (granted > max_ - used_) {
            granted = max_ - used_;
            why = Cut::Flow;
        }
        std::size_t total_left = total_.max() - total_.used();
        if (streams_ != nullptr) total_left = std::min(total_left, streams_->max() - streams_->used());
        if (granted > total_left) {
            granted = total_left;
            why = Cut::Total;
        }
        total_.take(granted);
        if (streams_ != nullptr) streams_->take(granted);
        used_ += granted;
        return granted;
    }
    void give(std::size_t n) {
        if (n > used_) n = used_;
        used_ -= n;
        total_.give(n);
        if (streams_ != nullptr) streams_->give(n);
    }
    [[nodiscard]] std::size_t used() const { return used_; }

private:
    TotalBudget& total_;
    TotalBudget* streams_;
    std::size_t max_;
    std::size_t used_ = 0;
};

class ObjectBuffer {
public:
    ObjectBuffer(FlowBudget& budget, std::size_t max_object) : budget_(&budget), max_(max_object) {}
    ObjectBuffer(ObjectBuffer&& other) noexcept;
    ObjectBuffer& operator=(ObjectBuffer&& other) noexcept;
    ObjectBuffer(const ObjectBuffer&) = delete;
    ObjectBuffer& operator=(const ObjectBuffer&) = delete;
    ~ObjectBuffer() { clear(); }

    // Keeps as much of `data` as the bounds allow; false once cut.
    bool append(core::Bytes data);
    // Records a cut that happened upstream (e.g. the HTTP capture window).
    void mark_cut(Cut why) {
        if (cut_ == Cut::None) cut_ = why;
    }
    // Moves the bytes out and returns them to the budgets; cut() stays.
    std::vector<std::uint8_t> take();
    // Drops the bytes and the cut: ready for the next object.
    void clear();

    [[nodiscard]] Cut cut() const { return cut_; }
    [[nodiscard]] std::size_t size() const { return bytes_.size(); }
    [[nodiscard]] bool empty() const { return bytes_.empty(); }

private:
    FlowBudget* budget_;
    std::size_t max_;
    std::vector<std::uint8_t> bytes_;
    Cut cut_ = Cut::None;
};

}  // namespace vca::probes::content
