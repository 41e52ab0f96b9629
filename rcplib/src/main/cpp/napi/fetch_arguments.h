// Turns the arguments of NativeSession.fetch() into a validated
// core::Request, applying the same input rules as the C API.
#pragma once

#include <cstdint>

#include "core/request.h"
#include "napi/node_api_platform.h"

namespace rcp::napi {

constexpr size_t kFetchArgumentCount = 11;

struct FetchCall {
  core::Request request;
  double token = 0;
  uint32_t eventMask = 0;
};

// `args` holds the kFetchArgumentCount arguments in the order of index.d.ts.
// Returns kOk, kParameterError (wrong type or rejected input, options not made
// by compileOptions()) or the code of core::checkUrl for the URL.
uint32_t readFetchCall(napi_env env, const napi_value* args, FetchCall* out);

}  // namespace rcp::napi
