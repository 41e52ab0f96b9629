// Fixed-size char arrays of the C structs: whether one holds a terminated string.
#pragma once

#include <cstddef>
#include <cstring>

namespace rcp::capi {

// Some text of the C structs sits in fixed arrays (IP addresses, host names)
// that arrive from C filled with anything; reading one as a C string is only
// safe when a NUL lies inside the array.
template <size_t N>
bool hasNul(const char (&field)[N]) {
  return std::memchr(field, '\0', N) != nullptr;
}

}  // namespace rcp::capi
