// One engine event on its way to JavaScript, and the numbers the module
// exports for event types and eventMask bits (index.d.ts: EVENT_*, WANT_*).
#pragma once

#include <cstdint>
#include <string>

#include "core/http_types.h"
#include "core/transfer_events.h"

namespace rcp::napi {

enum EventType : uint32_t {
  kEventData = 1,
  kEventStatus = 2,
  kEventHeaders = 3,
  kEventUploadProgress = 4,
  kEventDownloadProgress = 5,
  kEventDataEnd = 6,
  kEventCanceled = 7,
  kEventComplete = 8,
};

enum WantBits : uint32_t {
  kWantData = 1u << 0,
  kWantStatus = 1u << 1,
  kWantHeaders = 1u << 2,
  kWantProgress = 1u << 3,
  kWantTimeInfo = 1u << 4,  // collect timings even when the configuration does not ask (onTimeInfo)
};
constexpr uint32_t kAllWantBits = kWantData | kWantStatus | kWantHeaders | kWantProgress | kWantTimeInfo;

// Only the members of its type are set, like NativeEvent in index.d.ts.
struct PendingEvent {
  double token = 0;
  EventType type = kEventComplete;
  long statusCode = 0;        // kEventStatus
  uint64_t total = 0;         // progress events
  uint64_t transferred = 0;   // progress events
  std::string chunk;          // kEventData
  core::HeaderList headers;   // kEventHeaders
  core::Outcome outcome;      // kEventComplete
  bool withTimeInfo = false;  // kEventComplete: the request asked for timings
  bool bodyStreamed = false;  // kEventComplete: the body went out as kEventData chunks
};

}  // namespace rcp::napi
