// Login watcher for SMTP submission (RFC 4954 AUTH with PLAIN, LOGIN and
// CRAM-MD5; RFC 3207 STARTTLS): each attempt paired with 235 (accepted) or
// 535 (refused). Message data (DATA, RFC 3030 BDAT) is skipped, not read as
// commands. After AUTH succeeds or STARTTLS is accepted nothing more is
// looked at.
#pragma once

#include <memory>

#include "probes/creds/login_watcher.hpp"

namespace vca::probes::creds {

std::unique_ptr<LoginWatcher> make_smtp_watcher();

}  // namespace vca::probes::creds
