// A request's debug information (TracingConfiguration.verbose and
// infoToCollect, core/configuration_layer.h): libcurl's debug callback,
// recorded within kMaxDebugInfoBytes (http_types.h) and, for verbose,
// written to the log. A Transfer has one only when its request asks for
// either, so other requests pay nothing: no callback, no verbose libcurl.
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "http_types.h"

namespace rcp::core {

class DebugTrace {
 public:
  // `kinds`: the debugKindBit()s to record; `verbose`: log libcurl's text lines.
  DebugTrace(uint32_t kinds, bool verbose) : kinds_(kinds), verbose_(verbose) {}

  // Sets libcurl's debug callback on `easy` (and CURLOPT_VERBOSE, which it
  // needs). Returns false when libcurl refused.
  bool attach(CURL* easy);
  // Unsets them, so a handle kept for reuse never calls into a freed trace.
  static void detach(CURL* easy) noexcept;

  // The entries recorded, followed by the summary kinds asked for (SrcAddr,
  // DstAddr, RedirectCount), read from the finished transfer's `easy`.
  // Throws std::bad_alloc when out of memory.
  std::vector<DebugEntry> take(CURL* easy);

  // Data bytes kept plus kDebugEntryOverhead per entry; at most kMaxDebugInfoBytes.
  size_t keptBytes() const { return kept_; }
  bool truncated() const { return truncated_; }

  // CURLOPT_DEBUGFUNCTION, `self` being the trace. Runs on the loop thread
  // inside libcurl: never throws, never blocks, and allocates only within the
  // limit.
  static int onDebug(CURL* easy, curl_infotype type, char* data, size_t size, void* self) noexcept;

 private:
  void record(DebugKind kind, const char* data, size_t size) noexcept;
  void appendSummary(DebugKind kind, std::vector<DebugEntry>* out, CURL* easy);

  const uint32_t kinds_;
  const bool verbose_;
  std::vector<DebugEntry> entries_;
  size_t kept_ = 0;  // data bytes plus kDebugEntryOverhead per entry
  bool truncated_ = false;
};

}  // namespace rcp::core
