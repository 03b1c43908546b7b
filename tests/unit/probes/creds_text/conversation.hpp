// Test helpers for the text login watchers: a conversation is the ordered
// chunks both sides sent; it is replayed whole, one byte at a time and in
// random chunks, and the three runs must find the same events. Secrets are
// never printed: they are compared through same_secret(), and summaries
// carry only their length and a hash.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "probes/creds/login_watcher.hpp"

namespace vca::probes::creds::conversation {

struct Chunk {
    int side = 0;  // 0 client→server, 1 server→client
    std::string bytes;
    bool gap = false;  // bytes were lost before this chunk
};
using Conversation = std::vector<Chunk>;

inline Chunk client(std::string s) { return {0, std::move(s), false}; }
inline Chunk server(std::string s) { return {1, std::move(s), false}; }
inline Chunk client_after_gap(std::string s) { return {0, std::move(s), true}; }
inline Chunk server_after_gap(std::string s) { return {1, std::move(s), true}; }

enum class Split { Whole, Bytes, Random };

struct Replay {
    std::vector<CredentialEvent> events;
    std::vector<WatcherNote> notes;
    bool done = false;
};

inline core::Bytes as_bytes(std::string_view s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

// Chunk i is dated ts = i + 1, frame = i + 1, whatever the split.
inline Replay run(LoginProtocol p, const Conversation& conv, Split split, unsigned seed = 7) {
    auto w = make_login_watcher(p);
    Replay r;
    std::mt19937 rng(seed);
    auto collect = [&] {
        for (auto& e : w->take_events()) r.events.push_back(std::move(e));
        for (auto& n : w->take_notes()) r.notes.push_back(std::move(n));
    };
    for (std::size_t i = 0; i < conv.size(); ++i) {
        const Chunk& c = conv[i];
        const double ts = static_cast<double>(i + 1);
        const auto frame = static_cast<std::int64_t>(i + 1);
        const core::Bytes all = as_bytes(c.bytes);
        if (split == Split::Whole || all.empty()) {
            w->on_data(c.side, all, c.gap, ts, frame);
        } else {
            std::size_t pos = 0;
            bool first = true;
            while (pos < all.size()) {
                std::size_t n = 1;
                if (split == Split::Random) n = std::uniform_int_distribution<std::size_t>(1, 9)(rng);
                n = std::min(n, all.size() - pos);
                w->on_data(c.side, all.subspan(pos, n), c.gap && first, ts, frame);
                pos += n;
                first = false;
            }
        }
        collect();  // as the integration does, after each chunk
    }
    r.done = w->done();
    w->finish();
    collect();
    return r;
}

inline ::testing::AssertionResult same_secret(std::string_view actual, std::string_view expected) {
    if (actual == expected) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "secret mismatch (length " << actual.size() << ", expected length "
                                         << expected.size() << ")";
}

// Everything about an event, the secret only as length and hash.
inline std::string summary(const CredentialEvent& e) {
    std::string s = e.protocol + "|" + e.username + "|" + e.mechanism + "|" + e.secret_kind + "|" +
                    std::string(outcome_name(e.outcome)) + "|" + e.target + "|frame " + std::to_string(e.frame) +
                    "|secret " + std::to_string(e.secret.size()) + ":" +
                    std::to_string(std::hash<std::string>{}(e.secret));
    if (e.digest) s += "|digest " + e.digest->realm + "," + e.digest->nonce + "," + e.digest->uri + "," +
                       e.digest->method + "," + e.digest->response;
    return s;
}

inline std::vector<std::string> summaries(const Replay& r) {
    std::vector<std::string> out;
    for (const auto& e : r.events) out.push_back(summary(e));
    return out;
}

// Runs the three splits; they must agree. Returns the whole-chunk run.
inline Replay run_all_ways(LoginProtocol p, const Conversation& conv) {
    Replay whole = run(p, conv, Split::Whole);
    const Replay bytes = run(p, conv, Split::Bytes);
    EXPECT_EQ(summaries(whole), summaries(bytes)) << "one byte at a time gave other events";
    for (unsigned seed : {1U, 2U, 3U}) {
        const Replay random = run(p, conv, Split::Random, seed);
        EXPECT_EQ(summaries(whole), summaries(random)) << "random chunks (seed " << seed << ") gave other events";
    }
    EXPECT_EQ(whole.done, bytes.done);
    return whole;
}

inline bool has_note(const Replay& r, std::string_view name) {
    for (const auto& n : r.notes)
        if (n.name == name) return true;
    return false;
}

}  // namespace vca::probes::creds::conversation
