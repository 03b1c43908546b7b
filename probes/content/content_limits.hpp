// Bounds of the content extractors (probes/content). Kept beside the module:
// only the extractors and their tests use them. Every byte an extractor holds
// counts against three budgets at once: the object, its flow, and everything
// held by all flows together. A bound hit cuts the object (complete = false)
// and records the anomaly `content_limit_reached`.
#pragma once

#include <cstddef>

namespace vca::probes::content::limits {

// Bytes kept of one object (an HTTP body before decoding, an FTP file, one
// direction of a TCP stream or of a UDP flow). Documents sent in meetings are
// a few MiB; YARA sees at most its own window (auditor/scan) anyway.
inline constexpr std::size_t kMaxObjectBytes = 16 * 1024 * 1024;
// Bytes held at once by one flow (both directions, every open object).
inline constexpr std::size_t kMaxFlowBytes = 32 * 1024 * 1024;
// Bytes held at once by every extractor together: what --yara may add to the
// run's memory however many flows carry content.
inline constexpr std::size_t kMaxInFlightBytes = 256 * 1024 * 1024;
// Of those, bytes held at once for raw streams (tcp_stream, udp_payload,
// kept until their flow closes or the capture ends): a long capture full of
// unrecognised UDP cannot starve the files and bodies of the budget.
inline constexpr std::size_t kMaxStreamsInFlightBytes = 64 * 1024 * 1024;
// Bytes a gzip/deflate body may inflate to (a small "zip bomb" body expands
// a thousandfold): the object is cut there.
inline constexpr std::size_t kMaxInflatedBytes = 16 * 1024 * 1024;
// Parts of one multipart/form-data body looked at.
inline constexpr std::size_t kMaxMultipartParts = 64;
// Header bytes of one multipart part (Content-Disposition, Content-Type).
inline constexpr std::size_t kMaxPartHeaderBytes = 8 * 1024;
// Requests of one HTTP connection waiting for their response (pipelining).
inline constexpr std::size_t kMaxPendingRequests = 64;
// FTP data connections announced (PASV/EPSV replies, PORT/EPRT commands) and
// not yet seen, over all control connections; the oldest is forgotten first.
inline constexpr std::size_t kMaxFtpExpectations = 1024;
// Longest object name kept (a URL, an FTP path): longer ones end in "...".
inline constexpr std::size_t kMaxNameBytes = 1024;
// Longest FTP control line examined (RFC 959 commands and replies are short).
inline constexpr std::size_t kMaxFtpLine = 4096;

// The same bounds as values, so tests can lower them.
struct ContentLimits {
    std::size_t max_object_bytes = kMaxObjectBytes;
    std::size_t max_flow_bytes = kMaxFlowBytes;
    std::size_t max_in_flight_bytes = kMaxInFlightBytes;
    std::size_t max_streams_in_flight_bytes = kMaxStreamsInFlightBytes;
    std::size_t max_inflated_bytes = kMaxInflatedBytes;
};

}  // namespace vca::probes::content::limits
