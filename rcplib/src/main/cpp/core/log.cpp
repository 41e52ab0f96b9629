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

void logVerbose(const char* text, size_t length) noexcept {
  while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r')) --length;
  if (length > kMaxVerboseLine) length = kMaxVerboseLine;
  char line[kMaxVerboseLine + 1];
  for (size_t i = 0; i < length; ++i) line[i] = text[i] == '\0' ? ' ' : text[i];
  line[length] = '\0';
#ifdef RCP_PLATFORM_OHOS
  // Public: the application turned verbose on to read these lines.
  OH_LOG_Print(LOG_APP, LOG_INFO, LOG_DOMAIN, LOG_TAG, "rcplib: %{public}s", line);
#else
  std::fprintf(stderr, "rcplib: %s\n", line);
#endif
}

}  // namespace rcp::core
