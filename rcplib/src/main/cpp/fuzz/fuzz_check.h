// The assertion of the fuzz targets: a broken invariant aborts, which
// libFuzzer reports as a crash and saves the input that caused it. (assert()
// would vanish in builds with NDEBUG.)
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)
