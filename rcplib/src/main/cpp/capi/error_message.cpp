// Rcp_GetErrorMessage: the C face of the core's error texts.
#include <rcp/rcp.h>

#include "core/errors.h"

extern "C" RCP_EXPORT const char* Rcp_GetErrorMessage(uint32_t code) { return rcp::core::errorMessage(code); }
