// Builds the Rcp_Response handed to the application from the engine's
// core::Response. The response owns all its memory in one block, registered
// as handed out, and response->destroyResponse frees it.
#pragma once

#include <rcp/rcp.h>

#include "core/http_types.h"

namespace rcp::capi {

// `request` becomes response->request; `deliveredThrough` is copied into the
// response (response->responseCallback points at the copy). Throws
// std::bad_alloc when out of memory.
Rcp_Response* buildResponse(core::Response response, const Rcp_Request* request,
                            const Rcp_ResponseCallbackObject& deliveredThrough);

}  // namespace rcp::capi
