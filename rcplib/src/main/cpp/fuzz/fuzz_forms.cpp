// Fuzz target: form and multipart encoding (core/form) and the C API form
// objects built from arbitrary struct contents (capi/forms).
//  - encodeFormComponent output uses only unreserved characters, '+' and
//    %XX, and decodes back to the input; a urlencoded form has one '=' per field.
//  - escapeMultipartParameter output never holds '"', CR, LF or NUL.
//  - encodeMultipartForm either refuses (documented cases) or produces a body
//    that starts with the first part's safe header and ends with the close
//    delimiter.
//  - Rcp_SetFormValue / Rcp_SetMultipartFormValue accept or refuse any enum
//    value and fixed-array content without reading out of bounds, and what
//    they accept encodes.
#include <fuzzer/FuzzedDataProvider.h>
#include <rcp/rcp.h>

#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

#include "capi/c_enum.h"
#include "capi/objects.h"
#include "core/errors.h"
#include "core/form.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

namespace {

using rcp::core::MultipartPart;

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decodeFormComponent(const std::string& encoded) {
  std::string out;
  for (size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      FUZZ_CHECK(i + 2 < encoded.size());
      const int high = hexValue(encoded[i + 1]);
      const int low = hexValue(encoded[i + 2]);
      FUZZ_CHECK(high >= 0 && low >= 0);
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                 c == '_' || c == '~');
      out += c;
    }
  }
  return out;
}

void checkUrlEncoding(FuzzedDataProvider& input) {
  std::vector<rcp::core::FormField> fields;
  const size_t count = input.ConsumeIntegralInRange<size_t>(0, 4);
  for (size_t i = 0; i < count; ++i) {
    rcp::core::FormField field{input.ConsumeRandomLengthString(64), input.ConsumeRandomLengthString(256)};
    FUZZ_CHECK(decodeFormComponent(rcp::core::encodeFormComponent(field.name)) == field.name);
    FUZZ_CHECK(decodeFormComponent(rcp::core::encodeFormComponent(field.value)) == field.value);
    fields.push_back(field);
  }
  const std::string body = rcp::core::encodeUrlEncodedForm(fields);
  FUZZ_CHECK(body.empty() == fields.empty());
  size_t separators = 0;
  size_t equals = 0;
  for (char c : body) {
    separators += c == '&';
    equals += c == '=';
  }
  if (!fields.empty()) FUZZ_CHECK(separators == fields.size() - 1 && equals == fields.size());
}

long pullNothing(char*, size_t) { return 0; }

void checkMultipartEncoding(FuzzedDataProvider& input) {
  std::vector<MultipartPart> parts;
  const size_t count = input.ConsumeIntegralInRange<size_t>(0, 4);
  bool expectRefusal = false;
  for (size_t i = 0; i < count; ++i) {
    MultipartPart part;
    part.source = static_cast<MultipartPart::Source>(input.ConsumeIntegralInRange<int>(0, 3));
    part.name = input.ConsumeRandomLengthString(64);
    part.data = input.ConsumeRandomLengthString(256);
    part.fileName = input.ConsumeRandomLengthString(64);
    part.contentType = input.ConsumeRandomLengthString(64);
    part.filePath = input.ConsumeRandomLengthString(64);
    if (part.source == MultipartPart::Source::Pull && input.ConsumeBool()) part.pull = pullNothing;
    const bool isFile = part.source != MultipartPart::Source::Text;
    expectRefusal = expectRefusal ||
                    (isFile && part.contentType.find_first_of(std::string("\r\n\0", 3)) != std::string::npos) ||
                    (part.source == MultipartPart::Source::Pull && !part.pull) ||
                    (part.source == MultipartPart::Source::File && part.filePath.empty());
    const std::string escaped = rcp::core::escapeMultipartParameter(part.name);
    FUZZ_CHECK(escaped.find_first_of(std::string("\"\r\n\0", 4)) == std::string::npos);
    parts.push_back(std::move(part));
  }
  const std::string boundary = input.ConsumeBool() ? std::string() : input.ConsumeRandomLengthString(80);
  const bool boundaryOk = boundary.empty() || rcp::core::isValidMultipartBoundary(boundary);
  rcp::core::RequestBody body;
  const uint32_t code = rcp::core::encodeMultipartForm(parts, boundary, &body);
  FUZZ_CHECK(code == ((expectRefusal || !boundaryOk) ? rcp::core::kParameterError : rcp::core::kOk));
  if (code != rcp::core::kOk) {
    FUZZ_CHECK(body.segments.empty() && body.defaultContentType.empty());
    return;
  }
  FUZZ_CHECK(body.defaultContentType.rfind(rcp::core::kMultipartContentTypePrefix, 0) == 0);
  FUZZ_CHECK(!body.segments.empty() && body.segments.front().kind == rcp::core::BodySegment::Kind::Bytes);
  const std::string& first = body.segments.front().bytes;
  if (!parts.empty()) {
    const std::string head =
        "\r\nContent-Disposition: form-data; name=\"" + rcp::core::escapeMultipartParameter(parts.front().name) + "\"";
    FUZZ_CHECK(first.rfind("--", 0) == 0 && first.find(head) != std::string::npos);
  }
  FUZZ_CHECK(body.segments.back().kind == rcp::core::BodySegment::Kind::Bytes);
  const std::string& last = body.segments.back().bytes;
  FUZZ_CHECK(last.size() >= 4 && last.compare(last.size() - 4, 4, "--\r\n") == 0);
}

// Enum members here are out of range half of the time.
constexpr int kOutOfRangeOneIn = 2;

int produceNothing(char*, uint32_t) { return 0; }

// Fills a form value; strings point into `store`, which outlives the call.
void fuzzFormValue(FuzzedDataProvider& input, Rcp_FormFieldValue* value, std::deque<std::string>* store) {
  fuzzEnum(input, &value->type, 5, kOutOfRangeOneIn);
  const std::vector<uint8_t> raw = input.ConsumeBytes<uint8_t>(sizeof value->data);
  if (!raw.empty()) std::memcpy(&value->data, raw.data(), raw.size());
  if (rcp::capi::rawEnum(value->type) == RCP_FORM_VALUE_TYPE_STRING) {
    store->push_back(input.ConsumeRandomLengthString(128));
    const bool nullBuffer = input.ConsumeIntegralInRange<int>(0, 7) == 0;
    value->data.varStr.buffer = nullBuffer ? nullptr : store->back().data();
    value->data.varStr.length =
        nullBuffer ? input.ConsumeIntegralInRange<uint32_t>(0, 1) : static_cast<uint32_t>(store->back().size());
  }
}

void checkCForms(FuzzedDataProvider& input) {
  std::deque<std::string> store;  // grows at the back only, so the strings handed out never move

  Rcp_Form* form = Rcp_CreateForm();
  Rcp_FormFieldValue values[3];
  std::memset(values, 0, sizeof values);
  const size_t valueCount = input.ConsumeIntegralInRange<size_t>(1, 3);
  for (size_t i = 0; i < valueCount; ++i) {
    fuzzFormValue(input, &values[i], &store);
    values[i].next = i + 1 < valueCount ? &values[i + 1] : nullptr;
  }
  const std::string key = input.ConsumeRandomLengthString(32);
  const uint32_t formCode = Rcp_SetFormValue(form, key.c_str(), values);
  FUZZ_CHECK(formCode == 0 || formCode == 401);
  const Rcp_FormFieldValue* stored = Rcp_GetFormValue(form, key.c_str());
  FUZZ_CHECK((stored != nullptr) == (formCode == 0));
  std::unique_ptr<Rcp_Form> formCopy = rcp::capi::cloneForm(*form);
  FUZZ_CHECK(rcp::core::encodeUrlEncodedForm(rcp::capi::formFields(*formCopy)) ==
             rcp::core::encodeUrlEncodedForm(rcp::capi::formFields(*form)));
  Rcp_DestroyForm(form);

  Rcp_MultipartForm* multipart = Rcp_CreateMultipartForm();
  Rcp_MultipartFormFieldValue parts[2];
  std::memset(parts, 0, sizeof parts);
  const size_t partCount = input.ConsumeIntegralInRange<size_t>(1, 2);
  for (size_t i = 0; i < partCount; ++i) {
    Rcp_MultipartFormFieldValue& part = parts[i];
    fuzzEnum(input, &part.type, 2, kOutOfRangeOneIn);
    if (rcp::capi::rawEnum(part.type) == RCP_TYPE_FORM_FIELD_VALUE) {
      fuzzFormValue(input, &part.data.formValue, &store);
    } else {
      Rcp_FormFieldFileValue& file = part.data.formFileValue;
      fuzzFixedText(input, file.contentType);
      fuzzFixedText(input, file.remoteFileName);
      fuzzEnum(input, &file.contentOrPathOrCb.type, 3, kOutOfRangeOneIn);
      switch (rcp::capi::rawEnum(file.contentOrPathOrCb.type)) {
        case RCP_FILE_VALUE_TYPE_CONTENT:
          store.push_back(input.ConsumeRandomLengthString(256));
          file.contentOrPathOrCb.data.content =
              Rcp_Buffer{store.back().data(), static_cast<uint32_t>(store.back().size())};
          break;
        case RCP_FILE_VALUE_TYPE_PATH: fuzzFixedText(input, file.contentOrPathOrCb.data.path); break;
        case RCP_FILE_VALUE_TYPE_CALLBACK:
          file.contentOrPathOrCb.data.callback = input.ConsumeBool() ? produceNothing : nullptr;
          break;
        default: break;
      }
    }
    part.next = i + 1 < partCount ? &parts[i + 1] : nullptr;
  }
  const uint32_t multipartCode = Rcp_SetMultipartFormValue(multipart, key.c_str(), parts);
  FUZZ_CHECK(multipartCode == 0 || multipartCode == 401);
  FUZZ_CHECK((Rcp_GetMultipartFormValue(multipart, key.c_str()) != nullptr) == (multipartCode == 0));
  rcp::core::RequestBody body;
  const uint32_t encoded = rcp::core::encodeMultipartForm(rcp::capi::multipartParts(*multipart), std::string(), &body);
  // What the API stored always encodes: its checks match the encoder's.
  FUZZ_CHECK(encoded == rcp::core::kOk);
  std::unique_ptr<Rcp_MultipartForm> multipartCopy = rcp::capi::cloneMultipartForm(*multipart);
  FUZZ_CHECK(rcp::capi::multipartParts(*multipartCopy).size() == rcp::capi::multipartParts(*multipart).size());
  Rcp_DestroyMultipartForm(multipart);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  switch (input.ConsumeIntegralInRange<int>(0, 2)) {
    case 0: checkUrlEncoding(input); break;
    case 1: checkMultipartEncoding(input); break;
    default: checkCForms(input); break;
  }
  return 0;
}
