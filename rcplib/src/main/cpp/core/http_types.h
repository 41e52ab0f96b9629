// Plain value types that describe HTTP messages. They know nothing of libcurl
// or JavaScript, so every layer can share them.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rcp::core {

struct Header {
  std::string name;
  std::string value;
};

// Multi-valued headers in arrival order. Response header names are lower-case.
using HeaderList = std::vector<Header>;

struct CookieAttribute {
  std::string name;   // as sent, e.g. "Priority"
  std::string value;  // empty for flag attributes
};

// One parsed Set-Cookie header (RFC 6265 syntax, lenient like browsers).
struct ResponseCookie {
  std::string name;
  std::string value;
  std::string domain;
  std::string path;
  std::string expires;  // raw Expires attribute text
  int64_t maxAge = 0;
  bool hasMaxAge = false;
  bool secure = false;
  bool httpOnly = false;
  std::string sameSite;
  std::string raw;                          // the whole header value
  std::vector<CookieAttribute> attributes;  // every attribute, in order
};

// Phase timings in milliseconds, each measured from the start of the request
// (libcurl's *_TIME_T values), like Rcp_TimeInfo.
struct TimeInfo {
  double nameLookupMs = 0;
  double connectMs = 0;
  double tlsHandshakeMs = 0;
  double preTransferMs = 0;
  double startTransferMs = 0;
  double totalMs = 0;
  double redirectMs = 0;
};

struct Response {
  long statusCode = 0;
  std::string reasonPhrase;
  std::string httpVersion;  // "1.0", "1.1", "2", "3" or "unknown"
  HeaderList headers;       // of the final response, after redirects
  std::string body;         // empty when the body went to a data callback or a file
  std::string effectiveUrl;
  std::vector<ResponseCookie> cookies;
  TimeInfo timeInfo;
  std::string downloadedTo;  // file path when the body was written to a file
};

}  // namespace rcp::core
