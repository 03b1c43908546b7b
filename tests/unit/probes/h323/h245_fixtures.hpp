// H.245 PDUs (aligned PER, ITU-T H.245 v13). Those from the shared corpus
// (ndpi/h323.pcap) are TCP payloads copied with
//   tshark -r ndpi/h323.pcap -Y h245 -T fields -e frame.number -e tcp.payload
// The hand-built ones were encoded from the H.245 ASN.1 with the X.691
// ALIGNED rules and checked by writing them into a capture
// (text2pcap -T 40000,1232) and reading it back with TShark 4.0.17
// (tshark -d tcp.port==1232,h245 -O h245), which decodes each one without an
// expert warning; what it printed is quoted above each fixture.
#pragma once

namespace vca::probes::h323::test {

// Corpus frame 38: openLogicalChannel 101, audioData g711Alaw64k (30 frames),
// h2250 sessionID 1, mediaControlChannel 10.1.3.143:5001.
inline constexpr const char* kCorpusOpenLogicalChannel =
    "03 00 00 18 | 03 00 00 64 0c 20 1d 80 0b 0d 00 01 00 0a 01 03 8f 13 89 80";

// Corpus frame 41: openLogicalChannelAck 61, sessionID 1, mediaChannel
// 10.1.3.143:5000, mediaControlChannel 10.1.3.143:5001, no encryptionSync.
inline constexpr const char* kCorpusOpenLogicalChannelAck =
    "03 00 00 1e | 22 c0 00 3c 02 80 13 5c 00 00 0a 01 03 8f 13 88 00 0a 01 03 8f 13 89 01 01 00";

// Corpus frame 42: openLogicalChannelAck 101, mediaChannel 10.1.6.18:2006,
// mediaControlChannel 10.1.6.18:2007 (and a flowControlToZero addition).
inline constexpr const char* kCorpusOpenLogicalChannelAck101 =
    "03 00 00 1f | 22 c0 00 64 04 80 14 5c 00 00 0a 01 06 12 07 d6 00 0a 01 06 12 07 d7 03 00 01 80";

// The corpus Ack of frame 41 with its channel number changed to 5, the
// channel of kOpenLogicalChannelH235Media (two octets, nothing else moves).
inline constexpr const char* kOpenLogicalChannelAck5 =
    "03 00 00 1e | 22 c0 00 04 02 80 13 5c 00 00 0a 01 03 8f 13 88 00 0a 01 03 8f 13 89 01 01 00";

// Corpus frame 32: terminalCapabilitySetAck and masterSlaveDeterminationAck in one segment.
inline constexpr const char* kCorpusTwoAcks = "03 00 00 07 21 80 01 | 03 00 00 06 20 a0";

// Corpus frame 27: masterSlaveDetermination (the PDU without its TPKT header).
inline constexpr const char* kMasterSlaveDetermination = "01 00 00 80 92 4f d5";

// tshark: openLogicalChannel, forwardLogicalChannelNumber 5, dataType
// h235Media { encryptionCapability: algorithm 2.16.840.1.101.3.4.1.2
// (id-aes128-CBC); mediaType audioData g711Alaw64k 20 }, multiplexParameters
// h2250LogicalChannelParameters { sessionID 1, mediaGuaranteedDelivery
// False, mediaControlChannel 10.0.0.1:5001 }
inline constexpr const char* kOpenLogicalChannelH235Media =
    "03 00 00 26"
    "| 03"                                 // request, openLogicalChannel
    "| 00 | 00 04"                         // OLC ext 0, no reverse parameters; channel 5
    "| 20 40 0f"                           // no portNumber; dataType extension 1 (h235Media), open type of 15
    "| 20 00 40 09 60 86 48 01 65 03 04 01 02"  // encryptionCapability: one algorithm, OID aes128-CBC
    "| 41 13"                              // mediaType audioData g711Alaw64k, 20 frames
    "| 80 0a"                              // multiplexParameters extension 0 (h2250), open type of 10
    "| 0c 00 01 00 0a 00 00 01 13 89";     // sessionID 1, mediaControlChannel 10.0.0.1:5001

// tshark: openLogicalChannelAck 61 with the corpus Ack's h2250 parameters
// and encryptionSync { synchFlag 5, h235Key 16 octets }
inline constexpr const char* kOpenLogicalChannelAckEncryptionSync =
    "03 00 00 33 | 22 c0 00 3c"
    "| 04 c0"                              // 3 extension additions: forwardMultiplexAck, encryptionSync
    "| 13 5c 00 00 0a 01 03 8f 13 88 00 0a 01 03 8f 13 89 01 01 00"
    "| 14 00 05 00 0f 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11";

}  // namespace vca::probes::h323::test
