// Builds the NativeEvent objects of index.d.ts from queued engine events, each
// with one call of the session's NativeEventFactory. JavaScript thread only.
#pragma once

#include "napi/native_event.h"
#include "napi/node_api_platform.h"

namespace rcp::napi {

// Consumes `event` (a completion body moves into its ArrayBuffer uncopied).
// Returns null when the factory failed; an exception it threw is then pending.
napi_value makeEventObject(napi_env env, napi_value factory, napi_value undefined, PendingEvent&& event);

}  // namespace rcp::napi
