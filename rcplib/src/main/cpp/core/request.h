// A request as the engine runs it: a fully resolved value, built from the
// application's request and its session's defaults by the request builder
// (request_builder.h) and checked again by Session::fetch; the engine never
// mutates it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "http_types.h"

namespace rcp::core {

constexpr uint32_t kDefaultConnectTimeoutMs = 60000;
constexpr uint32_t kDefaultTransferTimeoutMs = 60000;
constexpr uint32_t kDefaultMaxRedirects = 50;
constexpr size_t kDefaultMaxBodyBytes = 50u * 1024u * 1024u;
// The largest timeout the engine accepts; larger values are parameter errors.
constexpr uint32_t kMaxTimeoutMs = 0x7fffffffu;

// One piece of a request body. Bodies are streamed segment by segment, so a
// multipart form with a file part never loads the file into memory.
struct BodySegment {
  enum class Kind { Bytes, File, Pull };
  Kind kind = Kind::Bytes;
  std::string bytes;     // Kind::Bytes
  std::string filePath;  // Kind::File: the whole file is sent
  // Kind::Pull: fills `out` with at most `capacity` bytes and returns how many
  // it wrote; 0 ends the segment, a negative value fails the request with
  // kReadError. Called on the engine thread, outside any engine lock.
  std::function<long(char* out, size_t capacity)> pull;
};

struct RequestBody {
  std::vector<BodySegment> segments;
  // Used as Content-Type when the request has no content-type header.
  std::string defaultContentType;
  bool empty() const { return segments.empty(); }
  // Pulled segments cannot be rewound, and their total size is unknown.
  bool hasPullSegments() const {
    for (const BodySegment& s : segments) {
      if (s.kind == BodySegment::Kind::Pull) return true;
    }
    return false;
  }
};

struct StaticDnsRule {
  std::string host;
  uint16_t port = 0;
  std::vector<std::string> addresses;  // IPv4 or IPv6 literals
};

// A DNS server to ask instead of the system's (needs a c-ares libcurl).
struct DnsServer {
  std::string ip;     // IPv4 or IPv6 literal, no brackets
  uint16_t port = 0;  // 0 = 53
  bool operator==(const DnsServer& other) const { return ip == other.ip && port == other.port; }
};

struct RequestOptions {
  // Transfer
  uint32_t connectTimeoutMs = kDefaultConnectTimeoutMs;    // 0 = no limit
  uint32_t transferTimeoutMs = kDefaultTransferTimeoutMs;  // whole request; 0 = no limit
  uint32_t inactivityTimeoutMs = 0;                        // no bytes either way for this long; 0 = off
  bool autoRedirect = true;
  uint32_t maxRedirects = kDefaultMaxRedirects;
  size_t maxBodyBytes = kDefaultMaxBodyBytes;  // in-memory body cap (decoded bytes)
  enum class HttpVersion { Auto, Http1Only, Http2PriorKnowledge };
  HttpVersion httpVersion = HttpVersion::Auto;  // Auto = h2 over TLS by ALPN, else 1.1
  bool forbidCleartext = false;                 // plain http:// fails with kCleartextForbidden
  bool decodeContent = true;                    // send Accept-Encoding and decode gzip/br/zstd
  // TCP keep-alive probing (SO_KEEPALIVE with TCP_KEEPIDLE, TCP_KEEPINTVL and
  // TCP_KEEPCNT) and TCP_USER_TIMEOUT on the request's new connections.
  // tcpSet = false leaves the socket as the OS makes it.
  bool tcpSet = false;
  bool tcpKeepAlive = false;
  uint32_t tcpKeepIdleSec = 7200;
  uint32_t tcpKeepIntervalSec = 75;
  uint32_t tcpKeepCount = 9;
  uint32_t tcpUserTimeoutMs = 0;  // 0 = the OS default

  // Security
  enum class Validation { System, Skip, CustomCa };
  Validation validation = Validation::System;
  std::string caContent;  // PEM text
  std::string caFile;
  std::string caFolder;
  std::string clientCertContent;
  std::string clientCertFile;
  std::string clientCertType;  // "PEM", "DER" or "P12"
  std::string clientKey;       // path or PEM text
  std::string clientKeyPassword;
  std::string authUser;
  std::string authPassword;
  enum class AuthType { None, Auto, Basic, Ntlm, Digest };
  AuthType authType = AuthType::None;
  std::vector<std::string> pinnedPublicKeys;  // "sha256//<base64>"

  // Proxy
  enum class Proxy { System, None, Custom };
  Proxy proxy = Proxy::System;
  std::string proxyUrl;
  bool proxyTunnelAlways = false;
  std::vector<std::string> proxyExclusions;  // host names that bypass the proxy

  // DNS
  std::vector<StaticDnsRule> staticDns;
  // The kit's happyEyeballOnDnsRule. false: of the addresses the static rules
  // give one host and port, only the last is used. true: all of them, in
  // order, raced by libcurl's Happy Eyeballs (IPv6 and IPv4 in parallel after
  // 200 ms, the next address when one fails).
  bool happyEyeballs = false;
  std::vector<DnsServer> dnsServers;
  std::string dohUrl;
  bool dohSkipVerify = false;

  // Tracing
  bool collectTimeInfo = true;
  // Write libcurl's informational lines for this request to the log (log.h).
  bool verbose = false;
  // debugKindBit()s of what Response::debugInfo collects; 0 = nothing (and no
  // work at all). Bounded by kMaxDebugInfoBytes (http_types.h).
  uint32_t debugKinds = 0;
};

struct Request {
  std::string id;   // caller's request id; cancel(id) finds transfers by it
  std::string url;  // absolute http(s) URL
  std::string method = "GET";
  HeaderList headers;  // already validated: no CR, LF or NUL
  RequestBody body;
  std::string range;  // "0-99,200-" style, empty for none
  RequestOptions options;
  std::string downloadPath;  // non-empty: write the body to this file instead of memory
};

}  // namespace rcp::core
