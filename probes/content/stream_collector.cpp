#include "probes/content/stream_collector.hpp"

#include <utility>

namespace vca::probes::content {

namespace {

bool is_file_command(const std::string& c) { return c == "STOR" || c == "APPE" || c == "STOU" || c == "RETR"; }

// Appends one delivery to a side; true when a bound cut it (emit it now).
bool collect(CollectedSide& s, core::Bytes data, bool after_gap, double ts, std::int64_t frame) {
    if (s.done || data.empty()) return false;
    if (after_gap) s.gap = true;
    if (!s.started) {
        s.started = true;
        s.ts = ts;
        s.frame = frame;
    }
    return !s.bytes.append(data);
}

// A direction cut before it kept any byte still records the bound it hit.
bool nothing_kept(ContentHub& hub, CollectedSide& s, const FlowRef& flow, const std::string& name) {
    if (!s.bytes.empty()) return false;
    if (s.bytes.cut() != Cut::None)
        hub.note(flow, s.ts, s.frame, "content_limit_reached",
                 name + ": " + std::string(cut_name(s.bytes.cut())) + " limit reached before any byte was kept");
    return true;
}

ContentObject object_of(CollectedSide& s, const FlowRef& flow) {
    ContentObject o;
    o.flow_id = flow.flow_id;
    o.input_id = flow.input_id;
    o.ts = s.ts;
    o.frame = s.frame;
    o.complete = !s.gap;
    o.bytes = s.bytes.take();
    return o;
}

}  // namespace

StreamCollector::StreamCollector(ContentHub& hub, FlowRef flow, std::array<std::string, 2> names,
                                 std::shared_ptr<FtpTransfer> transfer)
    : hub_(hub),
      flow_(flow),
      names_(std::move(names)),
      transfer_(std::move(transfer)),
      // An FTP data connection carries a file; any other stream is raw.
      budget_(hub.budget(), hub.limits().max_flow_bytes, transfer_ ? nullptr : &hub.streams_budget()),
      sides_{CollectedSide(budget_, hub.limits().max_object_bytes),
             CollectedSide(budget_, hub.limits().max_object_bytes)} {}

void StreamCollector::on_stream(int side, core::Bytes data, bool after_gap, double ts, std::int64_t frame) {
    if (side < 0 || side > 1) return;
    if (collect(sides_[static_cast<std::size_t>(side)], data, after_gap, ts, frame)) emit_side(side);
}

void StreamCollector::on_close(int side, bool reset) {
    if (side < 0 || side > 1) return;
    const bool whole_transfer = transfer_ && is_file_command(transfer_->command);
    if (reset || whole_transfer) {
        emit_side(0);
        emit_side(1);
    } else {
        emit_side(side);
    }
}

void StreamCollector::finish() {
    emit_side(0);
    emit_side(1);
}

void StreamCollector::emit_side(int side) {
    CollectedSide& s = sides_[static_cast<std::size_t>(side)];
    if (s.done) return;
    s.done = true;
    if (nothing_kept(hub_, s, flow_, names_[static_cast<std::size_t>(side)])) return;
    const Cut cut = s.bytes.cut();
    ContentObject o = object_of(s, flow_);
    if (transfer_ && is_file_command(transfer_->command)) {
        // The file goes one way: from the client for STOR/APPE/STOU, to it for RETR.
        o.scope = kScopeFtpFile;
        o.direction = transfer_->command == "RETR" ? kToClient : kToServer;
        o.name = transfer_->command + " " + transfer_->path;
    } else {
        o.scope = kScopeTcpStream;
        o.direction = side == 0 ? kToServer : kToClient;
        o.name = transfer_ && !transfer_->command.empty() ? transfer_->command + " " + transfer_->path + " (FTP data)"
                                                          : names_[static_cast<std::size_t>(side)];
    }
    hub_.emit(o, cut);
}

DatagramCollector::DatagramCollector(ContentHub& hub, FlowRef flow, std::array<std::string, 2> names)
    : hub_(hub),
      flow_(flow),
      names_(std::move(names)),
      budget_(hub.budget(), hub.limits().max_flow_bytes, &hub.streams_budget()),
      sides_{CollectedSide(budget_, hub.limits().max_object_bytes),
             CollectedSide(budget_, hub.limits().max_object_bytes)} {}

void DatagramCollector::on_datagram(int side, core::Bytes payload, double ts, std::int64_t frame) {
    if (side < 0 || side > 1) return;
    if (collect(sides_[static_cast<std::size_t>(side)], payload, false, ts, frame)) emit_side(side);
}

void DatagramCollector::finish() {
    emit_side(0);
    emit_side(1);
}

void DatagramCollector::emit_side(int side) {
    CollectedSide& s = sides_[static_cast<std::size_t>(side)];
    if (s.done) return;
    s.done = true;
    if (nothing_kept(hub_, s, flow_, names_[static_cast<std::size_t>(side)])) return;
    const Cut cut = s.bytes.cut();
    ContentObject o = object_of(s, flow_);
    o.scope = kScopeUdpPayload;
    o.direction = side == 0 ? kToServer : kToClient;
    o.name = names_[static_cast<std::size_t>(side)];
    hub_.emit(o, cut);
}

}  // namespace vca::probes::content
