// Stable diagnostic codes of reports/render (E51x: rendering reports; E50x are the YARA scanner's).
// A code never changes meaning once shipped; add new ones at the end.
#pragma once

namespace vca::report::codes {

inline constexpr const char* kCannotWriteReport = "E511";  // the output file exists or cannot be written
inline constexpr const char* kPdfFailed = "E512";          // cairo or pango could not draw the PDF

}  // namespace vca::report::codes
