// Reading JavaScript arguments into C++ values and building JavaScript values
// from C++ ones. Readers return false when the value has the wrong type, so
// each exported function decides whether that means 401 or a TypeError.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "napi/node_api_platform.h"

namespace rcp::napi {

// The arguments of one native call. Missing arguments read as undefined.
template <size_t N>
struct CallArguments {
  napi_value self = nullptr;
  napi_value values[N > 0 ? N : 1] = {};
  size_t count = 0;
  void* data = nullptr;
};

template <size_t N>
CallArguments<N> callArguments(napi_env env, napi_callback_info info) {
  CallArguments<N> call;
  size_t count = N;
  napi_get_cb_info(env, info, &count, N > 0 ? call.values : nullptr, &call.self, &call.data);
  call.count = count;
  if (count < N) {
    napi_value undefined = nullptr;
    napi_get_undefined(env, &undefined);
    for (size_t i = count; i < N; ++i) call.values[i] = undefined;
  }
  return call;
}

napi_valuetype typeOf(napi_env env, napi_value value);

bool readString(napi_env env, napi_value value, std::string* out);
bool readNumber(napi_env env, napi_value value, double* out);
// A finite whole number within [min, max].
bool readInteger(napi_env env, napi_value value, double min, double max, int64_t* out);
bool readBool(napi_env env, napi_value value, bool* out);
// A JavaScript array whose every element is a string.
bool readStringArray(napi_env env, napi_value value, std::vector<std::string>* out);
// A string (as UTF-8) or the bytes of an ArrayBuffer.
bool readStringOrArrayBuffer(napi_env env, napi_value value, std::string* out);
bool isArray(napi_env env, napi_value value);
bool isFunction(napi_env env, napi_value value);

// The named property of an object; undefined when it is absent.
napi_value namedProperty(napi_env env, napi_value object, const char* name);

napi_value undefinedValue(napi_env env);
napi_value makeString(napi_env env, const std::string& text);
napi_value makeNumber(napi_env env, double number);
napi_value makeBool(napi_env env, bool flag);
napi_value makeStringArray(napi_env env, const std::vector<std::string>& texts);
// Takes the bytes without copying them when the runtime allows external
// ArrayBuffers, and copies them otherwise.
napi_value makeArrayBuffer(napi_env env, std::string bytes);
// Copies `length` bytes into a new ArrayBuffer.
napi_value copyToArrayBuffer(napi_env env, const char* data, size_t length);

void setNamed(napi_env env, napi_value object, const char* name, napi_value value);
// { code, detail } (index.d.ts NativeFailure), plus `name: value` when both are given:
// the shape of every result that reports a code with a message.
napi_value makeCodeResult(napi_env env, uint32_t code, const std::string& detail, const char* name = nullptr,
                          napi_value value = nullptr);

// Throws a TypeError and returns nullptr, for `return throwTypeError(...)`.
napi_value throwTypeError(napi_env env, const char* message);

bool containsNul(const std::string& text);

}  // namespace rcp::napi
