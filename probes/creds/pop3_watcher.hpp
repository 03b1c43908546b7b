// Login watcher for POP3 (RFC 1939 USER/PASS and APOP, RFC 5034 AUTH, RFC
// 2595 STLS): each attempt paired with +OK / -ERR. After a login succeeds or
// STLS is accepted nothing more is looked at (one login per session).
#pragma once

#include <memory>

#include "probes/creds/login_watcher.hpp"

namespace vca::probes::creds {

std::unique_ptr<LoginWatcher> make_pop3_watcher();

}  // namespace vca::probes::creds
