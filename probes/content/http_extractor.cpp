#include "probes/content/http_extractor.hpp"

#include "auditor/core/ascii.hpp"
#include "probes/content/content_limits.hpp"
#include "probes/content/multipart.hpp"
#include "auditor/core/url_redaction.hpp"

namespace vca::probes::content {

namespace ascii = core::ascii;

namespace {

std::string bounded_name(std::string name) {
    if (name.size() > limits::kMaxNameBytes) {
        name.resize(limits::kMaxNameBytes);
        name += "...";
    }
    return name;
}

// "host/path": the absolute-form target without its scheme, else Host +
// target; secrets in it redacted.
std::string url_of(const creds::HttpHead& head, const std::string& server) {
    const std::string& t = head.target;
    for (std::string_view scheme : {"http://", "https://"})
        if (ascii::istarts_with(t, scheme)) return core::redact_url(std::string_view(t).substr(scheme.size()));
    const std::string* host = head.field("host");
    return core::redact_url((host != nullptr && !host->empty() ? *host : server) + t);
}

}  // namespace

HttpBodyExtractor::HttpBodyExtractor(ContentHub& hub, FlowRef flow, std::string server)
    : hub_(hub),
      flow_(flow),
      server_(std::move(server)),
      budget_(hub.budget(), hub.limits().max_flow_bytes),
      msg_{Message(budget_, hub.limits().max_object_bytes), Message(budget_, hub.limits().max_object_bytes)} {
    for (int side = 0; side < 2; ++side)
        framing_[static_cast<std::size_t>(side)] = std::make_unique<creds::HttpFraming>(false, side, static_cast<creds::HttpFramingHandler&>(*this));
}

HttpBodyExtractor::~HttpBodyExtractor() = default;

void HttpBodyExtractor::on_stream(int flow_side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) {
    if (stopped_ || flow_side < 0 || flow_side > 1) return;
    ts_ = ts;
    frame_ = frame;
    framing_[static_cast<std::size_t>(flow_side)]->feed(data, after_gap);
}

void HttpBodyExtractor::finish() {
    for (auto& f : framing_) f->finish();
}

creds::BodyPlan HttpBodyExtractor::on_head(int side, creds::HttpHead& head, creds::BodyPlan plan) {
    Message& m = msg_[static_cast<std::size_t>(side)];
    m.body.clear();
    m.open = true;
    m.request = head.request;
    m.started = false;
    m.ts = ts_;
    m.frame = frame_;
    if (head.request) {
        m.name = bounded_name(head.method + " " + url_of(head, server_));
        if (pending_.size() >= limits::kMaxPendingRequests) pending_.pop_front();  // its response will be unnamed
        pending_.push_back(Pending{head.method, m.name});
    } else if (head.status >= 200) {
        std::string method;
        if (!pending_.empty()) {
            method = pending_.front().method;
            m.name = pending_.front().name;
            pending_.pop_front();
        } else {
            m.name = "response from " + server_;
        }
        if (method == "HEAD") plan.kind = creds::BodyKind::None;  // RFC 9110 §9.3.2
        if (method == "CONNECT" && head.status < 300) plan.stop = true;  // a tunnel follows
    } else if (head.status == 101) {
        plan.stop = true;  // another protocol follows (WebSocket, h2c)
    }
    if (plan.stop) stopped_ = true;
    const std::string* type = head.field("content-type");
    m.content_type = type != nullptr ? std::optional<std::string>(*type) : std::nullopt;
    const std::string* encoding = head.field("content-encoding");
    m.coding = encoding != nullptr ? coding_of(*encoding) : Coding::Identity;
    plan.capture = hub_.limits().max_object_bytes;
    return plan;
}

void HttpBodyExtractor::on_body(int side, std::string_view bytes) {
    Message& m = msg_[static_cast<std::size_t>(side)];
    if (!m.open) return;
    if (!m.started) {
        m.started = true;
        m.ts = ts_;
        m.frame = frame_;
    }
    m.body.append(core::Bytes(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

void HttpBodyExtractor::on_end(int side, bool complete, bool overflow) {
    Message& m = msg_[static_cast<std::size_t>(side)];
    if (!m.open) return;
    m.open = false;
    if (overflow) m.body.mark_cut(Cut::Object);
    if (m.body.empty()) {
        if (m.body.cut() != Cut::None)
            hub_.note(flow_, m.ts, m.frame, "content_limit_reached",
                      m.name + ": " + std::string(cut_name(m.body.cut())) + " limit reached before any byte was kept");
        m.body.clear();
        return;
    }
    emit_message(m, complete);
}

void HttpBodyExtractor::emit_message(Message& m, bool complete) {
    Cut cut = m.body.cut();
    std::vector<std::uint8_t> bytes = m.body.take();
    m.body.clear();
    if (m.coding == Coding::Gzip || m.coding == Coding::Deflate) {
        Inflated z = inflate_body(bytes, m.coding, hub_.limits().max_inflated_bytes);
        if (z.cut && cut == Cut::None) cut = Cut::Inflated;
        if (!z.ok && !z.cut) {
            if (complete && cut == Cut::None)
                hub_.note(flow_, m.ts, m.frame, "content_decode_failed",
                          m.name + ": the " + std::string(m.coding == Coding::Gzip ? "gzip" : "deflate") +
                              " body does not inflate" + (z.bytes.empty() ? "; kept as carried" : "; kept the part that did"));
            complete = false;
        }
        if (!z.bytes.empty()) bytes = std::move(z.bytes);
    }
    if (m.request && m.content_type) {
        if (auto boundary = multipart_boundary(*m.content_type);
            boundary && ascii::istarts_with(ascii::trim(*m.content_type), "multipart/form-data")) {
            MultipartBody body = split_multipart(bytes, *boundary);
            bool any_file = false;
            for (const MultipartPart& p : body.parts) {
                if (!p.filename) continue;
                any_file = true;
                emit(m, bounded_name(m.name + " " + *p.filename), p.content_type, p.data, complete && p.complete, cut);
            }
            if (body.parts_limit)
                hub_.note(flow_, m.ts, m.frame, "content_limit_reached",
                          m.name + ": more than " + std::to_string(limits::kMaxMultipartParts) +
                              " multipart parts; the rest were not taken apart");
            if (any_file) return;
        }
    }
    emit(m, m.name, m.content_type, bytes, complete, cut);
}

void HttpBodyExtractor::emit(const Message& m, std::string name, std::optional<std::string> type, core::Bytes bytes,
                             bool complete, Cut cut) {
    ContentObject o;
    o.scope = kScopeHttpBody;
    o.flow_id = flow_.flow_id;
    o.input_id = flow_.input_id;
    o.direction = m.request ? kToServer : kToClient;
    o.ts = m.ts;
    o.frame = m.frame;
    o.name = std::move(name);
    o.content_type = std::move(type);
    o.bytes.assign(bytes.begin(), bytes.end());
    o.complete = complete;
    hub_.emit(o, cut);
}

}  // namespace vca::probes::content
