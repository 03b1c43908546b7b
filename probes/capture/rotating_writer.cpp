#include "probes/capture/rotating_writer.hpp"

#include <fcntl.h>
#include <pcap/pcap.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "probes/capture/pcap_reader.hpp"

namespace vca::probes::capture {
namespace {

constexpr std::string_view kPrefix = "capture-";
constexpr std::string_view kSuffix = ".pcap";
constexpr std::int64_t kPcapFileHeaderBytes = 24;
constexpr std::int64_t kPcapRecordHeaderBytes = 16;

double mtime_of(const std::filesystem::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return 0;
    return static_cast<double>(st.st_mtim.tv_sec) + static_cast<double>(st.st_mtim.tv_nsec) / 1e9;
}

}  // namespace

struct RotatingWriter::Impl {
    pcap_t* dead = nullptr;  // carries link type and snaplen for the file headers
    pcap_dumper_t* dumper = nullptr;
    ~Impl() {
        if (dumper != nullptr) pcap_dump_close(dumper);
        if (dead != nullptr) pcap_close(dead);
    }
};

std::string capture_file_name(std::int64_t sequence, std::int64_t start_unix) {
    std::time_t t = static_cast<std::time_t>(start_unix);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y%m%dT%H%M%SZ", &tm);
    char seq[32];
    std::snprintf(seq, sizeof seq, "%06lld", static_cast<long long>(sequence));
    return std::string(kPrefix) + when + "-" + seq + std::string(kSuffix);
}

std::optional<std::int64_t> capture_file_sequence(const std::string& name) {
    // capture-YYYYMMDDTHHMMSSZ-N.pcap
    if (name.size() <= kPrefix.size() + 16 + 1 + kSuffix.size() || !name.starts_with(kPrefix) ||
        !name.ends_with(kSuffix))
        return std::nullopt;
    std::size_t dash = kPrefix.size() + 16;
    if (name[dash] != '-' || name[dash - 1] != 'Z') return std::nullopt;
    std::string digits = name.substr(dash + 1, name.size() - dash - 1 - kSuffix.size());
    if (digits.empty() || digits.size() > 18) return std::nullopt;
    std::int64_t v = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::vector<CaptureFileEntry> list_capture_files(const std::filesystem::path& dir) {
    std::vector<CaptureFileEntry> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        if (!e.is_regular_file(ec)) continue;
        std::string name = e.path().filename().string();
        auto seq = capture_file_sequence(name);
        if (!seq) continue;
        out.push_back({e.path(), name, *seq, static_cast<std::uint64_t>(e.file_size(ec)), mtime_of(e.path())});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
    return out;
}

ClosedFile describe_unclosed_file(const CaptureFileEntry& entry, const HashFile& hash) {
    ClosedFile f;
    f.path = entry.path;
    f.name = entry.name;
    f.sequence = entry.sequence;
    f.size = static_cast<std::int64_t>(entry.size);
    f.complete = false;
    f.why = "recovered";
    if (auto reader = PcapReader::open(entry.path.string())) {
        Frame frame;
        while (reader->next(frame).status == ReadStatus::Frame) {
            ++f.packets;
            if (!f.first_ts) f.first_ts = frame.ts;
            f.last_ts = frame.ts;
        }
    }
    if (auto h = hash(entry.path)) f.sha256 = *h;
    else f.hash_error = h.error().line();
    return f;
}

core::Result<RotatingWriter> RotatingWriter::open(const std::filesystem::path& dir, int linktype, int snaplen,
                                                  const RotationPolicy& policy, std::int64_t first_sequence,
                                                  WriterHooks hooks) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return core::make_diag("E155", dir.string() + ": not a folder", "create it first");
    auto impl = std::make_unique<Impl>();
    impl->dead = pcap_open_dead_with_tstamp_precision(linktype, snaplen, PCAP_TSTAMP_PRECISION_MICRO);
    if (impl->dead == nullptr) return core::make_diag("E155", "cannot prepare pcap file headers (out of memory)");
    RotatingWriter w(std::move(impl));
    w.dir_ = dir;
    w.policy_ = policy;
    w.hooks_ = std::move(hooks);
    w.next_sequence_ = std::max<std::int64_t>(first_sequence, 1);
    return w;
}

RotatingWriter::RotatingWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RotatingWriter::RotatingWriter(RotatingWriter&&) noexcept = default;
RotatingWriter& RotatingWriter::operator=(RotatingWriter&&) noexcept = default;
RotatingWriter::~RotatingWriter() {
    if (impl_ && impl_->dumper != nullptr) {
        auto now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
        (void)close_file("stop", now);
    }
}

bool RotatingWriter::file_open() const { return impl_ && impl_->dumper != nullptr; }
std::int64_t RotatingWriter::current_sequence() const { return file_open() ? current_.sequence : 0; }

core::Status RotatingWriter::open_file(std::int64_t start_unix, double now) {
    // O_EXCL: a name that exists (left by an earlier run, or made by someone
    // else) is skipped, never truncated or written through a link.
    int fd = -1;
    std::string name;
    for (int tries = 0; fd < 0; ++tries) {
        name = capture_file_name(next_sequence_, start_unix);
        fd = ::open((dir_ / name).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0640);
        if (fd >= 0) break;
        if (errno != EEXIST || tries > 1000)
            return core::make_diag("E156", (dir_ / name).string() + ": cannot create: " + std::strerror(errno),
                                   "check that the capture folder is writable and not full");
        ++next_sequence_;
    }
    std::FILE* fp = ::fdopen(fd, "wb");
    if (fp == nullptr) {
        ::close(fd);
        return core::make_diag("E156", (dir_ / name).string() + ": cannot open: " + std::strerror(errno));
    }
    impl_->dumper = pcap_dump_fopen(impl_->dead, fp);
    if (impl_->dumper == nullptr) {
        std::fclose(fp);
        return core::make_diag("E156", (dir_ / name).string() + ": " + pcap_geterr(impl_->dead));
    }
    pcap_dump_flush(impl_->dumper);  // the header is on disk: the file is readable from now on
    current_ = ClosedFile{};
    current_.path = dir_ / name;
    current_.name = name;
    current_.sequence = next_sequence_++;
    current_.size = kPcapFileHeaderBytes;
    opened_at_ = now;
    flushed_at_ = now;
    return core::ok_status();
}

core::Status RotatingWriter::close_file(const std::string& why, double now) {
    if (!file_open()) return core::ok_status();
    std::FILE* fp = pcap_dump_file(impl_->dumper);
    bool ok = std::fflush(fp) == 0 && ::fsync(::fileno(fp)) == 0;
    std::string err = ok ? "" : std::strerror(errno);
    pcap_dump_close(impl_->dumper);
    impl_->dumper = nullptr;
    ClosedFile done = current_;
    done.why = why;
    std::error_code ec;
    auto size = std::filesystem::file_size(done.path, ec);
    if (!ec) done.size = static_cast<std::int64_t>(size);
    if (hooks_.hash) {
        if (auto h = hooks_.hash(done.path)) done.sha256 = *h;
        else done.hash_error = h.error().line();
    }
    if (hooks_.closed) hooks_.closed(done);
    enforce_retention(now);
    if (!ok)
        return core::make_diag("E157", done.path.string() + ": writing failed: " + err,
                               "check free space in the capture folder");
    return core::ok_status();
}

core::Result<Placement> RotatingWriter::write(const PacketRecord& r, double now) {
    auto record_bytes = kPcapRecordHeaderBytes + static_cast<std::int64_t>(r.bytes.size());
    if (file_open() && current_.packets > 0) {
        bool full = policy_.max_file_bytes > 0 &&
                    static_cast<std::uint64_t>(current_.size + record_bytes) > policy_.max_file_bytes;
        bool old = policy_.max_file_seconds > 0 && now - opened_at_ >= policy_.max_file_seconds;
        if (full || old)
            if (auto st = close_file(full ? "size" : "time", now); !st) return st.error();
    }
    if (!file_open())
        if (auto st = open_file(r.ts_sec, now); !st) return st.error();
    pcap_pkthdr hdr{};
    hdr.ts.tv_sec = static_cast<decltype(hdr.ts.tv_sec)>(r.ts_sec);
    hdr.ts.tv_usec = static_cast<decltype(hdr.ts.tv_usec)>(r.ts_usec);
    hdr.caplen = static_cast<bpf_u_int32>(r.bytes.size());
    hdr.len = r.orig_len;
    pcap_dump(reinterpret_cast<u_char*>(impl_->dumper), &hdr, r.bytes.data());
    current_.size += record_bytes;
    ++current_.packets;
    double ts = r.ts();
    if (!current_.first_ts) current_.first_ts = ts;
    current_.last_ts = ts;
    if (now - flushed_at_ >= defaults::kFlushSeconds) {
        pcap_dump_flush(impl_->dumper);
        flushed_at_ = now;
    }
    return Placement{current_.sequence, current_.packets};
}

core::Status RotatingWriter::tick(double now) {
    if (!file_open()) return core::ok_status();
    if (policy_.max_file_seconds > 0 && now - opened_at_ >= policy_.max_file_seconds && current_.packets > 0)
        return close_file("time", now);
    if (now - flushed_at_ >= defaults::kFlushSeconds) {
        if (pcap_dump_flush(impl_->dumper) != 0)
            return core::make_diag("E157", current_.path.string() + ": writing failed",
                                   "check free space in the capture folder");
        flushed_at_ = now;
    }
    return core::ok_status();
}

core::Status RotatingWriter::close(const std::string& why, double now) { return close_file(why, now); }

void RotatingWriter::enforce_retention(double now) {
    if (policy_.keep_seconds <= 0 && policy_.keep_bytes == 0) return;
    auto files = list_capture_files(dir_);
    std::int64_t open_seq = current_sequence();
    std::uint64_t total = 0;
    for (const auto& f : files) total += f.sequence == open_seq ? static_cast<std::uint64_t>(current_.size) : f.size;
    for (const auto& f : files) {  // oldest first
        if (f.sequence == open_seq) continue;
        bool too_old = policy_.keep_seconds > 0 && now - f.mtime > policy_.keep_seconds;
        bool too_much = policy_.keep_bytes > 0 && total > policy_.keep_bytes;
        if (!too_old && !too_much) continue;
        std::error_code ec;
        if (!std::filesystem::remove(f.path, ec)) continue;
        total -= f.size;
        if (hooks_.deleted) hooks_.deleted(f.path, too_old ? "age" : "size");
    }
}

}  // namespace vca::probes::capture
