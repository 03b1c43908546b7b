// Grandstream P-value numbers → the normalised vocabulary, shared by the
// text (`Pnnn = value`) and XML (`<gs_provision><config><Pnnn>`) parsers.
// Numbers are those of the GXP/GRP/GVC provisioning templates; a P-number
// whose meaning differs between model families is not mapped.
#pragma once

#include <vector>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

// The normalised settings the raw P-values say, plus the factory defaults
// that matter for security when the file does not set them (SIP over UDP,
// SRTP disabled). Raw keys are matched as "P<n>" (case-insensitive); other
// raw keys are ignored.
std::vector<Setting> normalise_grandstream_pvalues(const std::vector<RawSetting>& raw);

}  // namespace vca::probes::config
