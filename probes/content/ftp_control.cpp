#include "probes/content/ftp_control.hpp"

#include <vector>

#include "auditor/core/ascii.hpp"
#include "probes/content/content_limits.hpp"

namespace vca::probes::content {

namespace ascii = core::ascii;

namespace {

// Up to `count` decimal numbers of at most 3 digits separated by commas.
std::vector<unsigned> numbers(std::string_view s, std::size_t count) {
    std::vector<unsigned> out;
    std::size_t i = 0;
    while (out.size() < count) {
        std::size_t digits = 0;
        unsigned v = 0;
        while (i < s.size() && ascii::is_digit(s[i]) && digits < 4) {
            v = v * 10 + static_cast<unsigned>(s[i] - '0');
            ++i;
            ++digits;
        }
        if (digits == 0 || digits > 3 || v > 255) return {};
        out.push_back(v);
        if (out.size() == count) break;
        if (i >= s.size() || s[i] != ',') return {};
        ++i;
    }
    return out;
}

bool is_transfer(std::string_view verb) {
    return verb == "STOR" || verb == "RETR" || verb == "APPE" || verb == "STOU" || verb == "LIST" || verb == "NLST" ||
           verb == "MLSD";
}

}  // namespace

std::optional<HostPort> parse_ftp_host_port(std::string_view text) {
    for (std::size_t start = 0; start < text.size(); ++start) {
        if (!ascii::is_digit(text[start]) || (start > 0 && ascii::is_digit(text[start - 1]))) continue;
        std::vector<unsigned> n = numbers(text.substr(start), 6);
        if (n.size() != 6) continue;
        HostPort hp;
        hp.ip = std::to_string(n[0]) + "." + std::to_string(n[1]) + "." + std::to_string(n[2]) + "." + std::to_string(n[3]);
        hp.port = static_cast<std::uint16_t>(n[4] * 256 + n[5]);
        return hp;
    }
    return std::nullopt;
}

std::optional<HostPort> parse_eprt(std::string_view arg) {
    arg = ascii::trim(arg);
    if (arg.size() < 7) return std::nullopt;
    const char d = arg[0];
    const std::size_t p1 = arg.find(d, 1), p2 = p1 == std::string_view::npos ? p1 : arg.find(d, p1 + 1),
                      p3 = p2 == std::string_view::npos ? p2 : arg.find(d, p2 + 1);
    if (p3 == std::string_view::npos) return std::nullopt;
    const std::string_view proto = arg.substr(1, p1 - 1);
    if (proto != "1" && proto != "2") return std::nullopt;
    auto port = ascii::parse_decimal(arg.substr(p2 + 1, p3 - p2 - 1));
    if (!port || *port == 0 || *port > 65535) return std::nullopt;
    return HostPort{std::string(arg.substr(p1 + 1, p2 - p1 - 1)), static_cast<std::uint16_t>(*port)};
}

std::optional<std::uint16_t> parse_epsv_port(std::string_view text) {
    const std::size_t open = text.find('(');
    if (open == std::string_view::npos || open + 5 > text.size()) return std::nullopt;
    const char d = text[open + 1];
    if (text[open + 2] != d || text[open + 3] != d) return std::nullopt;
    const std::size_t end = text.find(d, open + 4);
    if (end == std::string_view::npos) return std::nullopt;
    auto port = ascii::parse_decimal(text.substr(open + 4, end - open - 4));
    if (!port || *port == 0 || *port > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(*port);
}

FtpControlFollower::FtpControlFollower(ContentHub& hub, FlowRef flow, int client_side, std::string client_ip,
                                       std::string server_ip)
    : hub_(hub),
      flow_(flow),
      client_side_(client_side),
      client_ip_(std::move(client_ip)),
      server_ip_(std::move(server_ip)),
      lines_{creds::LineSplitter(limits::kMaxFtpLine), creds::LineSplitter(limits::kMaxFtpLine)} {}

void FtpControlFollower::on_stream(int flow_side, core::Bytes data, bool after_gap) {
    if (stopped_) return;
    const int side = flow_side == client_side_ ? 0 : 1;
    creds::LineSplitter& lines = lines_[static_cast<std::size_t>(side)];
    if (after_gap) {
        lines.resync();
        if (side == 1) replies_.reset();
    }
    std::size_t pos = 0;
    while (pos < data.size() && !stopped_) {
        if (!lines.take(data, pos)) break;
        if (lines.cut()) continue;
        if (side == 0) {
            client_line(lines.line());
        } else if (auto code = replies_.line(lines.line())) {
            server_reply(*code, replies_.text());
        }
    }
}

void FtpControlFollower::announce(std::string ip, std::uint16_t port) {
    announced_ = std::make_shared<FtpTransfer>();
    announced_->control_flow_id = flow_.flow_id;
    hub_.expect_ftp_data(std::move(ip), port, announced_);
}

void FtpControlFollower::client_line(std::string_view line) {
    std::string_view arg;
    const std::string verb = ascii::to_upper(ascii::first_word(line, &arg));
    std::optional<HostPort> active;  // the client listens; the server connects to it
    if (verb == "PORT") active = parse_ftp_host_port(arg);
    if (verb == "EPRT") active = parse_eprt(arg);
    if (active) {
        announce(active->ip, active->port);
        if (active->ip != client_ip_) hub_.expect_ftp_data(client_ip_, active->port, announced_);
    } else if (is_transfer(verb) && announced_ && announced_->command.empty()) {
        // The path may hold spaces: the rest of the line as sent.
        const std::size_t sp = line.find(' ');
        announced_->command = verb;
        announced_->path = sp == std::string_view::npos ? std::string() : std::string(line.substr(sp + 1));
        if (announced_->path.size() > limits::kMaxNameBytes) announced_->path.resize(limits::kMaxNameBytes);
        announced_.reset();  // one transfer per announced connection
    }
}

void FtpControlFollower::server_reply(int code, std::string_view text) {
    if (code == 227) {
        // The data connection goes where the reply says; servers behind NAT
        // may announce another address, so the control server's is expected too.
        if (auto hp = parse_ftp_host_port(text)) {
            announce(hp->ip, hp->port);
            if (hp->ip != server_ip_) hub_.expect_ftp_data(server_ip_, hp->port, announced_);
        }
    } else if (code == 229) {
        if (auto port = parse_epsv_port(text)) announce(server_ip_, *port);
    } else if (code == 234) {
        stopped_ = true;  // RFC 4217 §4: the control connection is TLS from here
    }
}

}  // namespace vca::probes::content
