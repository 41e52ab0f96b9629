#include "capi/session_registry.h"

#include "capi/fetch_call.h"
#include "core/errors.h"

namespace rcp::capi {
namespace {

// Handles are (sequence << 4) | 5: odd, so they can never be mistaken for the
// address of a real object, and never 0.
constexpr uintptr_t kHandleTag = 5;

}  // namespace

std::shared_ptr<SessionEntry> createSessionEntry(const Rcp_SessionConfiguration* configuration, uint32_t* error) {
  auto entry = std::make_shared<SessionEntry>();
  *error = SessionConfigurationCopy::create(configuration, &entry->config);
  if (*error != core::kOk) {
    return nullptr;
  }
  uint32_t coreError = core::kOk;
  entry->core = core::Session::create(entry->config->sessionOptions(), &coreError);
  if (!entry->core) {
    *error = coreError != core::kOk ? coreError : core::kInternalError;
    return nullptr;
  }
  return entry;
}

void closeSessionEntry(SessionEntry& entry) {
  {
    std::lock_guard<std::mutex> lock(entry.pendingMutex);
    entry.activity->closing.store(true);
  }
  entry.core->close();
  const size_t held = settleHeldCalls(entry, nullptr, core::kRequestCanceled);
  const size_t canceled = held + static_cast<size_t>(entry.activity->canceledByClose.load());
  const Rcp_SessionListener listener = entry.config->listener();
  if (canceled > 0 && listener.onCanceled != nullptr) {
    listener.onCanceled();
  }
  if (listener.onClosed != nullptr) {
    listener.onClosed();
  }
}

SessionRegistry& SessionRegistry::instance() {
  // Never destroyed: applications may close sessions during static destruction.
  static SessionRegistry* registry = new SessionRegistry();
  return *registry;
}

Rcp_Session* SessionRegistry::addHandleLocked(const std::shared_ptr<SessionEntry>& entry) {
  const uintptr_t handle = (++lastHandle_ << 4) | kHandleTag;
  handles_[handle] = entry;
  ++entry->handles;
  return reinterpret_cast<Rcp_Session*>(handle);
}

Rcp_Session* SessionRegistry::addHandle(const std::shared_ptr<SessionEntry>& entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  return addHandleLocked(entry);
}

std::shared_ptr<SessionEntry> SessionRegistry::find(const Rcp_Session* handle) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = handles_.find(reinterpret_cast<uintptr_t>(handle));
  return it == handles_.end() ? nullptr : it->second;
}

std::shared_ptr<SessionEntry> SessionRegistry::findOpen(const Rcp_Session* handle) {
  std::shared_ptr<SessionEntry> entry = find(handle);
  return entry && !entry->activity->closing.load() ? entry : nullptr;
}

std::shared_ptr<SessionEntry> SessionRegistry::removeHandle(const Rcp_Session* handle, bool* lastHandle) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = handles_.find(reinterpret_cast<uintptr_t>(handle));
  if (it == handles_.end()) {
    return nullptr;
  }
  std::shared_ptr<SessionEntry> entry = std::move(it->second);
  handles_.erase(it);
  *lastHandle = --entry->handles == 0;
  if (*lastHandle && entry->isDefault) {
    // The next Rcp_GetDefaultSession must create a new session, not revive this one.
    defaultSession_.reset();
  }
  return entry;
}

uint32_t SessionRegistry::acquireDefault(Rcp_Session** out) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (std::shared_ptr<SessionEntry> existing = defaultSession_.lock()) {
      *out = addHandleLocked(existing);
      return core::kOk;
    }
  }
  // Created without the lock held: the engine may need its loop thread, whose
  // callbacks may be waiting for this lock.
  uint32_t error = core::kOk;
  std::shared_ptr<SessionEntry> created = createSessionEntry(nullptr, &error);
  if (!created) {
    return error;
  }
  created->isDefault = true;
  std::shared_ptr<SessionEntry> unused;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (std::shared_ptr<SessionEntry> existing = defaultSession_.lock()) {
      unused = created;  // another thread won the race
      *out = addHandleLocked(existing);
    } else {
      defaultSession_ = created;
      *out = addHandleLocked(created);
    }
  }
  if (unused) {
    unused->core->close();
  }
  return core::kOk;
}

}  // namespace rcp::capi
