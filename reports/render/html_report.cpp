#include "reports/render/html_report.hpp"

#include <algorithm>
#include <array>

#include "reports/render/report_css.hpp"

namespace vca::report {
namespace {

struct StatusText {
    std::string_view status, vi, en;
};

constexpr std::array kStatuses{
    StatusText{"pass", "Đạt", "Pass"},
    StatusText{"fail", "Không đạt", "Fail"},
    StatusText{"advisory", "Khuyến nghị", "Recommended"},
    StatusText{"not_assessed", "Chưa đánh giá được", "Not assessed"},
    StatusText{"manual", "Cần xác nhận thủ công", "Manual attestation needed"},
    StatusText{"waived", "Được miễn trừ", "Waived"},
    StatusText{"error", "Lỗi khi đánh giá", "Evaluation error"},
    StatusText{"not_applicable", "Không áp dụng", "Not applicable"},
};

const StatusText& status_text(std::string_view s) {
    for (const auto& t : kStatuses)
        if (t.status == s) return t;
    return kStatuses[6];
}

int severity_rank(const std::string& s) {
    static const std::array<std::string_view, 5> order{"critical", "high", "medium", "low", "info"};
    auto it = std::find(order.begin(), order.end(), s);
    return static_cast<int>(it - order.begin());
}

// A failure of a rule the level only recommends is shown as advice.
std::string display_status(const engine::Assessment& a) {
    return a.status == "fail" && a.advisory ? "advisory" : a.status;
}

std::string bi(std::string_view vi, std::string_view en) {
    return html_escape(vi) + " <span class=\"en\">/ " + html_escape(en) + "</span>";
}

std::string status_cell(const std::string& s) {
    const auto& t = status_text(s);
    return "<span class=\"status " + std::string(t.status) + "\">" + bi(t.vi, t.en) + "</span>";
}

void verdict_block(const ReportModel& m, std::string& h) {
    std::string vi, en;
    if (m.verdict == "pass") {
        vi = "ĐẠT: mọi yêu cầu được đánh giá đều đáp ứng ở cấp độ " + std::to_string(m.site.level);
        en = "PASS: every assessed requirement is met at level " + std::to_string(m.site.level);
    } else if (m.verdict == "fail") {
        vi = "KHÔNG ĐẠT: có yêu cầu không đáp ứng ở cấp độ " + std::to_string(m.site.level);
        en = "FAIL: requirements are not met at level " + std::to_string(m.site.level);
    } else {
        vi = "CHƯA ĐỦ CĂN CỨ: không có vi phạm nhưng một số yêu cầu chưa đánh giá được";
        en = "INCOMPLETE: no violation found, but some requirements could not be assessed";
    }
    h += "<div class=\"verdict " + m.verdict + "\">" + bi(vi, en) + "</div>\n";
    h += "<table class=\"grid\"><tr><th></th>";
    for (const auto& t : kStatuses)
        if (t.status != "not_applicable") h += "<th>" + bi(t.vi, t.en) + "</th>";
    auto row = [&](const std::string& label, const std::map<std::string, int>& counts) {
        h += "</tr><tr><th>" + label + "</th>";
        for (const auto& t : kStatuses) {
            if (t.status == "not_applicable") continue;
            auto it = counts.find(std::string(t.status));
            h += "<td>" + std::to_string(it == counts.end() ? 0 : it->second) + "</td>";
        }
    };
    row(bi("Quy tắc kỹ thuật", "Technical rules"), m.status_counts);
    if (!m.controls.empty()) row(bi("Biện pháp quản lý", "Management controls"), m.control_counts);
    h += "</tr></table>\n";
}

void fix_first(const ReportModel& m, std::string& h) {
    std::vector<const engine::Assessment*> failed;
    for (const auto& a : m.assessments)
        if (a.status == "fail") failed.push_back(&a);  // advice (level recommends only) comes after failures
    std::stable_sort(failed.begin(), failed.end(), [](const auto* a, const auto* b) {
        if (a->advisory != b->advisory) return !a->advisory;
        return severity_rank(a->rule->severity) < severity_rank(b->rule->severity);
    });
    h += "<h2>" + bi("Việc cần khắc phục trước", "Fix these first") + "</h2>\n";
    if (failed.empty()) {
        h += "<p>" + bi("Không có vi phạm.", "No violations.") + "</p>\n";
        return;
    }
    h += "<ol class=\"fix\">\n";
    for (const auto* a : failed) {
        const auto& r = *a->rule;
        h += std::string("<li>") + (a->advisory ? status_cell("advisory") + " " : "") + "<span class=\"sev-" +
             r.severity + "\">" + html_escape(r.severity) + "</span> <b>" +
             html_escape(r.title.vi) + "</b> <span class=\"en\">/ " + html_escape(r.title.en) + "</span> — " +
             std::to_string(a->findings.size()) + " " + bi("vi phạm", "violation(s)") + "<br>" +
             bi(r.remediation.vi, r.remediation.en) + "</li>\n";
    }
    h += "</ol>\n";
}

void not_assessed(const ReportModel& m, std::string& h) {
    std::string rows;
    for (const auto& a : m.assessments)
        if (a.status == "not_assessed" || a.status == "error" || a.status == "manual")
            rows += "<tr><td>" + html_escape(a.rule->id) + "</td><td>" + bi(a.rule->title.vi, a.rule->title.en) +
                    "</td><td>" + status_cell(a.status) + "</td><td>" + html_escape(a.reason) + "</td></tr>\n";
    for (const auto& c : m.controls)
        if (c.status == "manual" || c.status == "not_assessed")
            rows += "<tr><td>" + html_escape(c.question->id) + "</td><td>" +
                    bi(c.question->question.vi, c.question->question.en) + "</td><td>" + status_cell(c.status) +
                    "</td><td>" + html_escape(c.reason) + "</td></tr>\n";
    h += "<h2>" + bi("Chưa đánh giá được và lý do", "Not assessed, and why") + "</h2>\n";
    if (rows.empty()) {
        h += "<p>" + bi("Mọi quy tắc và biện pháp quản lý đã được đánh giá.",
                        "Every rule and management control was assessed.") + "</p>\n";
        return;
    }
    h += "<table class=\"grid\"><tr><th>ID</th><th>" + bi("Yêu cầu", "Requirement") + "</th><th>" +
         bi("Trạng thái", "Status") + "</th><th>" + bi("Lý do", "Reason") + "</th></tr>\n" + rows + "</table>\n";
}

void annex(const ReportModel& m, std::string& h) {
    h += "<h2>" + bi("Phụ lục kỹ thuật: kết quả theo điều khoản", "Technical annex: results by clause") + "</h2>\n";
    h += "<table class=\"grid\"><tr><th>" + bi("Điều khoản", "Clause") + "</th><th>" + bi("Quy tắc", "Rule") +
         "</th><th>" + bi("Mức độ", "Severity") + "</th><th>" + bi("Trạng thái", "Status") + "</th><th>" +
         bi("Vi phạm", "Violations") + "</th></tr>\n";
    for (const auto& a : m.assessments) {
        const auto& r = *a.rule;
        h += "<tr><td>" + html_escape(a.clause) + "</td><td><b>" + html_escape(r.id) + "</b> " +
             bi(r.title.vi, r.title.en) + "</td><td><span class=\"sev-" + r.severity + "\">" + html_escape(r.severity) +
             "</span></td><td>" + status_cell(display_status(a)) + "</td><td>" + std::to_string(a.findings.size()) +
             "</td></tr>\n";
    }
    h += "</table>\n";
    for (const auto& a : m.assessments) {
        if (a.findings.empty()) continue;
        const auto& r = *a.rule;
        h += "<h3>" + html_escape(r.id) + " — " + bi(r.title.vi, r.title.en) + "</h3>\n";
        h += "<p>" + bi(r.rationale.vi, r.rationale.en) + "</p>\n";
        h += "<table class=\"grid\"><tr><th>" + bi("Trạng thái", "Status") + "</th><th>" + bi("Đối tượng", "Subject") +
             "</th><th>" + bi("Chi tiết", "Detail") + "</th><th>" + bi("Chứng cứ", "Evidence") + "</th></tr>\n";
        for (const auto& f : a.findings) {
            h += "<tr><td>" + status_cell(f.status) + "</td><td>" + html_escape(f.subject) + "</td><td>" +
                 html_escape(f.detail) + (f.waiver.empty() ? "" : "<br><i>" + html_escape(f.waiver) + "</i>") +
                 "</td><td><code>" + html_escape(f.evidence) + "</code></td></tr>\n";
        }
        h += "</table>\n";
    }
}

void headings_table(const ReportModel& m, std::string& h) {
    if (m.headings.empty()) return;
    std::string regime_vi = m.site.regime == "current" ? "NĐ 331/2026, TCVN 14423:2026" : "TCVN 11930:2017, TT 12/2022";
    h += "<h2>" + bi("Kết quả theo từng yêu cầu của cấp độ " + std::to_string(m.site.level),
                     "Result per requirement of level " + std::to_string(m.site.level)) + "</h2>\n";
    h += "<table class=\"grid\"><tr><th>" + bi("Điều khoản", "Clause") + " (TCVN 11930:2017)</th><th>" +
         bi("Yêu cầu", "Requirement") + "</th><th>" + bi("Căn cứ hiện hành", "Current regime") + "</th><th>" +
         bi("Trạng thái", "Status") + "</th><th>" + bi("Đánh giá bằng", "Assessed by") + "</th></tr>\n";
    for (const auto& r : m.headings) {
        h += "<tr><td>" + html_escape(r.clause) + "</td><td>" + bi(r.entry->title.vi, r.entry->title.en) +
             " <code>" + html_escape(r.entry->id) + "</code></td><td>" + html_escape(r.current) + "</td><td>" +
             status_cell(r.status) + "</td><td>" + html_escape(r.how) + "</td></tr>\n";
    }
    h += "</table>\n<p class=\"en\">" + html_escape(regime_vi) + "</p>\n";
}

void controls_table(const ReportModel& m, std::string& h) {
    if (m.controls.empty()) return;
    h += "<h2>" + bi("Biện pháp quản lý (tự xác nhận có tài liệu)", "Management controls (attested with documents)") +
         "</h2>\n<table class=\"grid\"><tr><th>ID</th><th>" + bi("Câu hỏi", "Question") + "</th><th>" +
         bi("Trạng thái", "Status") + "</th><th>" + bi("Trả lời, tài liệu", "Answer, documents") + "</th></tr>\n";
    for (const auto& c : m.controls) {
        std::string answer = c.answer.empty() ? "" : html_escape(c.answer + (c.date.empty() ? "" : " (" + c.date + ")"));
        if (!c.evidence.empty()) answer += "<br><code>" + html_escape(c.evidence) + "</code>";
        h += "<tr><td><code>" + html_escape(c.question->id) + "</code></td><td>" +
             bi(c.question->question.vi, c.question->question.en) + "</td><td>" + status_cell(c.status) + "<br>" +
             html_escape(c.reason) + "</td><td>" + answer + "</td></tr>\n";
    }
    h += "</table>\n";
}

void inputs_and_gaps(const ReportModel& m, std::string& h) {
    h += "<h2>" + bi("Dữ liệu đầu vào (chứng cứ)", "Inputs (evidence)") + "</h2>\n";
    h += "<table class=\"grid\"><tr><th>#</th><th>" + bi("Tệp", "File") + "</th><th>SHA-256</th><th>" +
         bi("Kích thước", "Size") + "</th><th>" + bi("Khung", "Frames") + "</th><th>" + bi("Đầy đủ", "Complete") +
         "</th></tr>\n";
    for (const auto& in : m.inputs) {
        h += "<tr><td>" + std::to_string(in.input_id) + "</td><td>" + html_escape(in.path) + "<br><span class=\"en\">" +
             html_escape(in.format + " " + in.linktype) + "</span></td><td class=\"hash\">" + html_escape(in.sha256) +
             "</td><td>" + std::to_string(in.size) + "</td><td>" + std::to_string(in.frames) + "</td><td>" +
             (in.complete ? bi("có", "yes") : "<b>" + bi("KHÔNG — tệp bị cắt", "NO — capture cut short") + "</b>") +
             "</td></tr>\n";
    }
    h += "</table>\n";
    h += "<h2>" + bi("Khoảng trống và bất thường trong dữ liệu", "Gaps and anomalies in the data") + "</h2>\n";
    if (m.anomalies.empty()) {
        h += "<p>" + bi("Không có.", "None.") + "</p>\n";
    } else {
        h += "<table class=\"grid\"><tr><th>" + bi("Tên", "Name") + "</th><th>" + bi("Số lần", "Count") + "</th><th>" +
             bi("Ví dụ", "Example") + "</th></tr>\n";
        for (const auto& a : m.anomalies)
            h += "<tr><td><code>" + html_escape(a.name) + "</code></td><td>" + std::to_string(a.count) + "</td><td>" +
                 html_escape(a.example) + "</td></tr>\n";
        h += "</table>\n";
    }
    h += "<p>" + bi("Đã phân tích", "Analysed") + ": " + std::to_string(m.counts.frames) + " frames, " +
         std::to_string(m.counts.flows) + " flows, " + std::to_string(m.counts.tls_sessions) + " TLS, " +
         std::to_string(m.counts.sip_messages) + " SIP, " + std::to_string(m.counts.sdp_media) + " SDP m=.</p>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string render_html(const ReportModel& m) {
    std::string h;
    h.reserve(64 * 1024);
    h += "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>Báo cáo kiểm tra ATTT hội nghị truyền hình — " + html_escape(m.site.name) + "</title>\n<style>\n";
    h += kReportCss;
    h += "</style>\n</head>\n<body>\n";
    h += "<h1>" + bi("Báo cáo kiểm tra an toàn thông tin hệ thống hội nghị truyền hình",
                     "Security audit of the video-conference system") + "</h1>\n";
    if (m.run.demo_key)
        h += "<p class=\"demo\">" + bi("BẢN DEMO: ký bằng khóa demo, không có giá trị pháp lý.",
                                        "DEMO: signed with the demo key; not a real audit.") + "</p>\n";
    std::string regime_vi = m.site.regime == "current" ? "NĐ 331/2026/NĐ-CP, TCVN 14423:2026"
                                                       : "TT 12/2022/TT-BTTTT, TCVN 11930:2017";
    h += "<table class=\"meta\">";
    h += "<tr><td>" + bi("Hệ thống", "System") + "</td><td><b>" + html_escape(m.site.name) + "</b></td></tr>";
    h += "<tr><td>" + bi("Cấp độ", "Level") + "</td><td>" + std::to_string(m.site.level) +
         (m.site.approval_decision.empty() ? ""
                                           : " (" + html_escape(m.site.approval_decision) + ", " +
                                                 html_escape(m.site.approval_date) + ")") + "</td></tr>";
    h += "<tr><td>" + bi("Căn cứ", "Regime") + "</td><td>" + html_escape(regime_vi) + "</td></tr>";
    h += "<tr><td>" + bi("Thời gian", "Run") + "</td><td>" + html_escape(m.run.started) + " → " +
         html_escape(m.run.finished) + "</td></tr>";
    h += "</table>\n";
    verdict_block(m, h);
    fix_first(m, h);
    not_assessed(m, h);
    headings_table(m, h);
    controls_table(m, h);
    annex(m, h);
    inputs_and_gaps(m, h);
    h += "<h2>" + bi("Công cụ và chữ ký", "Tool and signature") + "</h2>\n<table class=\"meta\">";
    h += "<tr><td>vcaudit</td><td>" + html_escape(m.run.tool_version) + ", schema " +
         std::to_string(m.run.schema_version) + "</td></tr>";
    h += "<tr><td>" + bi("Bộ quy tắc", "Rules") + " SHA-256</td><td class=\"hash\">" + html_escape(m.run.rules_sha256) + "</td></tr>";
    h += "<tr><td>" + bi("Người ký", "Signer") + "</td><td>" + html_escape(m.run.signer_subject) + "<br><span class=\"hash\">" +
         html_escape(m.run.signer_cert_sha256) + "</span></td></tr>";
    h += "</table>\n<footer>" +
         bi("Chữ ký CMS nằm trong manifest.json.p7s; kiểm tra bằng: vcaudit verify <thư mục>",
            "The CMS signature is manifest.json.p7s; check it with: vcaudit verify <folder>") +
         "</footer>\n</body>\n</html>\n";
    return h;
}

}  // namespace vca::report
