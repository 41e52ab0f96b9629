// Struct fields from fuzz input, shared by the targets that build the C API's
// input structs: enum members with raw values (mostly in range) and fixed
// char arrays that may lack their NUL.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

// Writes an enum member's raw value: one in 0..validCount-1, except that one
// time in `outOfRangeOneIn` it is any int.
template <typename Enum>
void fuzzEnum(FuzzedDataProvider& input, Enum* field, int validCount, int outOfRangeOneIn) {
  const int value = input.ConsumeIntegralInRange<int>(0, outOfRangeOneIn - 1) != 0
                        ? input.ConsumeIntegralInRange<int>(0, validCount - 1)
                        : input.ConsumeIntegral<int>();
  std::memcpy(field, &value, sizeof value);
}

// Fills a fixed char array from the input, NUL-terminated or not.
template <size_t N>
void fuzzFixedText(FuzzedDataProvider& input, char (&field)[N]) {
  const std::vector<uint8_t> bytes = input.ConsumeBytes<uint8_t>(input.ConsumeIntegralInRange<size_t>(0, N));
  std::memset(field, 0, N);
  if (!bytes.empty()) std::memcpy(field, bytes.data(), bytes.size());
}
