#include "probes/h323/h245_decoder.hpp"

#include <bitset>

#include "auditor/core/limits.hpp"
#include "auditor/core/net_address.hpp"
#include "probes/h323/h245_names.hpp"
#include "probes/h323/per_reader.hpp"

namespace vca::probes::h323 {
namespace {

using detail::H245Choice;
using detail::h245_name;

// Alternatives of the H.245 CHOICEs read here whose index matters.
namespace alt {
constexpr std::size_t kRequest = 0, kResponse = 1, kIndication = 3;
constexpr std::size_t kOpenLogicalChannel = 3, kCloseLogicalChannel = 4, kRequestChannelClose = 5;
constexpr std::size_t kOpenLogicalChannelAck = 5, kOpenLogicalChannelReject = 6, kCloseLogicalChannelAck = 7;
constexpr std::size_t kOpenLogicalChannelConfirm = 4;
constexpr std::size_t kVideoData = 2, kAudioData = 3, kData = 4, kH235Media = 7;
constexpr std::size_t kMediaVideo = 1, kMediaAudio = 2, kMediaData = 3;  // H235Media.mediaType
constexpr std::size_t kAudioG7231 = 8;
constexpr std::size_t kH2250Parameters = 3;  // multiplexParameters: the first extension addition
}  // namespace alt

// OpenLogicalChannelAck extension additions (H.245 v2 and later), in order.
constexpr std::size_t kAckForwardMultiplexAck = 1, kAckEncryptionSync = 2;

// Walks the parts of one H.245 PDU that an audit reads, filling `m`.
class H245Walk {
public:
    H245Walk(PerReader& r, H245Message& m) : r_(r), m_(m) {}

    bool message() {
        std::size_t kind = 0;
        if (!choice(detail::h245_message_kinds(), kind)) return note("MultimediaSystemControlMessage");
        m_.kind = std::string(h245_name(detail::h245_message_kinds(), kind));
        static const H245Choice* const kInner[] = {&detail::h245_requests(), &detail::h245_responses(),
                                                   &detail::h245_commands(), &detail::h245_indications()};
        if (kind >= 4) return note("MultimediaSystemControlMessage extension");
        std::size_t index = 0;
        if (!choice(*kInner[kind], index)) return note(m_.kind);
        m_.name = std::string(h245_name(*kInner[kind], index));
        if (kind == alt::kRequest && index == alt::kOpenLogicalChannel) return open_logical_channel();
        if (kind == alt::kResponse && index == alt::kOpenLogicalChannelAck) return open_logical_channel_ack();
        const bool channel_first =
            (kind == alt::kRequest && (index == alt::kCloseLogicalChannel || index == alt::kRequestChannelClose)) ||
            (kind == alt::kResponse &&
             (index == alt::kOpenLogicalChannelReject || index == alt::kCloseLogicalChannelAck)) ||
            (kind == alt::kIndication && index == alt::kOpenLogicalChannelConfirm);
        if (channel_first) return channel_only();
        return true;  // named; its contents are not needed
    }

    bool open_logical_channel() {
        bool ext = false, reverse = false;
        if (!r_.bit(ext) || !r_.bit(reverse) || !channel_number()) return note("OpenLogicalChannel");
        m_.bidirectional = reverse;
        // forwardLogicalChannelParameters
        bool fwd_ext = false, has_port = false;
        std::uint64_t port = 0;
        if (!r_.bit(fwd_ext) || !r_.bit(has_port) || (has_port && !r_.constrained(0, 65535, port)))
            return note("forwardLogicalChannelParameters");
        bool type_walked = false;
        if (!data_type(type_walked)) return note("forwardLogicalChannelParameters.dataType");
        if (!type_walked) return true;  // its size is not known here: the multiplex parameters stay unread
        return multiplex_parameters();
    }

    bool open_logical_channel_ack() {
        bool ext = false, reverse = false;
        if (!r_.bit(ext) || !r_.bit(reverse) || !channel_number()) return note("OpenLogicalChannelAck");
        if (reverse) return note("OpenLogicalChannelAck.reverseLogicalChannelParameters (not walked)");
        if (!ext) {
            m_.encryption_sync = false;
            return true;
        }
        std::size_t n = 0;
        if (!r_.small_length(n) || n > core::limits::kMaxPerExtensionAdditions)
            return note("OpenLogicalChannelAck extension additions");
        std::bitset<core::limits::kMaxPerExtensionAdditions> present;
        for (std::size_t i = 0; i < n; ++i) {
            bool b = false;
            if (!r_.bit(b)) return note("OpenLogicalChannelAck extension additions");
            present[i] = b;
        }
        m_.encryption_sync = n > kAckEncryptionSync && present[kAckEncryptionSync];
        for (std::size_t i = 0; i < n; ++i) {
            if (!present[i]) continue;
            core::Bytes contents;
            if (!r_.open_type(contents)) return note("OpenLogicalChannelAck extension additions");
            if (i != kAckForwardMultiplexAck) continue;
            PerReader sub(contents);
            H245Walk w(sub, m_);
            if (!w.forward_multiplex_ack()) return false;
        }
        return true;
    }

private:
    bool note(std::string_view where) {
        if (m_.undecoded.empty())
            m_.undecoded = std::string(where) + ": the PDU ends early or holds what vcaudit does not walk";
        return false;
    }

    // An extensible CHOICE (X.691 §23): an extension alternative's contents
    // are an open type and are stepped over (or handed back).
    bool choice(const H245Choice& c, std::size_t& index, core::Bytes* extension_contents = nullptr) {
        bool ext = false;
        if (!r_.bit(ext)) return false;
        if (!ext) {
            std::uint64_t v = 0;
            if (!r_.constrained(0, c.roots - 1, v)) return false;
            index = static_cast<std::size_t>(v);
            return true;
        }
        std::size_t i = 0;
        core::Bytes contents;
        if (!r_.small_number(i) || !r_.open_type(contents)) return false;
        index = c.roots + i;
        if (extension_contents != nullptr) *extension_contents = contents;
        return true;
    }

    bool channel_number() {
        std::uint64_t v = 0;
        if (!r_.constrained(1, 65535, v)) return false;
        m_.channel = static_cast<int>(v);
        return true;
    }

    bool channel_only() {
        bool ext = false;
        if (!r_.bit(ext) || !channel_number()) return note(m_.name);
        return true;
    }

    // Extension additions of a SEQUENCE that are not read: bitmap, then open types.
    bool skip_additions() {
        std::size_t n = 0;
        if (!r_.small_length(n) || n > core::limits::kMaxPerExtensionAdditions) return false;
        std::size_t present = 0;
        for (std::size_t i = 0; i < n; ++i) {
            bool b = false;
            if (!r_.bit(b)) return false;
            present += b ? 1 : 0;
        }
        core::Bytes skipped;
        for (std::size_t i = 0; i < present; ++i)
            if (!r_.open_type(skipped)) return false;
        return true;
    }

    // NonStandardParameter: nonStandardIdentifier CHOICE {object, h221NonStandard}, data.
    bool non_standard_parameter() {
        std::uint64_t which = 0, v = 0;
        core::Bytes skipped;
        if (!r_.constrained(0, 1, which)) return false;
        if (which == 0 && !r_.object_identifier(skipped)) return false;
        if (which == 1 && !(r_.constrained(0, 255, v) && r_.constrained(0, 255, v) && r_.constrained(0, 65535, v)))
            return false;
        std::size_t n = 0;
        return r_.length(n) && r_.octets(n, skipped);
    }

    bool non_standard_list() {
        std::size_t n = 0;
        if (!r_.length(n) || n > core::limits::kMaxPerSequenceOfItems) return false;
        for (std::size_t i = 0; i < n; ++i)
            if (!non_standard_parameter()) return false;
        return true;
    }

    // H.245 TransportAddress: unicast or multicast IPv4/IPv6; other kinds
    // (IPX, NetBIOS, NSAP, source routes) end the walk.
    bool transport_address(std::optional<H245Address>& out) {
        bool ext = false;
        std::uint64_t cast = 0, kind = 0;
        if (!r_.bit(ext) || ext || !r_.constrained(0, 1, cast)) return false;
        bool kind_ext = false;
        const std::uint64_t roots = cast == 0 ? 5 : 2;  // UnicastAddress, MulticastAddress
        if (!r_.bit(kind_ext) || kind_ext || !r_.constrained(0, roots - 1, kind)) return false;
        std::size_t octets = 0;
        if (cast == 0) octets = kind == 0 ? 4 : kind == 2 ? 16 : 0;
        else octets = kind == 0 ? 4 : 16;
        if (octets == 0) return false;
        bool seq_ext = false;
        core::Bytes network;
        std::uint64_t port = 0;
        if (!r_.bit(seq_ext) || !r_.octets(octets, network) || !r_.constrained(0, 65535, port)) return false;
        if (seq_ext && !skip_additions()) return false;
        out = H245Address{core::format_ip(network), static_cast<int>(port)};
        return true;
    }

    // Reads the CHOICE index of an audio or video capability as the codec.
    // `walked` is set when the capability's value was stepped over too.
    bool capability(const H245Choice& c, bool audio, bool& walked) {
        std::size_t index = 0;
        if (!choice(c, index)) return false;
        m_.codec = std::string(h245_name(c, index));
        walked = index >= c.roots;  // extension alternatives are open types, already stepped over
        if (!audio || walked) return true;
        std::uint64_t frames = 0;
        bool flag = false;
        if (index == 0) walked = non_standard_parameter();
        else if (index == alt::kAudioG7231) walked = r_.constrained(1, 256, frames) && r_.bit(flag);
        else if (index <= 11) walked = r_.constrained(1, 256, frames);  // G.711, G.722, G.728, G.729: frames per packet
        return index > 11 || walked;  // is11172/is13818 are not walked, which is not an error
    }

    bool data_type(bool& walked) {
        std::size_t index = 0;
        core::Bytes extension;
        if (!choice(detail::h245_data_types(), index, &extension)) return false;
        m_.data_type = std::string(h245_name(detail::h245_data_types(), index));
        walked = false;
        switch (index) {
            case alt::kVideoData:
                m_.media = "video";
                m_.encrypted = false;
                return capability(detail::h245_video_capabilities(), false, walked);
            case alt::kAudioData:
                m_.media = "audio";
                m_.encrypted = false;
                return capability(detail::h245_audio_capabilities(), true, walked);
            case alt::kData:
                m_.media = "data";
                m_.encrypted = false;
                return true;
            case alt::kH235Media: {
                m_.encrypted = true;
                walked = true;  // an open type: the walk goes on after it whatever is inside
                PerReader sub(extension);
                H245Walk w(sub, m_);
                (void)w.h235_media();  // what it cannot read is noted; "encrypted" stands
                return true;
            }
            default:
                walked = index >= detail::h245_data_types().roots || index == 1;  // nullData is NULL
                return true;
        }
    }

    // H235Media: encryptionAuthenticationAndIntegrity, then the media type.
    bool h235_media() {
        bool ext = false, eai_ext = false, has_enc = false, has_auth = false, has_integrity = false;
        if (!r_.bit(ext) || !r_.bit(eai_ext) || !r_.bit(has_enc) || !r_.bit(has_auth) || !r_.bit(has_integrity))
            return note("h235Media");
        if (has_enc) {
            std::size_t n = 0;
            if (!r_.constrained_length(1, 256, n)) return note("h235Media.encryptionCapability");
            for (std::size_t i = 0; i < n; ++i) {
                std::size_t which = 0;
                bool alt_ext = false;
                std::uint64_t v = 0;
                if (!r_.bit(alt_ext)) return note("h235Media.encryptionCapability");
                if (alt_ext) {
                    core::Bytes skipped;
                    if (!r_.small_number(which) || !r_.open_type(skipped)) return note("h235Media.encryptionCapability");
                    continue;
                }
                if (!r_.constrained(0, 1, v)) return note("h235Media.encryptionCapability");
                if (v == 0) {
                    if (!non_standard_parameter()) return note("h235Media.encryptionCapability");
                    continue;
                }
                core::Bytes oid;
                if (!r_.object_identifier(oid)) return note("h235Media.encryptionCapability");
                if (!m_.encryption_algorithms.empty()) m_.encryption_algorithms += ",";
                m_.encryption_algorithms += oid_text(oid).value_or("?");
            }
        }
        for (bool present : {has_auth, has_integrity}) {
            if (!present) continue;
            // AuthenticationCapability / IntegrityCapability: { nonStandard OPTIONAL, ... }
            bool cap_ext = false, has_nsp = false;
            if (!r_.bit(cap_ext) || !r_.bit(has_nsp) || (has_nsp && !non_standard_parameter()) ||
                (cap_ext && !skip_additions()))
                return note("h235Media.encryptionAuthenticationAndIntegrity");
        }
        if (eai_ext && !skip_additions()) return note("h235Media.encryptionAuthenticationAndIntegrity");
        std::size_t media = 0;
        if (!choice(detail::h235_media_types(), media)) return note("h235Media.mediaType");
        bool walked = false;
        switch (media) {
            case alt::kMediaVideo:
                m_.media = "video";
                return capability(detail::h245_video_capabilities(), false, walked) || note("h235Media.mediaType");
            case alt::kMediaAudio:
                m_.media = "audio";
                return capability(detail::h245_audio_capabilities(), true, walked) || note("h235Media.mediaType");
            case alt::kMediaData: m_.media = "data"; return true;
            default: return true;
        }
    }

    // multiplexParameters: only H2250LogicalChannelParameters (H.323) is read.
    bool multiplex_parameters() {
        std::size_t index = 0;
        core::Bytes contents;
        static constexpr std::string_view kNames[] = {"h222", "h223", "v76", "h2250"};
        static const H245Choice kMultiplex{kNames, 3};
        if (!choice(kMultiplex, index, &contents)) return note("forwardLogicalChannelParameters.multiplexParameters");
        if (index != alt::kH2250Parameters) return true;
        PerReader sub(contents);
        H245Walk w(sub, m_);
        return w.h2250_parameters();
    }

    // H2250LogicalChannelParameters up to the media control channel.
    bool h2250_parameters() {
        bool ext = false;
        std::bitset<10> opt;  // nonStandard, associatedSessionID, mediaChannel, mediaGuaranteedDelivery,
                              // mediaControlChannel, ... (root OPTIONAL components in order)
        if (!r_.bit(ext)) return note("h2250LogicalChannelParameters");
        for (std::size_t i = 0; i < opt.size(); ++i) {
            bool b = false;
            if (!r_.bit(b)) return note("h2250LogicalChannelParameters");
            opt[i] = b;
        }
        std::uint64_t session = 0, associated = 0;
        bool delivery = false;
        if ((opt[0] && !non_standard_list()) || !r_.constrained(0, 255, session))
            return note("h2250LogicalChannelParameters.sessionID");
        m_.session_id = static_cast<int>(session);
        if (opt[1] && !r_.constrained(1, 255, associated)) return note("h2250LogicalChannelParameters");
        if (opt[2] && !transport_address(m_.media_channel)) return note("h2250LogicalChannelParameters.mediaChannel");
        if (opt[3] && !r_.bit(delivery)) return note("h2250LogicalChannelParameters");
        if (opt[4] && !transport_address(m_.media_control))
            return note("h2250LogicalChannelParameters.mediaControlChannel");
        return true;
    }

    // forwardMultiplexAckParameters: CHOICE { h2250LogicalChannelAckParameters, ... }.
    bool forward_multiplex_ack() {
        bool ext = false;
        if (!r_.bit(ext)) return note("forwardMultiplexAckParameters");
        if (ext) return true;  // a later multiplex: nothing to read
        bool seq_ext = false;
        std::bitset<5> opt;  // nonStandard, sessionID, mediaChannel, mediaControlChannel, dynamicRTPPayloadType
        if (!r_.bit(seq_ext)) return note("h2250LogicalChannelAckParameters");
        for (std::size_t i = 0; i < opt.size(); ++i) {
            bool b = false;
            if (!r_.bit(b)) return note("h2250LogicalChannelAckParameters");
            opt[i] = b;
        }
        std::uint64_t session = 0;
        if (opt[0] && !non_standard_list()) return note("h2250LogicalChannelAckParameters.nonStandard");
        if (opt[1]) {
            if (!r_.constrained(1, 255, session)) return note("h2250LogicalChannelAckParameters.sessionID");
            m_.session_id = static_cast<int>(session);
        }
        if (opt[2] && !transport_address(m_.media_channel))
            return note("h2250LogicalChannelAckParameters.mediaChannel");
        if (opt[3] && !transport_address(m_.media_control))
            return note("h2250LogicalChannelAckParameters.mediaControlChannel");
        return true;
    }

    PerReader& r_;
    H245Message& m_;
};

}  // namespace

H245Message decode_h245_message(core::Bytes per) {
    H245Message m;
    PerReader r(per);
    H245Walk(r, m).message();
    return m;
}

H245Message decode_open_logical_channel(core::Bytes per) {
    H245Message m;
    m.kind = "request";
    m.name = "openLogicalChannel";
    PerReader r(per);
    H245Walk(r, m).open_logical_channel();
    return m;
}

}  // namespace vca::probes::h323
