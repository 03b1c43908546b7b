#include "auditor/investigate/investigation_render.hpp"

#include <cstdio>
#include <ctime>
#include <map>

#include <nlohmann/json.hpp>

#include "reports/render/text_escape.hpp"

namespace vca::investigate {
namespace {

using nlohmann::json;

// Text from captures may be any bytes: invalid UTF-8 becomes U+FFFD rather
// than stopping the output.
std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

json time_json(const std::optional<double>& t) {
    if (!t) return nullptr;
    return {{"unix", *t}, {"utc", iso_utc_ms(*t)}};
}

json opt_json(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

json window_json(const TimeWindow& w) { return {{"from", time_json(w.from)}, {"to", time_json(w.to)}}; }

std::string h(std::string_view text) { return report::markup_escape(text); }

// "2011-07-28 20:20:00.123 (UTC+7)": investigators in Vietnam read local time;
// the UTC form is beside it in the JSON.
std::string vn_time(double ts) {
    std::string utc = iso_utc_ms(ts + 7 * 3600);
    return utc.substr(0, 10) + " " + utc.substr(11, 12);
}

const std::map<std::string, std::pair<const char*, const char*>>& kind_names() {
    static const std::map<std::string, std::pair<const char*, const char*>> names = {
        {"media_outside", {"Media gửi ra ngoài", "Media sent outside"}},
        {"turn_relay_outside", {"Chuyển tiếp TURN ra ngoài", "TURN relay outside"}},
        {"upload_outside", {"Tải tệp lên máy chủ ngoài", "Upload to an outside host"}},
        {"recorder_third_party", {"Bên thứ ba nhận media (ghi lén)", "Third party receiving media (recorder)"}},
        {"undeclared_device", {"Thiết bị không khai báo tham gia họp", "Undeclared device joining a meeting"}},
        {"content_outside", {"Nội dung nhạy cảm gửi ra ngoài", "Sensitive content sent outside"}},
    };
    return names;
}

constexpr const char* kCss = R"css(
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:2em;color:#1b1b1b;line-height:1.4}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:2px solid #274b7a}
.en{color:#555;font-style:italic}table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border:1px solid #c8ccd2;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#eef1f5}tr.notable td{background:#fff2e5}code{font-size:.95em;word-break:break-all}
.note{background:#f4f6f9;border-left:4px solid #274b7a;padding:.5em 1em}
)css";

}  // namespace

std::string render_timeline_json(const std::vector<TimelineEvent>& events, const RenderContext& ctx) {
    json out;
    out["format"] = "vcaudit-timeline/1";
    out["site"] = ctx.site_name;
    out["window"] = window_json(ctx.scope.window);
    out["allowed_networks"] = ctx.scope.allowed_networks;
    json list = json::array();
    for (const auto& e : events) {
        list.push_back({{"ts", e.ts},
                        {"time_utc", iso_utc_ms(e.ts)},
                        {"kind", e.kind},
                        {"summary_vi", e.summary_vi},
                        {"summary_en", e.summary_en},
                        {"flow_id", opt_json(e.flow_id)},
                        {"input_id", opt_json(e.input_id)},
                        {"frame", opt_json(e.frame)},
                        {"refs", e.refs},
                        {"notable", e.notable}});
    }
    out["events"] = std::move(list);
    return dump(out);
}

std::string render_exfiltration_json(const ExfiltrationReport& r, const RenderContext& ctx) {
    json out;
    out["format"] = "vcaudit-exfiltration/1";
    out["site"] = ctx.site_name;
    out["window"] = window_json(ctx.scope.window);
    out["allowed_networks_declared"] = r.networks_declared;
    out["allowed_networks"] = r.allowed_networks;
    out["outside_rule"] = {{"vi", r.outside_rule_vi}, {"en", r.outside_rule_en}};
    out["device_inventory_declared"] = r.inventory_declared;
    out["after_meeting_minutes"] = r.after_meeting_s / 60.0;
    json paths = json::array();
    for (const auto& p : r.paths)
        paths.push_back({{"kind", p.kind},
                         {"summary_vi", p.summary_vi},
                         {"summary_en", p.summary_en},
                         {"first_ts", p.first_ts},
                         {"last_ts", p.last_ts},
                         {"first_utc", iso_utc_ms(p.first_ts)},
                         {"last_utc", iso_utc_ms(p.last_ts)},
                         {"destination", p.destination},
                         {"flow_ids", p.flow_ids},
                         {"facts", p.facts}});
    out["paths"] = std::move(paths);
    json flows = json::array();
    for (const auto& f : r.evidence_flows) {
        auto it = ctx.extract.packets_per_flow.find(f.flow_id);
        flows.push_back({{"flow_id", f.flow_id},
                         {"input_id", f.input_id},
                         {"transport", f.transport},
                         {"src_ip", f.src_ip},
                         {"src_port", f.src_port},
                         {"dst_ip", f.dst_ip},
                         {"dst_port", f.dst_port},
                         {"first_ts", f.first_ts},
                         {"last_ts", f.last_ts},
                         {"packets", f.packets},
                         {"packets_extracted", it == ctx.extract.packets_per_flow.end() ? 0 : it->second},
                         {"named_by", f.named_by}});
    }
    out["evidence_flows"] = std::move(flows);
    json files = json::array();
    for (const auto& f : ctx.extract.files) {
        std::string sha;
        for (const auto& d : ctx.extract_digests)
            if (d.name == f.name) sha = d.sha256;
        files.push_back({{"file", f.name},
                         {"linktype", f.linktype_name},
                         {"packets", f.packets},
                         {"input_ids", f.input_ids},
                         {"sha256", sha}});
    }
    out["evidence_extract"] = std::move(files);
    json notes = r.notes;
    if (ctx.extract.fragments_untracked > 0)
        notes.push_back(std::to_string(ctx.extract.fragments_untracked) +
                        " IP fragment(s) were not tracked (limit) and may be missing from the extract");
    out["notes"] = std::move(notes);
    return dump(out);
}

std::string render_timeline_html(const std::vector<TimelineEvent>& events, const ExfiltrationReport& r,
                                 const RenderContext& ctx) {
    std::string o;
    o += "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n";
    o += "<title>Điều tra rò rỉ nội dung họp — " + h(ctx.site_name) + "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n";
    o += "<h1>Điều tra rò rỉ nội dung cuộc họp <span class=\"en\">/ Meeting content leak investigation</span></h1>\n";
    o += "<p>" + h(ctx.site_name) + "</p>\n";
    o += "<p class=\"note\">" + h(r.outside_rule_vi) + "<br><span class=\"en\">" + h(r.outside_rule_en) + "</span>";
    if (!ctx.scope.window.open()) {
        o += "<br>Khoảng thời gian <span class=\"en\">/ window</span>: ";
        o += ctx.scope.window.from ? h(iso_utc_ms(*ctx.scope.window.from)) : std::string("…");
        o += " → ";
        o += ctx.scope.window.to ? h(iso_utc_ms(*ctx.scope.window.to)) : std::string("…");
    }
    o += "</p>\n";

    o += "<h2>Đường rò rỉ có thể <span class=\"en\">/ Possible exfiltration paths</span> (" +
         std::to_string(r.paths.size()) + ")</h2>\n";
    if (r.paths.empty()) {
        o += "<p>Không thấy đường rò rỉ nào trong dữ kiện. <span class=\"en\">No exfiltration path in the facts.</span></p>\n";
    } else {
        o += "<table>\n<tr><th>Thời gian (UTC+7)<br><span class=\"en\">Time</span></th><th>Loại<br><span "
             "class=\"en\">Kind</span></th><th>Đích<br><span class=\"en\">Destination</span></th><th>Mô tả<br><span "
             "class=\"en\">Description</span></th><th>Luồng<br><span class=\"en\">Flows</span></th></tr>\n";
        for (const auto& p : r.paths) {
            auto it = kind_names().find(p.kind);
            std::string kind_vi = it != kind_names().end() ? it->second.first : p.kind;
            std::string kind_en = it != kind_names().end() ? it->second.second : p.kind;
            std::string ids;
            for (auto id : p.flow_ids) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
            o += "<tr class=\"notable\"><td>" + h(vn_time(p.first_ts)) + "</td><td>" + h(kind_vi) +
                 "<br><span class=\"en\">" + h(kind_en) + "</span></td><td><code>" + h(p.destination) + "</code></td><td>" +
                 h(p.summary_vi) + "<br><span class=\"en\">" + h(p.summary_en) + "</span></td><td>" + h(ids) + "</td></tr>\n";
        }
        o += "</table>\n";
    }
    if (!r.notes.empty()) {
        o += "<h2>Ghi chú <span class=\"en\">/ Notes</span></h2>\n<ul>\n";
        for (const auto& n : r.notes) o += "<li>" + h(n) + "</li>\n";
        o += "</ul>\n";
    }

    o += "<h2>Trích xuất bằng chứng <span class=\"en\">/ Evidence extract</span></h2>\n<ul>\n";
    for (const auto& f : ctx.extract.files) {
        std::string sha;
        for (const auto& d : ctx.extract_digests)
            if (d.name == f.name) sha = d.sha256;
        o += "<li><code>" + h(f.name) + "</code>: " + std::to_string(f.packets) + " gói <span class=\"en\">packets</span>, " +
             h(f.linktype_name) + ", SHA-256 <code>" + h(sha) + "</code></li>\n";
    }
    if (ctx.extract.files.empty()) o += "<li>Không có tệp bắt gói. <span class=\"en\">No capture given.</span></li>\n";
    o += "</ul>\n";

    o += "<h2>Dòng thời gian <span class=\"en\">/ Timeline</span> (" + std::to_string(events.size()) + ")</h2>\n";
    o += "<table>\n<tr><th>Thời gian (UTC+7)<br><span class=\"en\">Time</span></th><th>Sự kiện<br><span "
         "class=\"en\">Event</span></th><th>Mô tả<br><span class=\"en\">Description</span></th><th>Luồng / khung<br><span "
         "class=\"en\">Flow / frame</span></th></tr>\n";
    for (const auto& e : events) {
        std::string where = e.flow_id ? "flow " + std::to_string(*e.flow_id) : "";
        if (e.input_id && e.frame)
            where += (where.empty() ? "" : ", ") + std::string("input ") + std::to_string(*e.input_id) + " frame " +
                     std::to_string(*e.frame);
        o += std::string("<tr") + (e.notable ? " class=\"notable\"" : "") + "><td>" + h(vn_time(e.ts)) + "</td><td>" +
             h(e.kind) + "</td><td>" + h(e.summary_vi) + "<br><span class=\"en\">" + h(e.summary_en) + "</span></td><td>" +
             h(where) + "</td></tr>\n";
    }
    o += "</table>\n</body>\n</html>\n";
    return o;
}

}  // namespace vca::investigate
