// Registers the Node-API module "rcp" (librcp.so on OpenHarmony, rcp.node on
// the host) and fills its exports as declared in types/librcp/index.d.ts.

#include "napi/entry_guard.h"
#include "napi/env_state.h"
#include "napi/module_exports.h"
#include "napi/node_api_platform.h"

namespace rcp::napi {

namespace {

napi_property_descriptor method(const char* name, napi_callback callback) {
  return {name, nullptr, callback, nullptr, nullptr, nullptr, napi_enumerable, nullptr};
}

napi_value initModule(napi_env env, napi_value exports) {
  std::shared_ptr<EnvState> state = EnvState::install(env);
  if (!state || !defineSessionClass(env, *state)) {
    napi_throw_error(env, nullptr, "rcp: the native module could not set up its per-environment state");
    return nullptr;
  }
  const napi_property_descriptor properties[] = {
      method("createSession", guarded<&jsCreateSession>),
      method("compileLayer", guarded<&jsCompileLayer>),
      method("encodeUrlEncodedForm", guarded<&jsEncodeUrlEncodedForm>),
      method("encodeMultipartForm", guarded<&jsEncodeMultipartForm>),
      method("checkUrl", guarded<&jsCheckUrl>),
      method("resolveUrl", guarded<&jsResolveUrl>),
      method("isValidHeaderName", guarded<&jsIsValidHeaderName>),
      method("isValidHeaderValue", guarded<&jsIsValidHeaderValue>),
      method("isValidMethod", guarded<&jsIsValidMethod>),
      method("errorMessage", guarded<&jsErrorMessage>),
      method("openSessionCount", guarded<&jsOpenSessionCount>),
  };
  if (napi_define_properties(env, exports, sizeof properties / sizeof properties[0], properties) != napi_ok ||
      !defineBoundaryExports(env, exports)) {
    return nullptr;
  }
  return exports;
}

}  // namespace

}  // namespace rcp::napi

extern "C" {

static napi_value RcpInitModule(napi_env env, napi_value exports) { return rcp::napi::initModule(env, exports); }

// Filled in by the constructor below, field by field, so the module name is
// plain to see (and to check against the library name: lib<nm_modname>.so).
static napi_module g_rcpModule = {};

__attribute__((constructor)) static void RcpRegisterModule(void) {
  g_rcpModule.nm_version = 1;
  g_rcpModule.nm_flags = 0;
  g_rcpModule.nm_filename = nullptr;
  g_rcpModule.nm_register_func = RcpInitModule;
  g_rcpModule.nm_modname = "rcp";  // librcp.so on OpenHarmony, imported as 'librcp.so'
  g_rcpModule.nm_priv = nullptr;
  napi_module_register(&g_rcpModule);
}

#if defined(RCP_NODE_ADDON)
// Node runs the constructor above only on the first load in a process; a
// worker thread loading the addon again finds the module through this symbol.
__attribute__((visibility("default"))) napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  return RcpInitModule(env, exports);
}
#endif

}  // extern "C"
