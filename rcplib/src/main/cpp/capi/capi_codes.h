// The C API's name for the parameter error of the kit's newer functions
// (Rcp_GetDefaultSession, Rcp_SetRequestConnectOnly), 1007900401, distinct from
// the plain 401 of the older ones. Every code is defined in core/errors.h.
#pragma once

#include "core/errors.h"

namespace rcp::capi {

using core::kInvalidParameter;

}  // namespace rcp::capi
