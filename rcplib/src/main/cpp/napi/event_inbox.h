// The per-session queue between the engine's loop thread and the JavaScript
// thread. The engine pushes events; the first event into an empty queue wakes
// the JavaScript thread through the session's thread-safe function (one
// wake-up per batch), and the woken side takes the whole queue at once. So
// however many fetches complete while JavaScript is busy, the handler is
// called once for all of them.
//
// The inbox also owns the session's thread-safe function handle, because the
// runtime may destroy that function on its own at environment teardown; after
// that every operation here quietly does nothing.
#pragma once

#include <mutex>
#include <vector>

#include "napi/native_event.h"
#include "napi/node_api_platform.h"

namespace rcp::napi {

class SessionBinding;

class EventInbox {
 public:
  EventInbox() = default;
  EventInbox(const EventInbox&) = delete;
  EventInbox& operator=(const EventInbox&) = delete;

  // JavaScript thread, once, right after the thread-safe function is created.
  void setWakeUp(napi_threadsafe_function wakeUp);

  // Any thread. Dropped once the inbox is shut.
  void push(PendingEvent event);
  // JavaScript thread: everything queued so far, in order.
  std::vector<PendingEvent> takeAll();
  // Drops what is queued and refuses later events. Called when the session
  // closes, after the engine has promised to send nothing more.
  void shut();

  // JavaScript thread: whether the thread-safe function keeps the event loop alive.
  void keepEventLoopAlive(napi_env env, bool keep);
  // JavaScript thread: gives up the session's hold on the thread-safe function.
  void releaseWakeUp();
  // The runtime destroyed the thread-safe function (its finalizer).
  void forgetWakeUp();

  // JavaScript thread only: the binding that delivers events, or null once
  // the session is closed or finalized (late wake-ups then find nobody).
  SessionBinding* owner() const { return owner_; }
  void setOwner(SessionBinding* owner) { owner_ = owner; }

 private:
  std::mutex mutex_;
  napi_threadsafe_function wakeUp_ = nullptr;  // null once released or destroyed
  std::vector<PendingEvent> queue_;
  bool wakePosted_ = false;  // a wake-up is on its way for what is queued
  bool shut_ = false;
  SessionBinding* owner_ = nullptr;
};

}  // namespace rcp::napi
