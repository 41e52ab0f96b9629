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

namespace {

void vlog(bool isError, const char* format, va_list args) {
#ifdef RCP_PLATFORM_OHOS
  OH_LOG_VPrint(LOG_APP, isError ? LOG_ERROR : LOG_DEBUG, LOG_DOMAIN, LOG_TAG, format, args);
#else
  static const bool enabled = std::getenv("RCP_LOG") != nullptr;
  if (!enabled) return;
  std::fprintf(stderr, "rcplib %s: ", isError ? "error" : "debug");
  std::vfprintf(stderr, format, args);
  std::fputc('\n', stderr);
#endif
}

}  // namespace

void logError(const char* format, ...) {
  va_list args;
  va_start(args, format);
  vlog(true, format, args);
  va_end(args);
}

void logDebug(const char* format, ...) {
  va_list args;
  va_start(args, format);
  vlog(false, format, args);
  va_end(args);
}

}  // namespace rcp::core
