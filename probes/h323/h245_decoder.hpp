// H.245 control messages in aligned PER (X.691): on the separate H.245 TCP
// connection, tunnelled in H.225.0 (h245Control) or as fastStart elements.
// An audit needs to know, for each logical channel, what media it carries
// and whether H.235 protects it (dataType h235Media), and where the media
// goes (the OpenLogicalChannelAck's mediaChannel). Only that path is walked;
// other messages are named and not read further. What could not be reached
// stays nullopt ("unknown", never guessed) and `undecoded` says where.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auditor/core/byte_reader.hpp"

namespace vca::probes::h323 {

struct H245Address {
    std::string ip;
    int port = 0;
};

struct H245Message {
    std::string kind;  // request, response, command, indication
    std::string name;  // ASN.1 identifier of the alternative: openLogicalChannel, openLogicalChannelAck, ...
    std::optional<int> channel;                  // forwardLogicalChannelNumber
    std::optional<std::string> data_type;        // DataType alternative: audioData, videoData, h235Media, ...
    std::optional<std::string> media;            // audio, video or data (inside h235Media too)
    std::optional<std::string> codec;            // AudioCapability / VideoCapability alternative: g711Alaw64k, ...
    // true for h235Media (H.235 media encryption), false for plain audio,
    // video or data; nullopt for channels that carry no media of their own.
    std::optional<bool> encrypted;
    std::string encryption_algorithms;           // dotted OIDs offered in h235Media, comma-separated
    std::optional<bool> bidirectional;           // OpenLogicalChannel has reverseLogicalChannelParameters
    std::optional<int> session_id;               // H2250LogicalChannelAckParameters.sessionID
    std::optional<H245Address> media_channel;    // where the opener is to send RTP (from the Ack)
    std::optional<H245Address> media_control;    // RTCP address (from the Ack)
    std::optional<bool> encryption_sync;         // the Ack carries EncryptionSync (an H.235 media key)
    std::string undecoded;                       // empty when everything asked for was read
};

// A MultimediaSystemControlMessage (one TPKT payload, or one h245Control element).
H245Message decode_h245_message(core::Bytes per);

// An OpenLogicalChannel on its own: a fastStart element of H.225.0.
H245Message decode_open_logical_channel(core::Bytes per);

}  // namespace vca::probes::h323
