#include "reports/sign/http_post.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <memory>

#include "reports/sign/codes.hpp"
#include "reports/sign/file_io.hpp"

namespace vca::sign {

namespace {

struct AddrInfoFree {
    void operator()(addrinfo* p) const noexcept { freeaddrinfo(p); }
};

core::Diagnostic tsa_error(std::string_view url, const std::string& why) {
    return core::make_diag(codes::kTimestampFailed, "timestamp authority: " + why,
                           "check --tsa-url, or audit without it and timestamp later", std::string(url));
}

bool send_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Case-insensitive header lookup in the header block; "" if absent.
std::string header_value(std::string_view headers, std::string_view name) {
    std::size_t pos = 0;
    while (pos < headers.size()) {
        std::size_t end = headers.find("\r\n", pos);
        if (end == std::string_view::npos) end = headers.size();
        std::string_view line = headers.substr(pos, end - pos);
        pos = end + 2;
        if (line.size() <= name.size() || line[name.size()] != ':') continue;
        bool same = true;
        for (std::size_t i = 0; i < name.size() && same; ++i)
            same = std::tolower(static_cast<unsigned char>(line[i])) == std::tolower(static_cast<unsigned char>(name[i]));
        if (!same) continue;
        std::string_view v = line.substr(name.size() + 1);
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        return std::string(v);
    }
    return {};
}

}  // namespace

core::Result<HttpUrl> parse_http_url(std::string_view url) {
    constexpr std::string_view kScheme = "http://";
    if (url.substr(0, kScheme.size()) != kScheme)
        return core::make_diag(codes::kBadArgument, "only http:// timestamp authorities are supported",
                               "use the TSA's plain-HTTP address (the token it returns is signed)", std::string(url));
    std::string_view rest = url.substr(kScheme.size());
    const std::size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    HttpUrl out;
    if (slash != std::string_view::npos) out.path = std::string(rest.substr(slash));
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos)
            return core::make_diag(codes::kBadArgument, "unclosed [ in the address", {}, std::string(url));
        out.host = std::string(authority.substr(1, close - 1));
        authority.remove_prefix(close + 1);
        if (!authority.empty() && authority.front() == ':') out.port = std::string(authority.substr(1));
    } else {
        const std::size_t colon = authority.find(':');
        out.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) out.port = std::string(authority.substr(colon + 1));
    }
    if (out.host.empty() || out.port.empty() || out.port.find_first_not_of("0123456789") != std::string::npos ||
        out.host.find_first_of(" \r\n@") != std::string::npos || out.path.find_first_of(" \r\n") != std::string::npos)
        return core::make_diag(codes::kBadArgument, "not an http://host[:port]/path address", {}, std::string(url));
    return out;
}

core::Result<std::string> http_post(std::string_view url, std::string_view content_type, std::string_view body) {
    auto parsed = parse_http_url(url);
    if (!parsed) return parsed.error();
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (const int rc = ::getaddrinfo(parsed->host.c_str(), parsed->port.c_str(), &hints, &found); rc != 0)
        return tsa_error(url, std::string("cannot resolve the host: ") + ::gai_strerror(rc));
    std::unique_ptr<addrinfo, AddrInfoFree> addrs(found);

    UniqueFd sock;
    int last_errno = 0;
    for (addrinfo* a = addrs.get(); a != nullptr && sock.get() < 0; a = a->ai_next) {
        UniqueFd fd(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
        if (fd.get() < 0) continue;
        timeval tv{kHttpTimeoutSeconds, 0};
        ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);  // also bounds connect()
        if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) == 0) sock = std::move(fd);
        else last_errno = errno;
    }
    if (sock.get() < 0) return tsa_error(url, "cannot connect: " + errno_text(last_errno));

    std::string request = "POST " + parsed->path + " HTTP/1.0\r\nHost: " + parsed->host +
                          "\r\nContent-Type: " + std::string(content_type) +
                          "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
    request.append(body);
    if (!send_all(sock.get(), request)) return tsa_error(url, "cannot send the request: " + errno_text(errno));

    // HTTP/1.0: the server closes the connection after the response.
    std::string response;
    std::array<char, 8192> buf{};
    for (;;) {
        const ssize_t n = ::recv(sock.get(), buf.data(), buf.size(), 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return tsa_error(url, "no answer: " + errno_text(errno));
        if (n == 0) break;
        response.append(buf.data(), static_cast<std::size_t>(n));
        if (response.size() > kMaxHttpResponseBytes) return tsa_error(url, "the answer is too large");
    }
    const std::size_t head_end = response.find("\r\n\r\n");
    if (head_end == std::string::npos || response.rfind("HTTP/1.", 0) != 0)
        return tsa_error(url, "the answer is not HTTP");
    const std::size_t sp = response.find(' ');
    const std::string status = response.substr(sp + 1, 3);
    if (status != "200")
        return tsa_error(url, "HTTP status " + response.substr(sp + 1, response.find("\r\n") - sp - 1));
    std::string headers = response.substr(0, head_end);
    std::string out = response.substr(head_end + 4);
    const std::string length = header_value(headers, "Content-Length");
    if (!length.empty() && length.find_first_not_of("0123456789") == std::string::npos && length.size() < 10) {
        const std::size_t want = std::stoul(length);
        if (out.size() < want) return tsa_error(url, "the answer was cut short");
        out.resize(want);
    }
    return out;
}

}  // namespace vca::sign
