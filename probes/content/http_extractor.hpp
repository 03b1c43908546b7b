// HttpBodyExtractor: the bodies of the HTTP/1.x messages of one connection,
// both directions, pipelined or not, framed by creds::HttpFraming (Content-
// Length, chunked coding de-chunked, or up to the close), then inflated when
// the Content-Encoding is gzip or deflate. A multipart/form-data request
// gives one object per part that carries a file. Objects are named by the
// request they belong to ("POST host/path"), responses by their request.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "auditor/core/byte_reader.hpp"
#include "probes/content/body_decoding.hpp"
#include "probes/content/content_hub.hpp"
#include "probes/content/object_buffer.hpp"
#include "probes/creds/http_framing.hpp"

namespace vca::probes::content {

class HttpBodyExtractor final : private creds::HttpFramingHandler {
public:
    // `server` ("ip:port") names the server when a request has no Host field.
    HttpBodyExtractor(ContentHub& hub, FlowRef flow, std::string server);
    ~HttpBodyExtractor() override;
    HttpBodyExtractor(const HttpBodyExtractor&) = delete;
    HttpBodyExtractor& operator=(const HttpBodyExtractor&) = delete;

    // In-order bytes of one flow side (0 initiator, 1 responder): requests
    // and responses are told apart by their start line, not by the side.
    void on_stream(int flow_side, core::Bytes data, bool after_gap, double ts, std::int64_t frame);
    // End of the flow: a body that runs to the close is complete, others are cut.
    void finish();

private:
    struct Message {
        Message(FlowBudget& budget, std::size_t max) : body(budget, max) {}
        bool open = false;
        bool request = false;
        bool started = false;  // a body byte arrived (ts/frame are its)
        std::string name;
        std::optional<std::string> content_type;
        Coding coding = Coding::Identity;
        ObjectBuffer body;
        double ts = 0;
        std::int64_t frame = 0;
    };
    struct Pending {
        std::string method, name;
    };

    creds::BodyPlan on_head(int side, creds::HttpHead& head, creds::BodyPlan plan) override;
    void on_body(int side, std::string_view bytes) override;
    void on_end(int side, bool complete, bool overflow) override;
    void on_limit(int /*side*/, std::string_view /*what*/) override {}
    void emit_message(Message& m, bool complete);
    void emit(const Message& m, std::string name, std::optional<std::string> type, core::Bytes bytes, bool complete,
              Cut cut);

    ContentHub& hub_;
    FlowRef flow_;
    std::string server_;
    FlowBudget budget_;
    std::array<Message, 2> msg_;  // by flow side
    std::array<std::unique_ptr<creds::HttpFraming>, 2> framing_;
    std::deque<Pending> pending_;  // requests waiting for their response
    double ts_ = 0;
    std::int64_t frame_ = 0;
    bool stopped_ = false;  // the connection left HTTP (101 Upgrade, CONNECT tunnel)
};

}  // namespace vca::probes::content
