#include "napi/event_objects.h"

#include <string>
#include <utility>
#include <vector>

#include "core/errors.h"
#include "napi/boundary.h"
#include "napi/js_values.h"

namespace rcp::napi {

namespace {

// The response headers as one string, "name:value" lines joined by "\n";
// JavaScript splits it only if the headers are read. A header line never holds
// a line feed (libcurl splits lines on it) and a name never holds a colon.
napi_value makeHeaderText(napi_env env, const core::HeaderList& headers) {
  size_t length = 0;
  for (const core::Header& header : headers) length += header.name.size() + header.value.size() + 2;
  std::string text;
  text.reserve(length);
  for (const core::Header& header : headers) {
    if (!text.empty()) text += '\n';
    text += header.name;
    text += ':';
    text += header.value;
  }
  return makeString(env, text);
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

DebugKind boundaryValue(core::DebugKind kind) {
  switch (kind) {
    case core::DebugKind::Text: break;
    case core::DebugKind::HeaderIn: return kDebugHeaderIn;
    case core::DebugKind::HeaderOut: return kDebugHeaderOut;
    case core::DebugKind::DataIn: return kDebugDataIn;
    case core::DebugKind::DataOut: return kDebugDataOut;
    case core::DebugKind::SslDataIn: return kDebugSslDataIn;
    case core::DebugKind::SslDataOut: return kDebugSslDataOut;
    case core::DebugKind::SrcAddr: return kDebugSrcAddr;
    case core::DebugKind::DstAddr: return kDebugDstAddr;
    case core::DebugKind::RedirectCount: return kDebugRedirectCount;
  }
  return kDebugText;
}

// NativeDebugEntry objects, { type, data }, one per entry. Only requests that
// asked for debug information get here; entries are small (bounded in total by
// core::kMaxDebugInfoBytes), so their bytes are copied.
napi_value makeDebugInfo(napi_env env, const std::vector<core::DebugEntry>& entries) {
  napi_value array = nullptr;
  napi_create_array_with_length(env, entries.size(), &array);
  for (size_t i = 0; i < entries.size(); ++i) {
    napi_value entry = nullptr;
    napi_create_object(env, &entry);
    setNamed(env, entry, "type", makeNumber(env, boundaryValue(entries[i].kind)));
    setNamed(env, entry, "data", copyToArrayBuffer(env, entries[i].data.data(), entries[i].data.size()));
    napi_set_element(env, array, static_cast<uint32_t>(i), entry);
  }
  return array;
}

// The factory's parameters, in the order of RCP_NATIVE_EVENT_FIELDS (napi/boundary_table.h).
using Slot = NativeEventSlot;

void fillCompletion(napi_env env, napi_value* slots, PendingEvent&& event) {
  core::Outcome& outcome = event.outcome;
  uint32_t code = outcome.code;
  if (code == core::kOk && !outcome.response) code = core::kInternalError;  // success always carries a response
  slots[Slot::code] = makeNumber(env, code);
  if (code != core::kOk) {
    slots[Slot::message] = makeString(env, outcome.message.empty() ? core::errorMessage(code) : outcome.message);
    return;
  }
  core::Response& response = *outcome.response;
  slots[Slot::statusCode] = makeNumber(env, static_cast<double>(response.statusCode));
  slots[Slot::headers] = makeHeaderText(env, response.headers);
  // A streamed or downloaded body never reached memory; an empty in-memory one is still a body.
  const bool bodyInMemory = response.downloadedTo.empty() && !event.bodyStreamed;
  if (bodyInMemory) slots[Slot::body] = makeArrayBuffer(env, std::move(response.body));
  slots[Slot::effectiveUrl] = makeString(env, response.effectiveUrl);
  slots[Slot::httpVersion] = makeString(env, response.httpVersion);
  slots[Slot::reasonPhrase] = makeString(env, response.reasonPhrase);
  if (!response.downloadedTo.empty()) slots[Slot::downloadedTo] = makeString(env, response.downloadedTo);
  if (!response.cookies.empty()) {
    napi_value cookies = nullptr;
    napi_create_array_with_length(env, response.cookies.size(), &cookies);
    for (size_t i = 0; i < response.cookies.size(); ++i) {
      napi_set_element(env, cookies, static_cast<uint32_t>(i), makeCookieObject(env, response.cookies[i]));
    }
    slots[Slot::cookies] = cookies;
  }
  if (event.withTimeInfo) slots[Slot::timeInfo] = makeTimeInfo(env, response.timeInfo);
  if (!response.debugInfo.empty()) slots[Slot::debugInfo] = makeDebugInfo(env, response.debugInfo);
}

}  // namespace

napi_value makeEventObject(napi_env env, napi_value factory, napi_value undefined, PendingEvent&& event) {
  napi_value slots[Slot::kCount];
  for (napi_value& slot : slots) slot = undefined;
  slots[Slot::token] = makeNumber(env, event.token);
  slots[Slot::type] = makeNumber(env, event.type);
  switch (event.type) {
    case kEventData:
      // Chunks are small and short-lived: a plain copy is cheaper than an external buffer.
      slots[Slot::body] = copyToArrayBuffer(env, event.chunk.data(), event.chunk.size());
      break;
    case kEventStatus: slots[Slot::statusCode] = makeNumber(env, static_cast<double>(event.statusCode)); break;
    case kEventHeaders: slots[Slot::headers] = makeHeaderText(env, event.headers); break;
    case kEventUploadProgress:
    case kEventDownloadProgress:
      slots[Slot::total] = makeNumber(env, static_cast<double>(event.total));
      slots[Slot::transferred] = makeNumber(env, static_cast<double>(event.transferred));
      break;
    case kEventDataEnd:
    case kEventCanceled: break;
    case kEventComplete: fillCompletion(env, slots, std::move(event)); break;
  }
  // One call into JavaScript builds the whole object: far cheaper than a
  // property set per field, each of which looks its key up again.
  napi_value object = nullptr;
  if (napi_call_function(env, undefined, factory, Slot::kCount, slots, &object) != napi_ok) return nullptr;
  return object;
}

}  // namespace rcp::napi
