// Test helper: every UDP datagram of a shared-corpus capture, read through
// the project's own capture reader and decoder, fed to an RtpTracker. Flows
// are numbered by first appearance of their address/port pair (either
// direction); direction 0 is from whoever sent the flow's first datagram.
// IP fragments are skipped (the decoder does not reassemble them here).
#pragma once

#include <cstdint>
#include <string_view>

#include "probes/rtp/rtp_tracker.hpp"

namespace vca::probes::rtp::test {

struct FeedCounts {
    std::int64_t frames = 0, udp_datagrams = 0;
};

// Throws vca::test::CorpusError when the capture cannot be read.
FeedCounts feed_udp(std::string_view relative_path, RtpTracker& tracker, Hint hint = Hint::Unknown);

}  // namespace vca::probes::rtp::test
