// Plain value types that describe HTTP messages. They know nothing of libcurl
// or JavaScript, so every layer can share them.
#pragma once

#include <cstddef>
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

// The kinds of debug information a request can collect: the kit's
// InfoToCollect flags and DebugEvent names, in the order of the C API's
// Rcp_DebugEvent, then those the ArkTS API added later.
enum class DebugKind : uint8_t {
  Text,           // libcurl's informational lines ('text')
  HeaderIn,       // each received header line, status lines included ('headerIn')
  HeaderOut,      // the request head as sent ('headerOut')
  DataIn,         // body bytes as received, before content decoding ('dataIn')
  DataOut,        // body bytes as sent ('dataOut')
  SslDataIn,      // TLS protocol messages received: handshake, alerts ('sslDataIn')
  SslDataOut,     // TLS protocol messages sent ('sslDataOut')
  SrcAddr,        // the local "ip:port" of the last connection ('srcAddr')
  DstAddr,        // the server's "ip:port" of the last connection ('dstAddr')
  RedirectCount,  // the number of redirects followed, in decimal ('redirectCount')
};
constexpr uint32_t debugKindBit(DebugKind kind) { return 1u << static_cast<uint32_t>(kind); }
// Every DebugKind's bit.
constexpr uint32_t kAllDebugKinds = (debugKindBit(DebugKind::RedirectCount) << 1) - 1;

// What one request keeps of its debug information, at most: the bytes of the
// entries plus kDebugEntryOverhead per entry (so a server sending one byte at
// a time cannot make millions of entries). Past it, recording stops and one
// last Text entry, kDebugTruncatedText, says so. The summary kinds (SrcAddr,
// DstAddr, RedirectCount) are added once at the end, outside the limit.
constexpr size_t kMaxDebugInfoBytes = 1024 * 1024;
constexpr size_t kDebugEntryOverhead = 64;
constexpr const char* kDebugTruncatedText =
    "rcplib: debug information truncated: the limit of 1048576 bytes per request was reached\n";

struct DebugEntry {
  DebugKind kind = DebugKind::Text;
  std::string data;
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
  // In the order recorded; empty unless the request asked (RequestOptions::debugKinds).
  std::vector<DebugEntry> debugInfo;
};

}  // namespace rcp::core
