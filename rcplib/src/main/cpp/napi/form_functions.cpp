// encodeUrlEncodedForm() and encodeMultipartForm(): thin wrappers over
// core/form.h, so both APIs encode forms byte for byte alike.

#include <string>
#include <utility>
#include <vector>

#include "core/errors.h"
#include "core/form.h"
#include "napi/js_values.h"
#include "napi/module_exports.h"

namespace rcp::napi {

namespace {

constexpr uint32_t kSegmentBytes = 0;
constexpr uint32_t kSegmentFile = 1;

// Reads an optional string property: true when absent or a string.
bool readOptionalString(napi_env env, napi_value object, const char* name, bool* present, std::string* out) {
  napi_value value = namedProperty(env, object, name);
  *present = typeOf(env, value) != napi_undefined;
  return !*present || readString(env, value, out);
}

// A part is a file part when it names a path, carries an ArrayBuffer, or has
// a fileName or contentType; otherwise it is a plain text field.
bool readPart(napi_env env, napi_value object, core::MultipartPart* out) {
  using Source = core::MultipartPart::Source;
  if (typeOf(env, object) != napi_object || !readString(env, namedProperty(env, object, "name"), &out->name)) {
    return false;
  }
  bool hasPath = false;
  bool hasFileName = false;
  bool hasContentType = false;
  if (!readOptionalString(env, object, "path", &hasPath, &out->filePath) ||
      !readOptionalString(env, object, "fileName", &hasFileName, &out->fileName) ||
      !readOptionalString(env, object, "contentType", &hasContentType, &out->contentType)) {
    return false;
  }
  if (hasPath) {
    out->source = Source::File;
    return true;
  }
  napi_value value = namedProperty(env, object, "value");
  if (typeOf(env, value) == napi_string) {
    out->source = hasFileName || hasContentType ? Source::Bytes : Source::Text;
    return readString(env, value, &out->data);
  }
  out->source = Source::Bytes;
  return readStringOrArrayBuffer(env, value, &out->data);
}

napi_value makeSegmentObject(napi_env env, core::BodySegment&& segment) {
  napi_value object = nullptr;
  napi_create_object(env, &object);
  if (segment.kind == core::BodySegment::Kind::File) {
    setNamed(env, object, "kind", makeNumber(env, kSegmentFile));
    setNamed(env, object, "path", makeString(env, segment.filePath));
  } else {
    setNamed(env, object, "kind", makeNumber(env, kSegmentBytes));
    setNamed(env, object, "data", makeArrayBuffer(env, std::move(segment.bytes)));
  }
  return object;
}

}  // namespace

napi_value jsEncodeUrlEncodedForm(napi_env env, napi_callback_info info) {
  CallArguments<1> call = callArguments<1>(env, info);
  std::vector<std::string> flat;
  if (!readStringArray(env, call.values[0], &flat) || flat.size() % 2 != 0) {
    return throwTypeError(env, "encodeUrlEncodedForm: pairs must be an array of [name, value, ...] strings");
  }
  std::vector<core::FormField> fields;
  fields.reserve(flat.size() / 2);
  for (size_t i = 0; i < flat.size(); i += 2) {
    fields.push_back(core::FormField{std::move(flat[i]), std::move(flat[i + 1])});
  }
  return makeString(env, core::encodeUrlEncodedForm(fields));
}

napi_value jsEncodeMultipartForm(napi_env env, napi_callback_info info) {
  CallArguments<2> call = callArguments<2>(env, info);
  std::string boundary;
  uint32_t count = 0;
  if (!isArray(env, call.values[0]) || !readString(env, call.values[1], &boundary) ||
      napi_get_array_length(env, call.values[0], &count) != napi_ok) {
    return throwTypeError(env, "encodeMultipartForm: expected (parts: NativeFormPart[], boundary: string)");
  }
  std::vector<core::MultipartPart> parts(count);
  for (uint32_t i = 0; i < count; ++i) {
    napi_value element = nullptr;
    if (napi_get_element(env, call.values[0], i, &element) != napi_ok || !readPart(env, element, &parts[i])) {
      return throwTypeError(env,
                            "encodeMultipartForm: each part needs a string name and a string or ArrayBuffer value, "
                            "or a path");
    }
    // A path is opened as a C string when the request is sent.
    if (parts[i].source == core::MultipartPart::Source::File && containsNul(parts[i].filePath)) {
      return undefinedValue(env);
    }
  }
  core::RequestBody body;
  if (core::encodeMultipartForm(parts, boundary, &body) != core::kOk) return undefinedValue(env);
  napi_value segments = nullptr;
  napi_create_array_with_length(env, body.segments.size(), &segments);
  for (size_t i = 0; i < body.segments.size(); ++i) {
    napi_set_element(env, segments, static_cast<uint32_t>(i), makeSegmentObject(env, std::move(body.segments[i])));
  }
  napi_value result = nullptr;
  napi_create_object(env, &result);
  setNamed(env, result, "segments", segments);
  setNamed(env, result, "contentType", makeString(env, body.defaultContentType));
  return result;
}

}  // namespace rcp::napi
