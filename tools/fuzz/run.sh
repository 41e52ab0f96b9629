#!/usr/bin/env bash
# Builds rcplib's libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined)
# and runs each one for a short time, starting from its seed corpus in
# rcplib/src/main/cpp/fuzz/corpus/<target>/. Fails on any crash, sanitizer
# report, leak, time-out or broken invariant; the input that caused it is
# saved as build/fuzz/artifacts/<target>-crash-<sha1> (or -leak-, -timeout-).
#
#   tools/fuzz/run.sh [seconds-per-target]      default 10
#
# RCP_FUZZ_BUILD_DIR   build directory (default build/fuzz)
# RCP_FUZZ_TARGETS     space-separated subset of the targets to run
# RCP_FUZZ_KEEP_CORPUS directory that keeps the inputs this run discovers
#                      (default: a temporary directory, deleted afterwards);
#                      the seed corpus in the repository is never written.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-10}
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "usage: $0 [seconds-per-target]" >&2
  exit 2
fi
build=${RCP_FUZZ_BUILD_DIR:-$root/build/fuzz}
corpus=$root/rcplib/src/main/cpp/fuzz/corpus
jobs=$(nproc 2>/dev/null || echo 2)

CC=clang CXX=clang++ cmake -S "$root/rcplib/src/main/cpp" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRCP_BUILD_FUZZERS=ON -DRCP_BUILD_TESTS=OFF -Wno-dev >/dev/null
cmake --build "$build" --target rcp_fuzzers -j "$jobs"

targets=${RCP_FUZZ_TARGETS:-$(cd "$corpus" && echo *)}
if [[ -n ${RCP_FUZZ_KEEP_CORPUS:-} ]]; then
  discovered=$RCP_FUZZ_KEEP_CORPUS
  mkdir -p "$discovered"
else
  discovered=$(mktemp -d)
  trap 'rm -rf "$discovered"' EXIT
fi
artifacts=$build/artifacts
mkdir -p "$artifacts"

passed=0
failed=0
for target in $targets; do
  binary=$build/fuzz/$target
  if [[ ! -x $binary || ! -d $corpus/$target ]]; then
    echo "fuzz $target: no such target (binary $binary, corpus $corpus/$target)" >&2
    failed=$((failed + 1))
    continue
  fi
  mkdir -p "$discovered/$target"
  log=$build/$target.log
  # New inputs go to the first directory; the seed corpus is only read.
  if "$binary" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix="$artifacts/$target-" "$discovered/$target" "$corpus/$target" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz $target: ok, ${runs:-?} inputs in ${seconds} s"
    passed=$((passed + 1))
  else
    echo "fuzz $target: FAILED (log $log, artifacts $artifacts/$target-*)"
    grep -E 'ERROR|invariant broken|runtime error|SUMMARY' "$log" | head -n 20 || true
    failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
((failed == 0))
