// Whether the host clock is synchronised (NTP): packet times are only as
// good as the clock, so the capture records it with the session.
#pragma once

#include <optional>
#include <string>

namespace vca::service {

struct ClockState {
    std::optional<bool> ntp_synchronised;  // nullopt: could not be told
    std::string source;                    // "timedatectl", "adjtimex" or "unknown"
};

// `timedatectl show -p NTPSynchronized` where systemd answers, else the
// kernel's STA_UNSYNC flag from adjtimex(2).
ClockState read_clock_state();

}  // namespace vca::service
