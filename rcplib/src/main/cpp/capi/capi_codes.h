// Error codes that only the C API uses (the shared ones are in core/errors.h).
#pragma once

#include <cstdint>

#include "core/errors.h"

namespace rcp::capi {

// 1007900401: the parameter error of the newer functions (Rcp_GetDefaultSession,
// Rcp_SetRequestConnectOnly), distinct from the plain 401 of the older ones.
constexpr uint32_t kInvalidParameter = core::kTransportBase + 401;

}  // namespace rcp::capi
