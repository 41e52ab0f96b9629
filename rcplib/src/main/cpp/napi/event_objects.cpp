#include "napi/event_objects.h"

#include <string>
#include <utility>
#include <vector>

#include "core/errors.h"
#include "napi/js_values.h"

namespace rcp::napi {

namespace {

napi_value makeHeaderArray(napi_env env, const core::HeaderList& headers) {
  napi_value array = nullptr;
  napi_create_array_with_length(env, headers.size() * 2, &array);
  uint32_t index = 0;
  for (const core::Header& header : headers) {
    napi_set_element(env, array, index++, makeString(env, header.name));
    napi_set_element(env, array, index++, makeString(env, header.value));
  }
  return array;
}

napi_value makeCookieObject(napi_env env, const core::ResponseCookie& cookie) {
  napi_value object = nullptr;
  napi_create_object(env, &object);
  setNamed(env, object, "name", makeString(env, cookie.name));
  setNamed(env, object, "value", makeString(env, cookie.value));
  setNamed(env, object, "domain", makeString(env, cookie.domain));
  setNamed(env, object, "path", makeString(env, cookie.path));
  setNamed(env, object, "expires", makeString(env, cookie.expires));
  setNamed(env, object, "maxAge", makeNumber(env, cookie.hasMaxAge ? static_cast<double>(cookie.maxAge) : -1.0));
  setNamed(env, object, "secure", makeBool(env, cookie.secure));
  setNamed(env, object, "httpOnly", makeBool(env, cookie.httpOnly));
  setNamed(env, object, "sameSite", makeString(env, cookie.sameSite));
  setNamed(env, object, "raw", makeString(env, cookie.raw));
  std::vector<std::string> attributes;
  attributes.reserve(cookie.attributes.size() * 2);
  for (const core::CookieAttribute& attribute : cookie.attributes) {
    attributes.push_back(attribute.name);
    attributes.push_back(attribute.value);
  }
  setNamed(env, object, "attributes", makeStringArray(env, attributes));
  return object;
}

napi_value makeTimeInfo(napi_env env, const core::TimeInfo& time) {
  const double values[] = {time.nameLookupMs,    time.connectMs, time.tlsHandshakeMs, time.preTransferMs,
                           time.startTransferMs, time.totalMs,   time.redirectMs};
  napi_value array = nullptr;
  napi_create_array_with_length(env, sizeof values / sizeof values[0], &array);
  for (uint32_t i = 0; i < sizeof values / sizeof values[0]; ++i) {
    napi_set_element(env, array, i, makeNumber(env, values[i]));
  }
  return array;
}

void setCompletion(napi_env env, napi_value object, PendingEvent&& event) {
  core::Outcome& outcome = event.outcome;
  uint32_t code = outcome.code;
  if (code == core::kOk && !outcome.response) code = core::kInternalError;  // success always carries a response
  setNamed(env, object, "code", makeNumber(env, code));
  if (code != core::kOk) {
    const std::string message = outcome.message.empty() ? core::errorMessage(code) : outcome.message;
    setNamed(env, object, "message", makeString(env, message));
    return;
  }
  core::Response& response = *outcome.response;
  setNamed(env, object, "statusCode", makeNumber(env, static_cast<double>(response.statusCode)));
  setNamed(env, object, "headers", makeHeaderArray(env, response.headers));
  // A streamed or downloaded body never reached memory; an empty in-memory one is still a body.
  const bool bodyInMemory = response.downloadedTo.empty() && !event.bodyStreamed;
  if (bodyInMemory) setNamed(env, object, "body", makeArrayBuffer(env, std::move(response.body)));
  setNamed(env, object, "effectiveUrl", makeString(env, response.effectiveUrl));
  setNamed(env, object, "httpVersion", makeString(env, response.httpVersion));
  setNamed(env, object, "reasonPhrase", makeString(env, response.reasonPhrase));
  if (!response.downloadedTo.empty()) setNamed(env, object, "downloadedTo", makeString(env, response.downloadedTo));
  napi_value cookies = nullptr;
  napi_create_array_with_length(env, response.cookies.size(), &cookies);
  for (size_t i = 0; i < response.cookies.size(); ++i) {
    napi_set_element(env, cookies, static_cast<uint32_t>(i), makeCookieObject(env, response.cookies[i]));
  }
  setNamed(env, object, "cookies", cookies);
  if (event.withTimeInfo) setNamed(env, object, "timeInfo", makeTimeInfo(env, response.timeInfo));
}

}  // namespace

napi_value makeEventObject(napi_env env, PendingEvent&& event) {
  napi_value object = nullptr;
  napi_create_object(env, &object);
  setNamed(env, object, "token", makeNumber(env, event.token));
  setNamed(env, object, "type", makeNumber(env, event.type));
  switch (event.type) {
    case kEventData:
      // Chunks are small and short-lived: a plain copy is cheaper than an external buffer.
      setNamed(env, object, "body", copyToArrayBuffer(env, event.chunk.data(), event.chunk.size()));
      break;
    case kEventStatus:
      setNamed(env, object, "statusCode", makeNumber(env, static_cast<double>(event.statusCode)));
      break;
    case kEventHeaders:
      setNamed(env, object, "headers", makeHeaderArray(env, event.headers));
      break;
    case kEventUploadProgress:
    case kEventDownloadProgress:
      setNamed(env, object, "total", makeNumber(env, static_cast<double>(event.total)));
      setNamed(env, object, "transferred", makeNumber(env, static_cast<double>(event.transferred)));
      break;
    case kEventDataEnd:
    case kEventCanceled:
      break;
    case kEventComplete:
      setCompletion(env, object, std::move(event));
      break;
  }
  return object;
}

}  // namespace rcp::napi
