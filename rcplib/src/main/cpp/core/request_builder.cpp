#include "request_builder.h"

#include <unordered_set>
#include <utility>

#include "errors.h"
#include "text.h"
#include "validation.h"

namespace rcp::core {
namespace {

uint32_t fail(uint32_t code, std::string message, std::string* detail) {
  if (detail != nullptr) *detail = std::move(message);
  return code;
}

bool hasNul(const std::string& text) { return text.find('\0') != std::string::npos; }

uint32_t checkHeaders(const HeaderList& headers, const char* owner, std::string* detail) {
  for (const Header& header : headers) {
    if (!isValidHeaderName(header.name)) {
      return fail(kParameterError, std::string(owner) + " header name is not a token", detail);
    }
    if (!isValidHeaderValue(header.value)) {
      return fail(kParameterError,
                  std::string("the value of ") + owner + " header '" + header.name + "' holds CR, LF or NUL", detail);
    }
  }
  return kOk;
}

uint32_t checkCookies(const std::vector<NameValue>& cookies, std::string* detail) {
  for (const NameValue& cookie : cookies) {
    if (!isValidCookieName(cookie.name)) {
      return fail(kParameterError,
                  "a cookie name must be a non-empty token (no spaces, separators or control characters)", detail);
    }
    if (!isValidCookieValue(cookie.value)) {
      return fail(kParameterError, "the value of cookie '" + cookie.name + "' holds CR, LF, NUL, ';' or ','", detail);
    }
  }
  return kOk;
}

// The absolute URL of `reference`: resolved against `base` when there is one.
// Sessions fetch the same few paths again and again, so the last resolution
// on this thread is remembered.
uint32_t absoluteUrl(const std::string& base, std::string&& reference, std::string* out, std::string* detail) {
  if (base.empty()) {
    *out = std::move(reference);
  } else {
    thread_local std::string lastBase;
    thread_local std::string lastReference;
    thread_local std::string lastResolved;
    if (base == lastBase && reference == lastReference && !lastResolved.empty()) {
      *out = lastResolved;
    } else if (resolveUrl(base, reference, out)) {
      lastBase = base;
      lastReference = reference;
      lastResolved = *out;
    } else {
      return fail(kMalformedUrl, "the URL cannot be resolved against baseAddress", detail);
    }
  }
  const uint32_t code = checkUrl(*out);
  if (code == kParameterError) return fail(code, "the request needs a URL", detail);
  if (code == kUnsupportedProtocol) return fail(code, "only http and https URLs are supported", detail);
  if (code != kOk) return fail(code, "the URL is not an absolute http or https URL with a host", detail);
  return kOk;
}

uint32_t rangeText(const std::vector<ByteRange>& ranges, std::string* out, std::string* detail) {
  out->clear();
  for (const ByteRange& range : ranges) {
    if (!range.from && !range.to) continue;
    if ((range.from && *range.from < 0) || (range.to && *range.to < 0)) {
      return fail(kParameterError, "transferRange offsets must be non-negative integers", detail);
    }
    if (range.from && range.to && *range.from > *range.to) {
      return fail(kParameterError, "transferRange.from must not exceed transferRange.to", detail);
    }
    if (!range.from && *range.to == 0) {
      return fail(kParameterError, "a suffix transferRange needs to > 0", detail);
    }
    if (!out->empty()) *out += ',';
    if (range.from) *out += std::to_string(*range.from);
    *out += '-';
    if (range.to) *out += std::to_string(*range.to);
  }
  return kOk;
}

// Request headers, then session headers the request does not name, without
// Range headers when `dropRange`; then the cookies.
void mergeHeaders(HeaderList&& own, const HeaderList& session, const std::string& cookies, bool dropRange,
                  HeaderList* out) {
  std::unordered_set<std::string> ownNames;
  ownNames.reserve(own.size());
  for (const Header& header : own) ownNames.insert(lowercased(header.name));
  out->clear();
  out->reserve(own.size() + session.size() + 1);
  for (Header& header : own) {
    if (!(dropRange && equalsIgnoreCase(header.name, "range"))) out->push_back(std::move(header));
  }
  for (const Header& header : session) {
    if (ownNames.empty() || ownNames.count(lowercased(header.name)) == 0) {
      if (!(dropRange && equalsIgnoreCase(header.name, "range"))) out->push_back(header);
    }
  }
  if (cookies.empty()) return;
  for (Header& header : *out) {
    if (equalsIgnoreCase(header.name, "cookie")) {
      header.value = header.value.empty() ? cookies : header.value + "; " + cookies;
      return;
    }
  }
  out->push_back(Header{"Cookie", cookies});
}

// "a=b; c=d": the request's cookies, then the session's it does not name.
std::string cookieText(const std::vector<NameValue>& own, const std::vector<NameValue>& session) {
  std::string text;
  auto append = [&text](const NameValue& cookie) {
    if (!text.empty()) text += "; ";
    text += cookie.name;
    text += '=';
    text += cookie.value;
  };
  std::unordered_set<std::string> ownNames;
  for (const NameValue& cookie : own) {
    ownNames.insert(cookie.name);
    append(cookie);
  }
  for (const NameValue& cookie : session) {
    if (ownNames.count(cookie.name) == 0) append(cookie);
  }
  return text;
}

// Applies the configuration's per-request functions to the request's URL. A
// function that reports a failure fails the request with its code.
uint32_t applyPerRequestRules(const PerRequestRules& rules, const std::string& url, RequestOptions* options,
                              std::string* detail) {
  RuleFailure failure;
  if (rules.useProxyFor) {
    const bool useProxy = rules.useProxyFor(url, &failure);
    if (failure.code != kOk) return fail(failure.code, std::move(failure.detail), detail);
    if (!useProxy) options->proxy = RequestOptions::Proxy::None;
  }
  if (!rules.dynamicDns) return kOk;
  StaticDnsRule rule;
  if (!urlHostAndPort(url, &rule.host, &rule.port)) return kOk;
  rule.addresses = rules.dynamicDns(rule.host, rule.port, &failure);
  if (failure.code != kOk) return fail(failure.code, std::move(failure.detail), detail);
  for (const std::string& address : rule.addresses) {
    if (!isIpLiteral(address)) return fail(kBadDnsRule, "a dynamic DNS rule returned a non-IP address", detail);
  }
  if (!rule.addresses.empty()) options->staticDns.push_back(std::move(rule));
  return kOk;
}

}  // namespace

bool isValidRangeText(const std::string& range) {
  if (range.empty()) return true;
  size_t start = 0;
  while (true) {
    const size_t comma = range.find(',', start);
    const size_t end = comma == std::string::npos ? range.size() : comma;
    const size_t dash = range.find('-', start);
    if (end - start < 2 || dash == std::string::npos || dash >= end) return false;
    for (size_t i = start; i < end; ++i) {
      const char c = range[i];
      if ((c < '0' || c > '9') && (c != '-' || i != dash)) return false;
    }
    if (comma == std::string::npos) return true;
    start = comma + 1;
  }
}

uint32_t checkSessionDefaults(const SessionDefaults& defaults, std::string* detail) {
  if (!defaults.baseUrl.empty() && checkUrl(defaults.baseUrl) != kOk) {
    return fail(kParameterError, "baseAddress is not an absolute http or https URL", detail);
  }
  const uint32_t code = checkHeaders(defaults.headers, "a session", detail);
  return code != kOk ? code : checkCookies(defaults.cookies, detail);
}

uint32_t buildRequest(const SessionDefaults& defaults, RequestDraft&& draft, const ConfigurationLayer* own,
                      const ConfigurationLayer* inherited, BuildPurpose purpose, Request* out, std::string* detail) {
  Request& request = *out;
  uint32_t code = absoluteUrl(defaults.baseUrl, std::move(draft.url), &request.url, detail);
  if (code != kOk) return code;
  request.id = std::move(draft.id);
  request.method = std::move(draft.method);
  if (!isValidMethod(request.method)) {
    return fail(kParameterError, "the method must be a token of at most 32 characters", detail);
  }
  code = checkHeaders(draft.headers, "a request", detail);
  if (code == kOk) code = checkCookies(draft.cookies, detail);
  if (code == kOk) code = rangeText(draft.ranges, &request.range, detail);
  if (code != kOk) return code;
  const std::string cookies =
      draft.cookies.empty() && defaults.cookies.empty() ? std::string() : cookieText(draft.cookies, defaults.cookies);
  mergeHeaders(std::move(draft.headers), defaults.headers, cookies, !request.range.empty(), &request.headers);
  if (hasNul(draft.downloadPath)) return fail(kParameterError, "the download path holds a NUL character", detail);
  request.downloadPath = std::move(draft.downloadPath);
  request.body = std::move(draft.body);

  PerRequestRules rules;
  resolveOptions(own, inherited, &request.options, &rules);
  if (defaults.alwaysCollectTimeInfo) request.options.collectTimeInfo = true;
  if (purpose == BuildPurpose::Check) return kOk;
  return applyPerRequestRules(rules, request.url, &request.options, detail);
}

uint32_t checkRequest(const Request& request, std::string* detail) {
  const uint32_t urlCode = checkUrl(request.url);
  if (urlCode != kOk) return fail(urlCode, "the URL is not an absolute http or https URL with a host", detail);
  if (!isValidMethod(request.method)) {
    return fail(kParameterError, "the method must be a token of at most 32 characters", detail);
  }
  const uint32_t code = checkHeaders(request.headers, "a request", detail);
  if (code != kOk) return code;
  if (!isValidRangeText(request.range)) return fail(kParameterError, "the byte range list is malformed", detail);
  if (!isValidHeaderValue(request.body.defaultContentType)) {
    return fail(kParameterError, "the default content type holds CR, LF or NUL", detail);
  }
  for (const BodySegment& segment : request.body.segments) {
    if (segment.kind == BodySegment::Kind::File && (segment.filePath.empty() || hasNul(segment.filePath))) {
      return fail(kParameterError, "a file body part needs a path without NUL characters", detail);
    }
    if (segment.kind == BodySegment::Kind::Pull && !segment.pull) {
      return fail(kParameterError, "a pulled body part needs a source", detail);
    }
  }
  if (hasNul(request.downloadPath)) return fail(kParameterError, "the download path holds a NUL character", detail);
  if ((request.options.debugKinds & ~kAllDebugKinds) != 0) {
    return fail(kParameterError, "the debug information to collect holds an unknown kind", detail);
  }
  return kOk;
}

}  // namespace rcp::core
