// Diagnostics: hilog on OHOS, stderr on the host. Never log URLs with
// credentials, headers or bodies.
#pragma once

#include <cstddef>

namespace rcp::core {

// On the host only when RCP_LOG is set.
void logError(const char* format, ...) __attribute__((format(printf, 1, 2)));

// One informational line of libcurl for a request that asked for it
// (TracingConfiguration.verbose): hilog at info level on OHOS, stderr on the
// host, as "rcplib: <line>", at most kMaxVerboseLine bytes of it. libcurl's
// informational lines carry no header or body (they do name hosts, addresses
// and redirect targets); the application asked for them.
// Never allocates; safe on the loop thread.
constexpr size_t kMaxVerboseLine = 512;
void logVerbose(const char* text, size_t length) noexcept;

}  // namespace rcp::core
