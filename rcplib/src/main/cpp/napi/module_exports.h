// The functions the module exports (index.d.ts), grouped by the file that
// implements them. Each is a Node-API callback; module_registration.cpp puts
// them on the exports object.
#pragma once

#include "napi/env_state.h"
#include "napi/node_api_platform.h"

namespace rcp::napi {

// boundary_exports.cpp: the enums of napi/boundary_table.h; false when the runtime refused.
bool defineBoundaryExports(napi_env env, napi_value exports);

// session_object.cpp
bool defineSessionClass(napi_env env, EnvState& state);
napi_value jsCreateSession(napi_env env, napi_callback_info info);

// configuration_layers.cpp
napi_value jsCompileLayer(napi_env env, napi_callback_info info);

// form_functions.cpp
napi_value jsEncodeUrlEncodedForm(napi_env env, napi_callback_info info);
napi_value jsEncodeMultipartForm(napi_env env, napi_callback_info info);

// check_functions.cpp
napi_value jsCheckUrl(napi_env env, napi_callback_info info);
napi_value jsResolveUrl(napi_env env, napi_callback_info info);
napi_value jsIsValidHeaderName(napi_env env, napi_callback_info info);
napi_value jsIsValidHeaderValue(napi_env env, napi_callback_info info);
napi_value jsIsValidMethod(napi_env env, napi_callback_info info);
napi_value jsErrorMessage(napi_env env, napi_callback_info info);
napi_value jsOpenSessionCount(napi_env env, napi_callback_info info);

}  // namespace rcp::napi
