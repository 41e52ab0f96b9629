// Exceptions must not cross the C ABI: every exported function runs its body
// through one of these guards, which turn an exception into the documented
// failure value (1007900027 for out-of-memory).
#pragma once

#include <cstdint>
#include <new>

#include "core/errors.h"
#include "core/log.h"

namespace rcp::capi {

// Runs `body` (returning an error code); exceptions become error codes.
template <typename Body>
uint32_t guardCode(const char* function, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return core::kOutOfMemory;
  } catch (...) {
    core::logError("%s: unexpected exception", function);
    return core::kInternalError;
  }
}

// Runs `body` (returning a value); exceptions give `fallback`.
template <typename Value, typename Body>
Value guardValue(const char* function, Value fallback, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fallback;
  } catch (...) {
    core::logError("%s: unexpected exception", function);
    return fallback;
  }
}

// Runs `body` (returning nothing), swallowing exceptions.
template <typename Body>
void guardVoid(const char* function, Body&& body) noexcept {
  try {
    body();
  } catch (...) {
    core::logError("%s: unexpected exception", function);
  }
}

}  // namespace rcp::capi
