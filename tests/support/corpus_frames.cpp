// Test support: see corpus_frames.hpp.
#include "tests/support/corpus_frames.hpp"

#include <cstddef>
#include <string>

#include "probes/capture/pcap_reader.hpp"
#include "probes/decode/packet.hpp"

#ifndef VCA_SHARED_DIR
#error "VCA_SHARED_DIR must be defined (tests/CMakeLists.txt)"
#endif

namespace vca::test {
namespace {

namespace capture = vca::probes::capture;
namespace decode = vca::probes::decode;

[[noreturn]] void fail(std::string_view relative_path, const std::string& what) {
    throw CorpusError("shared corpus: " + std::string(relative_path) + ": " + what +
                      " (shared folder: " + corpus_path("") +
                      "; configure with -DVCA_SHARED_DIR=<shared folder>)");
}

std::string_view status_name(decode::DecodeStatus s) {
    switch (s) {
        case decode::DecodeStatus::Ok: return "ok";
        case decode::DecodeStatus::NotIp: return "not IP";
        case decode::DecodeStatus::OtherIpProto: return "neither TCP nor UDP";
        case decode::DecodeStatus::Fragment: return "an IP fragment";
        case decode::DecodeStatus::Malformed: return "malformed";
        case decode::DecodeStatus::Truncated: return "truncated";
        case decode::DecodeStatus::Unsupported: return "of an unsupported link type";
    }
    return "?";
}

void check_size(std::size_t got, std::size_t expected, std::string_view what) {
    if (got != expected) {
        throw CorpusError(std::string(what) + ": " + std::to_string(got) + " bytes, expected " +
                          std::to_string(expected) + " (has the shared corpus capture changed?)");
    }
}

}  // namespace

std::string corpus_path(std::string_view relative_path) {
    std::string root = VCA_SHARED_DIR;
    if (!root.empty() && root.back() != '/') root += '/';
    return root + std::string(relative_path);
}

std::vector<std::uint8_t> corpus_payload(std::string_view relative_path, std::int64_t frame_number) {
    if (frame_number < 1) fail(relative_path, "frame numbers start at 1, got " + std::to_string(frame_number));
    auto reader = capture::PcapReader::open(corpus_path(relative_path));
    if (!reader) fail(relative_path, "cannot open the capture: " + reader.error().message);
    capture::Frame frame;
    for (;;) {
        const capture::ReadResult r = reader->next(frame);
        if (r.status != capture::ReadStatus::Frame) {
            std::string why = r.status == capture::ReadStatus::End ? "the capture ends" : "read error";
            if (!r.detail.empty()) why += ": " + r.detail;
            fail(relative_path, "frame " + std::to_string(frame_number) + " not found (" + why + " after frame " +
                                    std::to_string(frame.number) + ")");
        }
        if (frame.number == frame_number) break;
    }
    const decode::DecodeResult d = decode::decode_frame(frame.linktype, frame.data);
    if (d.status != decode::DecodeStatus::Ok) {
        fail(relative_path, "frame " + std::to_string(frame_number) + " is " + std::string(status_name(d.status)) +
                                (d.anomaly.empty() ? "" : " (" + std::string(d.anomaly) + ")"));
    }
    if (d.packet.payload_clipped) {
        fail(relative_path, "frame " + std::to_string(frame_number) + ": payload cut short by the snapshot length");
    }
    if (d.packet.payload.empty()) fail(relative_path, "frame " + std::to_string(frame_number) + " has no payload");
    return {d.packet.payload.begin(), d.packet.payload.end()};
}

std::vector<std::uint8_t> corpus_payloads(std::string_view relative_path,
                                          std::initializer_list<std::int64_t> frame_numbers) {
    std::vector<std::uint8_t> all;
    for (const std::int64_t n : frame_numbers) {
        const std::vector<std::uint8_t> one = corpus_payload(relative_path, n);
        all.insert(all.end(), one.begin(), one.end());
    }
    return all;
}

std::string corpus_text(std::string_view relative_path, std::int64_t frame_number) {
    const std::vector<std::uint8_t> p = corpus_payload(relative_path, frame_number);
    return {p.begin(), p.end()};
}

std::vector<std::uint8_t> require_size(std::vector<std::uint8_t> bytes, std::size_t expected, std::string_view what) {
    check_size(bytes.size(), expected, what);
    return bytes;
}

std::string require_size(std::string text, std::size_t expected, std::string_view what) {
    check_size(text.size(), expected, what);
    return text;
}

std::vector<std::uint8_t> first_tls_record(const std::vector<std::uint8_t>& bytes) {
    if (bytes.size() < 5) throw CorpusError("first_tls_record: fewer than 5 bytes");
    const std::size_t len = 5 + ((std::size_t{bytes[3]} << 8) | bytes[4]);
    if (bytes.size() < len) throw CorpusError("first_tls_record: the record runs past the payload");
    return {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(len)};
}

std::string websocket_frame_payload(const std::vector<std::uint8_t>& bytes) {
    // RFC 6455 §5.2: FIN/opcode, MASK/7-bit length, 16- or 64-bit extended
    // length, 4-byte masking key when MASK is set, then the payload.
    if (bytes.size() < 2) throw CorpusError("websocket: fewer than 2 bytes");
    if ((bytes[0] & 0x80U) == 0) throw CorpusError("websocket: fragmented message (FIN not set)");
    const bool masked = (bytes[1] & 0x80U) != 0;
    std::size_t pos = 2;
    std::uint64_t len = bytes[1] & 0x7fU;
    const std::size_t ext = len == 126 ? 2 : len == 127 ? 8 : 0;
    if (bytes.size() < pos + ext) throw CorpusError("websocket: header cut short");
    if (ext != 0) {
        len = 0;
        for (std::size_t i = 0; i < ext; ++i) len = (len << 8) | bytes[pos + i];
        pos += ext;
    }
    std::uint8_t key[4] = {0, 0, 0, 0};
    if (masked) {
        if (bytes.size() < pos + 4) throw CorpusError("websocket: masking key cut short");
        for (std::size_t i = 0; i < 4; ++i) key[i] = bytes[pos + i];
        pos += 4;
    }
    if (bytes.size() - pos != len) {
        throw CorpusError("websocket: payload length " + std::to_string(len) + " but " +
                          std::to_string(bytes.size() - pos) + " bytes follow the header");
    }
    std::string out(bytes.begin() + static_cast<std::ptrdiff_t>(pos), bytes.end());
    // RFC 6455 §5.3: octet i of the payload is XORed with octet i mod 4 of the key.
    if (masked) {
        for (std::size_t i = 0; i < out.size(); ++i) {
            out[i] = static_cast<char>(static_cast<std::uint8_t>(out[i]) ^ key[i % 4]);
        }
    }
    return out;
}

}  // namespace vca::test
