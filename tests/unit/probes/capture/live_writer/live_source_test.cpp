// LiveSource: the errors a user meets before any packet (they need a real
// interface: root or CAP_NET_RAW; skipped without, except under CI).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

#include "probes/capture/live_source.hpp"

namespace vca::probes::capture {
namespace {

bool can_capture() {
    if (::geteuid() == 0) return true;
    return false;
}

#define REQUIRE_CAPTURE()                                                            \
    do {                                                                             \
        if (!can_capture()) {                                                        \
            if (std::getenv("CI") != nullptr) FAIL() << "CI runs the tests as root"; \
            GTEST_SKIP() << "needs root to open an interface";                       \
        }                                                                            \
    } while (0)

TEST(LiveSource, BadFilterIsOneLineNamingIt) {
    REQUIRE_CAPTURE();
    LiveOptions o;
    o.iface = "lo";
    o.filter = "udp port sip-nonsense";
    auto s = LiveSource::open(o);
    ASSERT_FALSE(s.ok());
    std::string line = s.error().line();
    EXPECT_EQ(s.error().code, "E152");
    EXPECT_NE(line.find("'udp port sip-nonsense'"), std::string::npos) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(LiveSource, MissingInterfaceIsNamed) {
    REQUIRE_CAPTURE();
    LiveOptions o;
    o.iface = "vcanosuch0";
    auto s = LiveSource::open(o);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().line().find("vcanosuch0"), std::string::npos) << s.error().line();
}

TEST(LiveSource, BufferOutOfRangeRefusedBeforeOpening) {
    LiveOptions o;
    o.iface = "lo";
    o.buffer_bytes = 0;
    auto s = LiveSource::open(o);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "E151");
}

TEST(LiveSource, LoopbackOpensWithFilterAndIdlesWithinTheTimeout) {
    REQUIRE_CAPTURE();
    LiveOptions o;
    o.iface = "lo";
    o.filter = "udp port 9";  // nothing on the test machine sends to the discard port
    auto s = LiveSource::open(o);
    ASSERT_TRUE(s.ok()) << s.error().line();
    EXPECT_EQ(s->snaplen(), defaults::kSnaplen);
    PacketRecord r;
    std::string err;
    EXPECT_EQ(s->next(r, 50, err), LiveStatus::Idle) << err;
    CaptureStats st = s->stats();
    EXPECT_TRUE(st.known);
    EXPECT_EQ(st.dropped, 0U);
}

}  // namespace
}  // namespace vca::probes::capture
