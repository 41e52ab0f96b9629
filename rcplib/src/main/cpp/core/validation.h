// Input rules shared by the C API and the Node-API module, so both APIs accept
// and reject exactly the same things.
#pragma once

#include <cstdint>
#include <string>

namespace rcp::core {

// One RFC 9110 token character (tchar): a table, since header parsing asks
// for every byte of every received field name.
inline bool isTokenChar(unsigned char c) {
  static constexpr bool kTchar[256] = {
      // 0x00-0x1f: controls
      false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,
      false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,
      // 0x20-0x2f: SP ! " # $ % & ' ( ) * + , - . /
      false, true, false, true, true, true, true, true, false, false, true, true, false, true, true, false,
      // 0x30-0x3f: 0-9 : ; < = > ?
      true, true, true, true, true, true, true, true, true, true, false, false, false, false, false, false,
      // 0x40-0x4f: @ A-O
      false, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
      // 0x50-0x5f: P-Z [ \ ] ^ _
      true, true, true, true, true, true, true, true, true, true, true, false, false, false, true, true,
      // 0x60-0x6f: ` a-o
      true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
      // 0x70-0x7f: p-z { | } ~ DEL
      true, true, true, true, true, true, true, true, true, true, true, false, true, false, true, false,
      // 0x80-0xff: not ASCII (zero-initialized)
  };
  return kTchar[c];
}
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
