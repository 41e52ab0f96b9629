// Fuzz target: header and cookie handling.
//  - The validation rules for header names/values, cookie names/values and
//    methods never accept anything that could end or split a header line.
//  - The C API collections store exactly what validation accepts.
//  - Set-Cookie parsing of arbitrary server bytes never crashes and keeps its
//    promises, and a response built from arbitrary headers can be walked
//    through the public functions and freed.
#include <fuzzer/FuzzedDataProvider.h>
#include <rcp/rcp.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "capi/response_builder.h"
#include "core/cookies.h"
#include "core/validation.h"
#include "fuzz_check.h"

namespace {

using rcp::core::Header;
using rcp::core::HeaderList;

// True when `text` holds any character of the literal (embedded NULs included).
template <size_t N>
bool hasAny(const std::string& text, const char (&characters)[N]) {
  return text.find_first_of(characters, 0, N - 1) != std::string::npos;
}

void checkValidationRules(const std::string& name, const std::string& value) {
  if (rcp::core::isValidHeaderName(name)) {
    FUZZ_CHECK(!name.empty());
    FUZZ_CHECK(!hasAny(name, "\r\n\0:; \t\"(),/<=>?@[\\]{}"));
  }
  if (rcp::core::isValidHeaderValue(value)) FUZZ_CHECK(!hasAny(value, "\r\n\0"));
  if (rcp::core::isValidCookieName(name)) FUZZ_CHECK(!name.empty() && !hasAny(name, "\r\n\0=; ,"));
  if (rcp::core::isValidCookieValue(value)) FUZZ_CHECK(!hasAny(value, "\r\n\0;,"));
  if (rcp::core::isValidMethod(name)) FUZZ_CHECK(name.size() <= 32 && rcp::core::isValidHeaderName(name));
}

// The C API sees strings up to their first NUL, like any C caller's.
void checkCollections(const std::string& name, const std::string& value) {
  const std::string cName(name.c_str());
  const std::string cValue(value.c_str());

  Rcp_Headers* headers = Rcp_CreateHeaders();
  const uint32_t headerCode = Rcp_SetHeaderValue(headers, cName.c_str(), cValue.c_str());
  const bool headerAllowed = rcp::core::isValidHeaderName(cName) && rcp::core::isValidHeaderValue(cValue);
  FUZZ_CHECK(headerCode == (headerAllowed ? 0u : 401u));
  Rcp_HeaderValue* stored = Rcp_GetHeaderValue(headers, cName.c_str());
  FUZZ_CHECK((stored != nullptr) == headerAllowed);
  if (stored != nullptr) FUZZ_CHECK(cValue == stored->value && stored->next == nullptr);
  Rcp_HeaderEntry* entries = Rcp_GetHeaderEntries(headers);
  FUZZ_CHECK((entries != nullptr) == headerAllowed);
  Rcp_DestroyHeaderEntries(entries);
  Rcp_DestroyHeaders(headers);

  Rcp_RequestCookies* cookies = Rcp_CreateRequestCookies();
  const uint32_t cookieCode = Rcp_SetRequestCookieValue(cookies, cName.c_str(), cValue.c_str());
  const bool cookieAllowed = rcp::core::isValidCookieName(cName) && rcp::core::isValidCookieValue(cValue);
  FUZZ_CHECK(cookieCode == (cookieAllowed ? 0u : 401u));
  const char* storedCookie = Rcp_GetRequestCookieValue(cookies, cName.c_str());
  FUZZ_CHECK((storedCookie != nullptr) == cookieAllowed);
  if (storedCookie != nullptr) FUZZ_CHECK(cValue == storedCookie);
  Rcp_DestroyRequestCookieEntries(Rcp_GetRequestCookieEntries(cookies));
  Rcp_DestroyRequestCookies(cookies);
}

void checkSetCookie(const std::string& headerValue) {
  rcp::core::ResponseCookie cookie;
  if (rcp::core::parseSetCookie(headerValue, &cookie)) {
    FUZZ_CHECK(!cookie.name.empty());
    FUZZ_CHECK(cookie.raw == headerValue);
    FUZZ_CHECK(cookie.name.size() <= headerValue.size() && cookie.value.size() <= headerValue.size());
    for (const rcp::core::CookieAttribute& attribute : cookie.attributes) FUZZ_CHECK(!attribute.name.empty());
    if (cookie.hasMaxAge) FUZZ_CHECK(!cookie.attributes.empty());
  }
}

// Response headers as the engine records them: lower-case names, any value bytes.
HeaderList headerLines(const std::string& block) {
  HeaderList headers;
  size_t start = 0;
  while (start < block.size() && headers.size() < 64) {
    size_t end = block.find('\n', start);
    if (end == std::string::npos) end = block.size();
    const std::string line = block.substr(start, end - start);
    const size_t colon = line.find(':');
    if (colon != std::string::npos && colon > 0) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      headers.push_back(Header{name, line.substr(colon + 1)});
    }
    start = end + 1;
  }
  return headers;
}

void checkResponse(const HeaderList& headers, const std::string& body) {
  rcp::core::Response response;
  response.statusCode = 200;
  response.headers = headers;
  response.body = body;
  response.cookies = rcp::core::parseSetCookies(headers);
  const std::vector<rcp::core::ResponseCookie> expected = response.cookies;
  Rcp_Response* built = rcp::capi::buildResponse(std::move(response), nullptr, Rcp_ResponseCallbackObject{});
  FUZZ_CHECK(built != nullptr && built->body.length == body.size());
  FUZZ_CHECK(std::memcmp(built->body.buffer, body.data(), body.size()) == 0 && built->body.buffer[body.size()] == 0);
  size_t cookies = 0;
  for (Rcp_ResponseCookies* cookie = built->cookies; cookie != nullptr; cookie = cookie->next, ++cookies) {
    FUZZ_CHECK(cookies < expected.size());
    // C strings end at the first NUL; the raw value keeps its full length.
    FUZZ_CHECK(std::strcmp(cookie->name, expected[cookies].name.c_str()) == 0);
    FUZZ_CHECK(std::strcmp(cookie->value, expected[cookies].value.c_str()) == 0);
    FUZZ_CHECK(cookie->rawSize == expected[cookies].raw.size());
    Rcp_CookieAttributeEntry* attributes = Rcp_GetResponseCookieAttrEntries(cookie->cookieAttributes);
    size_t index = 0;
    for (Rcp_CookieAttributeEntry* a = attributes; a != nullptr; a = a->next, ++index) {
      const std::vector<rcp::core::CookieAttribute>& sent = expected[cookies].attributes;
      FUZZ_CHECK(index < sent.size() && std::strcmp(a->key, sent[index].name.c_str()) == 0);
      // A name without NUL bytes is found again by its C string.
      if (std::strlen(a->key) == sent[index].name.size()) {
        FUZZ_CHECK(Rcp_GetResponseCookieAttrValue(cookie->cookieAttributes, a->key) != nullptr);
      }
    }
    FUZZ_CHECK(index == expected[cookies].attributes.size());
    Rcp_DestroyResponseCookieAttrEntries(attributes);
  }
  FUZZ_CHECK(cookies == expected.size());
  size_t values = 0;
  Rcp_HeaderEntry* entries = Rcp_GetHeaderEntries(built->headers);
  for (Rcp_HeaderEntry* e = entries; e != nullptr; e = e->next) {
    for (Rcp_HeaderValue* v = e->value; v != nullptr; v = v->next) ++values;
  }
  FUZZ_CHECK(values == headers.size());
  Rcp_DestroyHeaderEntries(entries);
  built->destroyResponse(built);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  const std::string name = input.ConsumeRandomLengthString(256);
  const std::string value = input.ConsumeRandomLengthString(4096);
  const std::string setCookie = input.ConsumeRandomLengthString(4096);
  const std::string headerBlock = input.ConsumeRemainingBytesAsString();

  checkValidationRules(name, value);
  checkCollections(name, value);
  checkSetCookie(setCookie);
  HeaderList headers = headerLines(headerBlock);
  headers.push_back(Header{"set-cookie", setCookie});
  checkResponse(headers, value);
  return 0;
}
