#include "reports/sign/sha256.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <array>
#include <cerrno>
#include <vector>

#include "reports/sign/codes.hpp"
#include "reports/sign/file_io.hpp"
#include "reports/sign/handles.hpp"
#include "reports/sign/openssl_error.hpp"

namespace vca::sign {

namespace {
constexpr std::size_t kChunk = 64 * 1024;
}  // namespace

std::string to_hex(std::span<const std::uint8_t> bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const std::uint8_t b : bytes) {
        out += kDigits[b >> 4U];
        out += kDigits[b & 0x0FU];
    }
    return out;
}

std::string sha256_hex(std::span<const std::uint8_t> bytes) {
    std::array<std::uint8_t, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md.data(), &len, EVP_sha256(), nullptr) != 1) {
        clear_openssl_errors();
        return {};
    }
    return to_hex(std::span(md.data(), len));
}

std::string sha256_hex(std::string_view bytes) {
    return sha256_hex(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

core::Result<std::string> sha256_file(const std::filesystem::path& path) {
    const auto unreadable = [&](const std::string& why) { return unreadable_file(path, why); };
    // Read-only: hashing must never be able to change the evidence.
    auto opened = open_regular_readonly(path);
    if (!opened) return opened.error();
    UniqueFd fd = std::move(opened.value());

    clear_openssl_errors();
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        return openssl_diag(codes::kUnreadableFile, "cannot start SHA-256",
                            "the OpenSSL installation is broken", path.string());

    std::vector<std::uint8_t> buf(kChunk);
    for (;;) {
        const ssize_t n = ::read(fd.get(), buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return unreadable(errno_text(errno));
        }
        if (n == 0) break;
        if (EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<std::size_t>(n)) != 1)
            return openssl_diag(codes::kUnreadableFile, "SHA-256 failed",
                                "the OpenSSL installation is broken", path.string());
    }
    std::array<std::uint8_t, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx.get(), md.data(), &len) != 1)
        return openssl_diag(codes::kUnreadableFile, "SHA-256 failed",
                            "the OpenSSL installation is broken", path.string());
    return to_hex(std::span(md.data(), len));
}

Sha256Stream::Sha256Stream() : ctx_(EVP_MD_CTX_new()), ok_(false) {
    ok_ = ctx_ != nullptr && EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr) == 1;
}

Sha256Stream::~Sha256Stream() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }

void Sha256Stream::update(std::span<const std::uint8_t> bytes) {
    if (ok_ && !bytes.empty())
        ok_ = EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), bytes.data(), bytes.size()) == 1;
}

std::string Sha256Stream::finish() {
    std::array<std::uint8_t, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (!ok_ || EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), md.data(), &len) != 1) return "";
    ok_ = false;
    return to_hex(std::span<const std::uint8_t>(md.data(), len));
}

}  // namespace vca::sign
