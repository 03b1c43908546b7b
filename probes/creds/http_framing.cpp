#include "probes/creds/http_framing.hpp"

#include <algorithm>

#include "auditor/core/ascii.hpp"
#include "auditor/core/limits.hpp"
#include "probes/creds/secret_wipe.hpp"

namespace vca::probes::creds {

namespace ascii = core::ascii;

namespace {

namespace limits = core::limits;

// The only fields a login watcher or a content extractor reads; others are not kept at all.
constexpr std::string_view kKeptFields[] = {
    "authorization", "proxy-authorization", "www-authenticate", "proxy-authenticate",
    "content-length", "transfer-encoding", "content-type", "content-encoding",
    "cseq", "location", "upgrade",
    "host",  // names the objects the content extractors carve (probes/content)
};

bool kept(std::string_view lower_name) {
    return std::find(std::begin(kKeptFields), std::end(kKeptFields), lower_name) != std::end(kKeptFields);
}

bool version_ok(std::string_view v, bool rtsp) {
    if (rtsp) return v == "RTSP/1.0" || v == "RTSP/2.0";
    return v == "HTTP/1.1" || v == "HTTP/1.0";
}

// A Content-Length value: digits only, no overflow; nullopt otherwise.
std::optional<std::uint64_t> decimal(std::string_view s) { return ascii::parse_decimal(ascii::trim(s)); }

// chunk-size [ chunk-ext ] (RFC 9112 §7.1); nullopt when malformed.
std::optional<std::uint64_t> chunk_size(std::string_view line) {
    std::size_t i = 0;
    std::uint64_t v = 0;
    while (i < line.size()) {
        const char c = ascii::lower(line[i]);
        int d = -1;
        if (c >= '0' && c <= '9') d = c - '0';
        if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        if (d < 0) break;
        if (i >= 15) return std::nullopt;  // beyond 2^60: not a real chunk
        v = v * 16 + static_cast<std::uint64_t>(d);
        ++i;
    }
    if (i == 0) return std::nullopt;
    while (i < line.size() && ascii::is_blank(line[i])) ++i;
    if (i < line.size() && line[i] != ';') return std::nullopt;
    return v;
}

}  // namespace

const std::string* HttpHead::field(std::string_view lower_name) const {
    for (const auto& [name, value] : fields)
        if (name == lower_name) return &value;
    return nullptr;
}

std::vector<const std::string*> HttpHead::fields_named(std::string_view lower_name) const {
    std::vector<const std::string*> out;
    for (const auto& [name, value] : fields)
        if (name == lower_name) out.push_back(&value);
    return out;
}

HttpFraming::HttpFraming(bool rtsp, int side, HttpFramingHandler& handler)
    : rtsp_(rtsp), side_(side), handler_(handler), lines_(limits::kMaxLoginHeaderBytes) {}

void HttpFraming::clear_head() {
    for (auto& [name, value] : head_.fields) wipe(value);  // Authorization values
    head_ = HttpHead{};
}

void HttpFraming::end_message(bool complete) {
    if (message_open_) {
        message_open_ = false;
        handler_.on_end(side_, complete, overflow_);
    }
    overflow_ = false;
    if (state_ != State::Stopped) state_ = State::Idle;
}

void HttpFraming::lose() {
    if (message_open_) {
        message_open_ = false;
        handler_.on_end(side_, false, overflow_);
    }
    overflow_ = false;
    lines_.reset();
    clear_head();
    if (state_ != State::Stopped) state_ = State::Lost;
}

void HttpFraming::start_head() {
    clear_head();
    head_bytes_ = 0;
    in_start_line_ = true;
    last_field_kept_ = false;
    state_ = State::Head;
}

// Request line `METHOD SP target SP version` or status line `version SP
// 3DIGIT [SP reason]`; fills head_ and says whether it is one.
bool HttpFraming::start_line(std::string_view line) {
    HttpHead h;
    const std::size_t sp1 = line.find(' ');
    if (sp1 == std::string_view::npos) return false;
    const std::string_view first = line.substr(0, sp1);
    if (version_ok(first, rtsp_)) {
        const std::string_view code = line.substr(sp1 + 1, 3);
        if (code.size() != 3 || !std::all_of(code.begin(), code.end(), ascii::is_digit)) return false;
        if (line.size() > sp1 + 4 && line[sp1 + 4] != ' ') return false;
        h.request = false;
        h.version = std::string(first);
        h.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
        if (h.status < 100) return false;
    } else {
        if (first.empty() || first.size() > 32 || !std::all_of(first.begin(), first.end(), is_method_char))
            return false;
        const std::size_t sp2 = line.rfind(' ');
        if (sp2 <= sp1 + 1) return false;
        const std::string_view version = line.substr(sp2 + 1);
        const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
        if (!version_ok(version, rtsp_) || target.find(' ') != std::string_view::npos) return false;
        h.request = true;
        h.method = std::string(first);
        h.target = std::string(target);
        h.version = std::string(version);
    }
    head_ = std::move(h);
    return true;
}

void HttpFraming::head_line(std::string_view line) {
    if (in_start_line_) {
        in_start_line_ = false;
        if (!start_line(line)) lose();
        return;
    }
    if (line.empty()) {
        deliver_head();
        return;
    }
    if (ascii::is_blank(line.front())) {  // obs-fold (RFC 9112 §5.2): continues the previous field
        if (last_field_kept_ && !head_.fields.empty()) {
            std::string& value = head_.fields.back().second;
            value.push_back(' ');
            value.append(ascii::trim(line));
        }
        return;
    }
    last_field_kept_ = false;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return;  // not a field: ignored, as most servers do
    std::string name = ascii::to_lower(ascii::trim(line.substr(0, colon)));
    if (!kept(name)) return;
    if (head_.fields.size() >= limits::kMaxLoginHeaderFields) {
        handler_.on_limit(side_, "header fields");
        return;
    }
    head_.fields.emplace_back(std::move(name), std::string(ascii::trim(line.substr(colon + 1))));
    last_field_kept_ = true;
}

BodyPlan HttpFraming::declared_plan(bool& valid) const {
    BodyPlan plan;
    valid = true;
    const std::string* te = head_.field("transfer-encoding");
    const std::vector<const std::string*> lengths = head_.fields_named("content-length");
    if (te != nullptr) {
        // chunked must be the final coding (RFC 9112 §6.1); a request whose
        // length cannot be known is invalid, a response runs to the close.
        if (ascii::iends_with(ascii::trim(*te), "chunked")) {
            plan.kind = BodyKind::Chunked;
        } else if (head_.request) {
            valid = false;
        } else {
            plan.kind = BodyKind::UntilClose;
        }
    } else if (!lengths.empty()) {
        const auto n = decimal(*lengths.front());
        if (!n) {
            valid = false;
            return plan;
        }
        for (const std::string* other : lengths)
            if (decimal(*other) != n) valid = false;
        plan.kind = *n > 0 ? BodyKind::Length : BodyKind::None;
        plan.length = *n;
    } else if (!head_.request && !rtsp_) {
        plan.kind = BodyKind::UntilClose;  // RFC 9112 §6.3 rule 8
    }
    if (!head_.request && (head_.status < 200 || head_.status == 204 || head_.status == 304))
        plan.kind = BodyKind::None;
    return plan;
}

void HttpFraming::deliver_head() {
    bool valid = true;
    BodyPlan plan = declared_plan(valid);
    if (!valid) {
        lose();
        return;
    }
    message_open_ = true;
    overflow_ = false;
    plan = handler_.on_head(side_, head_, plan);
    clear_head();
    capture_left_ = plan.capture;
    remaining_ = plan.length;
    if (plan.stop) {
        end_message(true);
        state_ = State::Stopped;
        return;
    }
    switch (plan.kind) {
        case BodyKind::None: end_message(true); break;
        case BodyKind::Length: state_ = remaining_ > 0 ? State::Body : State::Idle; break;
        case BodyKind::Chunked: state_ = State::ChunkSize; break;
        case BodyKind::UntilClose: state_ = State::UntilClose; break;
    }
    if (state_ == State::Idle && message_open_) end_message(true);
}

void HttpFraming::body_bytes(core::Bytes bytes) {
    const std::size_t take = std::min(capture_left_, bytes.size());
    if (take > 0) {
        handler_.on_body(side_, std::string_view(reinterpret_cast<const char*>(bytes.data()), take));
        capture_left_ -= take;
    }
    if (take < bytes.size()) overflow_ = true;
}

void HttpFraming::feed(core::Bytes data, bool after_gap) {
    if (state_ == State::Stopped) return;
    if (after_gap) {
        lose();
        lines_.resync();  // the first bytes are the tail of a line whose start is gone
    }
    std::size_t pos = 0;
    while (pos < data.size() && state_ != State::Stopped) {
        const std::size_t avail = data.size() - pos;
        switch (state_) {
            case State::Idle: {
                const std::uint8_t c = data[pos];
                if (c == '\r' || c == '\n') {  // empty lines between messages (RFC 9112 §2.2)
                    ++pos;
                } else if (rtsp_ && c == '$') {  // RFC 2326 §10.12 interleaved binary data
                    ++pos;
                    interleaved_have_ = 0;
                    state_ = State::InterleavedHeader;
                } else {
                    start_head();
                }
                break;
            }
            case State::InterleavedHeader:
                interleaved_[interleaved_have_++] = data[pos++];
                if (interleaved_have_ == 3) {
                    remaining_ = (std::uint64_t{interleaved_[1]} << 8) | interleaved_[2];
                    state_ = remaining_ > 0 ? State::InterleavedData : State::Idle;
                }
                break;
            case State::InterleavedData: {
                const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, avail));
                pos += n;
                remaining_ -= n;
                if (remaining_ == 0) state_ = State::Idle;
                break;
            }
            case State::Head: {
                const std::size_t before = pos;
                const bool got = lines_.take(data, pos);
                head_bytes_ += pos - before;
                if (head_bytes_ > limits::kMaxLoginHeaderBytes || (got && lines_.cut())) {
                    handler_.on_limit(side_, "header");
                    lose();
                    if (!got) lines_.resync();  // the rest of the oversized line is no start line
                    break;
                }
                if (got) head_line(lines_.line());
                break;
            }
            case State::Lost: {
                if (!lines_.take(data, pos)) break;
                if (!lines_.cut() && start_line(lines_.line())) {
                    head_bytes_ = lines_.line().size() + 2;
                    in_start_line_ = false;
                    last_field_kept_ = false;
                    state_ = State::Head;
                }
                break;
            }
            case State::Body:
            case State::ChunkData: {
                const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, avail));
                body_bytes(data.subspan(pos, n));
                pos += n;
                remaining_ -= n;
                if (remaining_ == 0) {
                    if (state_ == State::Body) {
                        end_message(true);
                    } else {
                        state_ = State::ChunkEnd;
                    }
                }
                break;
            }
            case State::ChunkSize: {
                if (!lines_.take(data, pos)) break;
                const auto size = lines_.cut() ? std::nullopt : chunk_size(lines_.line());
                if (!size) {
                    lose();
                } else if (*size == 0) {
                    state_ = State::Trailer;
                } else {
                    remaining_ = *size;
                    state_ = State::ChunkData;
                }
                break;
            }
            case State::ChunkEnd:
                if (!lines_.take(data, pos)) break;
                if (lines_.line().empty()) {
                    state_ = State::ChunkSize;
                } else {
                    lose();
                }
                break;
            case State::Trailer:
                if (!lines_.take(data, pos)) break;
                if (lines_.line().empty()) end_message(true);
                break;
            case State::UntilClose:
                body_bytes(data.subspan(pos));
                pos = data.size();
                break;
            case State::Stopped:
                break;
        }
    }
}

void HttpFraming::finish() {
    if (state_ == State::UntilClose) {
        end_message(true);
    } else if (message_open_) {
        message_open_ = false;
        handler_.on_end(side_, false, overflow_);
    }
    lines_.reset();
    clear_head();
    state_ = State::Stopped;
}

}  // namespace vca::probes::creds
