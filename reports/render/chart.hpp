// The report's charts as plain drawings (rectangles, lines, text in points),
// built once from the model; svg_chart turns one into inline SVG for the HTML
// report and pdf_chart paints the same drawing with cairo, so both reports
// show the same picture.
#pragma once

#include <string>
#include <vector>

#include "reports/model/report_model.hpp"

namespace vca::report {

enum class TextAnchor { Start, Middle, End };

struct ChartRect {
    double x = 0, y = 0, w = 0, h = 0;
    std::string fill;  // #rrggbb
};

struct ChartLine {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    std::string stroke;
};

struct ChartText {
    double x = 0, y = 0;  // y is the baseline
    std::string text;
    double size = 8;
    TextAnchor anchor = TextAnchor::Start;
    std::string fill = "#1b1f23";
    bool bold = false;
};

struct ChartDrawing {
    std::string id;           // stable name: severity, encryption, trend
    double width = 0, height = 0;
    std::string description;  // one line for screen readers (SVG <title>)
    std::vector<ChartRect> rects;
    std::vector<ChartLine> lines;
    std::vector<ChartText> texts;
};

// Width every chart is drawn at: fits the A4 text column of the PDF.
inline constexpr double kChartWidth = 500;

// Open findings (status fail) per severity of their rule, critical first.
ChartDrawing severity_chart(const ReportModel& model);

// Meetings whose signalling and media were all protected, some leg in
// clear, or undecided; a note instead of bars when no meeting was seen.
ChartDrawing encryption_chart(const MeetingStats& meetings);

// Rules per status in the previous audit and in this one, and findings new,
// fixed and persisting; a note when there is no previous audit.
ChartDrawing trend_chart(const ReportModel& model);

}  // namespace vca::report
