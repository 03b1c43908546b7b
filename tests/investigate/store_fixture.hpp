// A fresh evidence store filled by the test with rows shaped like the ones
// the probes write, then opened read-only as the investigation reads it.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "auditor/core/temp_dir.hpp"
#include "auditor/store/evidence_store.hpp"

namespace vca::investigate::test {

class FactStore {
public:
    FactStore() : dir_("vca-investigate") {
        auto s = store::EvidenceStore::create(dir_.path() / "evidence.db");
        if (!s) ADD_FAILURE() << s.error().line();
        else store_.emplace(std::move(s.value()));
    }

    facts::FactSink& sink() { return *store_; }

    // A row of a table that has no typed row struct (turn_relays...).
    core::Status named(const std::string& table, const std::map<std::string, facts::Value>& row) {
        return store_->insert_named(table, row);
    }

    // Closes the writer (once) and opens the read-only handle.
    const store::QueryHandle& db() {
        if (!db_) {
            if (auto st = store_->close(); !st) ADD_FAILURE() << st.error().line();
            auto q = store::QueryHandle::open(dir_.path() / "evidence.db");
            if (!q) ADD_FAILURE() << q.error().line();
            db_.emplace(std::move(q.value()));
        }
        return *db_;
    }

    // A UDP or TCP flow row with the usual columns filled.
    void flow(std::int64_t id, const std::string& transport, const std::string& src, std::int64_t sport,
              const std::string& dst, std::int64_t dport, double first, double last, std::int64_t packets = 10) {
        facts::FlowRow f;
        f.flow_id = id;
        f.input_id = 1;
        f.transport = transport;
        f.src_ip = src;
        f.src_port = sport;
        f.dst_ip = dst;
        f.dst_port = dport;
        f.first_ts = first;
        f.last_ts = last;
        f.packets = packets;
        f.bytes = packets * 200;
        f.src_packets = packets;
        f.first_frame = 1;
        store_->add(f);
    }

    void rtp(std::int64_t flow_id, std::int64_t ssrc, const std::string& src, std::int64_t sport,
             const std::string& dst, std::int64_t dport, double first, double last, std::optional<bool> encrypted) {
        facts::RtpStreamRow r;
        r.flow_id = flow_id;
        r.ssrc = ssrc;
        r.payload_type = 0;
        r.codec = "PCMU";
        r.packets = 100;
        r.bytes = 17200;
        r.first_ts = first;
        r.last_ts = last;
        r.encrypted = encrypted;
        r.basis = "payload";
        r.src_ip = src;
        r.src_port = sport;
        r.dst_ip = dst;
        r.dst_port = dport;
        r.payload_types = "0";
        store_->add(r);
    }

    // A SIP message; a request when `method` is set, else a response.
    void sip(std::int64_t flow_id, double ts, std::optional<std::string> method, std::optional<std::int64_t> status,
             const std::string& call_id, const std::string& src, const std::string& dst, const std::string& cseq) {
        facts::SipMessageRow m;
        m.flow_id = flow_id;
        m.ts = ts;
        m.transport = "udp";
        m.method = std::move(method);
        m.status_code = status;
        m.call_id = call_id;
        m.from_uri = "sip:alice@example.org";
        m.to_uri = "sip:bob@example.org";
        m.user_agent = "TestPhone 1.0";
        m.cseq = cseq;
        m.src_ip = src;
        m.dst_ip = dst;
        m.frame = static_cast<std::int64_t>(ts);
        store_->add(m);
    }

    void sdp(std::int64_t flow_id, const std::string& call_id, const std::string& addr, std::int64_t port, double ts) {
        facts::SdpMediaRow d;
        d.flow_id = flow_id;
        d.call_id = call_id;
        d.media = "audio";
        d.addr = addr;
        d.port = port;
        d.proto = "RTP/AVP";
        d.ts = ts;
        store_->add(d);
    }

    // A whole SIP call: INVITE with SDP, 200 OK with SDP, BYE, between a and b.
    void call(std::int64_t flow_id, const std::string& call_id, const std::string& a, const std::string& b,
              double start, double end) {
        flow(flow_id, "udp", a, 5060, b, 5060, start, end);
        sip(flow_id, start, "INVITE", std::nullopt, call_id, a, b, "1 INVITE");
        sdp(flow_id, call_id, a, 4000, start);
        sip(flow_id, start + 1, std::nullopt, 200, call_id, b, a, "1 INVITE");
        sdp(flow_id, call_id, b, 5000, start + 1);
        sip(flow_id, end, "BYE", std::nullopt, call_id, a, b, "2 BYE");
    }

private:
    core::TempDir dir_;
    std::optional<store::EvidenceStore> store_;
    std::optional<store::QueryHandle> db_;
};

}  // namespace vca::investigate::test
