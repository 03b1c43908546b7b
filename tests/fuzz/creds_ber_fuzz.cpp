// Fuzz harness: the BER decoders of probes/creds. The input as one SNMP
// datagram (parser and per-flow watcher, both directions), and as an LDAP
// byte stream (framing, message parser, watcher fed whole and in two pieces).
#include <cstdint>

#include "probes/creds/ldap_parser.hpp"
#include "probes/creds/snmp_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    vca::core::Bytes bytes(data, size);
    namespace creds = vca::probes::creds;

    (void)creds::parse_snmp(bytes);
    creds::SnmpWatcher snmp;
    snmp.on_datagram(0, bytes, 1.0, 1);
    snmp.on_datagram(1, bytes, 1.0, 2);
    snmp.finish();
    (void)snmp.take_uses();

    std::size_t total = 0;
    (void)creds::ldap_frame_length(bytes, total);
    creds::LdapMessage m;
    (void)creds::parse_ldap_message(bytes, m);
    creds::LdapWatcher whole, split;
    whole.on_data(0, bytes, false, 1.0, 1);
    whole.on_data(1, bytes, false, 1.0, 2);
    whole.finish();
    (void)whole.take_events();
    std::size_t half = size / 2;
    split.on_data(0, bytes.subspan(0, half), false, 1.0, 1);
    split.on_data(0, bytes.subspan(half), false, 1.0, 2);
    split.on_data(1, bytes.subspan(half), true, 1.0, 3);
    split.finish();
    (void)split.take_events();
    return 0;
}
