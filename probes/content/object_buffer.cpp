#include "probes/content/object_buffer.hpp"

#include <algorithm>

namespace vca::probes::content {

std::string_view cut_name(Cut cut) {
    switch (cut) {
        case Cut::Object: return "per-object";
        case Cut::Flow: return "per-flow";
        case Cut::Total: return "in-flight";
        case Cut::Inflated: return "inflated size";
        case Cut::None: break;
    }
    return "";
}

ObjectBuffer::ObjectBuffer(ObjectBuffer&& other) noexcept
    : budget_(other.budget_), max_(other.max_), bytes_(std::move(other.bytes_)), cut_(other.cut_) {
    other.bytes_.clear();
    other.cut_ = Cut::None;
}

ObjectBuffer& ObjectBuffer::operator=(ObjectBuffer&& other) noexcept {
    if (this != &other) {
        clear();
        budget_ = other.budget_;
        max_ = other.max_;
        bytes_ = std::move(other.bytes_);
        cut_ = other.cut_;
        other.bytes_.clear();
        other.cut_ = Cut::None;
    }
    return *this;
}

bool ObjectBuffer::append(core::Bytes data) {
    if (cut_ != Cut::None) return false;
    if (data.empty()) return true;
    std::size_t n = data.size();
    if (n > max_ - bytes_.size()) {
        n = max_ - bytes_.size();
        cut_ = Cut::Object;
    }
    if (n > 0) {
        n = budget_->take(n, cut_);
        // Grow geometrically but never past the object bound.
        if (bytes_.capacity() < bytes_.size() + n)
            bytes_.reserve(std::min(max_, std::max(bytes_.size() + n, bytes_.capacity() * 2)));
        bytes_.insert(bytes_.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(n));
    }
    return cut_ == Cut::None;
}

std::vector<std::uint8_t> ObjectBuffer::take() {
    budget_->give(bytes_.size());
    std::vector<std::uint8_t> out = std::move(bytes_);
    bytes_.clear();
    return out;
}

void ObjectBuffer::clear() {
    budget_->give(bytes_.size());
    bytes_.clear();
    bytes_.shrink_to_fit();
    cut_ = Cut::None;
}

}  // namespace vca::probes::content
