// Test support: payloads of single frames of the shared public corpus
// (corpus/public/..., see its MANIFEST.tsv for origins and licences), read at
// run time through the project's own capture reader and decoder. The corpus
// is never copied into this repository; tests name a capture by its path
// relative to the shared folder (VCA_SHARED_DIR) and a frame number.
//
// Every function throws CorpusError when the capture, the frame or the
// expected shape is missing: GoogleTest reports the exception, with its
// message, as a failure of the calling test (never as a skip).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vca::test {

struct CorpusError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Absolute path of `relative_path` ("corpus/public/arkime/curl-enabled-tls13.pcap")
// in the shared folder CMake configured (VCA_SHARED_DIR).
std::string corpus_path(std::string_view relative_path);

// The TCP or UDP payload of frame `frame_number` (1-based, numbered as tshark
// numbers them) of a capture in the shared folder.
std::vector<std::uint8_t> corpus_payload(std::string_view relative_path, std::int64_t frame_number);

// The payloads of several frames of one capture, concatenated in the order
// given (a TCP PDU that tshark reassembles from consecutive segments).
std::vector<std::uint8_t> corpus_payloads(std::string_view relative_path,
                                          std::initializer_list<std::int64_t> frame_numbers);

// corpus_payload as text (SIP, SDP).
std::string corpus_text(std::string_view relative_path, std::int64_t frame_number);

// `bytes` itself when it holds exactly `expected` bytes (the length the
// fixture was cut at and cross-checked with); CorpusError naming `what` if not.
std::vector<std::uint8_t> require_size(std::vector<std::uint8_t> bytes, std::size_t expected, std::string_view what);
std::string require_size(std::string text, std::size_t expected, std::string_view what);

// The first TLS record (5-byte header + its length) of `bytes`.
std::vector<std::uint8_t> first_tls_record(const std::vector<std::uint8_t>& bytes);

// The application data of `bytes` holding exactly one complete, unfragmented
// WebSocket frame (RFC 6455 §5.2), unmasked when the frame is masked (§5.3).
std::string websocket_frame_payload(const std::vector<std::uint8_t>& bytes);

}  // namespace vca::test
