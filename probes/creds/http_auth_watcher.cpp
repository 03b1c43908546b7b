#include "probes/creds/http_auth_watcher.hpp"

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auditor/core/ascii.hpp"
#include "auditor/core/limits.hpp"
#include "probes/creds/base64.hpp"
#include "probes/creds/digest_header.hpp"
#include "probes/creds/form_login.hpp"
#include "probes/creds/http_framing.hpp"
#include "probes/creds/secret_wipe.hpp"

namespace vca::probes::creds {

namespace ascii = core::ascii;

namespace {

namespace limits = core::limits;

enum class AttemptKind { Basic, Digest, Url, Form };

struct Attempt {
    CredentialEvent event;
    AttemptKind kind = AttemptKind::Basic;
    bool proxy = false;  // Proxy-Authorization: judged by 407, not 401
};

// One request and, once it comes, what its response said.
struct Exchange {
    std::string method;
    std::optional<std::uint64_t> cseq;
    std::string target;
    std::vector<Attempt> attempts;  // from the head: decided by the status alone
    bool paired = true;             // false once its answer can no longer be told apart
    // HTML form login, known only when the body is complete
    std::optional<FormEncoding> form;
    std::string form_content_type;
    std::string form_body;
    std::optional<Attempt> form_attempt;
    // the response
    bool response_done = false;
    int status = 0;
    bool stale = false;  // the 401 said the nonce expired: the password may have been right
    std::string location;
    bool html = false, encoded = false;
    std::string page;  // start of the response body, looked at for a password input
    bool page_complete = false, password_input = false;
};

using ExchangePtr = std::shared_ptr<Exchange>;

std::optional<std::uint64_t> cseq_of(const HttpHead& h) {
    const std::string* v = h.field("cseq");
    if (v == nullptr) return std::nullopt;
    return ascii::parse_decimal(ascii::trim(*v));
}

// "scheme://userinfo@host:port" → (authority start, authority end) in t.
bool authority_of(std::string_view t, std::size_t& start, std::size_t& end) {
    const std::size_t sep = t.find("://");
    if (sep == std::string_view::npos) return false;
    start = sep + 3;
    end = t.find('/', start);
    if (end == std::string_view::npos) end = t.size();
    return true;
}

// The request target without query and fragment (they may hold tokens) and
// without URL userinfo (it may hold a password).
std::string clean_target(std::string_view t) {
    t = t.substr(0, std::min(t.find('?'), t.find('#')));
    std::string out(t);
    std::size_t start = 0, end = 0;
    if (authority_of(t, start, end)) {
        const std::size_t at = t.substr(start, end - start).rfind('@');
        if (at != std::string_view::npos) out = std::string(t.substr(0, start)) + std::string(t.substr(start + at + 1));
    }
    if (out.size() > limits::kMaxCredentialTargetChars) out.resize(limits::kMaxCredentialTargetChars);
    return out;
}

bool success_status(int s) { return s >= 200 && s < 400; }

// Basic, Digest and URL credentials are judged by the status: the server
// either accepted them (2xx, 3xx) or asked again / refused (401, 403; 407
// for a proxy). Anything else (404, 5xx) says nothing about the password.
Outcome header_outcome(const Attempt& a, const Exchange& ex) {
    if (a.proxy) {
        if (ex.status == 407) return Outcome::Failure;
        return success_status(ex.status) ? Outcome::Success : Outcome::Unknown;
    }
    if (ex.status == 401 || ex.status == 403) {
        // stale=true (RFC 7616 §3.3): the nonce expired, the digest itself was right
        return (a.kind == AttemptKind::Digest && ex.stale) ? Outcome::Unknown : Outcome::Failure;
    }
    return success_status(ex.status) ? Outcome::Success : Outcome::Unknown;
}

// Form logins carry no protocol-level verdict; this heuristic reads what
// login pages commonly do:
//  - 401/403: refused;
//  - 302/303 (Post/Redirect/Get): accepted, unless the new location names an
//    error ("?error=1", "/login_failed", "invalid", "denied");
//  - 200: the login form shown again (a password input in the page) means
//    refused; an HTML page without one means accepted; a body we could not
//    read whole (compressed, not HTML, longer than the scan limit) says
//    nothing, so Unknown (a JSON API answering 200 {"ok":false} is Unknown,
//    not success);
//  - anything else: Unknown.
Outcome form_outcome(const Exchange& ex) {
    if (ex.status == 401 || ex.status == 403) return Outcome::Failure;
    if (ex.status == 302 || ex.status == 303) {
        for (std::string_view word : {"error", "fail", "invalid", "denied"})
            if (ascii::icontains(ex.location, word)) return Outcome::Failure;
        return Outcome::Success;
    }
    if (ex.status == 200) {
        if (ex.password_input) return Outcome::Failure;
        if (ex.html && !ex.encoded && ex.page_complete) return Outcome::Success;
    }
    return Outcome::Unknown;
}

class HttpAuthWatcher final : public LoginWatcher, private HttpFramingHandler {
public:
    explicit HttpAuthWatcher(bool rtsp)
        : rtsp_(rtsp), protocol_(rtsp ? "rtsp" : "http"), client_(rtsp, 0, *this), server_(rtsp, 1, *this) {}

    void on_data(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) override {
        if (done() || finished_ || (side != 0 && side != 1)) return;
        set_clock(ts, frame);
        if (after_gap) pairing_broken();
        (side == 0 ? client_ : server_).feed(data, after_gap);
    }

    void finish() override {
        if (finished_) return;
        finished_ = true;
        server_.finish();
        client_.finish();
        release_all();
    }

private:
    // ---------------------------------------------------------------- framing events
    BodyPlan on_head(int side, HttpHead& head, BodyPlan plan) override {
        if (done()) return plan;
        if (head.request) return side == 0 ? request_head(head, plan) : plan;  // RTSP servers send requests too
        return side == 1 ? response_head(head, plan) : plan;
    }

    void on_body(int side, std::string_view bytes) override {
        if (side == 0 && cur_req_ && cur_req_->form) cur_req_->form_body.append(bytes);
        if (side == 1 && cur_resp_) cur_resp_->page.append(bytes);
    }

    void on_end(int side, bool complete, bool overflow) override {
        if (side == 0) {
            if (ExchangePtr ex = std::move(cur_req_)) request_end(*ex, complete, overflow);
        } else if (ExchangePtr ex = std::move(cur_resp_)) {
            response_end(*ex, complete, overflow);
        }
    }

    void on_limit(int side, std::string_view what) override {
        note("creds_header_limit", std::string(side == 0 ? "a request " : "a response ") + std::string(what) +
                                       " exceeded its limit; the message was skipped");
    }

    // ---------------------------------------------------------------- requests
    BodyPlan request_head(const HttpHead& head, BodyPlan plan) {
        auto ex = std::make_shared<Exchange>();
        ex->method = head.method;
        ex->cseq = rtsp_ ? cseq_of(head) : std::nullopt;
        ex->target = clean_target(head.target);
        url_attempt(*ex, head.target);
        for (const std::string* v : head.fields_named("authorization")) header_attempt(*ex, *v, false);
        for (const std::string* v : head.fields_named("proxy-authorization")) header_attempt(*ex, *v, true);
        if (ascii::iequals(head.method, "POST")) {
            if (const std::string* ct = head.field("content-type")) {
                ex->form = form_encoding(*ct);
                if (ex->form) {
                    ex->form_content_type = *ct;
                    plan.capture = limits::kMaxLoginFormBody;
                    // reserved once so growing never leaves copies of the body behind
                    ex->form_body.reserve(std::min<std::uint64_t>(limits::kMaxLoginFormBody,
                                                                  plan.kind == BodyKind::Length ? plan.length
                                                                                                : limits::kMaxLoginFormBody));
                }
            }
        }
        cur_req_ = ex;
        if (pairing_lost_ && !(rtsp_ && ex->cseq)) {
            release(*ex);  // its answer could be anybody's: report without an outcome
        } else {
            enqueue(ex);
        }
        return plan;
    }

    void url_attempt(Exchange& ex, std::string_view target) {
        target = target.substr(0, std::min(target.find('?'), target.find('#')));
        std::size_t start = 0, end = 0;
        if (!authority_of(target, start, end)) return;
        const std::string_view authority = target.substr(start, end - start);
        const std::size_t at = authority.rfind('@');
        if (at == std::string_view::npos) return;
        const std::string_view userinfo = authority.substr(0, at);
        const std::size_t colon = userinfo.find(':');
        if (colon == std::string_view::npos) return;  // a user name alone is no secret
        Attempt a{new_event(protocol_), AttemptKind::Url, false};
        a.event.mechanism = "url";
        a.event.secret_kind = "password";
        a.event.username = form_decode(userinfo.substr(0, colon), false);
        a.event.secret = form_decode(userinfo.substr(colon + 1), false);
        a.event.target = ex.target;
        ex.attempts.push_back(std::move(a));
    }

    void header_attempt(Exchange& ex, std::string_view value, bool proxy) {
        std::string_view rest;
        const std::string_view scheme = ascii::first_word(ascii::trim(value), &rest);
        Attempt a{new_event(protocol_), AttemptKind::Basic, proxy};
        a.event.target = ex.target;
        if (ascii::iequals(scheme, "Basic")) {
            // RFC 7617 §2: base64(user-id ":" password). A value that does not
            // decode still shows Basic was used: reported without user or secret,
            // secret_kind "malformed" (so it is not judged an empty password).
            a.event.mechanism = "basic";
            a.event.secret_kind = "password";
            std::optional<std::string> decoded = base64_decode(ascii::trim(rest));
            const std::size_t colon = decoded ? decoded->find(':') : std::string::npos;
            if (colon != std::string::npos) {
                a.event.username = decoded->substr(0, colon);
                a.event.secret = decoded->substr(colon + 1);
            } else {
                // "malformed", not an empty password: nothing is known of the secret
                a.event.secret_kind = "malformed";
                note("creds_basic_malformed", "a Basic credential did not decode to user:password");
            }
            if (decoded) wipe(*decoded);
        } else if (ascii::iequals(scheme, "Digest")) {
            a.kind = AttemptKind::Digest;
            a.event.mechanism = "digest";
            a.event.secret_kind = "digest";
            if (auto d = parse_digest_authorization(value)) {
                a.event.username = std::move(d->username);
                d->params.method = ex.method;
                a.event.digest = std::move(d->params);
            } else {
                note("creds_digest_malformed", "a Digest credential did not parse; reported without parameters");
            }
            // The nonce came from outside this flow (an earlier connection,
            // or before the capture): the event stands on the header alone.
            if (!challenge_seen_)
                note("creds_digest_without_challenge", "a Digest response was sent with no challenge seen in this flow");
        } else {
            return;  // NTLM, Negotiate, Bearer...: not watched here
        }
        ex.attempts.push_back(std::move(a));
    }

    void request_end(Exchange& ex, bool complete, bool overflow) {
        if (!ex.form) return;
        if (complete && !overflow) {
            if (auto creds = find_form_credentials(ex.form_content_type, ex.form_body)) {
                Attempt a{new_event(protocol_), AttemptKind::Form, false};
                a.event.mechanism = "form";
                a.event.secret_kind = "password";
                a.event.username = std::move(creds->username);
                a.event.secret = std::move(creds->password);
                a.event.target = ex.target;
                ex.form_attempt = std::move(a);
            }
        } else if (overflow) {
            note("creds_form_limit", "a form body exceeded the form limit and was not examined");
        }
        wipe(ex.form_body);
        if (!ex.form_attempt) return;
        if (!ex.paired) {
            release(ex);
        } else if (ex.response_done) {  // the server answered before the body ended
            resolve_form(ex);
        }
    }

    // ---------------------------------------------------------------- responses
    BodyPlan response_head(const HttpHead& head, BodyPlan plan) {
        bool stale = false;
        for (std::string_view name : {"www-authenticate", "proxy-authenticate"}) {
            for (const std::string* v : head.fields_named(name)) {
                for (const DigestChallenge& c : parse_digest_challenges(*v)) {
                    challenge_seen_ = true;
                    stale = stale || c.stale;
                }
            }
        }
        const bool upgrade = head.status == 101;
        if (head.status < 200 && !upgrade) return plan;  // interim (100 Continue): the final answer follows
        ExchangePtr ex = pair(head);
        if (ex) {
            ex->status = head.status;
            ex->stale = stale;
            // whole, query included: "?error=1" is what the heuristic reads; never reported
            if (const std::string* loc = head.field("location"))
                ex->location = loc->substr(0, limits::kMaxCredentialTargetChars);
            const std::string* ct = head.field("content-type");
            ex->html = ct != nullptr && (ascii::istarts_with(ascii::trim(*ct), "text/html") ||
                                         ascii::istarts_with(ascii::trim(*ct), "application/xhtml"));
            const std::string* ce = head.field("content-encoding");
            ex->encoded = ce != nullptr && !ascii::iequals(ascii::trim(*ce), "identity");
            for (Attempt& a : ex->attempts) {
                a.event.outcome = header_outcome(a, *ex);
                emit(std::move(a.event));
            }
            ex->attempts.clear();
            if (ascii::iequals(ex->method, "HEAD")) plan.kind = BodyKind::None;
            if (ex->form && ex->status == 200) {
                plan.capture = limits::kMaxLoginResponseScan;
                ex->page.reserve(std::min<std::uint64_t>(limits::kMaxLoginResponseScan,
                                                         plan.kind == BodyKind::Length ? plan.length
                                                                                       : limits::kMaxLoginResponseScan));
            }
            if (ascii::iequals(ex->method, "CONNECT") && success_status(head.status)) plan.stop = true;
        }
        if (upgrade) plan.stop = true;  // WebSocket or h2c from here on
        cur_resp_ = ex;
        if (plan.stop) {
            if (ex) response_end(*ex, true, false);
            cur_resp_.reset();
            stop_watching();
        }
        return plan;
    }

    void response_end(Exchange& ex, bool complete, bool overflow) {
        ex.response_done = true;
        ex.page_complete = complete && !overflow;
        ex.password_input = html_has_password_input(ex.page);
        wipe(ex.page);
        if (ex.form_attempt) resolve_form(ex);
    }

    void resolve_form(Exchange& ex) {
        if (!ex.form_attempt) return;
        ex.form_attempt->event.outcome = form_outcome(ex);
        emit(std::move(ex.form_attempt->event));
        ex.form_attempt.reset();
    }

    // ---------------------------------------------------------------- pairing
    // HTTP answers in request order (RFC 9112 §9.3.2); RTSP names the request
    // by CSeq (RFC 2326 §12.17), falling back to order when it is missing.
    ExchangePtr pair(const HttpHead& response) {
        if (rtsp_) {
            if (const auto cseq = cseq_of(response)) {
                for (auto it = queue_.begin(); it != queue_.end(); ++it) {
                    if ((*it)->cseq == cseq) {
                        ExchangePtr ex = *it;
                        queue_.erase(it);
                        return ex;
                    }
                }
                return nullptr;
            }
        }
        if (pairing_lost_) return nullptr;
        if (skip_responses_ > 0) {
            --skip_responses_;
            return nullptr;
        }
        if (queue_.empty()) return nullptr;  // the request was before the capture
        ExchangePtr ex = queue_.front();
        queue_.pop_front();
        return ex;
    }

    void enqueue(const ExchangePtr& ex) {
        if (queue_.size() >= limits::kMaxPendingLoginRequests) {
            ExchangePtr oldest = queue_.front();
            queue_.pop_front();
            // its answer will still come: skip it rather than give it to a later request
            if (!(rtsp_ && oldest->cseq)) ++skip_responses_;
            release(*oldest);
            note("creds_pending_limit", "too many requests awaited an answer; the oldest is reported without outcome");
        }
        queue_.push_back(ex);
    }

    // Reports what the exchange holds as Outcome::Unknown.
    void release(Exchange& ex) {
        ex.paired = false;
        for (Attempt& a : ex.attempts) emit(std::move(a.event));
        ex.attempts.clear();
        if (ex.form_attempt) {
            emit(std::move(ex.form_attempt->event));
            ex.form_attempt.reset();
        }
    }

    // Bytes were lost in one direction: requests or answers may be missing,
    // so order no longer pairs them (RTSP CSeq still does).
    void pairing_broken() {
        bool released = false;
        std::deque<ExchangePtr> keep;
        for (ExchangePtr& ex : queue_) {
            if (rtsp_ && ex->cseq) {
                keep.push_back(std::move(ex));
                continue;
            }
            released = released || !ex->attempts.empty() || ex->form;
            release(*ex);
        }
        queue_.swap(keep);
        pairing_lost_ = true;
        skip_responses_ = 0;
        if (released) note("creds_pairing_lost", "a gap broke request/response pairing; attempts reported without outcome");
    }

    void release_all() {
        for (ExchangePtr& ex : queue_) release(*ex);
        queue_.clear();
    }

    void stop_watching() {
        release_all();
        stop();
    }

    bool rtsp_;
    std::string_view protocol_;
    HttpFraming client_, server_;
    std::deque<ExchangePtr> queue_;  // requests awaiting their answer, oldest first
    ExchangePtr cur_req_, cur_resp_;  // messages whose body is being read
    std::size_t skip_responses_ = 0;
    bool pairing_lost_ = false;
    bool challenge_seen_ = false;
    bool finished_ = false;
};

}  // namespace

std::unique_ptr<LoginWatcher> make_http_auth_watcher(bool rtsp) { return std::make_unique<HttpAuthWatcher>(rtsp); }

}  // namespace vca::probes::creds
