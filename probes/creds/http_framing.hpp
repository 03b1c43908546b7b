// HttpFraming: one direction of an HTTP/1.x (RFC 9112) or RTSP (RFC 2326,
// RFC 7826) connection cut into messages as bytes arrive: start line, the
// header fields a login watcher needs, and the body framed by Content-Length,
// chunked coding or the end of the connection. Bodies are skipped by
// counting; only the first `capture` bytes the handler asks for are handed
// on. RTSP interleaved binary data ('$', channel, 16-bit length) between
// messages is skipped. After a gap or a message that does not parse, it
// resynchronises at the next line that is a start line.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auditor/core/byte_reader.hpp"
#include "probes/creds/line_splitter.hpp"

namespace vca::probes::creds {

// A character of the request methods the watchers recognise (GET, POST,
// DESCRIBE, SET_PARAMETER, M-SEARCH, ...): upper-case letters, '_' and '-'.
constexpr bool is_method_char(char c) { return (c >= 'A' && c <= 'Z') || c == '_' || c == '-'; }

struct HttpHead {
    bool request = false;
    std::string method, target;  // requests
    int status = 0;              // responses
    std::string version;
    // Kept fields only (authorization, content-length, content-type, cseq,
    // location, www-authenticate, ...), wire order, names lower-case,
    // values trimmed with continuation lines joined.
    std::vector<std::pair<std::string, std::string>> fields;

    [[nodiscard]] const std::string* field(std::string_view lower_name) const;
    [[nodiscard]] std::vector<const std::string*> fields_named(std::string_view lower_name) const;
};

enum class BodyKind { None, Length, Chunked, UntilClose };

struct BodyPlan {
    BodyKind kind = BodyKind::None;
    std::uint64_t length = 0;  // BodyKind::Length
    std::size_t capture = 0;   // body bytes to hand to the handler (after de-chunking)
    bool stop = false;         // the connection leaves HTTP (CONNECT tunnel, 101 Upgrade)
};

class HttpFramingHandler {
public:
    virtual ~HttpFramingHandler() = default;
    // A complete head. `plan` is the framing the message itself declares; the
    // handler returns it, adjusted (a response to HEAD has no body) and with
    // the bytes it wants captured. `head` may be modified (values wiped).
    virtual BodyPlan on_head(int side, HttpHead& head, BodyPlan plan) = 0;
    virtual void on_body(int side, std::string_view bytes) = 0;
    // The message ended: `complete` false when it was cut (gap, bad chunk,
    // end of capture), `overflow` when the body was longer than the capture.
    virtual void on_end(int side, bool complete, bool overflow) = 0;
    virtual void on_limit(int side, std::string_view what) = 0;
};

class HttpFraming {
public:
    HttpFraming(bool rtsp, int side, HttpFramingHandler& handler);

    void feed(core::Bytes data, bool after_gap);
    // End of the flow: a body that runs to the end of the connection is complete.
    void finish();

private:
    enum class State {
        Idle, Head, Lost, Body, ChunkSize, ChunkData, ChunkEnd, Trailer, UntilClose,
        InterleavedHeader, InterleavedData, Stopped
    };

    void start_head();
    bool start_line(std::string_view line);
    void head_line(std::string_view line);
    void deliver_head();
    BodyPlan declared_plan(bool& valid) const;
    void body_bytes(core::Bytes bytes);
    void end_message(bool complete);
    void lose();
    void clear_head();

    bool rtsp_;
    int side_;
    HttpFramingHandler& handler_;
    State state_ = State::Idle;
    LineSplitter lines_;
    HttpHead head_;
    std::size_t head_bytes_ = 0;
    bool in_start_line_ = false;
    bool last_field_kept_ = false;
    bool message_open_ = false;  // the handler saw the head and waits for on_end
    std::uint64_t remaining_ = 0;
    std::size_t capture_left_ = 0;
    bool overflow_ = false;
    std::array<std::uint8_t, 3> interleaved_{};
    std::size_t interleaved_have_ = 0;
};

}  // namespace vca::probes::creds
