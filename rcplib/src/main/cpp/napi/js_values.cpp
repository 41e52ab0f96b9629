#include "napi/js_values.h"

#include <cmath>
#include <cstring>
#include <memory>

namespace rcp::napi {

namespace {

void freeOwnedBytes(napi_env /*env*/, void* /*data*/, void* hint) {
  // Adopting the holder frees it together with the bytes it owns.
  std::unique_ptr<std::string> owned(static_cast<std::string*>(hint));
}

}  // namespace

napi_valuetype typeOf(napi_env env, napi_value value) {
  napi_valuetype type = napi_undefined;
  if (value == nullptr || napi_typeof(env, value, &type) != napi_ok) return napi_undefined;
  return type;
}

bool readString(napi_env env, napi_value value, std::string* out) {
  if (typeOf(env, value) != napi_string) return false;
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, nullptr, 0, &length) != napi_ok) return false;
  // One more byte for the terminator the runtime always writes.
  std::string text(length + 1, '\0');
  size_t written = 0;
  if (napi_get_value_string_utf8(env, value, &text[0], text.size(), &written) != napi_ok) return false;
  text.resize(written);
  *out = std::move(text);
  return true;
}

bool readNumber(napi_env env, napi_value value, double* out) {
  if (typeOf(env, value) != napi_number) return false;
  return napi_get_value_double(env, value, out) == napi_ok;
}

bool readInteger(napi_env env, napi_value value, double min, double max, int64_t* out) {
  double number = 0;
  if (!readNumber(env, value, &number) || !std::isfinite(number) || std::trunc(number) != number || number < min ||
      number > max) {
    return false;
  }
  *out = static_cast<int64_t>(number);
  return true;
}

bool readBool(napi_env env, napi_value value, bool* out) {
  if (typeOf(env, value) != napi_boolean) return false;
  return napi_get_value_bool(env, value, out) == napi_ok;
}

bool isArray(napi_env env, napi_value value) {
  bool result = false;
  return value != nullptr && napi_is_array(env, value, &result) == napi_ok && result;
}

bool isFunction(napi_env env, napi_value value) { return typeOf(env, value) == napi_function; }

bool readStringArray(napi_env env, napi_value value, std::vector<std::string>* out) {
  if (!isArray(env, value)) return false;
  uint32_t length = 0;
  if (napi_get_array_length(env, value, &length) != napi_ok) return false;
  std::vector<std::string> texts;
  texts.reserve(length);
  for (uint32_t i = 0; i < length; ++i) {
    napi_value element = nullptr;
    std::string text;
    if (napi_get_element(env, value, i, &element) != napi_ok || !readString(env, element, &text)) return false;
    texts.push_back(std::move(text));
  }
  *out = std::move(texts);
  return true;
}

bool readStringOrArrayBuffer(napi_env env, napi_value value, std::string* out) {
  if (readString(env, value, out)) return true;
  bool isBuffer = false;
  if (value == nullptr || napi_is_arraybuffer(env, value, &isBuffer) != napi_ok || !isBuffer) return false;
  void* data = nullptr;
  size_t length = 0;
  if (napi_get_arraybuffer_info(env, value, &data, &length) != napi_ok) return false;
  // The engine reads the body on its own thread, so it needs its own copy.
  out->assign(static_cast<const char*>(data), length);
  return true;
}

napi_value namedProperty(napi_env env, napi_value object, const char* name) {
  napi_value value = nullptr;
  if (napi_get_named_property(env, object, name, &value) != napi_ok) return undefinedValue(env);
  return value;
}

napi_value undefinedValue(napi_env env) {
  napi_value value = nullptr;
  napi_get_undefined(env, &value);
  return value;
}

napi_value makeString(napi_env env, const std::string& text) {
  napi_value value = nullptr;
  napi_create_string_utf8(env, text.data(), text.size(), &value);
  return value;
}

napi_value makeNumber(napi_env env, double number) {
  napi_value value = nullptr;
  napi_create_double(env, number, &value);
  return value;
}

napi_value makeBool(napi_env env, bool flag) {
  napi_value value = nullptr;
  napi_get_boolean(env, flag, &value);
  return value;
}

napi_value makeStringArray(napi_env env, const std::vector<std::string>& texts) {
  napi_value array = nullptr;
  napi_create_array_with_length(env, texts.size(), &array);
  for (size_t i = 0; i < texts.size(); ++i) {
    napi_set_element(env, array, static_cast<uint32_t>(i), makeString(env, texts[i]));
  }
  return array;
}

napi_value copyToArrayBuffer(napi_env env, const char* data, size_t length) {
  napi_value buffer = nullptr;
  void* target = nullptr;
  if (napi_create_arraybuffer(env, length, &target, &buffer) != napi_ok) return nullptr;
  if (length > 0) std::memcpy(target, data, length);
  return buffer;
}

napi_value makeArrayBuffer(napi_env env, std::string bytes) {
  if (bytes.empty()) return copyToArrayBuffer(env, nullptr, 0);
  auto holder = std::make_unique<std::string>(std::move(bytes));
  napi_value buffer = nullptr;
  if (napi_create_external_arraybuffer(env, &(*holder)[0], holder->size(), freeOwnedBytes, holder.get(), &buffer) ==
      napi_ok) {
    holder.release();  // the ArrayBuffer's finalizer owns it now
    return buffer;
  }
  // Some runtimes forbid external memory; a copy is the portable fallback.
  return copyToArrayBuffer(env, holder->data(), holder->size());
}

void setNamed(napi_env env, napi_value object, const char* name, napi_value value) {
  napi_set_named_property(env, object, name, value);
}

napi_value makeCodeResult(napi_env env, uint32_t code, const std::string& detail, const char* name, napi_value value) {
  napi_value result = nullptr;
  napi_create_object(env, &result);
  setNamed(env, result, "code", makeNumber(env, code));
  setNamed(env, result, "detail", makeString(env, detail));
  if (name != nullptr && value != nullptr) setNamed(env, result, name, value);
  return result;
}

napi_value throwTypeError(napi_env env, const char* message) {
  napi_throw_type_error(env, nullptr, message);
  return nullptr;
}

bool containsNul(const std::string& text) { return text.find('\0') != std::string::npos; }

}  // namespace rcp::napi
