#include "probes/flow/ip_fragments.hpp"

#include <algorithm>
#include <cstring>

#include "auditor/core/limits.hpp"

namespace vca::probes::flow {

std::size_t IpFragments::KeyHash::operator()(const Key& k) const noexcept {
    std::uint64_t h = 1469598103934665603ull ^ k.id;
    auto mix = [&h](const std::uint8_t* p, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            h ^= p[i];
            h *= 1099511628211ull;
        }
    };
    mix(k.src.data(), k.src.size());
    mix(k.dst.data(), k.dst.size());
    mix(&k.protocol, 1);
    mix(&k.version, 1);
    return static_cast<std::size_t>(h);
}

IpFragments::IpFragments(std::size_t max_datagrams, std::size_t max_bytes, double timeout_seconds)
    : max_datagrams_(max_datagrams), max_bytes_(max_bytes), timeout_(timeout_seconds) {}

FragmentResult IpFragments::add(const decode::PacketView& p, double ts) {
    FragmentResult result;
    std::uint32_t begin = p.frag_offset;
    auto end = static_cast<std::uint32_t>(begin + p.fragment.size());
    if (end > core::limits::kMaxDatagramBytes) {
        result.outcome = FragmentOutcome::Invalid;
        return result;
    }
    Key key;
    key.version = p.ip_version;
    key.protocol = p.protocol;
    std::copy_n(p.src_addr.begin(), std::min<std::size_t>(p.src_addr.size(), 16), key.src.begin());
    std::copy_n(p.dst_addr.begin(), std::min<std::size_t>(p.dst_addr.size(), 16), key.dst.begin());
    key.id = p.frag_id;
    auto it = pending_.find(key);
    if (it == pending_.end()) {
        if (pending_.size() >= max_datagrams_) {
            result.outcome = FragmentOutcome::LimitHit;
            return result;
        }
        it = pending_.emplace(key, Pending{}).first;
    }
    Pending& d = it->second;
    d.last_ts = ts;
    if (end > d.bytes.size()) {
        std::size_t grow = end - d.bytes.size();
        if (bytes_held_ + grow > max_bytes_) {
            result.outcome = FragmentOutcome::LimitHit;
            return result;
        }
        bytes_held_ += grow;
        d.bytes.resize(end);
    }
    // Overlap: keep what arrived first (RFC 5722 says drop the datagram for
    // IPv6; for evidence we keep it and report the conflict).
    bool overlap_conflict = false;
    for (const auto& [rb, re] : d.ranges) {
        std::uint32_t ob = std::max(rb, begin), oe = std::min(re, end);
        if (ob < oe && std::memcmp(d.bytes.data() + ob, p.fragment.data() + (ob - begin), oe - ob) != 0)
            overlap_conflict = true;
    }
    for (std::uint32_t i = begin; i < end; ++i) {
        bool covered = std::any_of(d.ranges.begin(), d.ranges.end(),
                                   [i](const auto& r) { return i >= r.first && i < r.second; });
        if (!covered) d.bytes[i] = p.fragment[i - begin];
    }
    d.ranges.emplace_back(begin, end);
    std::sort(d.ranges.begin(), d.ranges.end());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> merged;
    for (const auto& r : d.ranges) {
        if (!merged.empty() && r.first <= merged.back().second) merged.back().second = std::max(merged.back().second, r.second);
        else merged.push_back(r);
    }
    d.ranges = std::move(merged);
    if (!p.more_fragments) {
        d.have_last = true;
        d.total = end;
    }
    if (d.have_last && d.ranges.size() == 1 && d.ranges[0].first == 0 && d.ranges[0].second >= d.total) {
        result.outcome = FragmentOutcome::Complete;
        d.bytes.resize(d.total);
        result.datagram = std::move(d.bytes);
        bytes_held_ -= std::min(bytes_held_, result.datagram.size());
        pending_.erase(it);
        return result;
    }
    result.outcome = overlap_conflict ? FragmentOutcome::Overlap : FragmentOutcome::Held;
    return result;
}

std::size_t IpFragments::expire(double now) {
    std::size_t dropped = 0;
    for (auto it = pending_.begin(); it != pending_.end();) {
        if (now - it->second.last_ts > timeout_) {
            bytes_held_ -= std::min(bytes_held_, it->second.bytes.size());
            it = pending_.erase(it);
            ++dropped;
        } else {
            ++it;
        }
    }
    return dropped;
}

}  // namespace vca::probes::flow
