// Login watcher for HTTP/1.x and RTSP (same message grammar): Basic
// (RFC 7617), Digest (RFC 7616), credentials in the URL userinfo, and HTML
// form logins, each paired with the response to its request (in order for
// HTTP, by CSeq for RTSP).
#pragma once

#include <memory>

#include "probes/creds/login_watcher.hpp"

namespace vca::probes::creds {

std::unique_ptr<LoginWatcher> make_http_auth_watcher(bool rtsp);

}  // namespace vca::probes::creds
