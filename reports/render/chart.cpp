#include "reports/render/chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "reports/render/labels.hpp"

namespace vca::report {
namespace {

constexpr double kLabelColumn = 175;  // bilingual category names left of the bars
constexpr double kValueColumn = 70;   // room right of the longest bar for its value
constexpr double kTopOfBars = 36;     // below the two title lines
constexpr double kRowHeight = 18;
constexpr double kBarHeight = 12;
constexpr const char* kGrey = "#57606a";
constexpr const char* kAxis = "#d0d7de";
constexpr const char* kPrevious = "#8c959f";
constexpr const char* kCurrent = "#0969da";

ChartDrawing start(std::string id, std::string_view vi, std::string_view en) {
    ChartDrawing d;
    d.id = std::move(id);
    d.width = kChartWidth;
    d.texts.push_back({0, 13, std::string(vi), 10, TextAnchor::Start, "#1b1f23", true});
    d.texts.push_back({0, 25, std::string(en), 8, TextAnchor::Start, kGrey, false});
    d.description = std::string(vi) + " / " + std::string(en);
    return d;
}

std::string bilingual(std::string_view vi, std::string_view en) {
    return std::string(vi) + " / " + std::string(en);
}

// A grey box with one bilingual line where a chart has nothing to show.
void note(ChartDrawing& d, std::string_view vi, std::string_view en) {
    d.rects.push_back({0, kTopOfBars, d.width, 34, "#f6f8fa"});
    d.texts.push_back({10, kTopOfBars + 14, std::string(vi), 9, TextAnchor::Start, "#1b1f23", true});
    d.texts.push_back({10, kTopOfBars + 27, std::string(en), 8, TextAnchor::Start, kGrey, false});
    d.height = kTopOfBars + 40;
    d.description += ": " + std::string(vi) + " / " + std::string(en);
}

double bar_scale(double max_value) {
    const double room = kChartWidth - kLabelColumn - kValueColumn;
    return max_value > 0 ? room / max_value : 0;
}

// One labelled horizontal bar; value written just after its end.
void bar(ChartDrawing& d, double y, double height, std::string label, double value, double scale,
         std::string_view colour, const std::string& value_text) {
    if (!label.empty()) d.texts.push_back({kLabelColumn - 8, y + height - 2, std::move(label), 8, TextAnchor::End});
    const double w = value * scale;
    if (w > 0) d.rects.push_back({kLabelColumn, y, w, height, std::string(colour)});
    d.texts.push_back({kLabelColumn + w + 4, y + height - 2, value_text, 8, TextAnchor::Start});
}

void axis(ChartDrawing& d, double y0, double y1) {
    d.lines.push_back({kLabelColumn, y0, kLabelColumn, y1, kAxis});
}

std::string percent(std::int64_t part, std::int64_t whole) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f%%", whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
    return buf;
}

int count_of(const std::map<std::string, int>& m, std::string_view key) {
    auto it = m.find(std::string(key));
    return it == m.end() ? 0 : it->second;
}

}  // namespace

ChartDrawing severity_chart(const ReportModel& model) {
    ChartDrawing d = start("severity", "Vi phạm theo mức độ nghiêm trọng", "Open findings by severity");
    std::map<std::string, std::int64_t> counts;
    for (const auto& a : model.assessments)
        for (const auto& f : a.findings)
            if (f.status == "fail") ++counts[std::string(severity_label(a.rule ? a.rule->severity : "").key)];
    std::int64_t max_count = 0;
    for (const auto& [sev, n] : counts) max_count = std::max(max_count, n);
    const double scale = bar_scale(static_cast<double>(max_count));
    double y = kTopOfBars;
    for (auto sev : kSeverityOrder) {
        const auto& l = severity_label(sev);
        const std::int64_t n = counts[std::string(sev)];
        bar(d, y + (kRowHeight - kBarHeight) / 2, kBarHeight, bilingual(l.vi, l.en), static_cast<double>(n), scale,
            severity_colour(sev), std::to_string(n));
        d.description += "; " + std::string(l.en) + " " + std::to_string(n);
        y += kRowHeight;
    }
    axis(d, kTopOfBars, y);
    d.height = y + 6;
    return d;
}

ChartDrawing encryption_chart(const MeetingStats& m) {
    ChartDrawing d = start("encryption", "Tỷ lệ cuộc họp được mã hóa", "Share of meetings protected by encryption");
    if (m.meetings <= 0) {
        note(d, "Không thấy cuộc họp nào trong dữ liệu đầu vào.", "No meetings seen in the inputs.");
        return d;
    }
    struct Part {
        std::string_view vi, en, colour;
        std::int64_t n;
    };
    const Part parts[] = {{"Được bảo vệ", "Protected", "#1a7f37", m.protected_meetings},
                          {"Không được bảo vệ", "Unprotected", "#cf222e", m.unprotected_meetings},
                          {"Không xác định", "Unknown", "#8c959f", m.unknown_meetings}};
    // The three kinds should add up to meetings; scale by their sum so the bar is never over-full.
    std::int64_t total = 0;
    for (const auto& p : parts) total += std::max<std::int64_t>(p.n, 0);
    const double bar_w = d.width;
    double x = 0;
    for (const auto& p : parts) {
        if (p.n <= 0 || total <= 0) continue;
        const double w = bar_w * static_cast<double>(p.n) / static_cast<double>(total);
        d.rects.push_back({x, kTopOfBars, w, 22, std::string(p.colour)});
        if (w >= 36) d.texts.push_back({x + w / 2, kTopOfBars + 15, percent(p.n, total), 9, TextAnchor::Middle, "#ffffff", true});
        x += w;
    }
    double y = kTopOfBars + 34;
    for (const auto& p : parts) {
        d.rects.push_back({0, y, 10, 10, std::string(p.colour)});
        d.texts.push_back({16, y + 9,
                           bilingual(p.vi, p.en) + ": " + std::to_string(p.n) + " (" + percent(p.n, total) + ")", 8});
        d.description += "; " + std::string(p.en) + " " + std::to_string(p.n);
        y += 15;
    }
    d.texts.push_back({0, y + 10,
                       "Tổng số cuộc họp / Meetings: " + std::to_string(m.meetings), 8, TextAnchor::Start, kGrey});
    d.height = y + 16;
    return d;
}

ChartDrawing trend_chart(const ReportModel& model) {
    ChartDrawing d = start("trend", "So sánh với lần kiểm tra trước", "Trend against the previous audit");
    if (!model.diff.present) {
        note(d, "Không có lần kiểm tra trước để so sánh.", "No previous audit to compare with.");
        return d;
    }
    const auto& prev = model.diff.previous_status_counts;
    const auto& cur = model.status_counts;
    // Legend, top right.
    d.rects.push_back({d.width - 200, 4, 9, 9, kPrevious});
    d.texts.push_back({d.width - 187, 12, "Lần trước / Previous", 8});
    d.rects.push_back({d.width - 90, 4, 9, 9, kCurrent});
    d.texts.push_back({d.width - 77, 12, "Lần này / This audit", 8});

    int max_count = 0;
    for (auto s : kStatusOrder) max_count = std::max({max_count, count_of(prev, s), count_of(cur, s)});
    const auto& c = model.diff.counts;
    for (const char* k : {"new", "fixed", "persisting"}) max_count = std::max(max_count, count_of(c, k));
    const double scale = bar_scale(max_count);

    double y = kTopOfBars;
    for (auto s : kStatusOrder) {
        const int p = count_of(prev, s), n = count_of(cur, s);
        if (p == 0 && n == 0) continue;
        const auto& l = status_label(s);
        bar(d, y + 1, 7, bilingual(l.vi, l.en), p, scale, kPrevious, std::to_string(p));
        bar(d, y + 9, 7, "", n, scale, kCurrent, std::to_string(n));
        d.description += "; " + std::string(l.en) + " " + std::to_string(p) + " → " + std::to_string(n);
        y += kRowHeight + 2;
    }
    axis(d, kTopOfBars, y);
    y += 6;
    d.lines.push_back({0, y, d.width, y, kAxis});
    y += 6;
    struct Change {
        const char* key;
        std::string_view vi, en, colour;
    };
    const Change changes[] = {{"new", "Vi phạm mới", "New findings", "#cf222e"},
                              {"persisting", "Vẫn còn", "Persisting", "#d4a72c"},
                              {"fixed", "Đã khắc phục", "Fixed", "#1a7f37"}};
    const double top = y;
    for (const auto& ch : changes) {
        const int n = count_of(c, ch.key);
        bar(d, y + (kRowHeight - kBarHeight) / 2, kBarHeight, bilingual(ch.vi, ch.en), n, scale, ch.colour,
            std::to_string(n));
        d.description += "; " + std::string(ch.en) + " " + std::to_string(n);
        y += kRowHeight;
    }
    axis(d, top, y);
    d.height = y + 6;
    return d;
}

}  // namespace vca::report
