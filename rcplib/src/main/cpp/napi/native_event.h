// One engine event on its way to JavaScript. Its type (EventType) and the
// eventMask bits (WantBits) are declared in napi/boundary_table.h.
#pragma once

#include <cstdint>
#include <string>

#include "core/http_types.h"
#include "core/transfer_events.h"
#include "napi/boundary.h"

namespace rcp::napi {

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
