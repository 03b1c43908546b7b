// SHA-256 as lowercase hex: the digest the manifest records for every file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "auditor/core/result.hpp"

namespace vca::sign {

// Streams the file in 64 KiB chunks (inputs can be multi-GB captures).
// E401 naming the path if it is missing, unreadable or not a regular file.
core::Result<std::string> sha256_file(const std::filesystem::path& path);

// Digest of bytes already in memory; "" only if OpenSSL itself fails.
std::string sha256_hex(std::span<const std::uint8_t> bytes);
std::string sha256_hex(std::string_view bytes);

// Incremental SHA-256, for bytes that are hashed as they are read (the hash
// then names exactly the bytes another consumer saw).
class Sha256Stream {
public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;
    void update(std::span<const std::uint8_t> bytes);
    std::string finish();  // lowercase hex; "" if OpenSSL failed at any step

private:
    void* ctx_;  // EVP_MD_CTX, kept out of this header
    bool ok_;
};

// Lowercase hex of arbitrary bytes (shared by the fingerprint helpers).
std::string to_hex(std::span<const std::uint8_t> bytes);

}  // namespace vca::sign
