// Compiled request options as a JavaScript value. compileOptions() converts a
// NativeRequestOptions object once into a core::RequestOptions and wraps a
// shared pointer to it in a small tagged object. The object's finalizer drops
// that pointer, so the options live exactly as long as JavaScript holds the
// object (or a fetch holds its own pointer), with no table to keep by hand.
#pragma once

#include <memory>

#include "core/request.h"
#include "napi/node_api_platform.h"

namespace rcp::napi {

// The options held by `value` when it is an object compileOptions() returned,
// else null. JavaScript thread only.
std::shared_ptr<const core::RequestOptions> compiledOptionsOf(napi_env env, napi_value value);

}  // namespace rcp::napi
