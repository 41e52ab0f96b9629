#include "cookies.h"

#include <cerrno>
#include <cstdlib>

#include "text.h"

namespace rcp::core {

bool parseSetCookie(const std::string& headerValue, ResponseCookie* cookie) {
  ResponseCookie result;
  result.raw = headerValue;
  size_t end = headerValue.find(';');
  const std::string pair = headerValue.substr(0, end);
  const size_t eq = pair.find('=');
  if (eq == std::string::npos) return false;
  result.name = trimmed(pair.substr(0, eq));
  result.value = trimmed(pair.substr(eq + 1));
  if (result.name.empty()) return false;
  if (result.value.size() >= 2 && result.value.front() == '"' && result.value.back() == '"') {
    result.value = result.value.substr(1, result.value.size() - 2);
  }
  while (end != std::string::npos) {
    const size_t start = end + 1;
    end = headerValue.find(';', start);
    const std::string attribute = headerValue.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const size_t attrEq = attribute.find('=');
    CookieAttribute attr;
    attr.name = trimmed(attribute.substr(0, attrEq));
    if (attrEq != std::string::npos) attr.value = trimmed(attribute.substr(attrEq + 1));
    if (attr.name.empty()) continue;
    const std::string key = lowercased(attr.name);
    if (key == "domain") {
      // A leading dot is ignored (RFC 6265 5.2.3).
      result.domain = (!attr.value.empty() && attr.value[0] == '.') ? attr.value.substr(1) : attr.value;
    } else if (key == "path") {
      result.path = attr.value;
    } else if (key == "expires") {
      result.expires = attr.value;
    } else if (key == "max-age") {
      errno = 0;
      char* parsedEnd = nullptr;
      const long long age = std::strtoll(attr.value.c_str(), &parsedEnd, 10);
      const bool digitsOnly = !attr.value.empty() && parsedEnd != nullptr && *parsedEnd == '\0' &&
                              (attr.value[0] == '-' || (attr.value[0] >= '0' && attr.value[0] <= '9'));
      if (digitsOnly && errno == 0) {
        result.maxAge = age;
        result.hasMaxAge = true;
      }
    } else if (key == "secure") {
      result.secure = true;
    } else if (key == "httponly") {
      result.httpOnly = true;
    } else if (key == "samesite") {
      result.sameSite = attr.value;
    }
    result.attributes.push_back(std::move(attr));
  }
  *cookie = std::move(result);
  return true;
}

std::vector<ResponseCookie> parseSetCookies(const HeaderList& headers) {
  std::vector<ResponseCookie> cookies;
  for (const Header& header : headers) {
    if (header.name != "set-cookie") continue;
    ResponseCookie cookie;
    if (parseSetCookie(header.value, &cookie)) cookies.push_back(std::move(cookie));
  }
  return cookies;
}

}  // namespace rcp::core
