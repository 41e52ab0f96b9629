// Diagnostics: hilog on OHOS, stderr on the host (only when RCP_LOG is set).
// Never log URLs with credentials, headers or bodies.
#pragma once

namespace rcp::core {

void logError(const char* format, ...) __attribute__((format(printf, 1, 2)));

}  // namespace rcp::core
