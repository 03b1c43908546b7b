#include "reports/render/report_document.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "auditor/core/utc_time.hpp"
#include "reports/render/labels.hpp"

namespace vca::report::doc {
namespace {

// A rule can have thousands of violations; the PDF and HTML show this many
// per rule as examples and say how many more report.json and evidence.db
// hold (a capture of a month would otherwise make a PDF of hundreds of pages,
// and laying it out would cost more than analysing the capture).
constexpr std::size_t kMaxFindingsPerRule = 25;
// A finding's detail or evidence can list every server of a long capture;
// a table cell shows this many characters of it (report.json has it all).
constexpr std::size_t kMaxCellChars = 480;
// Same bound for the rows of the comparison with the previous audit.
constexpr std::size_t kMaxDiffRows = 500;

// Cuts at a UTF-8 character boundary and says so.
std::string clip(const std::string& t) {
    if (t.size() <= kMaxCellChars) return t;
    std::size_t cut = kMaxCellChars;
    while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
    return t.substr(0, cut) + " … (+" + std::to_string(t.size() - cut) + " bytes in report.json)";
}

Rich operator+(Rich a, const Rich& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

Rich text(std::string t) { return {Span{Style::Plain, std::move(t), {}}}; }
Rich strong(std::string t) { return {Span{Style::Strong, std::move(t), {}}}; }
Rich code(std::string t) { return {Span{Style::Code, std::move(t), {}}}; }
Rich english(std::string t) { return {Span{Style::English, std::move(t), {}}}; }
Rich italic(std::string t) { return {Span{Style::Italic, std::move(t), {}}}; }
Rich line_break() { return {Span{Style::Break, {}, {}}}; }

// Vietnamese, then the English after a slash (table cells, labels).
Rich bi(std::string_view vi, std::string_view en) {
    return text(std::string(vi)) + english(" / " + std::string(en));
}
// Vietnamese, then the English on the line under it (sentences).
Rich bi_below(std::string_view vi, std::string_view en) {
    return text(std::string(vi)) + line_break() + english(std::string(en));
}

Rich status(std::string_view s) {
    const auto& l = status_label(s);
    return Rich{Span{Style::Status, std::string(l.vi), std::string(l.key)}} + english(" / " + std::string(l.en));
}

Rich severity(std::string_view s) {
    const auto& l = severity_label(s);
    return Rich{Span{Style::Severity, std::string(l.vi) + " / " + std::string(l.en), std::string(l.key)}};
}

std::string display_status(const engine::Assessment& a) {
    return a.status == "fail" && a.advisory ? "advisory" : a.status;
}

int count_of(const std::map<std::string, int>& m, const char* key) {
    auto it = m.find(key);
    return it == m.end() ? 0 : it->second;
}

struct Regime {
    std::string_view vi, en;
};

Regime regime_text(const std::string& regime) {
    if (regime == "current")
        return {"Nghị định 331/2026/NĐ-CP và TCVN 14423:2026", "Decree 331/2026/NĐ-CP and TCVN 14423:2026"};
    return {"Thông tư 12/2022/TT-BTTTT và TCVN 11930:2017", "Circular 12/2022/TT-BTTTT and TCVN 11930:2017"};
}

std::string duration_text(double seconds) {
    const auto s = static_cast<long long>(seconds < 0 ? 0 : seconds + 0.5);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    return buf;
}

// The engine gives its reasons in English; the official reads the known
// ones in Vietnamese (the English stays under them).
std::string reason_vi(const std::string& reason) {
    struct Known {
        std::string_view prefix, vi;
    };
    static constexpr Known known[] = {
        {"needs an attestation with evidence", "cần đơn vị xác nhận kèm tài liệu chứng minh"},
        {"no evidence in the inputs", "dữ liệu đầu vào không có thông tin để đánh giá"},
        {"the site policy does not declare", "tệp chính sách của đơn vị chưa khai báo thông tin cần thiết"},
        {"nothing in the inputs this rule can judge", "dữ liệu đầu vào không có gì để quy tắc này đánh giá"},
        {"not answered in the attestations", "chưa được trả lời trong bản tự xác nhận"},
        {"the site declares it not applicable", "đơn vị khai báo không áp dụng"},
        {"answered yes without a supporting document", "trả lời “có” nhưng chưa kèm tài liệu"},
        {"the site answers no", "đơn vị trả lời “không”"},
        {"evidence dated", "tài liệu đã quá hạn"},
        {"the answer has no date", "câu trả lời thiếu ngày"},
        {"evidence.sql", "lỗi khi truy vấn chứng cứ"},
    };
    for (const auto& k : known)
        if (reason.compare(0, k.prefix.size(), k.prefix) == 0) return std::string(k.vi);
    return "lỗi khi đánh giá";
}

Rich reason(const std::string& r) {
    if (r.empty()) return {};
    return text(reason_vi(r)) + line_break() + english(r);
}

void heading(Document& d, int level, Rich t) { d.blocks.emplace_back(Heading{level, std::move(t)}); }
void para(Document& d, Rich t, Box box = Box::None, bool small = false) {
    d.blocks.emplace_back(Paragraph{std::move(t), box, small});
}

// ---------------------------------------------------------------- part 1

void cover(const ReportModel& m, Document& d) {
    heading(d, 1, bi_below("Báo cáo kiểm tra an toàn thông tin hệ thống hội nghị truyền hình",
                           "Security audit of the video-conference system"));
    if (m.run.demo_key)
        para(d, bi_below("BẢN DEMO: ký bằng khóa demo, không có giá trị pháp lý.",
                         "DEMO: signed with the demo key; not a real audit."),
             Box::Demo);
    const auto reg = regime_text(m.site.regime);
    Table t;
    t.widths = {1, 3};
    t.rows.push_back({bi("Hệ thống", "System"), strong(m.site.name)});
    Rich level = text(std::to_string(m.site.level));
    if (!m.site.approval_decision.empty())
        level = level + text(" — " + m.site.approval_decision +
                             (m.site.approval_date.empty() ? "" : ", " + m.site.approval_date));
    t.rows.push_back({bi("Cấp độ", "Level"), level});
    t.rows.push_back({bi("Căn cứ", "Regime"), bi(reg.vi, reg.en)});
    t.rows.push_back({bi("Thời gian kiểm tra", "Audit run"), text(m.run.started + " → " + m.run.finished)});
    d.blocks.emplace_back(std::move(t));
}

void verdict(const ReportModel& m, Document& d) {
    const auto reg = regime_text(m.site.regime);
    const std::string lvl = std::to_string(m.site.level);
    const int failed = count_of(m.status_counts, "fail") + count_of(m.control_counts, "fail");
    const int open = count_of(m.status_counts, "not_assessed") + count_of(m.status_counts, "manual") +
                     count_of(m.status_counts, "error") + count_of(m.control_counts, "manual");
    Rich v;
    Box box = Box::VerdictIncomplete;
    if (m.verdict == "pass") {
        box = Box::VerdictPass;
        v = strong("Kết luận: ĐẠT") +
            text(" — mọi yêu cầu đã đánh giá đều được đáp ứng ở cấp độ " + lvl + " theo " + std::string(reg.vi) + ".") +
            line_break() +
            english("Conclusion: PASS — every assessed requirement is met at level " + lvl + " under " +
                    std::string(reg.en) + ".");
    } else if (m.verdict == "fail") {
        box = Box::VerdictFail;
        v = strong("Kết luận: KHÔNG ĐẠT") +
            text(" — hệ thống chưa đáp ứng " + std::to_string(failed) + " yêu cầu của cấp độ " + lvl + " theo " +
                 std::string(reg.vi) + ".") +
            line_break() +
            english("Conclusion: FAIL — " + std::to_string(failed) + " requirement(s) of level " + lvl + " under " +
                    std::string(reg.en) + " are not met.");
    } else {
        v = strong("Kết luận: CHƯA ĐỦ CĂN CỨ") +
            text(" — không thấy vi phạm, nhưng " + std::to_string(open) + " yêu cầu của cấp độ " + lvl +
                 " chưa đánh giá được (xem bên dưới).") +
            line_break() +
            english("Conclusion: INCOMPLETE — no violation found, but " + std::to_string(open) +
                    " requirement(s) of level " + lvl + " could not be assessed (see below).");
    }
    para(d, std::move(v), box);

    Table t;
    t.header = {bi("Trạng thái", "Status"), bi("Quy tắc kỹ thuật", "Technical rules"),
                bi("Biện pháp quản lý", "Management controls")};
    t.widths = {2, 1, 1};
    for (auto s : kStatusOrder) {
        const std::string key(s);
        const int r = count_of(m.status_counts, key.c_str()), c = count_of(m.control_counts, key.c_str());
        if (r == 0 && c == 0) continue;
        t.rows.push_back({status(s), text(std::to_string(r)), text(std::to_string(c))});
    }
    if (!t.rows.empty()) d.blocks.emplace_back(std::move(t));
}

void fix_first(const ReportModel& m, Document& d) {
    heading(d, 2, bi_below("Những việc cần khắc phục trước", "The few things to fix first"));
    std::vector<const engine::Assessment*> failed;
    std::size_t advisory = 0;
    for (const auto& a : m.assessments) {
        if (a.status != "fail" || !a.rule) continue;
        if (a.advisory) ++advisory;
        else failed.push_back(&a);
    }
    std::stable_sort(failed.begin(), failed.end(), [](const auto* a, const auto* b) {
        const int ra = severity_rank(a->rule->severity), rb = severity_rank(b->rule->severity);
        return ra != rb ? ra < rb : a->rule->id < b->rule->id;
    });
    if (failed.empty()) {
        para(d, bi_below("Không có quy tắc kỹ thuật nào không đạt.", "No technical rule failed."));
    } else {
        List list;
        for (std::size_t i = 0; i < failed.size() && i < kFixFirstCount; ++i) {
            const auto& a = *failed[i];
            const auto& r = *a.rule;
            list.items.push_back(severity(r.severity) + text(" ") + strong(r.title.vi) + english(" / " + r.title.en) +
                                 text(" — " + std::to_string(a.findings.size()) + " vi phạm") +
                                 english(" / violation(s)") + text(" ") + code(r.id) + line_break() +
                                 strong("Cách khắc phục: ") + text(r.remediation.vi) + line_break() +
                                 english("How to fix: " + r.remediation.en));
        }
        d.blocks.emplace_back(std::move(list));
    }
    const std::size_t more = failed.size() > kFixFirstCount ? failed.size() - kFixFirstCount : 0;
    const int failed_controls = count_of(m.control_counts, "fail");
    if (more + advisory + static_cast<std::size_t>(failed_controls) > 0)
        para(d,
             bi_below("Ngoài ra: " + std::to_string(more) + " quy tắc khác không đạt, " +
                          std::to_string(failed_controls) + " biện pháp quản lý không đạt, " +
                          std::to_string(advisory) + " khuyến nghị — xem phụ lục kỹ thuật (A.5, A.10).",
                      "Also: " + std::to_string(more) + " more failed rule(s), " + std::to_string(failed_controls) +
                          " failed management control(s), " + std::to_string(advisory) +
                          " recommendation(s) — see the technical annex (A.5, A.10)."),
             Box::None, true);
}

void charts(const ReportModel& m, Document& d) {
    heading(d, 2, bi_below("Số liệu chính", "Key figures"));
    d.blocks.emplace_back(Chart{severity_chart(m)});
    d.blocks.emplace_back(Chart{encryption_chart(m.meetings)});
    d.blocks.emplace_back(Chart{trend_chart(m)});
}

// A period report resting on a few days of capture, or on a capture that
// lost packets, says so on its first page.
void coverage_note(const Coverage& c, Document& d) {
    if (c.period) {
        const int pct = static_cast<int>(c.covered_fraction() * 100.0 + 0.5);
        if (pct < 100)
            para(d,
                 bi_below("Kỳ báo cáo " + c.period->label + ": dữ liệu bắt gói tin chỉ bao phủ " + std::to_string(pct) +
                              "% thời gian của kỳ; kết luận chỉ đúng cho khoảng thời gian có dữ liệu.",
                          "Period " + c.period->label + ": the captures cover only " + std::to_string(pct) +
                              "% of its time; the findings hold only for the time the captures cover."),
                 Box::Note, true);
    }
    if (c.capture_dropped > 0)
        para(d,
             bi_below("Thiết bị bắt gói tin đã bỏ sót " + std::to_string(c.capture_dropped) +
                          " gói tin; các cuộc họp trong lúc đó có thể không được ghi nhận đầy đủ.",
                      "The capture lost " + std::to_string(c.capture_dropped) +
                          " packets; meetings during those moments may be incompletely seen."),
             Box::Note, true);
}

void not_assessed(const ReportModel& m, Document& d) {
    heading(d, 2, bi_below("Những gì chưa đánh giá được và lý do", "What could not be assessed, and why"));
    Table t;
    t.header = {text("ID"), bi("Yêu cầu", "Requirement"), bi("Trạng thái", "Status"), bi("Lý do", "Reason")};
    t.widths = {1.3, 3, 1.4, 2.6};
    for (const auto& a : m.assessments)
        if (a.rule && (a.status == "not_assessed" || a.status == "error" || a.status == "manual"))
            t.rows.push_back({code(a.rule->id), bi(a.rule->title.vi, a.rule->title.en), status(a.status), reason(a.reason)});
    for (const auto& c : m.controls)
        if (c.question && (c.status == "manual" || c.status == "not_assessed"))
            t.rows.push_back({code(c.question->id), bi(c.question->question.vi, c.question->question.en),
                              status(c.status), reason(c.reason)});
    if (t.rows.empty())
        para(d, bi_below("Mọi quy tắc và biện pháp quản lý đã được đánh giá.",
                         "Every rule and management control was assessed."));
    else
        d.blocks.emplace_back(std::move(t));
    coverage_note(m.coverage, d);
    std::int64_t cut = 0;
    for (const auto& in : m.inputs) cut += in.complete ? 0 : 1;
    if (cut > 0 || m.counts.anomalies > 0)
        para(d,
             bi_below("Dữ liệu có " + std::to_string(m.counts.anomalies) + " bất thường và " + std::to_string(cut) +
                          " tệp bị cắt ngắn; kết quả dựa trên phần đọc được (phụ lục A.11).",
                      "The data has " + std::to_string(m.counts.anomalies) + " anomalies and " + std::to_string(cut) +
                          " truncated file(s); results rest on what could be read (annex A.11)."),
             Box::Note, true);
}

// ---------------------------------------------------------------- annex

void identification(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.1 Thông tin hệ thống và cấp độ", "Identification and level"));
    const auto reg = regime_text(m.site.regime);
    Table t;
    t.widths = {1.3, 3};
    t.rows.push_back({bi("Tên hệ thống", "System name"), strong(m.site.name)});
    t.rows.push_back({bi("Cấp độ", "Level"), text(std::to_string(m.site.level))});
    t.rows.push_back({bi("Quyết định phê duyệt", "Approval decision"),
                      m.site.approval_decision.empty()
                          ? bi("chưa khai báo", "not declared")
                          : text(m.site.approval_decision + (m.site.approval_date.empty() ? "" : ", " + m.site.approval_date))});
    Rich regime = bi(reg.vi, reg.en);
    if (m.site.regime != "current")
        regime = regime + line_break() +
                 english("Legacy regime for systems approved under Decree 85/2016, during the transition "
                         "(Decree 331/2026 Art. 39, Law 116 Art. 45).");
    t.rows.push_back({bi("Căn cứ áp dụng", "Regime applied"), regime});
    std::string nets;
    for (const auto& n : m.site.allowed_networks) nets += (nets.empty() ? "" : ", ") + n;
    t.rows.push_back({bi("Mạng được phép", "Allowed networks"), code(nets.empty() ? "—" : nets)});
    if (!m.site.policy_path.empty())
        t.rows.push_back({bi("Tệp chính sách", "Site policy"),
                          code(m.site.policy_path) + line_break() + code("SHA-256 " + m.site.policy_sha256)});
    d.blocks.emplace_back(std::move(t));
}

void scope(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.2 Phạm vi và phương pháp", "Scope and method"));
    Table t;
    t.widths = {1.3, 3};
    t.rows.push_back({bi("Phương pháp", "Method"),
                      bi("Phân tích thụ động các tệp bắt gói tin và cấu hình thiết bị; không thử nghiệm chủ động.",
                         "Passive analysis of packet captures and device configurations; no active testing.")});
    t.rows.push_back({bi("Thời gian", "Run"), text(m.run.started + " → " + m.run.finished)});
    const Coverage& c = m.coverage;
    if (c.period)
        t.rows.push_back({bi("Kỳ báo cáo", "Period"),
                          text(c.period->label + " (" + c.period->from_date + " → " + c.period->to_date + ", UTC+7)")});
    if (c.has_traffic)
        t.rows.push_back(
            {bi("Dữ liệu bắt gói tin", "Captured traffic"),
             text(core::iso_utc(c.first_ts) + " → " + core::iso_utc(c.last_ts)) +
                 (c.period ? line_break() + bi("bao phủ " + std::to_string(static_cast<int>(c.covered_fraction() * 100.0 + 0.5)) + "% của kỳ",
                                               "covers " + std::to_string(static_cast<int>(c.covered_fraction() * 100.0 + 0.5)) + "% of the period")
                           : Rich{}) +
                 (c.capture_dropped > 0 ? line_break() + bi(std::to_string(c.capture_dropped) + " gói tin bị bỏ sót",
                                                             std::to_string(c.capture_dropped) + " packets lost by the capture")
                                        : Rich{})});
    t.rows.push_back({bi("Đã phân tích", "Analysed"),
                      text(std::to_string(m.counts.frames) + " frames, " + std::to_string(m.counts.flows) +
                           " flows, " + std::to_string(m.counts.tls_sessions) + " TLS, " +
                           std::to_string(m.counts.sip_messages) + " SIP, " + std::to_string(m.counts.sdp_media) +
                           " SDP m=")});
    t.rows.push_back({bi("Công cụ", "Tool"),
                      text("vcaudit " + m.run.tool_version + ", schema " + std::to_string(m.run.schema_version))});
    t.rows.push_back({bi("Bộ quy tắc", "Rule pack"), code("SHA-256 " + m.run.rules_sha256)});
    d.blocks.emplace_back(std::move(t));
}

// "VC-SIP-001, VC-MEDIA-001; Q-X" with each id's status, when every token is a known id.
Rich assessed_by(const std::string& how, const ReportModel& m) {
    std::vector<std::string> ids;
    std::string cur;
    for (char c : how + ",") {
        if (c == ',' || c == ';') {
            if (!cur.empty()) ids.push_back(cur);
            cur.clear();
        } else if (c != ' ') {
            cur += c;
        }
    }
    Rich out;
    for (const auto& id : ids) {
        std::string st;
        std::size_t n = 0;
        for (const auto& a : m.assessments)
            if (a.rule && a.rule->id == id) st = display_status(a), n = a.findings.size();
        for (const auto& c : m.controls)
            if (c.question && c.question->id == id) st = c.status;
        if (st.empty()) return text(how);
        if (!out.empty()) out = out + line_break();
        out = out + code(id) + text(" ") + Rich{Span{Style::Status, std::string(status_label(st).vi), st}} +
              (n > 0 ? text(" (" + std::to_string(n) + ")") : Rich{});
    }
    return out.empty() ? text(how) : out;
}

void per_requirement(const ReportModel& m, Document& d) {
    const std::string lvl = std::to_string(m.site.level);
    heading(d, 2, bi("A.3 Kết quả theo từng yêu cầu của cấp độ " + lvl, "Result per requirement of level " + lvl));
    para(d,
         bi_below("Mỗi yêu cầu của cấp độ: điều khoản → trạng thái → chứng cứ (quy tắc hoặc câu hỏi tự xác nhận đã "
                  "đánh giá, kèm số vi phạm).",
                  "Every requirement of the level: clause → status → evidence (the rules or questionnaire items "
                  "that assessed it, with their violation counts)."),
         Box::None, true);
    if (m.headings.empty()) {
        para(d, bi("Không có danh mục yêu cầu cho lần chạy này.", "No requirement catalogue for this run."));
        return;
    }
    const bool current = m.site.regime == "current";
    Table t;
    t.header = {bi("Điều khoản", "Clause") + english(current ? " (TCVN 14423:2026)" : " (TCVN 11930:2017)"),
                bi("Yêu cầu", "Requirement"), bi("Trạng thái", "Status"), bi("Chứng cứ", "Evidence")};
    t.widths = {1.4, 3, 1.4, 2.2};
    for (const auto& h : m.headings) {
        const std::string& own = current ? h.current : h.clause;
        const std::string& other = current ? h.clause : h.current;
        Rich clause = code(own.empty() ? "—" : own);
        if (!other.empty()) clause = clause + line_break() + english(other);
        Rich req = h.entry ? bi(h.entry->title.vi, h.entry->title.en) + text(" ") + code(h.entry->id) : Rich{};
        t.rows.push_back({clause, req, status(h.status), assessed_by(h.how, m)});
    }
    d.blocks.emplace_back(std::move(t));
}

void controls(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.4 Biện pháp quản lý (tự xác nhận kèm tài liệu)", "Management controls (attested with documents)"));
    if (m.controls.empty()) {
        para(d, bi("Không có câu hỏi tự xác nhận ở cấp độ này.", "No questionnaire items at this level."));
        return;
    }
    Table t;
    t.header = {text("ID"), bi("Câu hỏi", "Question"), bi("Trạng thái", "Status"), bi("Trả lời, tài liệu", "Answer, documents")};
    t.widths = {1.3, 3, 1.8, 2.2};
    for (const auto& c : m.controls) {
        if (!c.question) continue;
        Rich answer;
        if (!c.answer.empty()) answer = text(c.answer + (c.date.empty() ? "" : " (" + c.date + ")"));
        if (!c.evidence.empty()) answer = answer + line_break() + code(c.evidence);
        if (!c.evidence_sha256.empty()) answer = answer + line_break() + code("SHA-256 " + c.evidence_sha256);
        if (!c.note.empty()) answer = answer + line_break() + italic(c.note);
        t.rows.push_back({code(c.question->id), bi(c.question->question.vi, c.question->question.en),
                          status(c.status) + line_break() + english(c.reason), answer});
    }
    d.blocks.emplace_back(std::move(t));
}

void rules_table(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.5 Kết quả kỹ thuật theo quy tắc", "Technical results per rule"));
    Table t;
    t.header = {bi("Điều khoản", "Clause"), bi("Quy tắc", "Rule"), bi("Mức độ", "Severity"), bi("Trạng thái", "Status"),
                bi("Vi phạm", "Violations")};
    t.widths = {1.2, 3.3, 1.6, 1.5, 0.9};
    for (const auto& a : m.assessments) {
        if (!a.rule) continue;
        t.rows.push_back({code(a.clause.empty() ? "—" : a.clause), code(a.rule->id) + text(" ") + bi(a.rule->title.vi, a.rule->title.en),
                          severity(a.rule->severity), status(display_status(a)), text(std::to_string(a.findings.size()))});
    }
    d.blocks.emplace_back(std::move(t));
}

void findings(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.6 Chi tiết vi phạm", "Findings in detail"));
    bool any = false;
    for (const auto& a : m.assessments) {
        if (a.findings.empty() || !a.rule) continue;
        any = true;
        const auto& r = *a.rule;
        heading(d, 3, code(r.id) + text(" ") + bi(r.title.vi, r.title.en));
        para(d, severity(r.severity) + text(" ") + status(display_status(a)) + text(" · ") + code(a.clause) +
                    line_break() + bi_below(r.rationale.vi, r.rationale.en),
             Box::None, true);
        Table t;
        t.header = {text("#"), bi("Trạng thái", "Status"), bi("Đối tượng bị ảnh hưởng", "Affected asset"),
                    bi("Chi tiết", "Detail"), bi("Chứng cứ", "Evidence")};
        t.widths = {0.4, 1.3, 2.2, 2.8, 2.2};
        for (std::size_t i = 0; i < a.findings.size() && i < kMaxFindingsPerRule; ++i) {
            const auto& f = a.findings[i];
            Rich detail = text(clip(f.detail));
            if (!f.waiver.empty()) detail = detail + line_break() + italic(f.waiver);
            t.rows.push_back({text(std::to_string(i + 1)), status(f.status), text(clip(f.subject)), detail,
                              code(clip(f.evidence))});
        }
        d.blocks.emplace_back(std::move(t));
        if (a.findings.size() > kMaxFindingsPerRule)
            para(d, bi("… và " + std::to_string(a.findings.size() - kMaxFindingsPerRule) + " vi phạm khác trong report.json.",
                       "… and " + std::to_string(a.findings.size() - kMaxFindingsPerRule) + " more in report.json."),
                 Box::None, true);
    }
    if (!any) para(d, bi("Không có vi phạm.", "No findings."));
}

void waivers(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.7 Miễn trừ", "Waivers"));
    Table t;
    t.header = {bi("Quy tắc", "Rule"), bi("Đối tượng", "Subject"), bi("Trạng thái", "Status"),
                bi("Miễn trừ (người duyệt, hạn, lý do)", "Waiver (approver, expiry, justification)")};
    t.widths = {1.3, 2.2, 1.3, 3.4};
    for (const auto& a : m.assessments)
        for (const auto& f : a.findings)
            if (!f.waiver.empty() && a.rule)
                t.rows.push_back({code(a.rule->id), text(f.subject), status(f.status), text(f.waiver)});
    if (t.rows.empty())
        para(d, bi_below("Không có miễn trừ. Các xác nhận của đơn vị nằm ở mục A.4.",
                         "No waivers. The site's attestations are in A.4."));
    else
        d.blocks.emplace_back(std::move(t));
}

void meetings(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.8 Thống kê cuộc họp", "Meeting statistics"));
    const auto& s = m.meetings;
    if (s.meetings <= 0) {
        para(d, bi_below("Không thấy cuộc họp nào trong dữ liệu đầu vào.", "No meetings seen in the inputs."));
        return;
    }
    Table t;
    t.widths = {2, 3};
    auto row = [&](std::string_view vi, std::string_view en, std::string value) {
        t.rows.push_back({bi(vi, en), text(std::move(value))});
    };
    row("Số cuộc họp", "Meetings", std::to_string(s.meetings));
    row("Được bảo vệ (mã hóa cả báo hiệu và mọi luồng)", "Protected (signalling and every media leg)",
        std::to_string(s.protected_meetings));
    row("Không được bảo vệ", "Unprotected", std::to_string(s.unprotected_meetings));
    row("Không xác định", "Unknown", std::to_string(s.unknown_meetings));
    row("Tổng thời lượng", "Total duration", duration_text(s.total_duration_s));
    row("Thời lượng trung vị / dài nhất", "Median / longest duration",
        duration_text(s.median_duration_s) + " / " + duration_text(s.longest_duration_s));
    row("Thiết bị trong mạng được phép", "Local endpoints", std::to_string(s.local_endpoints));
    row("Bên ngoài mạng được phép", "Remote parties", std::to_string(s.remote_parties));
    std::string platforms;
    for (const auto& [name, n] : s.platforms) platforms += (platforms.empty() ? "" : ", ") + name + ": " + std::to_string(n);
    if (!platforms.empty()) row("Nền tảng", "Platforms", platforms);
    d.blocks.emplace_back(std::move(t));
    if (s.periods.empty()) return;
    Table p;
    p.header = {bi("Tháng", "Month"), bi("Cuộc họp", "Meetings"), bi("Được bảo vệ", "Protected"),
                bi("Thời lượng", "Duration")};
    p.widths = {1, 1, 1, 1};
    for (const auto& pc : s.periods)
        p.rows.push_back({text(pc.period), text(std::to_string(pc.meetings)), text(std::to_string(pc.protected_meetings)),
                          text(duration_text(pc.duration_s))});
    d.blocks.emplace_back(std::move(p));
}

void comparison(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.9 So sánh với lần kiểm tra trước", "Comparison with the previous audit"));
    const auto& df = m.diff;
    if (!df.present) {
        para(d, bi_below("Không có lần kiểm tra trước để so sánh (dùng --previous THƯ_MỤC).",
                         "No previous audit to compare with (use --previous DIR)."));
        return;
    }
    Table t;
    t.widths = {1.5, 3};
    t.rows.push_back({bi("Thư mục", "Folder"), code(df.previous_dir)});
    t.rows.push_back({bi("Thời gian", "Run"), text(df.previous_started)});
    t.rows.push_back({bi("Kết luận lần trước", "Previous verdict"), text(df.previous_verdict)});
    t.rows.push_back({text("manifest.json SHA-256"), code(df.previous_manifest_sha256)});
    auto n = [&](const char* k) {
        auto it = df.counts.find(k);
        return std::to_string(it == df.counts.end() ? 0 : it->second);
    };
    t.rows.push_back({bi("Mới / còn / đã khắc phục", "New / persisting / fixed"),
                      text(n("new") + " / " + n("persisting") + " / " + n("fixed"))});
    d.blocks.emplace_back(std::move(t));
    if (df.entries.empty()) return;
    Table e;
    e.header = {bi("Thay đổi", "Change"), bi("Quy tắc", "Rule"), bi("Mức độ", "Severity"), bi("Đối tượng", "Subject")};
    e.widths = {1.4, 1.4, 1.3, 4};
    for (std::size_t i = 0; i < df.entries.size() && i < kMaxDiffRows; ++i) {
        const auto& x = df.entries[i];
        Rich state = x.state == "new"        ? bi("Mới", "New")
                     : x.state == "fixed"    ? bi("Đã khắc phục", "Fixed")
                     : x.state == "persisting" ? bi("Vẫn còn", "Persisting")
                                               : text(x.state);
        e.rows.push_back({state, code(x.rule_id), severity(x.severity), text(x.subject)});
    }
    d.blocks.emplace_back(std::move(e));
    if (df.entries.size() > kMaxDiffRows)
        para(d, bi("… và " + std::to_string(df.entries.size() - kMaxDiffRows) + " dòng khác trong report.json.",
                   "… and " + std::to_string(df.entries.size() - kMaxDiffRows) + " more in report.json."),
             Box::None, true);
}

void remediation(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.10 Kế hoạch khắc phục", "Remediation plan"));
    Table t;
    t.header = {bi("Điều khoản", "Clause"), bi("Quy tắc", "Rule"), bi("Mức độ", "Severity"),
                bi("Cách khắc phục", "How to fix")};
    t.widths = {1.2, 1.8, 1.3, 4.2};
    std::vector<const engine::Assessment*> open;
    for (const auto& a : m.assessments)
        if (a.status == "fail" && a.rule) open.push_back(&a);
    std::stable_sort(open.begin(), open.end(), [](const auto* a, const auto* b) {
        if (a->advisory != b->advisory) return !a->advisory;
        return severity_rank(a->rule->severity) < severity_rank(b->rule->severity);
    });
    for (const auto* a : open)
        t.rows.push_back({code(a->clause), code(a->rule->id) + (a->advisory ? line_break() + status("advisory") : Rich{}),
                          severity(a->rule->severity), bi_below(a->rule->remediation.vi, a->rule->remediation.en)});
    for (const auto& c : m.controls)
        if (c.status == "fail" && c.question)
            t.rows.push_back({text("—"), code(c.question->id), text("—"),
                              bi_below("Bổ sung: " + c.question->evidence.vi, "Provide: " + c.question->evidence.en)});
    if (t.rows.empty())
        para(d, bi("Không có mục nào cần khắc phục.", "Nothing to remediate."));
    else
        d.blocks.emplace_back(std::move(t));
}

void gaps(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.11 Khoảng trống và bất thường trong dữ liệu", "Coverage gaps and anomalies"));
    int unassessed = count_of(m.status_counts, "not_assessed") + count_of(m.status_counts, "error") +
                     count_of(m.status_counts, "manual");
    para(d,
         bi_below(std::to_string(unassessed) + " quy tắc chưa đánh giá được (danh sách và lý do ở phần đầu báo cáo).",
                  std::to_string(unassessed) + " rule(s) could not be assessed (listed with reasons in the first part)."),
         Box::None, true);
    for (const auto& in : m.inputs)
        if (!in.complete)
            para(d, bi("Tệp bị cắt ngắn: ", "Capture cut short: ") + code(in.path), Box::Note, true);
    if (m.anomalies.empty()) {
        para(d, bi("Không có bất thường.", "No anomalies."));
        return;
    }
    Table t;
    t.header = {bi("Tên", "Name"), bi("Số lần", "Count"), bi("Ví dụ", "Example")};
    t.widths = {2, 0.8, 4.5};
    for (const auto& a : m.anomalies) t.rows.push_back({code(a.name), text(std::to_string(a.count)), text(a.example)});
    d.blocks.emplace_back(std::move(t));
}

void evidence(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.12 Chứng cứ đầu vào và chuỗi lưu giữ", "Evidence inputs and chain of custody"));
    Table t;
    t.header = {text("#"), bi("Tệp", "File"), text("SHA-256"), bi("Kích thước", "Size"), bi("Khung", "Frames"),
                bi("Đầy đủ", "Complete")};
    t.widths = {0.4, 2.6, 3.2, 1, 0.8, 1};
    for (const auto& in : m.inputs)
        t.rows.push_back({text(std::to_string(in.input_id)), text(in.path) + line_break() + english(in.kind + " " + in.format + " " + in.linktype),
                          code(in.sha256), text(std::to_string(in.size)), text(std::to_string(in.frames)),
                          in.complete ? bi("có", "yes") : strong("KHÔNG") + english(" / NO")});
    d.blocks.emplace_back(std::move(t));
    Table c;
    c.widths = {1.5, 3};
    c.rows.push_back({bi("Mục cuối của sổ lưu giữ chứng cứ", "Custody ledger head"),
                      m.run.custody_head.empty() ? bi("chưa ghi nhận", "none recorded") : code(m.run.custody_head)});
    d.blocks.emplace_back(std::move(c));
}

void content(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.14 Nội dung bị quy tắc YARA đánh dấu", "Content flagged by YARA rules"));
    if (m.content_flags_total == 0) {
        para(d, bi_below("Không có nội dung nào khớp quy tắc YARA (hoặc không quét: dùng --yara, --files).",
                         "No content matched a YARA rule (or none was scanned: use --yara, --files)."));
        return;
    }
    Table t;
    t.header = {bi("Thời gian", "Time"), bi("Quy tắc", "Rule"), bi("Đối tượng", "Object"), text("SHA-256"),
                bi("Nguồn", "Carried by")};
    t.widths = {1.5, 1.8, 3, 2.6, 1.3};
    for (const auto& f : m.content_flags) {
        Rich where = text(f.scope);
        if (!f.direction.empty()) where = where + line_break() + english(f.direction);
        if (f.flow_id != 0) where = where + line_break() + english("flow " + std::to_string(f.flow_id));
        t.rows.push_back({text(core::iso_utc(f.ts)), code(f.rule) + (f.tags.empty() ? Rich{} : line_break() + english(f.tags)),
                          text(f.object_name) + line_break() + english(std::to_string(f.object_size) + " bytes"),
                          code(f.object_sha256), where});
    }
    d.blocks.emplace_back(std::move(t));
    if (m.content_flags_total > static_cast<std::int64_t>(m.content_flags.size()))
        para(d,
             bi("… và " + std::to_string(m.content_flags_total - static_cast<std::int64_t>(m.content_flags.size())) +
                    " kết quả khác trong evidence.db (bảng content_matches).",
                "… and " + std::to_string(m.content_flags_total - static_cast<std::int64_t>(m.content_flags.size())) +
                    " more in evidence.db (table content_matches)."),
             Box::None, true);
}

void signature(const ReportModel& m, Document& d) {
    heading(d, 2, bi("A.13 Công cụ, bộ quy tắc và chữ ký", "Tool, rule pack and signature"));
    Table t;
    t.widths = {1.5, 3};
    t.rows.push_back({text("vcaudit"), text(m.run.tool_version + ", schema " + std::to_string(m.run.schema_version))});
    t.rows.push_back({bi("Bộ quy tắc", "Rule pack") + text(" SHA-256"), code(m.run.rules_sha256)});
    t.rows.push_back({bi("Người ký", "Signer"), text(m.run.signer_subject)});
    t.rows.push_back({bi("Chứng thư ký", "Signer certificate") + text(" SHA-256"), code(m.run.signer_cert_sha256)});
    d.blocks.emplace_back(std::move(t));
    para(d,
         bi_below("Chữ ký CMS nằm trong manifest.json.p7s, bao gồm report.json, report.html và report.pdf; kiểm tra "
                  "bằng: vcaudit verify <thư mục>.",
                  "The CMS signature is manifest.json.p7s, covering report.json, report.html and report.pdf; check it "
                  "with: vcaudit verify <folder>."),
         Box::None, true);
}

}  // namespace

std::string plain_text(const Rich& text) {
    std::string s;
    for (const auto& span : text) s += span.style == Style::Break ? "\n" : span.text;
    return s;
}

Document build_document(const ReportModel& m) {
    Document d;
    d.title = "Báo cáo kiểm tra ATTT hội nghị truyền hình — " + m.site.name;
    cover(m, d);
    verdict(m, d);
    fix_first(m, d);
    charts(m, d);
    not_assessed(m, d);
    d.blocks.emplace_back(PageBreak{});
    heading(d, 1, bi_below("Phụ lục kỹ thuật cho cơ quan kiểm tra", "Technical annex for the inspector"));
    identification(m, d);
    scope(m, d);
    per_requirement(m, d);
    controls(m, d);
    rules_table(m, d);
    findings(m, d);
    waivers(m, d);
    meetings(m, d);
    comparison(m, d);
    remediation(m, d);
    gaps(m, d);
    evidence(m, d);
    signature(m, d);
    content(m, d);
    return d;
}

}  // namespace vca::report::doc
