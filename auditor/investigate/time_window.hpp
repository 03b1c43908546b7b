// The investigator's time window (--from / --to): what the timeline and the
// evidence extract are restricted to. The captures are still read whole.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auditor/core/result.hpp"

namespace vca::investigate {

struct TimeWindow {
    std::optional<double> from, to;  // Unix seconds, inclusive; absent = open

    [[nodiscard]] bool contains(double t) const { return (!from || t >= *from) && (!to || t <= *to); }
    [[nodiscard]] bool overlaps(double first, double last) const {
        return (!from || last >= *from) && (!to || first <= *to);
    }
    [[nodiscard]] bool open() const { return !from && !to; }
};

// Unix seconds ("1311859200", "1311859200.25") or ISO 8601 with a zone:
// "2011-07-28T13:20:00Z", "2011-07-28T20:20:00+07:00", "2011-07-28 13:20:00.5Z".
// A time without a zone is refused: a window off by the UTC offset would
// silently cut the wrong evidence.
core::Result<double> parse_time(std::string_view text, std::string_view option);

// Both ends parsed; refuses --from after --to.
core::Result<TimeWindow> make_window(const std::optional<std::string>& from, const std::optional<std::string>& to);

// "2011-07-28T13:20:00.123Z".
std::string iso_utc_ms(double unix_seconds);

}  // namespace vca::investigate
