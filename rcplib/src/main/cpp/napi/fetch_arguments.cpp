#include "napi/fetch_arguments.h"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.h"
#include "core/request_builder.h"
#include "napi/boundary.h"
#include "napi/configuration_layers.h"
#include "napi/js_values.h"
#include "napi/native_event.h"

namespace rcp::napi {

namespace {

// Byte offsets are integers an ArkTS number holds exactly.
constexpr double kMaxSafeInteger = 9007199254740991.0;

// [name, value, name, value, ...] as pairs; the engine's builder checks them.
template <typename Pair>
bool readPairs(napi_env env, napi_value value, std::vector<Pair>* out) {
  std::vector<std::string> flat;
  if (!readStringArray(env, value, &flat) || flat.size() % 2 != 0) return false;
  out->reserve(flat.size() / 2);
  for (size_t i = 0; i < flat.size(); i += 2) {
    out->push_back(Pair{std::move(flat[i]), std::move(flat[i + 1])});
  }
  return true;
}

// [from, to, from, to, ...] with null for a bound that is not set.
bool readRanges(napi_env env, napi_value value, std::vector<core::ByteRange>* out, std::string* detail) {
  uint32_t length = 0;
  if (!isArray(env, value) || napi_get_array_length(env, value, &length) != napi_ok || length % 2 != 0) return false;
  out->resize(length / 2);
  for (uint32_t i = 0; i < length; ++i) {
    napi_value element = nullptr;
    if (napi_get_element(env, value, i, &element) != napi_ok) return false;
    if (typeOf(env, element) == napi_null) continue;
    int64_t bound = 0;
    if (!readInteger(env, element, -kMaxSafeInteger, kMaxSafeInteger, &bound)) {
      *detail = "transferRange offsets must be non-negative integers";
      return false;
    }
    core::ByteRange& range = (*out)[i / 2];
    (i % 2 == 0 ? range.from : range.to) = bound;
  }
  return true;
}

// An optional compiled layer: undefined, or an object compileLayer() returned.
bool readLayer(napi_env env, napi_value value, std::shared_ptr<const core::ConfigurationLayer>* out) {
  if (typeOf(env, value) == napi_undefined) return true;
  *out = compiledLayerOf(env, value);
  return *out != nullptr;
}

bool readBodySegment(napi_env env, napi_value value, core::BodySegment* out) {
  if (typeOf(env, value) != napi_object) return false;
  BodySegmentKind kind = kBodySegmentBytes;
  if (!readMember(env, namedProperty(env, value, "kind"), &kind)) return false;
  switch (kind) {
    case kBodySegmentBytes:
      out->kind = core::BodySegment::Kind::Bytes;
      return readStringOrArrayBuffer(env, namedProperty(env, value, "data"), &out->bytes);
    case kBodySegmentFile:
      out->kind = core::BodySegment::Kind::File;
      return readString(env, namedProperty(env, value, "path"), &out->filePath) && !out->filePath.empty() &&
             !containsNul(out->filePath);
  }
  return false;
}

bool readBody(napi_env env, napi_value value, std::vector<core::BodySegment>* out) {
  if (!isArray(env, value)) return false;
  uint32_t length = 0;
  if (napi_get_array_length(env, value, &length) != napi_ok) return false;
  out->reserve(length);
  for (uint32_t i = 0; i < length; ++i) {
    napi_value element = nullptr;
    core::BodySegment segment;
    if (napi_get_element(env, value, i, &element) != napi_ok || !readBodySegment(env, element, &segment)) {
      return false;
    }
    out->push_back(std::move(segment));
  }
  return true;
}

}  // namespace

uint32_t readFetchCall(napi_env env, const napi_value* args, const core::SessionDefaults& defaults, FetchCall* out,
                       std::string* detail) {
  core::RequestDraft draft;
  int64_t token = 0;
  int64_t eventMask = 0;
  std::shared_ptr<const core::ConfigurationLayer> own;
  std::shared_ptr<const core::ConfigurationLayer> inherited;
  using Slot = NativeFetchCallSlot;
  if (!readInteger(env, args[Slot::token], 0, kMaxSafeInteger, &token) ||
      !readString(env, args[Slot::url], &draft.url) || !readString(env, args[Slot::method], &draft.method) ||
      !readPairs(env, args[Slot::headers], &draft.headers) || !readPairs(env, args[Slot::cookies], &draft.cookies) ||
      !readRanges(env, args[Slot::ranges], &draft.ranges, detail) ||
      !readBody(env, args[Slot::body], &draft.body.segments) ||
      !readString(env, args[Slot::defaultContentType], &draft.body.defaultContentType) ||
      !readString(env, args[Slot::downloadPath], &draft.downloadPath) || !readLayer(env, args[Slot::ownLayer], &own) ||
      !readLayer(env, args[Slot::sessionLayer], &inherited) ||
      !readInteger(env, args[Slot::eventMask], 0, kAllWantBits, &eventMask)) {
    if (detail->empty()) *detail = "fetch() was called with arguments of the wrong types";
    return core::kParameterError;
  }
  // The engine knows the transfer by the token, which cancel() passes too.
  draft.id = std::to_string(token);
  const uint32_t code = core::buildRequest(defaults, std::move(draft), own.get(), inherited.get(),
                                           core::BuildPurpose::Send, &out->request, detail);
  if (code != core::kOk) return code;
  out->token = static_cast<double>(token);
  out->eventMask = static_cast<uint32_t>(eventMask);
  if ((out->eventMask & kWantTimeInfo) != 0) out->request.options.collectTimeInfo = true;
  return core::kOk;
}

}  // namespace rcp::napi
