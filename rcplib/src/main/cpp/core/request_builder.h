// The one place where a request meets its session's defaults: both APIs
// translate their types into a RequestDraft and SessionDefaults, and this
// builds the core::Request the engine runs, checking everything on the way.
//
// The rules (the kit's documented semantics; where it is silent, RFC 9110):
//  - url: resolved against the session's baseUrl (RFC 3986) when one is set,
//    then it must be an absolute http(s) URL with a host.
//  - method: an RFC 9110 token of at most 32 characters (the API layers
//    supply GET when the application gives none).
//  - headers: the request's own headers, in order, then the session's headers
//    whose names (ignoring case) the request does not set. Names are tokens,
//    values hold no CR, LF or NUL.
//  - cookies: the request's cookies, then the session's cookies whose names the
//    request does not set, as one "a=b; c=d" value appended to the first
//    Cookie header, or added as one. Names are tokens; values hold no CR, LF,
//    NUL, ';' or ','.
//  - ranges: each {from, to} with at least one bound becomes "from-to",
//    "from-" or "-to" (a suffix); bounds are non-negative, from <= to, and a
//    suffix is at least 1 byte. When any remain, Range headers from the
//    request and the session are dropped: the ranges win.
//  - configuration: the request's layer over the session's layer over the
//    defaults (configuration_layer.h).
// Linear in the number of headers and cookies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "configuration_layer.h"
#include "request.h"

namespace rcp::core {

struct NameValue {
  std::string name;
  std::string value;
};

// A byte range of the kit's TransferRange; a bound that is not set is nullopt.
struct ByteRange {
  std::optional<int64_t> from;
  std::optional<int64_t> to;
};

// What a session adds to every request. Checked once, when the session is
// created (checkSessionDefaults).
struct SessionDefaults {
  std::string baseUrl;  // empty = none
  HeaderList headers;
  std::vector<NameValue> cookies;
  // The C API's Rcp_Response always carries timeInfo, so its requests always
  // collect timings; the ArkTS API collects them when tracing asks.
  bool alwaysCollectTimeInfo = false;
};

// A request as the application gave it, translated to engine types.
struct RequestDraft {
  std::string id;
  std::string url;  // absolute, or relative to the session's baseUrl
  std::string method = "GET";
  HeaderList headers;
  std::vector<NameValue> cookies;
  std::vector<ByteRange> ranges;
  RequestBody body;
  std::string downloadPath;  // non-empty: the body goes to this file
};

// Why a request is built: Check (an interceptor chain looks at it before it is
// sent) skips the configuration's per-request functions, so they run once, on
// Send.
enum class BuildPurpose { Check, Send };

// Checks a session's defaults. Returns kOk or kParameterError with *detail.
uint32_t checkSessionDefaults(const SessionDefaults& defaults, std::string* detail);

// Builds `out` from `draft`, the session's `defaults`, the request's
// configuration layer `own` and the session's `inherited` (either may be
// null; both must have passed checkConfigurationLayer). `draft` is consumed.
// Returns kOk, or kParameterError, kMalformedUrl, kUnsupportedProtocol or
// kBadDnsRule with a message for the application in *detail (never quoting
// a header or cookie value).
uint32_t buildRequest(const SessionDefaults& defaults, RequestDraft&& draft, const ConfigurationLayer* own,
                      const ConfigurationLayer* inherited, BuildPurpose purpose, Request* out, std::string* detail);

// Checks a built request as Session::fetch receives it: URL, method, header
// names and values, range syntax, body segments and download path. Returns
// kOk or the code buildRequest would have returned, with *detail.
uint32_t checkRequest(const Request& request, std::string* detail);

// A byte range list as the engine takes it ("0-99,200-", "-500"): digits, '-'
// and ','; empty is none.
bool isValidRangeText(const std::string& range);

}  // namespace rcp::core
