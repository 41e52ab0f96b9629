// createSession() and the NativeSession object: a JavaScript class whose
// methods forward to the SessionBinding wrapped inside each instance.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.h"
#include "core/request_builder.h"
#include "core/session.h"
#include "napi/boundary.h"
#include "napi/entry_guard.h"
#include "napi/fetch_arguments.h"
#include "napi/js_values.h"
#include "napi/module_exports.h"
#include "napi/session_binding.h"

namespace rcp::napi {

namespace {

constexpr double kMaxConnections = 2147483647.0;
constexpr double kMaxSafeInteger = 9007199254740991.0;

napi_value makeResult(napi_env env, uint32_t code, napi_value session, const std::string& detail = std::string()) {
  return makeCodeResult(env, code, detail, "session", session);
}

// The constructor only serves createSession(); an instance made any other way
// has no binding, so its methods report 401 or throw.
napi_value constructSession(napi_env env, napi_callback_info info) {
  CallArguments<0> call = callArguments<0>(env, info);
  return call.self;
}

// 0, or a NativeFailure: fetch() allocates a result object only when it fails.
napi_value fetchResult(napi_env env, uint32_t code, const std::string& detail) {
  return code == core::kOk ? makeNumber(env, code) : makeCodeResult(env, code, detail);
}

napi_value sessionFetch(napi_env env, napi_callback_info info) {
  CallArguments<NativeFetchCallSlot::kCount> call = callArguments<NativeFetchCallSlot::kCount>(env, info);
  SessionBinding* session = SessionBinding::of(env, call.self);
  if (session == nullptr) return fetchResult(env, core::kParameterError, "fetch() needs a NativeSession");
  // A closed session says so before anything else, whatever the arguments.
  if (session->isClosed()) return fetchResult(env, core::kSessionClosed, std::string());
  FetchCall fetch;
  std::string detail;
  uint32_t code = readFetchCall(env, call.values, session->defaults(), &fetch, &detail);
  if (code == core::kOk) code = session->fetch(std::move(fetch.request), fetch.token, fetch.eventMask, &detail);
  return fetchResult(env, code, detail);
}

// cancel(token): the token a fetch was started with.
napi_value sessionCancel(napi_env env, napi_callback_info info) {
  CallArguments<1> call = callArguments<1>(env, info);
  SessionBinding* session = SessionBinding::of(env, call.self);
  int64_t token = 0;
  if (session == nullptr || !readInteger(env, call.values[0], 0, kMaxSafeInteger, &token)) {
    return makeNumber(env, core::kParameterError);
  }
  return makeNumber(env, session->cancel(std::to_string(token)));
}

napi_value sessionCancelAll(napi_env env, napi_callback_info info) {
  CallArguments<0> call = callArguments<0>(env, info);
  SessionBinding* session = SessionBinding::of(env, call.self);
  return makeNumber(env, session == nullptr ? core::kParameterError : session->cancelAll());
}

napi_value sessionClose(napi_env env, napi_callback_info info) {
  CallArguments<0> call = callArguments<0>(env, info);
  SessionBinding* session = SessionBinding::of(env, call.self);
  return makeNumber(env, session == nullptr ? core::kParameterError : session->close());
}

napi_value sessionInFlight(napi_env env, napi_callback_info info) {
  CallArguments<0> call = callArguments<0>(env, info);
  SessionBinding* session = SessionBinding::of(env, call.self);
  if (session == nullptr) return throwTypeError(env, "inFlight: not called on a NativeSession");
  return makeNumber(env, static_cast<double>(session->inFlight()));
}

// An optional connection limit: undefined keeps the engine's default.
bool readLimit(napi_env env, napi_value value, long* out) {
  if (typeOf(env, value) == napi_undefined) return true;
  int64_t limit = 0;
  if (!readInteger(env, value, 1, kMaxConnections, &limit)) return false;
  *out = static_cast<long>(limit);
  return true;
}

bool readSessionOptions(napi_env env, napi_value value, core::SessionOptions* out) {
  return typeOf(env, value) == napi_object &&
         readLimit(env, namedProperty(env, value, "maxConnectionsPerHost"), &out->maxConnectionsPerHost) &&
         readLimit(env, namedProperty(env, value, "maxTotalConnections"), &out->maxTotalConnections);
}

// NativeSessionDefaults: baseUrl and flat [name, value, ...] headers and cookies.
bool readSessionDefaults(napi_env env, napi_value value, core::SessionDefaults* out) {
  std::vector<std::string> headers;
  std::vector<std::string> cookies;
  if (typeOf(env, value) != napi_object || !readString(env, namedProperty(env, value, "baseUrl"), &out->baseUrl) ||
      !readStringArray(env, namedProperty(env, value, "headers"), &headers) || headers.size() % 2 != 0 ||
      !readStringArray(env, namedProperty(env, value, "cookies"), &cookies) || cookies.size() % 2 != 0) {
    return false;
  }
  for (size_t i = 0; i < headers.size(); i += 2) {
    out->headers.push_back(core::Header{std::move(headers[i]), std::move(headers[i + 1])});
  }
  for (size_t i = 0; i < cookies.size(); i += 2) {
    out->cookies.push_back(core::NameValue{std::move(cookies[i]), std::move(cookies[i + 1])});
  }
  return true;
}

}  // namespace

bool defineSessionClass(napi_env env, EnvState& state) {
  const napi_property_descriptor methods[] = {
      {"fetch", nullptr, guarded<&sessionFetch>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"cancel", nullptr, guarded<&sessionCancel>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"cancelAll", nullptr, guarded<&sessionCancelAll>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"close", nullptr, guarded<&sessionClose>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"inFlight", nullptr, guarded<&sessionInFlight>, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_value constructor = nullptr;
  if (napi_define_class(env, "NativeSession", NAPI_AUTO_LENGTH, guarded<&constructSession>, nullptr,
                        sizeof methods / sizeof methods[0], methods, &constructor) != napi_ok ||
      napi_create_reference(env, constructor, 1, &state.sessionClass) != napi_ok) {
    return false;
  }
  napi_value handlerKey = nullptr;
  napi_value factoryKey = nullptr;
  return napi_create_symbol(env, makeString(env, "rcp.session.handler"), &handlerKey) == napi_ok &&
         napi_create_reference(env, handlerKey, 1, &state.handlerKey) == napi_ok &&
         napi_create_symbol(env, makeString(env, "rcp.session.factory"), &factoryKey) == napi_ok &&
         napi_create_reference(env, factoryKey, 1, &state.factoryKey) == napi_ok;
}

napi_value jsCreateSession(napi_env env, napi_callback_info info) {
  CallArguments<4> call = callArguments<4>(env, info);
  core::SessionOptions options;
  core::SessionDefaults defaults;
  if (!readSessionOptions(env, call.values[0], &options)) {
    return makeResult(env, core::kParameterError, nullptr,
                      "connectionConfiguration limits must be integers in 1..2147483647");
  }
  if (!readSessionDefaults(env, call.values[1], &defaults) || !isFunction(env, call.values[2]) ||
      !isFunction(env, call.values[3])) {
    return makeResult(env, core::kParameterError, nullptr,
                      "createSession() was called with arguments of the wrong types");
  }
  std::string detail;
  const uint32_t checked = core::checkSessionDefaults(defaults, &detail);
  if (checked != core::kOk) return makeResult(env, checked, nullptr, detail);
  std::shared_ptr<EnvState> state = EnvState::of(env);
  napi_value constructor = nullptr;
  napi_value handlerKey = nullptr;
  napi_value factoryKey = nullptr;
  napi_value session = nullptr;
  if (!state || napi_get_reference_value(env, state->sessionClass, &constructor) != napi_ok ||
      napi_get_reference_value(env, state->handlerKey, &handlerKey) != napi_ok ||
      napi_get_reference_value(env, state->factoryKey, &factoryKey) != napi_ok ||
      napi_new_instance(env, constructor, 0, nullptr, &session) != napi_ok) {
    return makeResult(env, core::kInternalError, nullptr);
  }
  // The session object holds its handler and factory, so they live exactly as
  // long as the object; the binding's own references to them are weak when idle.
  const napi_property_descriptor slots[] = {
      {nullptr, handlerKey, nullptr, nullptr, nullptr, call.values[2], napi_default, nullptr},
      {nullptr, factoryKey, nullptr, nullptr, nullptr, call.values[3], napi_default, nullptr},
  };
  if (napi_define_properties(env, session, sizeof slots / sizeof slots[0], slots) != napi_ok) {
    return makeResult(env, core::kInternalError, nullptr);
  }
  const uint32_t code =
      SessionBinding::attach(env, session, call.values[2], call.values[3], options, std::move(defaults));
  if (code != core::kOk) return makeResult(env, code, nullptr);
  const napi_property_descriptor id = {"id",
                                       nullptr,
                                       nullptr,
                                       nullptr,
                                       nullptr,
                                       makeString(env, SessionBinding::of(env, session)->id()),
                                       napi_enumerable,
                                       nullptr};
  napi_define_properties(env, session, 1, &id);
  return makeResult(env, core::kOk, session);
}

}  // namespace rcp::napi
