// Login watcher for IMAP4 (RFC 9051, RFC 3501): LOGIN with atoms, quoted
// strings or literals ({n} and {n+}), AUTHENTICATE (PLAIN, LOGIN, CRAM-MD5,
// with or without SASL-IR), each paired with its tagged answer (OK accepted,
// NO refused). After a login succeeds, PREAUTH, or STARTTLS is accepted
// nothing more is looked at.
#pragma once

#include <memory>

#include "probes/creds/login_watcher.hpp"

namespace vca::probes::creds {

std::unique_ptr<LoginWatcher> make_imap_watcher();

}  // namespace vca::probes::creds
