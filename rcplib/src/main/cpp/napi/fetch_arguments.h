// Turns the arguments of NativeSession.fetch() into a core::Request: the
// arguments are translated to a core::RequestDraft, and the engine's request
// builder (core/request_builder.h) applies the one rule set both APIs share.
// Their order is the NativeFetchCall record of napi/boundary_table.h.
#pragma once

#include <cstdint>

#include <string>

#include "core/request.h"
#include "core/request_builder.h"
#include "napi/node_api_platform.h"

namespace rcp::napi {

struct FetchCall {
  core::Request request;
  double token = 0;
  uint32_t eventMask = 0;
};

// `args` holds NativeFetchCallSlot::kCount arguments, args[NativeFetchCallSlot::url] the URL and so on;
// `defaults` are the session's. Returns kOk, kParameterError (wrong types, a
// layer not made by compileLayer()) or the builder's code, with a message in
// *detail.
uint32_t readFetchCall(napi_env env, const napi_value* args, const core::SessionDefaults& defaults, FetchCall* out,
                       std::string* detail);

}  // namespace rcp::napi
