// Enum members of the C structs arrive from C, where any int is a legal
// value. Reading an out-of-range value through the C++ enum type is
// undefined behaviour, so the C API reads them as plain ints and compares
// against the enumerators.
#pragma once

#include <cstring>

namespace rcp::capi {

template <typename Enum>
int rawEnum(const Enum& field) {
  static_assert(sizeof(Enum) == sizeof(int), "the C enums of rcp.h are int-sized");
  int value = 0;
  std::memcpy(&value, &field, sizeof(value));
  return value;
}

}  // namespace rcp::capi
