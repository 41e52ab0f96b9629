// Input rules shared by the C API and the Node-API module, so both APIs accept
// and reject exactly the same things.
#pragma once

#include <cstdint>
#include <string>

namespace rcp::core {

// RFC 9110 token characters only, non-empty.
bool isValidHeaderName(const std::string& name);
// No CR, LF or NUL (no header injection). Empty is allowed.
bool isValidHeaderValue(const std::string& value);
// A method is a non-empty RFC 9110 token, at most 32 characters.
bool isValidMethod(const std::string& method);
// Cookie names are tokens; values may not hold CR, LF, NUL, ';' or ','.
bool isValidCookieName(const std::string& name);
bool isValidCookieValue(const std::string& value);

// Checks that `url` is an absolute http or https URL with a host.
// Returns kOk, kParameterError (empty), kMalformedUrl or kUnsupportedProtocol.
uint32_t checkUrl(const std::string& url);

// Resolves `reference` against `base` (RFC 3986), e.g. base "https://a/b/"
// and reference "c?d=1" give "https://a/b/c?d=1". An absolute reference is
// returned unchanged. An empty base returns `reference`. Returns false (and
// leaves *out untouched) when the result cannot be parsed.
bool resolveUrl(const std::string& base, const std::string& reference, std::string* out);

}  // namespace rcp::core
