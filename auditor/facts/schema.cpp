#include "auditor/facts/schema.hpp"

#include <array>

namespace vca::facts {
namespace {

using T = ColumnType;

constexpr std::array kRuns{
    ColumnDef{"run_id", T::Integer, "run number within this store", true},
    ColumnDef{"started", T::Real, "Unix seconds when the run began"},
    ColumnDef{"tool_version", T::Text, "vcaudit version that wrote the facts"},
    ColumnDef{"schema_version", T::Integer, "facts schema version"},
    ColumnDef{"site", T::Text, "site name from the site policy"},
    ColumnDef{"level", T::Integer, "security level evaluated (1-5)"},
    ColumnDef{"regime", T::Text, "legacy (TT 12/2022, TCVN 11930:2017) or current (ND 331/2026, TCVN 14423:2026)"},
};

constexpr std::array kInputs{
    ColumnDef{"input_id", T::Integer, "input number", true},
    ColumnDef{"path", T::Text, "path as given on the command line (stdin is '-')"},
    ColumnDef{"kind", T::Text, "pcap, config, policy, attestation, file, yara_rules, previous_report, capture_log"},
    ColumnDef{"sha256", T::Text, "SHA-256 of the exact bytes analysed, recorded before analysis"},
    ColumnDef{"size", T::Integer, "size in bytes"},
    ColumnDef{"format", T::Text, "pcap or pcapng (captures)"},
    ColumnDef{"linktype", T::Text, "link-layer type name (captures)"},
    ColumnDef{"frames", T::Integer, "frames read"},
    ColumnDef{"first_ts", T::Real, "first frame time"},
    ColumnDef{"last_ts", T::Real, "last frame time"},
    ColumnDef{"complete", T::Integer, "1 if read to its end, 0 if cut short (see anomalies)"},
};

constexpr std::array kAnomalies{
    ColumnDef{"input_id", T::Integer, "input the anomaly was seen in"},
    ColumnDef{"flow_id", T::Integer, "flow, when the anomaly belongs to one"},
    ColumnDef{"ts", T::Real, "capture time"},
    ColumnDef{"name", T::Text, "stable snake_case name, e.g. capture_truncated, ipv4_bad_header"},
    ColumnDef{"detail", T::Text, "human-readable detail"},
    ColumnDef{"frame", T::Integer, "frame number (1-based) within the input"},
    ColumnDef{"count", T::Integer, "occurrences folded into this row (1 unless a limit summarised them)"},
};

constexpr std::array kFlows{
    ColumnDef{"flow_id", T::Integer, "flow number", true},
    ColumnDef{"input_id", T::Integer, "input the flow was first seen in"},
    ColumnDef{"transport", T::Text, "udp or tcp"},
    ColumnDef{"src_ip", T::Text, "initiator address (sender of the first packet or TCP SYN)"},
    ColumnDef{"src_port", T::Integer, "initiator port"},
    ColumnDef{"dst_ip", T::Text, "responder address"},
    ColumnDef{"dst_port", T::Integer, "responder port"},
    ColumnDef{"first_ts", T::Real, "first packet time"},
    ColumnDef{"last_ts", T::Real, "last packet time"},
    ColumnDef{"packets", T::Integer, "packets both ways"},
    ColumnDef{"bytes", T::Integer, "IP bytes both ways"},
    ColumnDef{"app", T::Text, "application protocol recognised (tls, sip, ...) or NULL"},
    ColumnDef{"src_packets", T::Integer, "packets from the initiator"},
    ColumnDef{"dst_packets", T::Integer, "packets from the responder"},
    ColumnDef{"first_frame", T::Integer, "frame number of the first packet within its input"},
};

constexpr std::array kTlsSessions{
    ColumnDef{"flow_id", T::Integer, "flow carrying the handshake"},
    ColumnDef{"dtls", T::Integer, "1 for DTLS, 0 for TLS"},
    ColumnDef{"version", T::Text, "negotiated: SSL3, TLS1.0 ... TLS1.3, DTLS1.0, DTLS1.2, DTLS1.3 (NULL if no ServerHello seen)"},
    ColumnDef{"cipher", T::Text, "negotiated cipher suite, IANA name"},
    ColumnDef{"sni", T::Text, "server_name from the ClientHello"},
    ColumnDef{"alpn", T::Text, "ALPN protocols offered by the client, comma-separated"},
    ColumnDef{"ja3", T::Text, "JA3 fingerprint of the ClientHello (MD5 hex; TLS over TCP)"},
    ColumnDef{"ja4", T::Text, "JA4 fingerprint of the ClientHello (FoxIO JA4: t/d prefix for TLS/DTLS, e.g. t13d1516h2_8daaf6152771_e5627efa2ab1)"},
    ColumnDef{"cert_sha256", T::Text, "SHA-256 of the server's leaf certificate, when sent in clear"},
    ColumnDef{"client_versions", T::Text, "versions the client offered, highest first, comma-separated"},
    ColumnDef{"cipher_id", T::Integer, "negotiated cipher suite number"},
    ColumnDef{"client_ciphers", T::Integer, "number of cipher suites the client offered"},
    ColumnDef{"ts", T::Real, "time of the ClientHello (or ServerHello if no ClientHello)"},
    ColumnDef{"server_port", T::Integer, "responder port, for protocol attribution"},
    ColumnDef{"srtp_profile", T::Text, "DTLS-SRTP protection profile the server chose (use_srtp, RFC 5764)"},
    ColumnDef{"client_cipher_suites", T::Text, "suites the client offered, in order, IANA names (0xNNNN unknown), GREASE left out"},
    ColumnDef{"resumed", T::Text, "how the session started: full (a full handshake), session_id (TLS<=1.2: the server "
              "echoed the client's non-empty session id and sent ChangeCipherSpec without ServerHelloDone), ticket (the "
              "same abbreviated handshake after the client sent a non-empty SessionTicket, RFC 5077), psk (TLS 1.3: "
              "pre_shared_key in the ServerHello, RFC 8446 4.2.11); NULL when the server's messages that decide it were not seen"},
    ColumnDef{"client_offered_resumption", T::Integer, "1 if the ClientHello offered to resume (a non-empty SessionTicket, "
              "a pre_shared_key, or a non-empty session id from a client not offering TLS 1.3, whose random session id is "
              "only for middlebox compatibility) or the server resumed; 0 if not; NULL without a ClientHello"},
    ColumnDef{"server_alpn", T::Text, "ALPN protocol the server selected, from the ServerHello (TLS <= 1.2, DTLS 1.2; TLS 1.3 sends it encrypted)"},
    ColumnDef{"app_guess", T::Text, "application inside the session: sip, https, webrtc (DTLS-SRTP keying), turn, h323, "
              "ldap, imap, pop3, smtp, xmpp, ftp, dns; NULL if nothing tells"},
    ColumnDef{"app_basis", T::Text, "what decided app_guess: alpn, sni, use_srtp or port (in that order of precedence; "
              "an SNI such as sip.* outranks an HTTP ALPN, as SIP over WebSocket negotiates http/1.1)"},
};

constexpr std::array kCertificates{
    ColumnDef{"cert_sha256", T::Text, "SHA-256 of the DER certificate", true},
    ColumnDef{"subject", T::Text, "subject DN"},
    ColumnDef{"issuer", T::Text, "issuer DN"},
    ColumnDef{"not_before", T::Real, "validity start"},
    ColumnDef{"not_after", T::Real, "validity end"},
    ColumnDef{"key_type", T::Text, "RSA, EC, ..."},
    ColumnDef{"key_bits", T::Integer, "key size"},
    ColumnDef{"sig_alg", T::Text, "signature algorithm"},
    ColumnDef{"self_signed", T::Integer, "1 if subject equals issuer and self-verifies"},
};

constexpr std::array kSipMessages{
    ColumnDef{"flow_id", T::Integer, "flow carrying the message"},
    ColumnDef{"ts", T::Real, "capture time"},
    ColumnDef{"transport", T::Text, "udp, tcp, tls, ws, wss"},
    ColumnDef{"method", T::Text, "request method (NULL for responses)"},
    ColumnDef{"status_code", T::Integer, "response status (NULL for requests)"},
    ColumnDef{"call_id", T::Text, "Call-ID"},
    ColumnDef{"from_uri", T::Text, "From URI"},
    ColumnDef{"to_uri", T::Text, "To URI"},
    ColumnDef{"user_agent", T::Text, "User-Agent (requests) or Server (responses)"},
    ColumnDef{"cseq", T::Text, "CSeq header value"},
    ColumnDef{"src_ip", T::Text, "sender address"},
    ColumnDef{"dst_ip", T::Text, "receiver address"},
    ColumnDef{"has_sdp", T::Integer, "1 if the body is SDP"},
    ColumnDef{"frame", T::Integer, "frame number within its input"},
};

constexpr std::array kSdpMedia{
    ColumnDef{"flow_id", T::Integer, "flow of the SIP message carrying the SDP"},
    ColumnDef{"call_id", T::Text, "Call-ID of that message"},
    ColumnDef{"media", T::Text, "audio, video, application, ..."},
    ColumnDef{"addr", T::Text, "connection address (c=)"},
    ColumnDef{"port", T::Integer, "media port (m=)"},
    ColumnDef{"proto", T::Text, "transport profile, e.g. RTP/AVP, RTP/SAVP, UDP/TLS/RTP/SAVPF"},
    ColumnDef{"crypto_suite", T::Text, "first a=crypto suite, if any"},
    ColumnDef{"key_in_clear", T::Integer, "1 if an a=crypto key travelled over unencrypted signalling"},
    ColumnDef{"fingerprint", T::Text, "a=fingerprint (DTLS-SRTP), if any"},
    ColumnDef{"ts", T::Real, "capture time of the carrying message"},
    ColumnDef{"sip_method", T::Text, "method of the carrying request, or NULL for a response"},
    ColumnDef{"sip_status", T::Integer, "status of the carrying response, or NULL"},
    ColumnDef{"frame", T::Integer, "frame number of the carrying message within its input"},
};

constexpr std::array kRtpStreams{
    ColumnDef{"flow_id", T::Integer, "flow carrying the stream"},
    ColumnDef{"ssrc", T::Integer, "synchronisation source"},
    ColumnDef{"payload_type", T::Integer, "RTP payload type most packets carried"},
    ColumnDef{"packets", T::Integer, "packets"},
    ColumnDef{"bytes", T::Integer, "UDP payload bytes (RTP header, payload, padding, SRTP tag)"},
    ColumnDef{"first_ts", T::Real, "first packet time"},
    ColumnDef{"last_ts", T::Real, "last packet time"},
    ColumnDef{"encrypted", T::Integer, "1 SRTP, 0 plain RTP, NULL unknown"},
    ColumnDef{"basis", T::Text, "how `encrypted` was decided: payload, sdp_profile, dtls_srtp, h245_datatype, insufficient_data, ambiguous"},
    ColumnDef{"direction", T::Integer, "0 from the flow's initiator, 1 towards it"},
    ColumnDef{"src_ip", T::Text, "sender address"},
    ColumnDef{"src_port", T::Integer, "sender port"},
    ColumnDef{"dst_ip", T::Text, "receiver address"},
    ColumnDef{"dst_port", T::Integer, "receiver port"},
    ColumnDef{"payload_types", T::Text, "every payload type seen, ascending, comma-separated"},
    ColumnDef{"codec", T::Text, "RFC 3551 name of a static payload type"},
    ColumnDef{"clock_rate", T::Integer, "RTP clock rate in Hz, when known"},
    ColumnDef{"lost", T::Integer, "RFC 3550 A.3 expected minus received (negative with duplicates)"},
    ColumnDef{"seq_cycles", T::Integer, "wraps of the 16-bit sequence number"},
    ColumnDef{"jitter_ms", T::Real, "RFC 3550 A.8 interarrival jitter at the end (NULL without a clock rate)"},
    ColumnDef{"max_jitter_ms", T::Real, "highest jitter seen"},
    ColumnDef{"rtcp_packets", T::Integer, "RTCP compounds sent by this SSRC"},
    ColumnDef{"srtp_auth_tag_bytes", T::Integer, "payload bytes beyond the timestamp step (G.711/G.722): the SRTP tag"},
    ColumnDef{"entropy_bits", T::Real, "Shannon entropy of the sampled payload bytes, bits per byte"},
    ColumnDef{"payload_chi2", T::Real, "chi-square of the sampled bytes against uniform (255 df)"},
    ColumnDef{"sampled_bytes", T::Integer, "payload bytes sampled for the statistics"},
    ColumnDef{"signalled", T::Text, "what the signalling said: sdp_rtp, sdp_srtp, dtls_srtp, h245_rtp (an H.245 channel with a plain dataType), h245_h235 (one with h235Media); NULL if nothing"},
    ColumnDef{"first_frame", T::Integer, "frame number of the first packet within its input"},
};

constexpr std::array kH323Messages{
    ColumnDef{"flow_id", T::Integer, "flow carrying the message"},
    ColumnDef{"ts", T::Real, "capture time of the frame completing it"},
    ColumnDef{"frame", T::Integer, "that frame's number within its input"},
    ColumnDef{"transport", T::Text, "tcp (call signalling) or udp (RAS)"},
    ColumnDef{"src_ip", T::Text, "sender"},
    ColumnDef{"dst_ip", T::Text, "receiver"},
    ColumnDef{"protocol", T::Text, "q931 or ras"},
    ColumnDef{"message", T::Text, "Q.931 message type (setup, connect, release_complete...) or RAS alternative"},
    ColumnDef{"h225_body", T::Text, "h323-message-body alternative (NULL for RAS)"},
    ColumnDef{"h225_version", T::Integer, "H.225.0 version from the protocolIdentifier"},
    ColumnDef{"protocol_id", T::Text, "protocolIdentifier OID"},
    ColumnDef{"call_reference", T::Integer, "Q.931 call reference value"},
    ColumnDef{"call_reference_flag", T::Integer, "Q.931 call reference flag (0 from the originating side)"},
    ColumnDef{"request_seq_num", T::Integer, "RAS requestSeqNum"},
    ColumnDef{"call_id", T::Text, "H.225 callIdentifier GUID (32 hex digits)"},
    ColumnDef{"conference_id", T::Text, "conferenceID GUID (32 hex digits)"},
    ColumnDef{"tokens", T::Integer, "1 if H.235 ClearTokens are present, 0 if known absent, NULL unknown"},
    ColumnDef{"crypto_tokens", T::Integer, "1 if H.235 CryptoH323Tokens are present, 0 if known absent, NULL unknown"},
    ColumnDef{"h235", T::Integer, "1 if either token list is present, 0 if both are known absent, NULL unknown"},
    ColumnDef{"h245_tunnelling", T::Integer, "h245Tunnelling flag"},
    ColumnDef{"fast_start", T::Integer, "fastStart elements present"},
    ColumnDef{"has_h245_address", T::Integer, "a separate H.245 channel address is given"},
    ColumnDef{"h245_address", T::Text, "that address:port"},
    ColumnDef{"cause", T::Integer, "Q.850 cause value of the Cause element"},
    ColumnDef{"display", T::Text, "Display element (personal data)"},
    ColumnDef{"calling_number", T::Text, "calling party number (personal data)"},
    ColumnDef{"called_number", T::Text, "called party number (personal data)"},
    ColumnDef{"undecoded", T::Text, "where and why decoding stopped; NULL when complete"},
};

constexpr std::array kH245Messages{
    ColumnDef{"flow_id", T::Integer, "flow carrying the message (the H.245 connection, or the H.225.0 one for tunnelled and fastStart)"},
    ColumnDef{"ts", T::Real, "capture time of the frame completing it"},
    ColumnDef{"frame", T::Integer, "that frame's number within its input"},
    ColumnDef{"carrier", T::Text, "h245 (separate H.245 connection), tunnelled (h245Control in H.225.0) or faststart"},
    ColumnDef{"src_ip", T::Text, "sender"},
    ColumnDef{"dst_ip", T::Text, "receiver"},
    ColumnDef{"call_id", T::Text, "H.225 callIdentifier of the carrying message (tunnelled, faststart); NULL on a separate connection"},
    ColumnDef{"kind", T::Text, "request, response, command or indication"},
    ColumnDef{"message", T::Text, "H.245 message (openLogicalChannel, openLogicalChannelAck, terminalCapabilitySet...)"},
    ColumnDef{"channel", T::Integer, "forwardLogicalChannelNumber of logical channel messages"},
    ColumnDef{"data_type", T::Text, "OpenLogicalChannel dataType: audioData, videoData, data, h235Media, ..."},
    ColumnDef{"media", T::Text, "audio, video or data (for h235Media, its mediaType)"},
    ColumnDef{"codec", T::Text, "audio/video capability (g711Alaw64k, h263VideoCapability, ...)"},
    ColumnDef{"encrypted", T::Integer, "1 when the channel's dataType is h235Media (H.235 media encryption), 0 for plain "
                                       "audio/video/data, NULL when the channel carries no media of its own or is unknown"},
    ColumnDef{"encryption_algorithms", T::Text, "encryption algorithm OIDs offered in h235Media, comma-separated"},
    ColumnDef{"bidirectional", T::Integer, "1 when the OpenLogicalChannel also opens a reverse channel"},
    ColumnDef{"session_id", T::Integer, "RTP session (1 audio, 2 video, 3 data by convention)"},
    ColumnDef{"media_addr", T::Text, "mediaChannel address: where RTP is to be sent"},
    ColumnDef{"media_port", T::Integer, "mediaChannel port"},
    ColumnDef{"control_addr", T::Text, "mediaControlChannel address (RTCP)"},
    ColumnDef{"control_port", T::Integer, "mediaControlChannel port"},
    ColumnDef{"encryption_sync", T::Integer, "openLogicalChannelAck carries EncryptionSync (an H.235 media key); NULL unknown"},
    ColumnDef{"undecoded", T::Text, "where and why decoding stopped; NULL when complete"},
};

constexpr std::array kRtspMessages{
    ColumnDef{"flow_id", T::Integer, "TCP flow carrying the message"},
    ColumnDef{"ts", T::Real, "capture time of the frame completing it"},
    ColumnDef{"frame", T::Integer, "that frame's number within its input"},
    ColumnDef{"src_ip", T::Text, "sender"},
    ColumnDef{"dst_ip", T::Text, "receiver"},
    ColumnDef{"version", T::Text, "RTSP/1.0 or RTSP/2.0"},
    ColumnDef{"method", T::Text, "request method (OPTIONS, DESCRIBE, SETUP, PLAY, ...); NULL for responses"},
    ColumnDef{"status_code", T::Integer, "response status; NULL for requests"},
    ColumnDef{"uri", T::Text, "request URI with userinfo and secret query values replaced by REDACTED"},
    ColumnDef{"cseq", T::Integer, "CSeq: pairs a response with its request"},
    ColumnDef{"session", T::Text, "Session id (without ;timeout)"},
    ColumnDef{"transport_profile", T::Text, "Transport profile as sent, upper-cased: RTP/AVP, RTP/AVP/UDP, RTP/AVP/TCP, RTP/SAVP..."},
    ColumnDef{"transport_mode", T::Text, "unicast or multicast (Transport); NULL if not said"},
    ColumnDef{"interleaved", T::Integer, "1 if media rides the RTSP connection (interleaved= or /TCP), 0 if not, NULL without Transport"},
    ColumnDef{"interleaved_channels", T::Text, "interleaved channel range, e.g. 0-1"},
    ColumnDef{"client_port", T::Integer, "first client_port of the Transport"},
    ColumnDef{"server_port", T::Integer, "first server_port of the Transport"},
    ColumnDef{"media_mode", T::Text, "Transport mode= parameter, lower-cased: play or record"},
    ColumnDef{"auth_scheme", T::Text, "scheme of Authorization (requests) or WWW-Authenticate (responses): basic, digest; never the credentials"},
    ColumnDef{"user_agent", T::Text, "User-Agent (requests) or Server (responses)"},
    ColumnDef{"content_type", T::Text, "Content-Type"},
    ColumnDef{"content_base", T::Text, "Content-Base, redacted like uri"},
    ColumnDef{"has_sdp", T::Integer, "1 if the body is SDP (its media lines are in sdp_media, call_id NULL)"},
};

constexpr std::array kStunFlows{
    ColumnDef{"flow_id", T::Integer, "flow carrying STUN (ICE checks, TURN)"},
    ColumnDef{"messages", T::Integer, "STUN messages (ChannelData frames not counted)"},
    ColumnDef{"requests", T::Integer, "requests"},
    ColumnDef{"success", T::Integer, "success responses"},
    ColumnDef{"errors", T::Integer, "error responses"},
    ColumnDef{"indications", T::Integer, "indications"},
    ColumnDef{"binding", T::Integer, "Binding messages (ICE connectivity checks, server reflexive discovery)"},
    ColumnDef{"turn", T::Integer, "TURN messages (Allocate, Refresh, Send, Data, CreatePermission, ChannelBind)"},
    ColumnDef{"channel_data", T::Integer, "TURN ChannelData frames"},
    ColumnDef{"with_integrity", T::Integer, "messages carrying MESSAGE-INTEGRITY"},
    ColumnDef{"software", T::Text, "SOFTWARE attribute, first seen"},
    ColumnDef{"first_ts", T::Real, "first STUN message"},
    ColumnDef{"last_ts", T::Real, "last STUN message"},
};

constexpr std::array kTurnRelays{
    ColumnDef{"flow_id", T::Integer, "flow to the TURN server"},
    ColumnDef{"ts", T::Real, "time of the Allocate success response"},
    ColumnDef{"relayed_ip", T::Text, "XOR-RELAYED-ADDRESS: where the relay sends and receives media"},
    ColumnDef{"relayed_port", T::Integer, "relayed port"},
    ColumnDef{"mapped_ip", T::Text, "XOR-MAPPED-ADDRESS: the client as the server sees it"},
    ColumnDef{"mapped_port", T::Integer, "mapped port"},
    ColumnDef{"lifetime_s", T::Integer, "allocation lifetime granted"},
    ColumnDef{"frame", T::Integer, "frame number within its input"},
};

constexpr std::array kCredentials{
    ColumnDef{"flow_id", T::Integer, "flow carrying the attempt"},
    ColumnDef{"ts", T::Real, "capture time"},
    ColumnDef{"protocol", T::Text, "http, rtsp, sip, ftp, telnet, pop3, imap, smtp, ldap, snmp"},
    ColumnDef{"username", T::Text, "account name ('' when the protocol has none, e.g. SNMP community)"},
    ColumnDef{"secret_kind", T::Text, "password, digest, community, hash, email, none"},
    ColumnDef{"secret_redacted", T::Text, "redacted form, never the secret"},
    ColumnDef{"weak", T::Integer, "1 if it matches the weak/default list, 0 if tested and not found, NULL if not testable"},
    ColumnDef{"outcome", T::Text, "success, failure, unknown (from the server's answer)"},
    ColumnDef{"mechanism", T::Text, "basic, digest, form, plain, login, cram-md5, apop, simple, v1, v2c, v3-noauth, ..."},
    ColumnDef{"client_ip", T::Text, "address that sent the credential"},
    ColumnDef{"server_ip", T::Text, "address it was sent to"},
    ColumnDef{"server_port", T::Integer, "port it was sent to"},
    ColumnDef{"cleartext", T::Integer, "1 if the secret itself crossed the network readable (Basic, form, PASS, community...)"},
    ColumnDef{"secret_hmac", T::Text, "HMAC-SHA-256 of the secret with this store's key: equal secrets, equal values"},
    ColumnDef{"realm", T::Text, "digest realm"},
    ColumnDef{"algorithm", T::Text, "digest algorithm (MD5 when the message names none)"},
    ColumnDef{"qop", T::Text, "digest qop ('' when absent)"},
    ColumnDef{"nonce_reused", T::Integer, "1 if this digest nonce was already used by an earlier attempt"},
    ColumnDef{"weak_source", T::Text, "which kind of list entry matched (vendor default, common weak password), never the secret"},
    ColumnDef{"target", T::Text, "what was logged into: path, extension, mailbox server (never a secret)"},
    ColumnDef{"frame", T::Integer, "frame number within its input"},
};

constexpr std::array kDevices{
    ColumnDef{"device_id", T::Text, "device name: the site's name for it, else the configuration file's name"},
    ColumnDef{"input_id", T::Integer, "configuration file it was read from"},
    ColumnDef{"vendor", T::Text, "manufacturer or project, when known"},
    ColumnDef{"product", T::Text, "product line"},
    ColumnDef{"model", T::Text, "model, when the file says"},
    ColumnDef{"firmware", T::Text, "firmware or software version, when the file says"},
    ColumnDef{"mgmt_address", T::Text, "management address, when the file or the site says"},
    ColumnDef{"role", T::Text, "endpoint, phone, pbx, sip_server, turn, mcu, web, recorder"},
    ColumnDef{"format", T::Text, "configuration format detected"},
};

constexpr std::array kSiteDevices{
    ColumnDef{"name", T::Text, "device name in the site policy's inventory"},
    ColumnDef{"address", T::Text, "declared address ('' when none)"},
    ColumnDef{"vendor", T::Text, "declared vendor"},
    ColumnDef{"model", T::Text, "declared model"},
    ColumnDef{"role", T::Text, "declared role"},
    ColumnDef{"min_firmware", T::Text, "lowest firmware version the site accepts ('' when none)"},
    ColumnDef{"configs", T::Integer, "number of configuration files declared for it"},
};

constexpr std::array kDeviceSettings{
    ColumnDef{"device_id", T::Text, "device the setting belongs to"},
    ColumnDef{"input_id", T::Integer, "configuration file it came from"},
    ColumnDef{"key", T::Text, "normalised key (probes/config/vocabulary.md), NULL for a setting kept only raw"},
    ColumnDef{"value", T::Text, "value (secrets redacted)"},
    ColumnDef{"raw_key", T::Text, "key as written in the file, qualified by its section"},
    ColumnDef{"line", T::Integer, "line in the file (0 for formats without lines)"},
    ColumnDef{"source", T::Text, "file (set by the file) or default (the product's default, the file being silent)"},
    ColumnDef{"placeholder", T::Integer, "1 if the value is a template variable of unknown meaning"},
    ColumnDef{"secret", T::Integer, "1 if the value is a secret (stored redacted)"},
    ColumnDef{"weak", T::Integer, "for secrets: 1 if it matches the weak/default list"},
    ColumnDef{"secret_hmac", T::Text, "for secrets: HMAC-SHA-256 with this store's key"},
};

constexpr std::array kContentMatches{
    ColumnDef{"rule", T::Text, "YARA rule name"},
    ColumnDef{"namespace", T::Text, "YARA namespace (bundled, or the user's rule file name)"},
    ColumnDef{"tags", T::Text, "YARA tags, comma-separated"},
    ColumnDef{"flow_id", T::Integer, "flow whose reassembled bytes matched"},
    ColumnDef{"input_id", T::Integer, "input (capture or file) that matched"},
    ColumnDef{"offset", T::Integer, "offset of the first match within the scanned object"},
    ColumnDef{"scope", T::Text, "what was scanned: tcp_stream, udp_payload, http_body, ftp_file, sip_body, file"},
    ColumnDef{"direction", T::Text, "to_server or to_client for traffic; NULL for files"},
    ColumnDef{"ts", T::Real, "capture time of the object's first byte (traffic) or file modification time"},
    ColumnDef{"object_sha256", T::Text, "SHA-256 of the scanned object (carved file, body or file)"},
    ColumnDef{"object_name", T::Text, "file path, carved path (carved/<sha256>), URL or FTP file name"},
    ColumnDef{"object_size", T::Integer, "bytes scanned"},
};

constexpr std::array kContentObjects{
    ColumnDef{"object_sha256", T::Text, "SHA-256 of the object's bytes (after dechunking and decompression)"},
    ColumnDef{"scope", T::Text, "http_body, ftp_file, sip_body, tcp_stream, udp_payload, file"},
    ColumnDef{"flow_id", T::Integer, "flow that carried it (NULL for files given with --files)"},
    ColumnDef{"input_id", T::Integer, "input it came from"},
    ColumnDef{"direction", T::Text, "to_server (upload, request) or to_client (download, response); NULL for files"},
    ColumnDef{"ts", T::Real, "capture time of the object's first byte, or the file's modification time"},
    ColumnDef{"name", T::Text, "URL, FTP path, SIP method and Call-ID, or the file's path"},
    ColumnDef{"content_type", T::Text, "declared type (Content-Type) when there is one"},
    ColumnDef{"size", T::Integer, "object size in bytes as carried"},
    ColumnDef{"complete", T::Integer, "1 if every byte was seen, 0 if a gap or limit cut it"},
    ColumnDef{"carved_path", T::Text, "carved/<sha256> inside the output folder when the object was kept"},
    ColumnDef{"frame", T::Integer, "frame of the object's first byte within its input"},
};

constexpr std::array kCustody{
    ColumnDef{"seq", T::Integer, "entry number, from 1", true},
    ColumnDef{"ts", T::Text, "when (ISO 8601 UTC)"},
    ColumnDef{"action", T::Text, "acquire, run, export, verify, capture_file"},
    ColumnDef{"actor", T::Text, "who: user name and host"},
    ColumnDef{"subject", T::Text, "what: input path, output folder or file"},
    ColumnDef{"sha256", T::Text, "hash of the subject when it is a file"},
    ColumnDef{"detail", T::Text, "from where, capture interface and filter, clock state, tool version"},
    ColumnDef{"prev_hash", T::Text, "entry_hash of the previous entry (64 zeros for the first)"},
    ColumnDef{"entry_hash", T::Text, "SHA-256 over prev_hash and this entry's fields (see docs/custody.md)"},
};

// One row per start of `vcaudit capture`, written when its end is known: at
// a clean stop, or by the next start when the process crashed (ended NULL).
constexpr std::array kCaptureSessions{
    ColumnDef{"session_id", T::Text, "start time (ISO 8601 UTC) and process id, e.g. 2026-03-01T08:00:00Z/4242", true},
    ColumnDef{"host", T::Text, "host name of the capturing machine"},
    ColumnDef{"iface", T::Text, "network interface captured"},
    ColumnDef{"filter", T::Text, "BPF capture filter ('' for none)"},
    ColumnDef{"started_by", T::Text, "user@host who started the capture (before the privilege drop)"},
    ColumnDef{"run_as", T::Text, "user the capture ran as after dropping privileges"},
    ColumnDef{"started", T::Real, "Unix seconds when capturing began"},
    ColumnDef{"ended", T::Real, "Unix seconds when it stopped; NULL if it ended without a clean stop (crash, kill -9)"},
    ColumnDef{"clean_stop", T::Integer, "1 stopped by SIGTERM/SIGINT with its last file closed and recorded, 0 crashed or failed"},
    ColumnDef{"packets_received", T::Integer, "packets the kernel passed to the capture (libpcap ps_recv); NULL if unknown"},
    ColumnDef{"dropped_kernel", T::Integer, "packets lost because the capture buffer was full (ps_drop); NULL if unknown"},
    ColumnDef{"dropped_iface", T::Integer, "packets the interface or driver lost (ps_ifdrop); NULL if unknown"},
    ColumnDef{"files_written", T::Integer, "pcap files this session closed and recorded as inputs"},
    ColumnDef{"ntp_synchronised", T::Integer, "1 if the host clock was NTP-synchronised at the start, 0 if not, NULL unknown"},
    ColumnDef{"clock_source", T::Text, "how that was told: timedatectl, adjtimex or unknown"},
};

constexpr std::array kAttestations{
    ColumnDef{"input_id", T::Integer, "attestations file the answer came from"},
    ColumnDef{"question_id", T::Text, "questionnaire item, e.g. Q-POLICY-ISSUED"},
    ColumnDef{"answer", T::Text, "yes, no, not_applicable"},
    ColumnDef{"date", T::Text, "date the answer refers to (YYYY-MM-DD), e.g. of the document or last review"},
    ColumnDef{"evidence_path", T::Text, "supporting document, as named in the attestations file"},
    ColumnDef{"evidence_sha256", T::Text, "SHA-256 of that document (NULL when none was given)"},
    ColumnDef{"note", T::Text, "free text from the site"},
};

constexpr std::array kFindings{
    ColumnDef{"rule_id", T::Text, "rule that produced the finding"},
    ColumnDef{"status", T::Text, "pass, fail, not_assessed, manual, waived, error"},
    ColumnDef{"severity", T::Text, "critical, high, medium, low, info"},
    ColumnDef{"subject", T::Text, "what the finding is about (flow, host, device)"},
    ColumnDef{"detail", T::Text, "why"},
    ColumnDef{"evidence", T::Text, "references into the facts (flow ids, frames, inputs)"},
};

constexpr std::array kAssessments{
    ColumnDef{"rule_id", T::Text, "rule"},
    ColumnDef{"status", T::Text, "overall status of the rule in this run"},
    ColumnDef{"clause", T::Text, "clause id of the evaluated level and regime"},
    ColumnDef{"violations", T::Integer, "number of violation rows"},
    ColumnDef{"reason", T::Text, "why not_assessed or error, when so"},
};

constexpr std::array kHeadings{
    ColumnDef{"heading_id", T::Text, "catalogue id of the requirement heading (e.g. APP-05)"},
    ColumnDef{"level", T::Integer, "security level evaluated"},
    ColumnDef{"clause", T::Text, "legacy clause id at that level (TCVN 11930:2017 / TT 12/2022)"},
    ColumnDef{"current_ref", T::Text, "current-regime reference (NĐ 331/2026, TCVN 14423:2026)"},
    ColumnDef{"status", T::Text, "pass, fail, advisory, manual, not_assessed, error, not_applicable"},
    ColumnDef{"assessed_by", T::Text, "rules and questionnaire item, or the reason it does not apply"},
};

constexpr std::array kTables{
    TableDef{"runs", "one row per audit run", kRuns},
    TableDef{"inputs", "every input, hashed before analysis", kInputs},
    TableDef{"anomalies", "damaged or unusual data and limits hit: gaps in the evidence", kAnomalies},
    TableDef{"flows", "one row per transport 5-tuple (both directions)", kFlows},
    TableDef{"tls_sessions", "TLS and DTLS handshakes", kTlsSessions},
    TableDef{"certificates", "X.509 certificates seen in handshakes", kCertificates},
    TableDef{"sip_messages", "SIP requests and responses", kSipMessages},
    TableDef{"sdp_media", "SDP media descriptions (m= lines) carried by SIP", kSdpMedia},
    TableDef{"rtp_streams", "RTP/SRTP streams, one row per stream", kRtpStreams},
    TableDef{"h323_messages", "H.323 call signalling (Q.931/H.225.0) and RAS messages", kH323Messages},
    TableDef{"h245_messages", "H.245 control messages: logical channels, their media and H.235 media encryption", kH245Messages},
    TableDef{"rtsp_messages", "RTSP requests and responses (cameras, recorders)", kRtspMessages},
    TableDef{"stun_flows", "STUN/TURN traffic, one row per flow", kStunFlows},
    TableDef{"turn_relays", "TURN allocations granted: the relayed addresses media may go through", kTurnRelays},
    TableDef{"credentials", "credential use seen in traffic (secrets redacted)", kCredentials},
    TableDef{"site_devices", "the inventory declared in the site policy", kSiteDevices},
    TableDef{"devices", "devices and servers whose configuration was read", kDevices},
    TableDef{"device_settings", "device configuration settings, normalised and raw (secrets redacted)", kDeviceSettings},
    TableDef{"content_matches", "YARA matches over reassembled traffic and files", kContentMatches},
    TableDef{"content_objects", "files and bodies carried by HTTP, FTP and SIP, and files given with --files", kContentObjects},
    TableDef{"custody", "chain of custody: append-only, hash-chained ledger of acquisitions, runs, exports and verifications", kCustody},
    TableDef{"capture_sessions", "live capture sessions: who captured what, when, how it ended, packets lost", kCaptureSessions},
    TableDef{"attestations", "the site's answers to the questionnaire, with hashed evidence documents", kAttestations},
    TableDef{"findings", "rule results: one row per violation", kFindings},
    TableDef{"assessments", "one row per evaluated rule or questionnaire item", kAssessments},
    TableDef{"headings", "every requirement heading of the evaluated level, with its status", kHeadings},
};

// One row per call (a SIP dialog with an INVITE): a meeting leg as the
// signalling shows it. Derived in SQL so it always agrees with sip_messages.
constexpr std::string_view kCallsSelect = R"sql(
SELECT m.call_id AS call_id,
       min(m.ts) AS first_ts,
       max(m.ts) AS last_ts,
       max(m.ts) - min(m.ts) AS duration_s,
       (SELECT x.from_uri FROM sip_messages x WHERE x.call_id = m.call_id AND x.method = 'INVITE'
        ORDER BY x.ts LIMIT 1) AS caller,
       (SELECT x.to_uri FROM sip_messages x WHERE x.call_id = m.call_id AND x.method = 'INVITE'
        ORDER BY x.ts LIMIT 1) AS callee,
       (SELECT x.user_agent FROM sip_messages x WHERE x.call_id = m.call_id AND x.method = 'INVITE'
        AND x.user_agent IS NOT NULL ORDER BY x.ts LIMIT 1) AS caller_agent,
       (SELECT x.user_agent FROM sip_messages x WHERE x.call_id = m.call_id AND x.method IS NULL
        AND x.user_agent IS NOT NULL ORDER BY x.ts LIMIT 1) AS callee_agent,
       (SELECT x.status_code FROM sip_messages x WHERE x.call_id = m.call_id AND x.status_code >= 200
        AND x.cseq LIKE '% INVITE' ORDER BY x.ts DESC LIMIT 1) AS final_status,
       group_concat(DISTINCT m.transport) AS transports,
       min(CASE WHEN m.transport IN ('tls', 'wss') THEN 1 ELSE 0 END) AS signalling_encrypted,
       (SELECT min(CASE WHEN upper(s.proto) LIKE '%SAVP%' THEN 1 ELSE 0 END) FROM sdp_media s
        WHERE s.call_id = m.call_id AND s.port <> 0 AND s.media IN ('audio', 'video')) AS media_protected,
       max(CASE WHEN m.method = 'BYE' THEN 1 ELSE 0 END) AS ended_by_bye,
       count(*) AS messages
FROM sip_messages m
WHERE m.call_id IS NOT NULL
GROUP BY m.call_id
HAVING max(CASE WHEN m.method = 'INVITE' THEN 1 ELSE 0 END) = 1
)sql";

constexpr std::array kViews{
    ViewDef{"calls", "one row per SIP call (dialog with an INVITE), derived from sip_messages and sdp_media",
            kCallsSelect,
            "call_id, first_ts, last_ts, duration_s, caller, callee, caller_agent, callee_agent, final_status "
            "(final response to the INVITE), transports, signalling_encrypted (1 only if every message went over "
            "TLS/WSS), media_protected (1 if every offered audio/video line used an SRTP profile, NULL if no SDP), "
            "ended_by_bye, messages"},
};

}  // namespace

std::span<const TableDef> all_tables() { return kTables; }
std::span<const ViewDef> all_views() { return kViews; }

bool is_fact_relation(std::string_view name) {
    if (find_table(name) != nullptr) return true;
    for (const auto& v : kViews)
        if (v.name == name) return true;
    return false;
}

const TableDef* find_table(std::string_view name) {
    for (const auto& t : kTables)
        if (t.name == name) return &t;
    return nullptr;
}

std::string_view to_sql_type(ColumnType t) {
    switch (t) {
        case ColumnType::Integer: return "INTEGER";
        case ColumnType::Real: return "REAL";
        case ColumnType::Text: return "TEXT";
    }
    return "TEXT";
}

// Rules join streams to SDP lines by address and port, and sessions to flows:
// without these indexes those joins scan a table per row.
std::string index_ddl() {
    return "CREATE INDEX IF NOT EXISTS flows_endpoints ON flows(dst_ip, dst_port);\n"
           "CREATE INDEX IF NOT EXISTS sip_messages_call ON sip_messages(call_id);\n"
           "CREATE INDEX IF NOT EXISTS sdp_media_call ON sdp_media(call_id);\n"
           "CREATE INDEX IF NOT EXISTS sdp_media_endpoint ON sdp_media(addr, port);\n"
           "CREATE INDEX IF NOT EXISTS tls_sessions_flow ON tls_sessions(flow_id);\n"
           "CREATE INDEX IF NOT EXISTS device_settings_key ON device_settings(key, device_id);\n";
}

std::string schema_ddl() {
    std::string out;
    for (const auto& t : kTables) {
        out += "CREATE TABLE ";
        out += t.name;
        out += " (\n";
        bool first = true;
        for (const auto& c : t.columns) {
            if (!first) out += ",\n";
            first = false;
            out += "  ";
            out += c.name;
            out += ' ';
            out += to_sql_type(c.type);
            if (c.primary_key) out += " PRIMARY KEY";
        }
        out += "\n);\n";
    }
    for (const auto& v : kViews) {
        out += "CREATE VIEW ";
        out += v.name;
        out += " AS ";
        out += v.select;
        out += ";\n";
    }
    out += index_ddl();
    return out;
}

std::string schema_text() {
    std::string out = "vcaudit facts schema, version " + std::to_string(kSchemaVersion) + "\n";
    for (const auto& t : kTables) {
        out += "\n";
        out += t.name;
        out += " — ";
        out += t.doc;
        out += "\n";
        for (const auto& c : t.columns) {
            out += "  ";
            std::string name(c.name);
            name.resize(std::max<std::size_t>(name.size(), 16), ' ');
            out += name;
            std::string type(to_sql_type(c.type));
            type.resize(8, ' ');
            out += type;
            out += c.doc;
            out += "\n";
        }
    }
    for (const auto& v : kViews) {
        out += "\n";
        out += v.name;
        out += " (view) — ";
        out += v.doc;
        out += "\n  ";
        out += v.columns_doc;
        out += "\n";
    }
    return out;
}

}  // namespace vca::facts
