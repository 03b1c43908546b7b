// Fuzz harness: the input as one Q.931 message, as one RAS datagram, as a PER
// H323-UserInformation, as an H.245 PDU and a fastStart OpenLogicalChannel,
// and as a TCP byte stream of TPKTs delivered in pieces (the first octet sets
// the piece size) to H225Stream, once as call signalling and once as H.245.
#include <cstdint>

#include "probes/h323/h225_decoder.hpp"
#include "probes/h323/h225_stream.hpp"
#include "probes/h323/h245_decoder.hpp"
#include "probes/h323/h245_facts.hpp"
#include "probes/h323/q931_parser.hpp"
#include "probes/h323/tpkt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace h323 = vca::probes::h323;
    const vca::core::Bytes bytes(data, size);
    h323::Q931Message m;
    (void)h323::parse_q931(bytes, m);
    (void)h323::decode_h323_user_information(bytes);
    (void)h323::decode_ras_message(bytes);
    (void)h323::decode_h245_message(bytes);
    (void)h323::decode_open_logical_channel(bytes);
    (void)h323::parse_tpkt(bytes);

    vca::facts::MemorySink sink;
    h323::H323Context ctx;
    ctx.flow_id = 1;
    ctx.src_ip = "192.0.2.1";
    ctx.dst_ip = "192.0.2.2";
    (void)h323::emit_h225_message(bytes, ctx, sink);
    (void)h323::emit_ras_datagram(bytes, ctx, sink);

    h323::H245AddressBook book(8);
    ctx.h245_addresses = &book;
    for (h323::TpktContent content : {h323::TpktContent::Q931, h323::TpktContent::H245}) {
        h323::H225Stream stream(content, 4096);
        const std::size_t piece = size > 0 ? 1 + data[0] % 64 : 1;
        for (std::size_t pos = 0; pos < size; pos += piece) {
            const std::size_t take = piece < size - pos ? piece : size - pos;
            ++ctx.frame;
            stream.on_data(static_cast<int>(ctx.frame & 1), bytes.subspan(pos, take), ctx.frame % 7 == 0, ctx, sink);
        }
    }
    return 0;
}
