// Test helper: every H.225.0 message of a shared-corpus capture, read through
// the project's own capture reader, decoder and TCP reassembler: TCP segments
// to or from port 1720 go through one TcpStream per direction into an
// H225Stream per connection, UDP datagrams to or from 1718/1719 are RAS.
// Flows are numbered by first appearance of their address/port pair.
#pragma once

#include <string_view>

#include "auditor/facts/fact_sink.hpp"

namespace vca::probes::h323::test {

// Throws vca::test::CorpusError when the capture cannot be read.
void feed_h323(std::string_view relative_path, facts::MemorySink& sink);

}  // namespace vca::probes::h323::test
