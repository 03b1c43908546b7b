// Login watcher for FTP (RFC 959 §4.1.1, RFC 1635 anonymous FTP, RFC 4217
// AUTH TLS): USER/PASS paired with the reply (230 logged in; 530/430
// refused), anonymous logins marked, and the end of cleartext at AUTH TLS.
#pragma once

#include <memory>

#include "probes/creds/login_watcher.hpp"

namespace vca::probes::creds {

std::unique_ptr<LoginWatcher> make_ftp_watcher();

}  // namespace vca::probes::creds
