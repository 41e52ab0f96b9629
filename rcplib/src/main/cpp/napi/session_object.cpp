// createSession() and the NativeSession object: a JavaScript class whose
// methods forward to the SessionBinding wrapped inside each instance.

#include <memory>
#include <string>
#include <utility>

#include "core/errors.h"
#include "core/session.h"
#include "napi/entry_guard.h"
#include "napi/fetch_arguments.h"
#include "napi/js_values.h"
#include "napi/module_exports.h"
#include "napi/session_binding.h"

namespace rcp::napi {

namespace {

constexpr double kMaxConnections = 2147483647.0;

napi_value makeResult(napi_env env, uint32_t code, napi_value session) {
  napi_value result = nullptr;
  napi_create_object(env, &result);
  setNamed(env, result, "code", makeNumber(env, code));
  if (session != nullptr) setNamed(env, result, "session", session);
  return result;
}

// The constructor only serves createSession(); an instance made any other way
// has no binding, so its methods report 401 or throw.
napi_value constructSession(napi_env env, napi_callback_info info) {
  CallArguments<0> call = callArguments<0>(env, info);
  return call.self;
}

napi_value sessionFetch(napi_env env, napi_callback_info info) {
  CallArguments<kFetchArgumentCount> call = callArguments<kFetchArgumentCount>(env, info);
  SessionBinding* session = SessionBinding::of(env, call.self);
  if (session == nullptr) return makeNumber(env, core::kParameterError);
  // A closed session says so before anything else, whatever the arguments.
  if (session->isClosed()) return makeNumber(env, core::kSessionClosed);
  FetchCall fetch;
  uint32_t code = readFetchCall(env, call.values, &fetch);
  if (code == core::kOk) code = session->fetch(std::move(fetch.request), fetch.token, fetch.eventMask);
  return makeNumber(env, code);
}

napi_value sessionCancel(napi_env env, napi_callback_info info) {
  CallArguments<1> call = callArguments<1>(env, info);
  SessionBinding* session = SessionBinding::of(env, call.self);
  std::string requestId;
  if (session == nullptr || !readString(env, call.values[0], &requestId)) {
    return makeNumber(env, core::kParameterError);
  }
  return makeNumber(env, session->cancel(requestId));
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

bool readSessionOptions(napi_env env, napi_value value, core::SessionOptions* out) {
  if (typeOf(env, value) != napi_object) return false;
  int64_t perHost = 0;
  int64_t total = 0;
  if (!readInteger(env, namedProperty(env, value, "maxConnectionsPerHost"), 1, kMaxConnections, &perHost) ||
      !readInteger(env, namedProperty(env, value, "maxTotalConnections"), 1, kMaxConnections, &total)) {
    return false;
  }
  out->maxConnectionsPerHost = static_cast<long>(perHost);
  out->maxTotalConnections = static_cast<long>(total);
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
  CallArguments<3> call = callArguments<3>(env, info);
  core::SessionOptions options;
  if (!readSessionOptions(env, call.values[0], &options) || !isFunction(env, call.values[1]) ||
      !isFunction(env, call.values[2])) {
    return makeResult(env, core::kParameterError, nullptr);
  }
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
      {nullptr, handlerKey, nullptr, nullptr, nullptr, call.values[1], napi_default, nullptr},
      {nullptr, factoryKey, nullptr, nullptr, nullptr, call.values[2], napi_default, nullptr},
  };
  if (napi_define_properties(env, session, sizeof slots / sizeof slots[0], slots) != napi_ok) {
    return makeResult(env, core::kInternalError, nullptr);
  }
  const uint32_t code = SessionBinding::attach(env, session, call.values[1], call.values[2], options);
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
