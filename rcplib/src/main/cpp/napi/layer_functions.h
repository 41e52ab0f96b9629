// The JavaScript functions a NativeConfigurationLayer may carry (the kit's
// DynamicExclusionRule and DynamicDnsRule), as the engine's per-request
// functions (core/configuration_layer.h).
//
// The compiled layer holds each function through a reference that is deleted
// with the layer. The layer lives on the JavaScript thread only (its wrapper
// object, and fetch() while it builds a request), so the reference is created,
// used and deleted there, and the engine calls the function synchronously
// inside fetch(), before the request is handed to the transfer thread.
//
// Outcomes, each failing the fetch instead of sending it:
//  - the function throws: 1007900042 (aborted by callback) with the thrown
//    message; the exception is cleared, never left pending;
//  - it returns the wrong type (not a boolean; not an array of strings):
//    401 naming the rule;
//  - it returns a string that is not an IP literal: 1007900049 (the engine's
//    check, the code the kit documents for bad addresses).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/configuration_layer.h"
#include "napi/node_api_platform.h"

namespace rcp::napi {

// useProxyFor calling `function` (url) => boolean; an empty function when the
// runtime refuses a reference.
std::function<bool(const std::string& url, core::RuleFailure* failure)> exclusionRuleOf(napi_env env,
                                                                                        napi_value function);

// dynamicRule calling `function` (host, port) => string[].
std::function<std::vector<std::string>(const std::string& host, uint16_t port, core::RuleFailure* failure)>
dynamicDnsRuleOf(napi_env env, napi_value function);

}  // namespace rcp::napi
