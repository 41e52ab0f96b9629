// Builds the NativeEvent objects of index.d.ts from queued engine events.
// JavaScript thread only.
#pragma once

#include "napi/native_event.h"
#include "napi/node_api_platform.h"

namespace rcp::napi {

// Consumes `event` (a completion body moves into its ArrayBuffer uncopied).
napi_value makeEventObject(napi_env env, PendingEvent&& event);

}  // namespace rcp::napi
