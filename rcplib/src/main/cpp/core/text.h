// Small ASCII string helpers for protocol text (header names, attributes).
#pragma once

#include <string>

namespace rcp::core {

// Removes leading and trailing spaces and tabs.
std::string trimmed(const std::string& s);
// ASCII lower-casing; other bytes are kept as they are.
std::string lowercased(std::string s);
bool equalsIgnoreCase(const std::string& a, const std::string& b);
// ASCII case-insensitive prefix test, e.g. a URL's scheme.
bool startsWithIgnoreCase(const std::string& s, const char* prefix);

}  // namespace rcp::core
