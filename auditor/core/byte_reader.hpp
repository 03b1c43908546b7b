// ByteReader: the only way decoders read untrusted bytes. Every read is
// bounds-checked and reports failure through its return value; nothing throws
// and nothing is cast from packed structs. Views returned point into the
// caller's buffer and live as long as it does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace vca::core {

using Bytes = std::span<const std::uint8_t>;

class ByteReader {
public:
    explicit ByteReader(Bytes data) : data_(data) {}

    [[nodiscard]] std::size_t remaining() const { return data_.size() - pos_; }
    [[nodiscard]] std::size_t position() const { return pos_; }
    [[nodiscard]] bool empty() const { return remaining() == 0; }
    [[nodiscard]] Bytes rest() const { return data_.subspan(pos_); }

    bool u8(std::uint8_t& out) {
        if (remaining() < 1) return false;
        out = data_[pos_++];
        return true;
    }
    bool be16(std::uint16_t& out) {
        if (remaining() < 2) return false;
        out = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
        pos_ += 2;
        return true;
    }
    bool be24(std::uint32_t& out) {
        if (remaining() < 3) return false;
        out = (std::uint32_t{data_[pos_]} << 16) | (std::uint32_t{data_[pos_ + 1]} << 8) |
              std::uint32_t{data_[pos_ + 2]};
        pos_ += 3;
        return true;
    }
    bool be32(std::uint32_t& out) {
        if (remaining() < 4) return false;
        out = (std::uint32_t{data_[pos_]} << 24) | (std::uint32_t{data_[pos_ + 1]} << 16) |
              (std::uint32_t{data_[pos_ + 2]} << 8) | std::uint32_t{data_[pos_ + 3]};
        pos_ += 4;
        return true;
    }
    bool le32(std::uint32_t& out) {
        if (remaining() < 4) return false;
        out = std::uint32_t{data_[pos_]} | (std::uint32_t{data_[pos_ + 1]} << 8) |
              (std::uint32_t{data_[pos_ + 2]} << 16) | (std::uint32_t{data_[pos_ + 3]} << 24);
        pos_ += 4;
        return true;
    }
    // A view of the next n bytes; fails (and consumes nothing) if fewer remain.
    bool bytes(std::size_t n, Bytes& out) {
        if (remaining() < n) return false;
        out = data_.subspan(pos_, n);
        pos_ += n;
        return true;
    }
    bool skip(std::size_t n) {
        if (remaining() < n) return false;
        pos_ += n;
        return true;
    }
    // A reader over the next n bytes (a length-prefixed sub-structure).
    bool sub(std::size_t n, ByteReader& out) {
        Bytes b;
        if (!bytes(n, b)) return false;
        out = ByteReader(b);
        return true;
    }
    [[nodiscard]] std::optional<std::uint8_t> peek(std::size_t offset = 0) const {
        if (remaining() <= offset) return std::nullopt;
        return data_[pos_ + offset];
    }

private:
    Bytes data_;
    std::size_t pos_ = 0;
};

inline std::string_view as_text(Bytes b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};  // char view of bytes: no aliasing issue
}

}  // namespace vca::core
