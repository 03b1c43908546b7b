// An output stream that hands every byte on to another stream and hashes it
// on the way: a report streamed to its file gets its SHA-256 without being
// held in memory or read back.
#pragma once

#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include "reports/sign/sha256.hpp"

namespace vca::sign {

class HashingOstream : public std::ostream {
public:
    explicit HashingOstream(std::ostream& to);
    // Flushes, then the lowercase hex SHA-256 of everything written; "" if
    // OpenSSL failed or the stream it writes to went bad.
    std::string finish();

private:
    class Buf : public std::streambuf {
    public:
        explicit Buf(std::ostream& to);
        bool pass_on();
        Sha256Stream sha;

    protected:
        int_type overflow(int_type c) override;
        int sync() override;

    private:
        std::ostream& to_;
        std::vector<char> buffer_;
    };
    Buf buf_;
};

}  // namespace vca::sign
