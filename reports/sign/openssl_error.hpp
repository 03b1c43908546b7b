// The OpenSSL error queue, turned into text for a Diagnostic.
#pragma once

#include <string>

#include "auditor/core/result.hpp"

namespace vca::sign {

// Empties this thread's OpenSSL error queue; call before an operation so
// stale errors from earlier calls are not blamed on it.
void clear_openssl_errors();

// Empties the queue and returns its entries joined by "; " (empty if none).
std::string drain_openssl_errors();

// A Diagnostic whose message ends with " [openssl: <queue>]" when the queue
// held anything; the queue is emptied either way.
core::Diagnostic openssl_diag(std::string code, std::string message, std::string hint,
                              std::string location);

}  // namespace vca::sign
