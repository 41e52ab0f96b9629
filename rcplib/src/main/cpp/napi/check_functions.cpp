// The stateless helpers the ArkTS layer shares with the engine: URL checks,
// header and method rules, error texts and the open-session count.

#include <cstdint>
#include <string>

#include "core/errors.h"
#include "core/session.h"
#include "core/validation.h"
#include "napi/js_values.h"
#include "napi/module_exports.h"

namespace rcp::napi {

namespace {

// Applies a string predicate to the single string argument.
template <bool (*Predicate)(const std::string&)>
napi_value checkText(napi_env env, napi_callback_info info, const char* typeErrorMessage) {
  CallArguments<1> call = callArguments<1>(env, info);
  std::string text;
  if (!readString(env, call.values[0], &text)) return throwTypeError(env, typeErrorMessage);
  return makeBool(env, Predicate(text));
}

}  // namespace

napi_value jsCheckUrl(napi_env env, napi_callback_info info) {
  CallArguments<1> call = callArguments<1>(env, info);
  std::string url;
  if (!readString(env, call.values[0], &url)) return makeNumber(env, core::kParameterError);
  return makeNumber(env, core::checkUrl(url));
}

napi_value jsResolveUrl(napi_env env, napi_callback_info info) {
  CallArguments<2> call = callArguments<2>(env, info);
  std::string base;
  std::string reference;
  if (!readString(env, call.values[0], &base) || !readString(env, call.values[1], &reference)) {
    return throwTypeError(env, "resolveUrl: base and reference must be strings");
  }
  std::string resolved;
  // The resolver reads C strings: a NUL would silently cut the URL short.
  if (containsNul(base) || containsNul(reference) || !core::resolveUrl(base, reference, &resolved)) {
    return undefinedValue(env);
  }
  return makeString(env, resolved);
}

napi_value jsIsValidHeaderName(napi_env env, napi_callback_info info) {
  return checkText<core::isValidHeaderName>(env, info, "isValidHeaderName: name must be a string");
}

napi_value jsIsValidHeaderValue(napi_env env, napi_callback_info info) {
  return checkText<core::isValidHeaderValue>(env, info, "isValidHeaderValue: value must be a string");
}

napi_value jsIsValidMethod(napi_env env, napi_callback_info info) {
  return checkText<core::isValidMethod>(env, info, "isValidMethod: method must be a string");
}

napi_value jsErrorMessage(napi_env env, napi_callback_info info) {
  CallArguments<1> call = callArguments<1>(env, info);
  double number = 0;
  if (!readNumber(env, call.values[0], &number)) return throwTypeError(env, "errorMessage: code must be a number");
  int64_t code = 0;
  // Anything that is not a uint32 code gets the text for unknown codes.
  if (!readInteger(env, call.values[0], 0, 4294967295.0, &code)) code = 4294967295LL;
  return makeString(env, core::errorMessage(static_cast<uint32_t>(code)));
}

napi_value jsOpenSessionCount(napi_env env, napi_callback_info /*info*/) {
  return makeNumber(env, core::Session::openCount());
}

}  // namespace rcp::napi
