#include "auditor/pipeline/capture_inputs.hpp"

#include <sys/stat.h>

#include <fstream>
#include <iostream>

#include "auditor/facts/rows.hpp"
#include "auditor/pipeline/phase_timings.hpp"
#include "auditor/pipeline/progress_line.hpp"
#include "probes/decode/packet.hpp"
#include "reports/sign/sha256.hpp"

namespace vca::pipeline {
namespace {

core::Result<std::filesystem::path> spool_stdin(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    std::filesystem::path file = dir / "stdin.pcap";
    std::ofstream out(file, std::ios::binary);
    out << std::cin.rdbuf();
    out.close();
    if (!out) return core::make_diag("E106", "-: cannot copy standard input", "check free disk space");
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::group_read,
                                 std::filesystem::perm_options::replace);
    return file;
}

}  // namespace

core::Result<std::vector<CaptureInput>> open_captures(const std::vector<std::string>& paths,
                                                      const std::filesystem::path& spool_dir) {
    std::vector<CaptureInput> out;
    bool stdin_used = false;
    for (const auto& given : paths) {
        std::filesystem::path file = given;
        if (given == "-") {
            if (stdin_used) return core::make_diag("E107", "'-' (standard input) given twice", "pass it once");
            stdin_used = true;
            auto spooled = spool_stdin(spool_dir);
            if (!spooled) return spooled.error();
            file = *spooled;
        }
        auto reader = probes::capture::PcapReader::open(file.string());
        if (!reader) {
            core::Diagnostic d = reader.error();
            if (given == "-") d.message.replace(0, file.string().size(), "-");
            return d;
        }
        int dlt = reader->linktype();
        if (!probes::decode::linktype_supported(dlt))
            return core::make_diag("E105",
                                   given + ": link type " + reader->linktype_name() + " (" + std::to_string(dlt) +
                                       ") is not supported",
                                   "capture on an Ethernet, Linux cooked (any), raw IP or loopback interface");
        CaptureInput in{given, file, {}, 0, 0, std::move(reader.value())};
        out.push_back(std::move(in));
    }
    return out;
}

namespace {

// What changes when a file is written to, appended to or replaced: the
// kernel's inode change time cannot be set back by a writer, so a file whose
// identity is the same before hashing and after analysis is the file hashed.
struct FileIdentity {
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = 0;
    timespec mtime{}, ctime{};
    bool operator==(const FileIdentity& o) const {
        return dev == o.dev && ino == o.ino && size == o.size && mtime.tv_sec == o.mtime.tv_sec &&
               mtime.tv_nsec == o.mtime.tv_nsec && ctime.tv_sec == o.ctime.tv_sec && ctime.tv_nsec == o.ctime.tv_nsec;
    }
};

std::optional<FileIdentity> identity_of(const std::filesystem::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return std::nullopt;
    return FileIdentity{st.st_dev, st.st_ino, st.st_size, st.st_mtim, st.st_ctim};
}

core::Diagnostic changed_while_read(const std::string& given) {
    return core::make_diag("E108", given + ": the file changed while it was being analysed",
                           "audit a copy that is no longer being written");
}

}  // namespace

core::Status analyse_capture(CaptureInput& input, store::EvidenceStore& store,
                             probes::traffic::TrafficAnalyzer& analyzer, std::ostream& log,
                             PhaseTimings* timings) {
    const auto before = identity_of(input.file);
    auto hash = sign::sha256_file(input.file);
    if (!hash) return hash.error();
    if (!before || identity_of(input.file) != before) return changed_while_read(input.given);
    input.sha256 = *hash;
    std::error_code ec;
    input.size = static_cast<std::int64_t>(std::filesystem::file_size(input.file, ec));
    facts::InputRow row;
    row.input_id = input.input_id;
    row.path = input.given;
    row.kind = "pcap";
    row.sha256 = input.sha256;
    row.size = input.size;
    row.format = input.reader.format();
    row.linktype = input.reader.linktype_name();
    store.add(row);
    if (auto st = store.flush(); !st) return st;  // the hash is on disk before a byte is analysed
    if (timings != nullptr) timings->end("hash " + input.given);

    std::int64_t frames = 0;
    std::optional<double> first_ts, last_ts;
    bool complete = true;
    probes::capture::Frame frame;
    ProgressLine progress(input.given, input.size);
    for (;;) {
        probes::capture::ReadResult r = input.reader.next(frame);
        if (r.status == probes::capture::ReadStatus::End) break;
        if (r.status != probes::capture::ReadStatus::Frame) {
            complete = false;
            bool cut = r.status == probes::capture::ReadStatus::Truncated;
            std::string name = cut ? "capture_truncated" : "capture_read_error";
            facts::AnomalyRow a;
            a.input_id = input.input_id;
            a.ts = last_ts;
            a.name = name;
            a.detail = "after frame " + std::to_string(frames) + ": " + r.detail;
            store.add(a);
            progress.finish();
            log << "warning: " << input.given << ": "
                << (cut ? "capture cut short" : "capture unreadable") << " after frame " << frames << " ("
                << r.detail << "); analysed up to that point\n";
            break;
        }
        ++frames;
        if ((frames & 0xFFF) == 0) progress.update(input.reader.position(), frames);
        if (!first_ts) first_ts = frame.ts;
        last_ts = frame.ts;
        probes::traffic::FrameRef ref{input.input_id, frame.number, frame.ts, frame.linktype, frame.data,
                                      frame.orig_len};
        analyzer.on_frame(ref);
    }
    progress.finish();
    if (timings != nullptr) timings->end("analyse " + input.given);
    if (auto st = store.update_input(input.input_id, frames, first_ts, last_ts, complete); !st) return st;
    // Not hashed twice: the identity check costs a stat, a second hash a full read.
    if (identity_of(input.file) != before) return changed_while_read(input.given);
    return core::ok_status();
}

}  // namespace vca::pipeline
