// H.245 messages → h245_messages rows (and `h245_undecoded` anomalies), from
// the three places H.323 carries them: the separate H.245 connection, the
// h245Control of tunnelling H.225.0 messages, and fastStart elements.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <unordered_set>

#include "auditor/core/byte_reader.hpp"
#include "auditor/facts/fact_sink.hpp"
#include "probes/h323/h225_decoder.hpp"
#include "probes/h323/h323_facts.hpp"

namespace vca::probes::h323 {

// Told where H.245 says a logical channel's media goes (the mediaChannel of
// an OpenLogicalChannelAck, or of an answering fastStart element) and
// whether that channel's dataType is h235Media.
class H245MediaObserver {
public:
    virtual ~H245MediaObserver() = default;
    virtual void on_h245_media(const std::string& addr, int port, bool encrypted) = 0;
};

// The logical channels opened on one connection (separate or tunnelling),
// so that an Ack, which names only the channel number, is matched with the
// encryption its OpenLogicalChannel declared. Each side numbers its own
// channels, so a channel is known by its opener's address and number.
// Bounded per connection.
class H245Channels {
public:
    void opened(const std::string& opener, int channel, bool encrypted);
    [[nodiscard]] std::optional<bool> encrypted(const std::string& opener, int channel) const;

private:
    struct Channel {
        std::string opener;
        int number = 0;
        bool encrypted = false;
    };
    std::deque<Channel> channels_;  // oldest first; a reopened number replaces its entry
};

// One PDU of the separate H.245 connection (a TPKT payload) → one row.
void emit_h245_pdu(core::Bytes per, const H323Context& ctx, facts::FactSink& sink);

// The H.245 carried inside one decoded H.225.0 message: a row for each
// h245Control element and each fastStart OpenLogicalChannel.
void emit_h245_in_h225(const H225Fields& f, const H323Context& ctx, facts::FactSink& sink);

// H.245 addresses announced in H.225.0 (h245Address, "ip:port"): a TCP
// connection to one of them is the call's separate H.245 connection, as
// nothing else tells H.245 apart on its dynamic port. Bounded: the oldest
// address is forgotten first.
class H245AddressBook {
public:
    explicit H245AddressBook(std::size_t max_addresses);
    void add(const std::string& address);
    [[nodiscard]] bool contains(const std::string& address) const { return known_.contains(address); }
    [[nodiscard]] bool empty() const { return known_.empty(); }

private:
    std::size_t max_;
    std::deque<std::string> order_;
    std::unordered_set<std::string> known_;
};

}  // namespace vca::probes::h323
