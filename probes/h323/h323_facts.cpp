#include "probes/h323/h323_facts.hpp"

#include "probes/h323/h225_decoder.hpp"
#include "probes/h323/h245_facts.hpp"
#include "probes/h323/q931_parser.hpp"

namespace vca::probes::h323 {
namespace {

void anomaly(const H323Context& ctx, facts::FactSink& sink, std::string name, std::string detail) {
    sink.add(facts::AnomalyRow{ctx.input_id, ctx.flow_id, ctx.ts, std::move(name), std::move(detail), ctx.frame, 1});
}

facts::H323MessageRow base_row(const H323Context& ctx, std::string transport, std::string protocol) {
    facts::H323MessageRow row;
    row.flow_id = ctx.flow_id;
    row.ts = ctx.ts;
    row.frame = ctx.frame;
    row.transport = std::move(transport);
    row.src_ip = ctx.src_ip;
    row.dst_ip = ctx.dst_ip;
    row.protocol = std::move(protocol);
    return row;
}

void copy_h225(const H225Fields& f, facts::H323MessageRow& row) {
    if (f.version) row.h225_version = *f.version;
    row.protocol_id = f.protocol_id;
    if (f.request_seq_num) row.request_seq_num = *f.request_seq_num;
    row.call_id = f.call_id;
    row.conference_id = f.conference_id;
    row.tokens = f.tokens;
    row.crypto_tokens = f.crypto_tokens;
    // Either list present is H.235 in use; "absent" needs both known.
    if ((f.tokens && *f.tokens) || (f.crypto_tokens && *f.crypto_tokens)) row.h235 = true;
    else if (f.tokens && f.crypto_tokens) row.h235 = false;
    row.h245_tunnelling = f.h245_tunnelling;
    row.fast_start = f.fast_start;
    row.has_h245_address = f.has_h245_address;
    row.h245_address = f.h245_address;
    if (!f.undecoded.empty()) row.undecoded = f.undecoded;
}

}  // namespace

bool emit_h225_message(core::Bytes q931, const H323Context& ctx, facts::FactSink& sink) {
    Q931Message m;
    const Q931Result r = parse_q931(q931, m);
    if (r.status != core::ParseStatus::Ok) {
        anomaly(ctx, sink, "q931_malformed", std::string(r.error));
        return false;
    }
    facts::H323MessageRow row = base_row(ctx, "tcp", "q931");
    row.message = m.national_type ? "national" : std::string(q931_message_name(m.message_type));
    if (m.call_reference_length > 0) {  // the dummy call reference (length 0) has no value
        row.call_reference = m.call_reference;
        row.call_reference_flag = m.call_reference_flag;
    }
    if (m.cause) row.cause = *m.cause;
    row.display = m.display;
    row.calling_number = m.calling_number;
    row.called_number = m.called_number;
    H225Fields f;
    if (m.user_user && m.user_user_protocol == kUserUserX208) {
        f = decode_h323_user_information(*m.user_user);
        if (f.message) row.h225_body = std::string(h323_body_name(*f.message));
        copy_h225(f, row);
    } else if (m.user_user) {
        row.undecoded = "User-user element: protocol discriminator is not X.208/X.209 coded user information";
    } else {
        row.undecoded = "no User-user element (no H.225.0 PDU)";
    }
    if (!m.ie_problem.empty()) {
        const std::string where = "Q.931 information elements: " + std::string(m.ie_problem);
        row.undecoded = row.undecoded ? where + "; " + *row.undecoded : where;
    }
    if (row.undecoded) anomaly(ctx, sink, "h225_undecoded", *row.undecoded);
    sink.add(row);
    emit_h245_in_h225(f, ctx, sink);
    if (ctx.h245_addresses != nullptr && f.h245_address) ctx.h245_addresses->add(*f.h245_address);
    return true;
}

bool emit_ras_datagram(core::Bytes payload, const H323Context& ctx, facts::FactSink& sink) {
    const H225Fields f = decode_ras_message(payload);
    // Every RAS message carries a requestSeqNum near its start: without it
    // the datagram is not taken for RAS at all (no message name is guessed).
    const bool unchecked = f.message && ras_message_name(*f.message) == "admissionConfirmSequence";
    if (!f.message || (!f.request_seq_num && !unchecked)) {
        anomaly(ctx, sink, "h225_ras_malformed",
                f.undecoded.empty() ? "no RAS message could be read" : f.undecoded);
        return false;
    }
    facts::H323MessageRow row = base_row(ctx, "udp", "ras");
    row.message = std::string(ras_message_name(*f.message));
    copy_h225(f, row);
    if (row.undecoded) anomaly(ctx, sink, "h225_undecoded", *row.undecoded);
    sink.add(row);
    return true;
}

}  // namespace vca::probes::h323
