// Set-Cookie parsing (RFC 6265 section 5.2, lenient in the same places
// browsers are). Input is untrusted server data: never throws, never crashes.
#pragma once

#include <string>
#include <vector>

#include "http_types.h"

namespace rcp::core {

// Parses one Set-Cookie header value. Returns false when it has no usable
// name=value pair (such headers are ignored, as RFC 6265 says).
bool parseSetCookie(const std::string& headerValue, ResponseCookie* cookie);

// Every valid cookie from the `set-cookie` headers of `headers`, in order.
std::vector<ResponseCookie> parseSetCookies(const HeaderList& headers);

}  // namespace rcp::core
