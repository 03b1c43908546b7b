// Hand-built H.225.0 messages: TPKT (RFC 1006) + Q.931 + aligned-PER
// H323-UserInformation for call signalling, bare RasMessages for RAS. Each
// was encoded by hand from the H323-MESSAGES / H235-SECURITY-MESSAGES ASN.1
// (ITU-T H.225.0 v7, H.235.0) with the X.691 ALIGNED rules, then checked by
// writing it into a capture (text2pcap -T 40000,1720 or -u 1719,1719) and
// reading it back with TShark 4.0.17:
//   tshark -r F -T fields -e q931.message_type -e q931.call_ref
//     -e q931.call_ref_flag -e h225.h323_message_body -e h225.RasMessage
//     -e h225.requestSeqNum -e h225.protocolIdentifier -e h225.h245Tunnelling
//     -e h225.tokens -e h225.cryptoTokens -e h225.fastStart -e h225.h245Address
//     -e h225.guid -e h225.conferenceID -e q931.cause_value
//     -e q931.display_information -e q931.calling_party_number.digits
//     -e q931.called_party_number.digits -e _ws.expert
// which decodes every one without an expert warning; its output is quoted
// above each fixture. GUIDs: conferenceID 10 11 .. 1f, callIdentifier a0 .. af.
#pragma once

namespace vca::probes::h323::test {

// tshark: 0x05|002a|0|0|0.0.8.2250.0.5|1||1|1||a0a1a2a3-...|10111213-...|Room1|1001|2002
inline constexpr const char* kSetupSecure =
    "03 00 00 93 | 08 02 00 2a 05"            // TPKT 147 | Q.931 call reference 42 (flag 0), SETUP
    "| 04 03 88 90 a5"                        // Bearer capability
    "| 28 05 52 6f 6f 6d 31"                  // Display "Room1"
    "| 6c 05 81 31 30 30 31"                  // Calling party number 1001
    "| 70 05 81 32 30 30 32"                  // Called party number 2002
    "| 7e 00 6d 05"                           // User-user, 2-octet length 109, X.208/X.209
    "| 20"                                    // UserInformation ext 0, user-data 0; UU-PDU ext 1, nsd 0; body 0 setup
    "| 80"                                    // Setup-UUIE ext 1, seven OPTIONAL bits 0
    "| 06 00 08 91 4a 00 05"                  // protocolIdentifier 0.0.8.2250.0.5
    "| 02 00"                                 // sourceInfo {terminal}, activeMC FALSE
    "| 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f"  // conferenceID
    "| 00 59 3d 80"  // create, pointToPoint, 12 additions: callIdentifier, cryptoTokens, fastStart, 4 BOOLEANs
    "| 11 00 a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af"  // callIdentifier
    "| 24 01 74 07 00 08 81 6b 00 02 01 00 00 01 00 07 00 08 81 6b 00 02 06 00 60"
    "  5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a"  // cryptoTokens: nestedcryptoToken cryptoHashedToken (HMAC-SHA1-96)
    "| 09 01 07 00 00 00 06 04 01 00"         // fastStart: one OpenLogicalChannel
    "| 01 00 | 01 00 | 01 00 | 01 00"         // mediaWaitForConnect, canOverlapSend, multipleCalls, maintainConnection
    "| 02 80 01 80";                          // UU-PDU additions: h245Tunnelling TRUE

// tshark: 0x07|002a|1|2|0.0.8.2250.0.4|0|1|||0|a0a1a2a3-...|10111213-...
// (tshark -V: h245Address ipAddress 192.0.2.10 port 1234)
inline constexpr const char* kConnectTokens =
    "03 00 00 57 | 08 02 80 2a 07 | 7e 00 4b 05"  // CONNECT, call reference 42 (flag 1)
    "| 22"                                    // body 2 connect
    "| c0"                                    // Connect-UUIE ext 1, h245Address present
    "| 06 00 08 91 4a 00 04"                  // version 4
    "| 00 c0 00 02 0a 04 d2"                  // h245Address ipAddress 192.0.2.10:1234
    "| 02 00 | 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f"  // destinationInfo {terminal}, conferenceID
    "| 0d 4c"                                 // 7 additions: callIdentifier, tokens, multipleCalls, maintainConnection
    "| 11 00 a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af"
    "| 0b 01 00 00 07 00 08 81 6b 00 02 05"   // tokens: one ClearToken, tokenOID 0.0.8.235.0.2.5
    "| 01 00 | 01 00"
    "| 02 80 01 00";                          // h245Tunnelling FALSE

// tshark: 0x62|002a|1|6|0.0.8.2250.0.4|1||||3|a0a1a2a3-...|10111213-...
// (tshark -V: h245Address ip6Address 2001:db8::5 port 1300)
inline constexpr const char* kFacilityH245 =
    "03 00 00 55 | 08 02 80 2a 62 | 7e 00 49 05"  // FACILITY
    "| 26"                                    // body 6 facility
    "| 90"                                    // Facility-UUIE ext 1, conferenceID present
    "| 06 00 08 91 4a 00 04"
    "| 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f"
    "| 81 01 00"                              // reason: extension alternative 1 (startH245), NULL
    "| 0d 04"                                 // 7 additions: callIdentifier, h245Address
    "| 11 00 a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af"
    "| 13 30 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 05 05 14"  // ip6Address [2001:db8::5]:1300
    "| 02 80 01 80";                          // h245Tunnelling TRUE

// tshark: 0x03|002a|1|7|0.0.8.2250.0.4|1|1||||a0a1a2a3-...
inline constexpr const char* kProgressTokens =
    "03 00 00 39 | 08 02 80 2a 03 | 7e 00 2d 05"  // PROGRESS
    "| 28 00 25"                              // body: extension alternative 0 (progress), open type of 37
    "| 10"                                    // Progress-UUIE ext 0; OPTIONALs: tokens only
    "| 06 00 08 91 4a 00 04 | 02 00"          // version 4, destinationInfo {terminal}
    "| a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af"  // callIdentifier
    "| 01 00 00 07 00 08 81 6b 00 02 05"      // tokens: one ClearToken
    "| 02 80 01 80";                          // h245Tunnelling TRUE

// tshark: 0x5a|002a|0|5|0.0.8.2250.0.4||||||||16
inline constexpr const char* kReleaseSecurityDenied =
    "03 00 00 1d | 08 02 00 2a 5a"            // RELEASE COMPLETE
    "| 08 02 80 90"                           // Cause: ITU-T, user; cause 16 (normal call clearing)
    "| 7e 00 0d 05"
    "| 05"                                    // UU-PDU ext 0; body 5 releaseComplete
    "| 40 06 00 08 91 4a 00 04"               // ReleaseComplete-UUIE ext 0, reason present; version 4
    "| 81 01 00";                             // reason: extension alternative 1 (securityDenied)

// tshark: RasMessage 0 (gatekeeperRequest), requestSeqNum 77, 0.0.8.2250.0.4, tokens 1
inline constexpr const char* kRasGrqTokens =
    "02 a0 00 4c"            // alternative 0; GRQ ext 1; gatekeeperIdentifier, endpointAlias present; seq 77
    "| 06 00 08 91 4a 00 04"
    "| 00 c0 00 02 14 06 b7"  // rasAddress 192.0.2.20:1719
    "| 02 00 80 00 47 00 4b 00 31"  // endpointType {terminal}; gatekeeperIdentifier "GK1"
    "| 01 40 03 00 72 00 6f 00 6f 00 6d"  // endpointAlias: h323-ID "room"
    "| 12 82 00"              // 10 additions: tokens, supportsAltGK
    "| 0b 01 00 00 07 00 08 81 6b 00 02 05 | 01 00";

// tshark: RasMessage 3 (registrationRequest), requestSeqNum 78, 0.0.8.2250.0.4, cryptoTokens 1
inline constexpr const char* kRasRrqCrypto =
    "0e 80 00 4d"            // alternative 3; RRQ ext 1; terminalAlias present; seq 78
    "| 06 00 08 91 4a 00 04 | 80"  // version 4, discoveryComplete TRUE
    "| 01 00 c0 00 02 15 06 b8 | 01 00 c0 00 02 15 06 b7"  // callSignalAddress, rasAddress lists
    "| 02 00 01 01 80 53 34"  // terminalType {terminal}; terminalAlias dialledDigits "2001"
    "| 40 b5 00 12 34 01 76 63"  // endpointVendor: productId "vc"
    "| 0e 2a"                // 8 additions: cryptoTokens, keepAlive, willSupplyUUIEs
    "| 24 01 74 07 00 08 81 6b 00 02 01 00 00 01 00 07 00 08 81 6b 00 02 06 00 60"
    "  5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a"
    "| 01 00 | 01 00";

// tshark: RasMessage 9 (admissionRequest), requestSeqNum 79, tokens 1, cryptoTokens 1,
// guid a0a1a2a3-..., conferenceID 10111213-...
inline constexpr const char* kRasArqBoth =
    "26 c0 00 4e"            // alternative 9; ARQ ext 1; destinationInfo, destCallSignalAddress present; seq 79
    "| 00 80 00 45 00 50 00 37"  // pointToPoint; endpointIdentifier "EP7"
    "| 01 01 80 53 35"       // destinationInfo dialledDigits "2002"
    "| 00 c0 00 02 1e 06 b8"  // destCallSignalAddress 192.0.2.30:1720
    "| 01 40 03 00 72 00 6f 00 6f 00 6d"  // srcInfo h323-ID "room"
    "| 40 05 00 | 00 2a"     // bandWidth 1280, callReferenceValue 42
    "| 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f"  // conferenceID
    "| 03 63"                // activeMC, answerCall FALSE; 7 additions: canMapAlias, callIdentifier, tokens, cryptoTokens
    "| 01 80 | 11 00 a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af"
    "| 0b 01 00 00 07 00 08 81 6b 00 02 05"
    "| 24 01 74 07 00 08 81 6b 00 02 01 00 00 01 00 07 00 08 81 6b 00 02 06 00 60"
    "  5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a";

// tshark: RasMessage 28 (infoRequestAck), requestSeqNum 80, tokens 1
inline constexpr const char* kRasIackTokens =
    "83 0e"                  // extension alternative 3 (infoRequestAck), open type of 14
    "| 20 00 4f"             // ext 0; tokens present; seq 80
    "| 01 00 00 07 00 08 81 6b 00 02 05";

}  // namespace vca::probes::h323::test
