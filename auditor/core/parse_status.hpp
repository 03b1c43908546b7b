// The three-way result of every stream and datagram parser: a complete
// element, not enough bytes yet (the caller buffers, the parser never does),
// or bytes that cannot be this protocol.
#pragma once

namespace vca::core {

enum class ParseStatus { Ok, NeedMore, Invalid };

}  // namespace vca::core
