// What an investigation looks at: the site's allowed networks (everything
// else is "outside"), the time window, and how long after a meeting an
// upload still counts as following it.
#pragma once

#include <string>
#include <vector>

#include "auditor/investigate/time_window.hpp"

namespace vca::investigate {

inline constexpr double kDefaultAfterMeetingMinutes = 60;

struct InvestigationScope {
    std::vector<std::string> allowed_networks;  // CIDRs from the site policy; empty = not declared
    TimeWindow window;
    double after_meeting_s = kDefaultAfterMeetingMinutes * 60;

    [[nodiscard]] bool networks_declared() const { return !allowed_networks.empty(); }
    // The list as the SQL function ip_in_cidrs(ip, cidrs) takes it.
    [[nodiscard]] std::string cidr_list() const {
        std::string out;
        for (const auto& n : allowed_networks) out += (out.empty() ? "" : ",") + n;
        return out;
    }
};

}  // namespace vca::investigate
