#include "validation.h"

#include <curl/curl.h>

#include <memory>

#include "errors.h"

namespace rcp::core {

namespace {

bool isToken(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!isTokenChar(c)) return false;
  }
  return true;
}

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

struct CurlStringDeleter {
  void operator()(char* p) const { curl_free(p); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

uint32_t parseAndCheckUrl(const std::string& url);

}  // namespace

bool isValidHeaderName(const std::string& name) { return isToken(name); }

bool isValidHeaderValue(const std::string& value) {
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

bool isValidMethod(const std::string& method) { return method.size() <= 32 && isToken(method); }

bool isValidCookieName(const std::string& name) { return isToken(name); }

bool isValidCookieValue(const std::string& value) {
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0' || c == ';' || c == ',') return false;
  }
  return true;
}

uint32_t checkUrl(const std::string& url) {
  if (url.empty()) return kParameterError;
  // Apps fetch the same URLs again and again: remember the last one found
  // valid on this thread and skip the full parse for it.
  thread_local std::string lastValid;
  if (url == lastValid) return kOk;
  const uint32_t code = parseAndCheckUrl(url);
  if (code == kOk) lastValid = url;
  return code;
}

namespace {

uint32_t parseAndCheckUrl(const std::string& url) {
  for (char c : url) {
    // Control characters and spaces never belong in a URL we send.
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return kMalformedUrl;
  }
  UrlHandle handle(curl_url());
  if (!handle) return kOutOfMemory;
  // Without a scheme there is nothing to tell http from garbage: reject rather
  // than letting libcurl guess one.
  if (curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return kMalformedUrl;
  }
  char* rawScheme = nullptr;
  if (curl_url_get(handle.get(), CURLUPART_SCHEME, &rawScheme, 0) != CURLUE_OK) return kMalformedUrl;
  CurlString scheme(rawScheme);
  const std::string s(scheme.get());
  if (s != "http" && s != "https") return kUnsupportedProtocol;
  char* rawHost = nullptr;
  if (curl_url_get(handle.get(), CURLUPART_HOST, &rawHost, 0) != CURLUE_OK) return kMalformedUrl;
  CurlString host(rawHost);
  if (host.get()[0] == '\0') return kMalformedUrl;
  return kOk;
}

}  // namespace

bool resolveUrl(const std::string& base, const std::string& reference, std::string* out) {
  if (base.empty()) {
    *out = reference;
    return true;
  }
  UrlHandle handle(curl_url());
  if (!handle) return false;
  if (curl_url_set(handle.get(), CURLUPART_URL, base.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) return false;
  // Setting a URL on a handle that already holds one resolves it as a reference.
  if (!reference.empty() &&
      curl_url_set(handle.get(), CURLUPART_URL, reference.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return false;
  }
  char* raw = nullptr;
  if (curl_url_get(handle.get(), CURLUPART_URL, &raw, 0) != CURLUE_OK) return false;
  CurlString resolved(raw);
  *out = resolved.get();
  return true;
}

}  // namespace rcp::core
