// A session: a connection pool plus the requests running on it. Sessions are
// cheap: they share one process-wide event-loop thread (see loop.h).
//
// Lifecycle contract (every layer relies on it):
//  1. Every fetch() that returns kOk ends in exactly one TransferEvents::onComplete.
//  2. cancel()/cancelAll() settle the matching transfers at once with
//     kRequestCanceled: the engine does not wait for network activity.
//  3. close() cancels everything in flight, frees connections and memory, and
//     when it returns no further event for this session will be delivered.
//     Later calls return kSessionClosed. Calling it from inside an event works.
//  4. No event is delivered while an engine lock is held.
//  5. The engine never blocks a caller on DNS or network teardown.
//  6. At most kMaxOpenSessions sessions are open per process.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "request.h"
#include "transfer_events.h"

namespace rcp::core {

constexpr int kMaxOpenSessions = 1024;

struct SessionOptions {
  long maxConnectionsPerHost = 6;
  long maxTotalConnections = 64;
  long maxIdleConnections = 0;  // idle connections kept for reuse; 0 = maxTotalConnections
};

class SessionImpl;

// True on the engine's event-loop thread, i.e. inside any TransferEvents call.
// Blocking waits for engine work (a synchronous fetch) must not happen there.
bool isLoopThread();

class Session {
 public:
  // Returns nullptr and sets *error to kSessionLimit or kParameterError on failure.
  static std::shared_ptr<Session> create(const SessionOptions& options, uint32_t* error);

  ~Session();  // closes the session if it is still open
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Starts a fetch. Checks `request` first (checkRequest in request_builder.h)
  // and returns its code, with a message in *detail, when it fails. Otherwise
  // returns kOk (events will report the result), kSessionClosed, or
  // kParameterError when a fetch with the same non-empty request id is already
  // in flight on this session.
  uint32_t fetch(Request request, std::shared_ptr<TransferEvents> events, std::string* detail = nullptr);

  // Cancels every in-flight fetch whose request id equals `requestId`.
  // Returns kOk (also when nothing matched) or kSessionClosed.
  uint32_t cancel(const std::string& requestId);
  uint32_t cancelAll();

  // Returns kOk the first time and kSessionClosed afterwards.
  uint32_t close();

  bool isClosed() const;
  const std::string& id() const;
  // Number of fetches that have not yet completed.
  size_t inFlight() const;

  // Number of sessions open in this process (for tests and diagnostics).
  static int openCount();

 private:
  explicit Session(std::shared_ptr<SessionImpl> impl);
  std::shared_ptr<SessionImpl> impl_;
};

}  // namespace rcp::core
