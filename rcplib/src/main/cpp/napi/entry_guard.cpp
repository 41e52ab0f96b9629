#include "napi/entry_guard.h"

#include "core/errors.h"
#include "core/log.h"

namespace rcp::napi {

void throwCurrentException(napi_env env) noexcept {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    napi_throw_error(env, "1007900027", "rcp: out of memory in the native module");
  } catch (const std::exception& e) {
    napi_throw_error(env, "1007900999", e.what());
  } catch (...) {
    napi_throw_error(env, "1007900999", "rcp: internal error in the native module");
  }
}

void reportCurrentException(const char* where) noexcept {
  try {
    throw;
  } catch (const std::exception& e) {
    core::logError("%s failed: %s", where, e.what());
  } catch (...) {
    core::logError("%s failed", where);
  }
}

}  // namespace rcp::napi
