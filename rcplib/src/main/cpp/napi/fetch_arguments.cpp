#include "napi/fetch_arguments.h"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.h"
#include "core/validation.h"
#include "napi/boundary.h"
#include "napi/js_values.h"
#include "napi/request_options.h"

namespace rcp::napi {

namespace {

enum FetchArgument : size_t {
  kToken,
  kRequestId,
  kUrl,
  kMethod,
  kHeaders,
  kBody,
  kDefaultContentType,
  kRange,
  kDownloadPath,
  kOptions,
  kEventMask,
};

// A byte range list as libcurl takes it ("0-99,200-", "-500"): digits, '-' and ','.
bool isValidRange(const std::string& range) {
  if (range.empty()) return true;
  size_t start = 0;
  while (true) {
    const size_t comma = range.find(',', start);
    const std::string part = range.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const size_t dash = part.find('-');
    if (dash == std::string::npos || part.size() < 2 || part.find('-', dash + 1) != std::string::npos ||
        part.find_first_not_of("0123456789-") != std::string::npos) {
      return false;
    }
    if (comma == std::string::npos) return true;
    start = comma + 1;
  }
}

bool readHeaders(napi_env env, napi_value value, core::HeaderList* out) {
  std::vector<std::string> flat;
  if (!readStringArray(env, value, &flat) || flat.size() % 2 != 0) return false;
  out->reserve(flat.size() / 2);
  for (size_t i = 0; i < flat.size(); i += 2) {
    if (!core::isValidHeaderName(flat[i]) || !core::isValidHeaderValue(flat[i + 1])) return false;
    out->push_back(core::Header{std::move(flat[i]), std::move(flat[i + 1])});
  }
  return true;
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

uint32_t readFetchCall(napi_env env, const napi_value* args, FetchCall* out) {
  core::Request& request = out->request;
  int64_t eventMask = 0;
  if (!readNumber(env, args[kToken], &out->token) || !std::isfinite(out->token) ||
      !readString(env, args[kRequestId], &request.id) || !readString(env, args[kUrl], &request.url) ||
      !readString(env, args[kMethod], &request.method) || !isArray(env, args[kHeaders]) || !isArray(env, args[kBody]) ||
      !readString(env, args[kDefaultContentType], &request.body.defaultContentType) ||
      !readString(env, args[kRange], &request.range) || !readString(env, args[kDownloadPath], &request.downloadPath) ||
      !readInteger(env, args[kEventMask], 0, kAllWantBits, &eventMask)) {
    return core::kParameterError;
  }
  const uint32_t urlCode = core::checkUrl(request.url);
  if (urlCode != core::kOk) return urlCode;
  if (!core::isValidMethod(request.method) || !readHeaders(env, args[kHeaders], &request.headers) ||
      !readBody(env, args[kBody], &request.body.segments) ||
      !core::isValidHeaderValue(request.body.defaultContentType) || !isValidRange(request.range) ||
      containsNul(request.downloadPath)) {
    return core::kParameterError;
  }
  std::shared_ptr<const core::RequestOptions> options = compiledOptionsOf(env, args[kOptions]);
  if (!options) return core::kParameterError;
  request.options = *options;
  out->eventMask = static_cast<uint32_t>(eventMask);
  return core::kOk;
}

}  // namespace rcp::napi
