#!/usr/bin/env bash
# Runs the C++ suites (rcp_tests, every suite) under valgrind memcheck and
# fails on any memory error or definite leak. "Still reachable" blocks are
# allowed: rcplib's event loop and registries live until process exit on
# purpose, so exit never waits on them.
#
#   tools/valgrind/run.sh <build-dir> [extra gtest arguments]
#
# <build-dir> is a plain (non-sanitizer) build with the tests, for example
# build/native-gcc from `npm test`. The soak suite runs RCP_SOAK_CYCLES
# cycles (default here 1000 instead of 10,000: memcheck is ~20x slower, and a
# leak per cycle shows as definitely lost either way).
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 <build-dir> [extra gtest arguments]" >&2
  exit 2
fi
build=$1
shift
binary=$build/tests/rcp_tests
if [[ ! -x $binary ]]; then
  echo "valgrind: no test binary at $binary (build with -DRCP_BUILD_TESTS=ON first)" >&2
  exit 2
fi
if ! command -v valgrind >/dev/null; then
  echo "valgrind: not installed (Debian package 'valgrind')" >&2
  exit 2
fi
if nm -C "$binary" 2>/dev/null | grep -q -E '__asan_init|__tsan_init'; then
  echo "valgrind: $binary is a sanitizer build; memcheck needs a plain one" >&2
  exit 2
fi

export RCP_SOAK_CYCLES=${RCP_SOAK_CYCLES:-1000}
exec valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
  --error-exitcode=1 --num-callers=40 "$binary" --gtest_brief=1 "$@"
