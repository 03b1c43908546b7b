// Login watcher for telnet (RFC 854 with option negotiation, RFC 855
// subnegotiation, RFC 1572 NEW-ENVIRON): the server's prompts ("login:",
// "Username:", "Password:") say what the next line the client types is;
// the client's keystrokes (one per packet or a whole line, with backspace
// editing) make the answer. The server's echo of the user name is never
// taken as input. The outcome is read from what the server prints after
// the password: "Login incorrect" and the like, or a shell prompt.
#pragma once

#include <memory>

#include "probes/creds/login_watcher.hpp"

namespace vca::probes::creds {

std::unique_ptr<LoginWatcher> make_telnet_watcher();

}  // namespace vca::probes::creds
