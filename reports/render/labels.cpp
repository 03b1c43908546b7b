#include "reports/render/labels.hpp"

#include <array>

namespace vca::report {
namespace {

constexpr std::array kStatuses{
    Label{"pass", "Đạt", "Pass"},
    Label{"fail", "Không đạt", "Fail"},
    Label{"advisory", "Khuyến nghị", "Recommended"},
    Label{"not_assessed", "Chưa đánh giá được", "Not assessed"},
    Label{"manual", "Cần xác nhận thủ công", "Manual attestation needed"},
    Label{"waived", "Được miễn trừ", "Waived"},
    Label{"error", "Lỗi khi đánh giá", "Evaluation error"},
    Label{"not_applicable", "Không áp dụng", "Not applicable"},
};

constexpr std::array kSeverities{
    Label{"critical", "Nghiêm trọng", "Critical"},
    Label{"high", "Cao", "High"},
    Label{"medium", "Trung bình", "Medium"},
    Label{"low", "Thấp", "Low"},
    Label{"info", "Thông tin", "Info"},
};

}  // namespace

const Label& status_label(std::string_view status) {
    for (const auto& l : kStatuses)
        if (l.key == status) return l;
    return kStatuses[6];
}

const Label& severity_label(std::string_view severity) {
    for (const auto& l : kSeverities)
        if (l.key == severity) return l;
    return kSeverities[4];
}

int severity_rank(std::string_view severity) {
    for (std::size_t i = 0; i < kSeverities.size(); ++i)
        if (kSeverities[i].key == severity) return static_cast<int>(i);
    return static_cast<int>(kSeverities.size());
}

std::string_view status_colour(std::string_view status) {
    if (status == "pass") return "#1a7f37";
    if (status == "fail" || status == "error") return "#cf222e";
    if (status == "advisory") return "#bc4c00";
    if (status == "not_assessed" || status == "manual") return "#9a6700";
    if (status == "waived") return "#8250df";
    return "#57606a";
}

std::string_view severity_colour(std::string_view severity) {
    if (severity == "critical") return "#a40e26";
    if (severity == "high") return "#cf222e";
    if (severity == "medium") return "#d4a72c";
    if (severity == "low") return "#8c959f";
    return "#d0d7de";
}

}  // namespace vca::report
