#include "auditor/scan/yara_runtime.hpp"

#include <yara.h>

#include <mutex>

namespace vca::scan {

namespace {
std::mutex g_mutex;
int g_holders = 0;  // holders whose yr_initialize succeeded
}  // namespace

YaraRuntime::YaraRuntime() {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_holders > 0 || yr_initialize() == ERROR_SUCCESS) {
        ++g_holders;
        ok_ = true;
    }
}

YaraRuntime::~YaraRuntime() {
    if (!ok_) return;
    std::lock_guard<std::mutex> lock(g_mutex);
    if (--g_holders == 0) yr_finalize();
}

}  // namespace vca::scan
