// The native half of one NativeSession object: the engine session, its event
// inbox and thread-safe function, and the references that keep JavaScript
// alive exactly while fetches are in flight. JavaScript thread only.
//
// Keep-alive rule: while at least one accepted fetch has not yet delivered
// its EVENT_COMPLETE, the handler and the session object are held strongly
// and the thread-safe function keeps the runtime's event loop alive. When
// idle, both references are weak and the thread-safe function is unref'd, so
// an idle session neither keeps the process running nor escapes garbage
// collection; its finalizer then closes the engine session.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/request_builder.h"
#include "core/session.h"
#include "napi/env_state.h"
#include "napi/event_inbox.h"
#include "napi/node_api_platform.h"

namespace rcp::napi {

class SessionBinding {
 public:
  // Creates the engine session and its thread-safe function, and wraps the
  // binding into `object`, which must already hold the handler and the factory
  // under the environment's keys. `factory` builds each event object
  // (NativeEventFactory), `handler` takes each batch of them.
  // `defaults` (already checked) are added to every request of the session.
  // Returns kOk, kSessionLimit, kParameterError or kInternalError.
  static uint32_t attach(napi_env env, napi_value object, napi_value handler, napi_value factory,
                         const core::SessionOptions& options, core::SessionDefaults defaults);
  // The binding wrapped into `object`, or null.
  static SessionBinding* of(napi_env env, napi_value object);

  SessionBinding(const SessionBinding&) = delete;
  SessionBinding& operator=(const SessionBinding&) = delete;
  ~SessionBinding();

  const std::string& id() const { return session_->id(); }
  bool isClosed() const { return closed_; }
  const core::SessionDefaults& defaults() const { return defaults_; }
  size_t inFlight() const { return closed_ ? 0 : session_->inFlight(); }

  uint32_t fetch(core::Request request, double token, uint32_t eventMask, std::string* detail);
  uint32_t cancel(const std::string& requestId);
  uint32_t cancelAll();
  // Closes the engine session, then drops every queued event, so nothing is
  // delivered once this returns. Returns kOk or kSessionClosed.
  uint32_t close();

 private:
  SessionBinding(napi_env env, std::shared_ptr<EnvState> state, std::shared_ptr<core::Session> session,
                 core::SessionDefaults defaults);

  static void deliverQueued(napi_env env, napi_value unusedCallback, void* context, void* unusedData);
  static void finalizeInbox(napi_env env, void* data, void* hint);
  static void finalizeWrapper(napi_env env, void* data, void* hint);

  void deliver(napi_env env);
  // Reports an exception left pending by the handler or the factory as uncaught.
  static void reportPendingException(napi_env env);
  // Makes references strong/weak and the thread-safe function ref'd/unref'd
  // to match whether fetches are still undelivered.
  void updateKeepAlive();

  const napi_env env_;
  const std::shared_ptr<EnvState> state_;
  const std::shared_ptr<core::Session> session_;
  const core::SessionDefaults defaults_;
  std::shared_ptr<EventInbox> inbox_;
  napi_ref handler_ = nullptr;
  napi_ref factory_ = nullptr;
  napi_ref wrapper_ = nullptr;
  size_t undelivered_ = 0;  // accepted fetches whose EVENT_COMPLETE has not reached JavaScript
  bool keptAlive_ = false;
  bool closed_ = false;
};

}  // namespace rcp::napi
