// Rcp_Form and Rcp_MultipartForm: the form functions of <rcp/rcp.h>, and
// their conversion to the core form encoders.
#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>

#include "capi/api_guard.h"
#include "capi/c_enum.h"
#include "capi/objects.h"
#include "core/errors.h"
#include "core/validation.h"

namespace rcp::capi {
namespace {

bool isKnownFormValueType(const Rcp_FormValueType& type) {
  switch (rawEnum(type)) {
    case RCP_FORM_VALUE_TYPE_INT32:
    case RCP_FORM_VALUE_TYPE_INT64:
    case RCP_FORM_VALUE_TYPE_BOOL:
    case RCP_FORM_VALUE_TYPE_STRING:
    case RCP_FORM_VALUE_TYPE_DOUBLE: return true;
  }
  return false;
}

bool isValidBuffer(const Rcp_Buffer& buffer) { return buffer.buffer != nullptr || buffer.length == 0; }

std::string bufferText(const Rcp_Buffer& buffer) {
  return buffer.buffer == nullptr ? std::string() : std::string(buffer.buffer, buffer.length);
}

// A fixed-size char array member must hold a NUL; returns its text or false.
template <size_t N>
bool fixedText(const char (&field)[N], std::string* out) {
  const void* nul = std::memchr(field, '\0', N);
  if (nul == nullptr) {
    return false;
  }
  out->assign(field, static_cast<const char*>(nul) - field);
  return true;
}

bool isValidFormValue(const Rcp_FormFieldValue& value) {
  return isKnownFormValueType(value.type) &&
         (rawEnum(value.type) != RCP_FORM_VALUE_TYPE_STRING || isValidBuffer(value.data.varStr));
}

bool isValidMultipartValue(const Rcp_MultipartFormFieldValue& value) {
  if (rawEnum(value.type) == RCP_TYPE_FORM_FIELD_VALUE) {
    return isValidFormValue(value.data.formValue);
  }
  if (rawEnum(value.type) != RCP_TYPE_FORM_FIELD_FILE_VALUE) {
    return false;
  }
  const Rcp_FormFieldFileValue& file = value.data.formFileValue;
  std::string contentType;
  std::string fileName;
  if (!fixedText(file.contentType, &contentType) || !core::isValidHeaderValue(contentType) ||
      !fixedText(file.remoteFileName, &fileName)) {
    return false;
  }
  switch (rawEnum(file.contentOrPathOrCb.type)) {
    case RCP_FILE_VALUE_TYPE_CONTENT: return isValidBuffer(file.contentOrPathOrCb.data.content);
    case RCP_FILE_VALUE_TYPE_PATH: {
      std::string path;
      return fixedText(file.contentOrPathOrCb.data.path, &path) && !path.empty();
    }
    case RCP_FILE_VALUE_TYPE_CALLBACK: return file.contentOrPathOrCb.data.callback != nullptr;
  }
  return false;
}

// Walks a `next` chain, refusing cyclic or absurdly long lists.
template <typename Node, typename Check>
bool chainIsValid(const Node* head, Check check) {
  size_t count = 0;
  for (const Node* node = head; node != nullptr; node = node->next) {
    if (++count > kMaxListLength || !check(*node)) {
      return false;
    }
  }
  return true;
}

// Copies one form value into `field`, pointing its string at owned storage.
template <typename Field>
Rcp_FormFieldValue copiedFormValue(const Rcp_FormFieldValue& source, Field* field) {
  Rcp_FormFieldValue copy = source;
  copy.next = nullptr;
  if (rawEnum(source.type) == RCP_FORM_VALUE_TYPE_STRING) {
    field->strings.push_back(bufferText(source.data.varStr));
    copy.data.varStr = Rcp_Buffer{field->strings.back().data(), source.data.varStr.length};
  }
  return copy;
}

std::unique_ptr<Rcp_Form::Field> copyFormField(const std::string& key, const Rcp_FormFieldValue* head) {
  auto field = std::make_unique<Rcp_Form::Field>();
  field->key = key;
  for (const Rcp_FormFieldValue* node = head; node != nullptr; node = node->next) {
    field->values.push_back(copiedFormValue(*node, field.get()));
  }
  for (size_t i = 0; i + 1 < field->values.size(); ++i) {
    field->values[i].next = &field->values[i + 1];
  }
  return field;
}

std::unique_ptr<Rcp_MultipartForm::Field> copyMultipartField(const std::string& key,
                                                             const Rcp_MultipartFormFieldValue* head) {
  auto field = std::make_unique<Rcp_MultipartForm::Field>();
  field->key = key;
  for (const Rcp_MultipartFormFieldValue* node = head; node != nullptr; node = node->next) {
    Rcp_MultipartFormFieldValue copy = *node;
    copy.next = nullptr;
    if (rawEnum(node->type) == RCP_TYPE_FORM_FIELD_VALUE) {
      copy.data.formValue = copiedFormValue(node->data.formValue, field.get());
    } else if (rawEnum(node->data.formFileValue.contentOrPathOrCb.type) == RCP_FILE_VALUE_TYPE_CONTENT) {
      const Rcp_Buffer& content = node->data.formFileValue.contentOrPathOrCb.data.content;
      field->strings.push_back(bufferText(content));
      copy.data.formFileValue.contentOrPathOrCb.data.content = Rcp_Buffer{field->strings.back().data(), content.length};
    }
    field->values.push_back(copy);
  }
  for (size_t i = 0; i + 1 < field->values.size(); ++i) {
    field->values[i].next = &field->values[i + 1];
  }
  return field;
}

// Replaces the field with the same key in place (keeping its position) or appends.
template <typename Form, typename Field>
void storeField(Form* form, std::unique_ptr<Field> field) {
  for (auto& existing : form->fields) {
    if (existing->key == field->key) {
      existing = std::move(field);
      return;
    }
  }
  form->fields.push_back(std::move(field));
}

template <typename Form>
auto* findField(const Form& form, const std::string& key) {
  for (const auto& field : form.fields) {
    if (field->key == key) {
      return field.get();
    }
  }
  return static_cast<decltype(form.fields.front().get())>(nullptr);
}

}  // namespace

std::string formatDouble(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "Infinity" : "-Infinity";
  }
  if (value == 0) {
    return "0";  // also for -0, like JavaScript's String(-0)
  }
  char text[64];
  std::to_chars_result result = std::to_chars(text, text + sizeof(text), value);
  return std::string(text, result.ptr);
}

std::string formValueText(const Rcp_FormFieldValue& value) {
  switch (rawEnum(value.type)) {
    case RCP_FORM_VALUE_TYPE_INT32: return std::to_string(value.data.varInt32);
    case RCP_FORM_VALUE_TYPE_INT64: return std::to_string(value.data.varInt64);
    case RCP_FORM_VALUE_TYPE_BOOL: return value.data.varBool != 0 ? "true" : "false";
    case RCP_FORM_VALUE_TYPE_STRING: return bufferText(value.data.varStr);
    case RCP_FORM_VALUE_TYPE_DOUBLE: return formatDouble(value.data.varDouble);
  }
  return std::string();
}

std::vector<core::FormField> formFields(const Rcp_Form& form) {
  std::vector<core::FormField> fields;
  for (const auto& field : form.fields) {
    for (const Rcp_FormFieldValue& value : field->values) {
      fields.push_back(core::FormField{field->key, formValueText(value)});
    }
  }
  return fields;
}

std::function<long(char* out, size_t capacity)> pullFromCallback(Rcp_GetDataCallback callback) {
  return [callback](char* out, size_t capacity) -> long {
    const uint32_t asked =
        capacity > static_cast<size_t>(INT_MAX) ? static_cast<uint32_t>(INT_MAX) : static_cast<uint32_t>(capacity);
    const int written = callback(out, asked);
    if (written < 0 || static_cast<uint32_t>(written) > asked) {
      return -1;
    }
    return written;
  };
}

std::vector<core::MultipartPart> multipartParts(const Rcp_MultipartForm& form) {
  std::vector<core::MultipartPart> parts;
  for (const auto& field : form.fields) {
    for (const Rcp_MultipartFormFieldValue& value : field->values) {
      core::MultipartPart part;
      part.name = field->key;
      if (rawEnum(value.type) == RCP_TYPE_FORM_FIELD_VALUE) {
        part.source = core::MultipartPart::Source::Text;
        part.data = formValueText(value.data.formValue);
      } else {
        const Rcp_FormFieldFileValue& file = value.data.formFileValue;
        fixedText(file.contentType, &part.contentType);
        fixedText(file.remoteFileName, &part.fileName);
        switch (rawEnum(file.contentOrPathOrCb.type)) {
          case RCP_FILE_VALUE_TYPE_CONTENT:
            part.source = core::MultipartPart::Source::Bytes;
            part.data = bufferText(file.contentOrPathOrCb.data.content);
            break;
          case RCP_FILE_VALUE_TYPE_PATH:
            part.source = core::MultipartPart::Source::File;
            fixedText(file.contentOrPathOrCb.data.path, &part.filePath);
            break;
          case RCP_FILE_VALUE_TYPE_CALLBACK:
            part.source = core::MultipartPart::Source::Pull;
            part.pull = pullFromCallback(file.contentOrPathOrCb.data.callback);
            break;
        }
      }
      parts.push_back(std::move(part));
    }
  }
  return parts;
}

std::unique_ptr<Rcp_Form> cloneForm(const Rcp_Form& form) {
  auto copy = std::make_unique<Rcp_Form>();
  for (const auto& field : form.fields) {
    copy->fields.push_back(copyFormField(field->key, field->values.empty() ? nullptr : &field->values.front()));
  }
  return copy;
}

std::unique_ptr<Rcp_MultipartForm> cloneMultipartForm(const Rcp_MultipartForm& form) {
  auto copy = std::make_unique<Rcp_MultipartForm>();
  for (const auto& field : form.fields) {
    copy->fields.push_back(copyMultipartField(field->key, field->values.empty() ? nullptr : &field->values.front()));
  }
  return copy;
}

}  // namespace rcp::capi

using rcp::capi::guardCode;
using rcp::capi::guardValue;

extern "C" {

RCP_EXPORT Rcp_Form* Rcp_CreateForm(void) {
  return guardValue<Rcp_Form*>(__func__, nullptr, [] { return std::make_unique<Rcp_Form>().release(); });
}

RCP_EXPORT void Rcp_DestroyForm(Rcp_Form* form) {
  // The application hands back what Rcp_CreateForm gave it.
  std::unique_ptr<Rcp_Form> owned(form);
}

RCP_EXPORT uint32_t Rcp_SetFormValue(Rcp_Form* form, const char* key, const Rcp_FormFieldValue* value) {
  return guardCode(__func__, [&] {
    if (form == nullptr || key == nullptr || *key == '\0' || value == nullptr ||
        !rcp::capi::chainIsValid(value, rcp::capi::isValidFormValue)) {
      return rcp::core::kParameterError;
    }
    rcp::capi::storeField(form, rcp::capi::copyFormField(key, value));
    return rcp::core::kOk;
  });
}

RCP_EXPORT Rcp_FormFieldValue* Rcp_GetFormValue(Rcp_Form* form, const char* key) {
  return guardValue<Rcp_FormFieldValue*>(__func__, nullptr, [&]() -> Rcp_FormFieldValue* {
    if (form == nullptr || key == nullptr) {
      return nullptr;
    }
    Rcp_Form::Field* field = rcp::capi::findField(*form, key);
    return field == nullptr || field->values.empty() ? nullptr : &field->values.front();
  });
}

RCP_EXPORT Rcp_MultipartForm* Rcp_CreateMultipartForm(void) {
  return guardValue<Rcp_MultipartForm*>(__func__, nullptr,
                                        [] { return std::make_unique<Rcp_MultipartForm>().release(); });
}

RCP_EXPORT void Rcp_DestroyMultipartForm(Rcp_MultipartForm* form) {
  // The application hands back what Rcp_CreateMultipartForm gave it.
  std::unique_ptr<Rcp_MultipartForm> owned(form);
}

RCP_EXPORT uint32_t Rcp_SetMultipartFormValue(Rcp_MultipartForm* form, const char* key,
                                              const Rcp_MultipartFormFieldValue* value) {
  return guardCode(__func__, [&] {
    if (form == nullptr || key == nullptr || *key == '\0' || value == nullptr ||
        !rcp::capi::chainIsValid(value, rcp::capi::isValidMultipartValue)) {
      return rcp::core::kParameterError;
    }
    rcp::capi::storeField(form, rcp::capi::copyMultipartField(key, value));
    return rcp::core::kOk;
  });
}

RCP_EXPORT Rcp_MultipartFormFieldValue* Rcp_GetMultipartFormValue(Rcp_MultipartForm* form, const char* key) {
  return guardValue<Rcp_MultipartFormFieldValue*>(__func__, nullptr, [&]() -> Rcp_MultipartFormFieldValue* {
    if (form == nullptr || key == nullptr) {
      return nullptr;
    }
    Rcp_MultipartForm::Field* field = rcp::capi::findField(*form, key);
    return field == nullptr || field->values.empty() ? nullptr : &field->values.front();
  });
}

}  // extern "C"
