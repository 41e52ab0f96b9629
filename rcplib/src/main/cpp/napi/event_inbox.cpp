#include "napi/event_inbox.h"

#include <utility>

namespace rcp::napi {

namespace {

bool isProgress(EventType type) { return type == kEventUploadProgress || type == kEventDownloadProgress; }

// The engine reports these right before the same fetch's EVENT_COMPLETE, in
// the same call on its thread (session.h contract), so waking JavaScript for
// them alone would only split a fetch's ending across two handler calls.
bool isFollowedByCompletion(EventType type) { return type == kEventDataEnd || type == kEventCanceled; }

}  // namespace

void EventInbox::setWakeUp(napi_threadsafe_function wakeUp) {
  std::lock_guard<std::mutex> lock(mutex_);
  wakeUp_ = wakeUp;
}

void EventInbox::push(PendingEvent event) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (shut_ || wakeUp_ == nullptr) return;
  if (isProgress(event.type) && !queue_.empty()) {
    PendingEvent& last = queue_.back();
    // Only the newest figure of a progress run matters to the handler.
    if (last.type == event.type && last.token == event.token) {
      last.total = event.total;
      last.transferred = event.transferred;
      return;
    }
  }
  const bool wake = !wakePosted_ && !isFollowedByCompletion(event.type);
  queue_.push_back(std::move(event));
  if (!wake) return;
  // Posted under the lock so that the runtime cannot destroy the function
  // between our check and the call (forgetWakeUp takes the same lock). The
  // call never blocks (no queue limit) and never runs JavaScript.
  if (napi_call_threadsafe_function(wakeUp_, nullptr, napi_tsfn_nonblocking) != napi_ok) {
    // napi_closing: the environment is going away and nobody will read the queue.
    shut_ = true;
    queue_.clear();
    return;
  }
  wakePosted_ = true;
}

std::vector<PendingEvent> EventInbox::takeAll() {
  std::vector<PendingEvent> taken;
  std::lock_guard<std::mutex> lock(mutex_);
  taken.swap(queue_);
  // The next event starts a new batch and needs its own wake-up.
  wakePosted_ = false;
  return taken;
}

void EventInbox::shut() {
  std::vector<PendingEvent> dropped;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    shut_ = true;
    dropped.swap(queue_);
  }
  // `dropped` (bodies included) is freed here, outside the lock.
}

void EventInbox::keepEventLoopAlive(napi_env env, bool keep) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (wakeUp_ == nullptr) return;
  if (keep) {
    napi_ref_threadsafe_function(env, wakeUp_);
  } else {
    napi_unref_threadsafe_function(env, wakeUp_);
  }
}

void EventInbox::releaseWakeUp() {
  napi_threadsafe_function wakeUp = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    shut_ = true;
    std::swap(wakeUp, wakeUp_);
  }
  // Outside the lock: on some runtimes the last release finalizes at once,
  // and the finalizer calls forgetWakeUp().
  if (wakeUp != nullptr) napi_release_threadsafe_function(wakeUp, napi_tsfn_release);
}

void EventInbox::forgetWakeUp() {
  std::lock_guard<std::mutex> lock(mutex_);
  shut_ = true;
  wakeUp_ = nullptr;
  queue_.clear();
}

}  // namespace rcp::napi
