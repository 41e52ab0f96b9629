// Conversion of an Rcp_Configuration into the engine's core::RequestOptions.
#pragma once

#include <rcp/rcp.h>

#include <cstdint>
#include <string>

#include "core/request.h"

namespace rcp::capi {

// Converts `config` (NULL = all defaults) into engine options. `url` is the
// resolved request URL; the per-fetch functions of the configuration (proxy
// exclusion function, dynamic DNS rule) are called with it unless it is empty.
// Zero-valued numbers mean their documented defaults.
// Returns kOk, kParameterError (timeouts above INT32_MAX ms, unknown enum
// values, custom proxy without URL) or kBadDnsRule (an address that is not an
// IP literal).
uint32_t toRequestOptions(const Rcp_Configuration* config, const std::string& url, core::RequestOptions* out);

}  // namespace rcp::capi
