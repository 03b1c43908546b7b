// libyara's process-wide start and stop (yr_initialize / yr_finalize) held
// by a counter: the first holder starts the library, the last one stops it.
#pragma once

namespace vca::scan {

class YaraRuntime {
public:
    YaraRuntime();
    ~YaraRuntime();
    YaraRuntime(const YaraRuntime&) = delete;
    YaraRuntime& operator=(const YaraRuntime&) = delete;

    // False when yr_initialize failed (out of memory): nothing else may run.
    [[nodiscard]] bool ok() const { return ok_; }

private:
    bool ok_ = false;
};

}  // namespace vca::scan
