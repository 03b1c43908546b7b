// H.225.0 messages → h323_messages rows (and anomalies for what cannot be
// read). Call signalling arrives as Q.931 messages cut out of TPKTs by
// H225Stream; RAS as single UDP datagrams.
#pragma once

#include <cstdint>
#include <string>

#include "auditor/core/byte_reader.hpp"
#include "auditor/facts/fact_sink.hpp"
#include "auditor/facts/rows.hpp"

namespace vca::probes::h323 {

class H245AddressBook;
class H245Channels;
class H245MediaObserver;

struct H323Context {
    std::int64_t flow_id = 0;
    std::int64_t input_id = 0;
    std::int64_t frame = 0;  // the frame that completed the message
    double ts = 0;
    std::string src_ip, dst_ip;
    // Where H.245 addresses announced in call signalling are noted (nullptr: nowhere).
    H245AddressBook* h245_addresses = nullptr;
    // The logical channels of this connection (set by H225Stream) and who is
    // told where their media goes (nullptr: nobody).
    H245Channels* h245_channels = nullptr;
    H245MediaObserver* h245_media = nullptr;
};

// One Q.931 message (a TPKT payload) of H.225.0 call signalling → one row,
// plus h245_messages rows for the H.245 it carries (tunnelled, fastStart).
// Returns false, with anomaly `q931_malformed`, when it is not Q.931; a
// PDU decoded only in part gives the row and anomaly `h225_undecoded`.
bool emit_h225_message(core::Bytes q931, const H323Context& ctx, facts::FactSink& sink);

// One RAS datagram (UDP 1718/1719) → one row. Returns false, with anomaly
// `h225_ras_malformed`, when not even its sequence number can be read.
bool emit_ras_datagram(core::Bytes payload, const H323Context& ctx, facts::FactSink& sink);

}  // namespace vca::probes::h323
