// The one guard of every Node-API entry point: no C++ exception leaves the
// module. Registered functions and methods are wrapped at registration
// (guarded<&f>), so a failure inside one becomes a thrown JavaScript error
// instead of ending the process; callbacks the runtime calls without a
// JavaScript caller (thread-safe function calls) log the error instead.
#pragma once

#include <exception>
#include <new>

#include "napi/node_api_platform.h"

namespace rcp::napi {

// Throws the JavaScript error for the exception being handled.
void throwCurrentException(napi_env env) noexcept;
// Reports the exception being handled where no JavaScript caller can catch it.
void reportCurrentException(const char* where) noexcept;

template <napi_callback Entry>
napi_value guarded(napi_env env, napi_callback_info info) noexcept {
  try {
    return Entry(env, info);
  } catch (...) {
    throwCurrentException(env);
    return nullptr;
  }
}

}  // namespace rcp::napi
