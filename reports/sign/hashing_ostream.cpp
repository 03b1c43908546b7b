#include "reports/sign/hashing_ostream.hpp"

#include <cstdint>

namespace vca::sign {
namespace {

constexpr std::size_t kBufferBytes = 64 * 1024;

}  // namespace

HashingOstream::Buf::Buf(std::ostream& to) : to_(to), buffer_(kBufferBytes) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
}

bool HashingOstream::Buf::pass_on() {
    const auto n = static_cast<std::size_t>(pptr() - pbase());
    sha.update({reinterpret_cast<const std::uint8_t*>(pbase()), n});
    to_.write(pbase(), static_cast<std::streamsize>(n));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return static_cast<bool>(to_);
}

HashingOstream::Buf::int_type HashingOstream::Buf::overflow(int_type c) {
    if (!pass_on()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
    }
    return traits_type::not_eof(c);
}

int HashingOstream::Buf::sync() { return pass_on() ? 0 : -1; }

HashingOstream::HashingOstream(std::ostream& to) : std::ostream(nullptr), buf_(to) { rdbuf(&buf_); }

std::string HashingOstream::finish() {
    if (!buf_.pass_on() || !*this) return {};
    return buf_.sha.finish();
}

}  // namespace vca::sign
