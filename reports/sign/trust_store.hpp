// Trust anchors: every certificate of every given PEM file in one store.
#pragma once

#include <filesystem>
#include <vector>

#include "auditor/core/result.hpp"
#include "reports/sign/handles.hpp"

namespace vca::sign {

// E401 unreadable file, E405 a file without any PEM certificate.
core::Result<X509StorePtr> load_trust_store(const std::vector<std::filesystem::path>& paths);

}  // namespace vca::sign
