// CPU time of the calling thread, for tests that compare how work grows with
// input size: unlike wall-clock time it does not count the time the thread
// waits while other processes of a busy machine run.
#pragma once

#include <ctime>

namespace rcp::test {

inline double threadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

}  // namespace rcp::test
