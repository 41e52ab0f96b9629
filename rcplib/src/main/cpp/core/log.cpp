#include "log.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>

#ifdef RCP_PLATFORM_OHOS
#define LOG_DOMAIN 0x0D0F
#define LOG_TAG "rcplib"
#include <hilog/log.h>
#endif

namespace rcp::core {

void logError(const char* format, ...) {
  va_list args;
  va_start(args, format);
#ifdef RCP_PLATFORM_OHOS
  OH_LOG_VPrint(LOG_APP, LOG_ERROR, LOG_DOMAIN, LOG_TAG, format, args);
#else
  static const bool enabled = std::getenv("RCP_LOG") != nullptr;
  if (enabled) {
    std::fprintf(stderr, "rcplib error: ");
    std::vfprintf(stderr, format, args);
    std::fputc('\n', stderr);
  }
#endif
  va_end(args);
}

}  // namespace rcp::core
