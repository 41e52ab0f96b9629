// Session handles. An Rcp_Session* given to the application is an opaque
// number, never a pointer rcplib dereferences: every call looks it up here,
// so a closed (or made-up) handle yields 1007900993 instead of a crash, and
// a handle value is never reused for another session.
#pragma once

#include <rcp/rcp.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "capi/configuration.h"
#include "capi/configuration_copy.h"
#include "capi/transfer_sink.h"
#include "core/session.h"

namespace rcp::capi {

class FetchCall;

struct SessionEntry {
  std::shared_ptr<core::Session> core;
  std::unique_ptr<SessionConfigurationCopy> config;
  std::shared_ptr<SessionActivity> activity = std::make_shared<SessionActivity>();
  bool isDefault = false;
  int handles = 0;  // guarded by the registry's mutex

  // Fetches currently inside async interceptors, settled by cancel and close.
  // `closing` is set under this mutex so no call is added after the sweep.
  std::mutex pendingMutex;
  std::map<uintptr_t, std::weak_ptr<FetchCall>> pending;
};

// Creates a session entry (core session + configuration copy). Returns
// nullptr and sets *error (401, 1007900994, 1007900027) on failure.
std::shared_ptr<SessionEntry> createSessionEntry(const Rcp_SessionConfiguration* configuration, uint32_t* error);

// Closes the core session, settles interceptor-held fetches with 1007900992,
// then calls the listener (onCanceled if anything was canceled, onClosed).
void closeSessionEntry(SessionEntry& entry);

class SessionRegistry {
 public:
  static SessionRegistry& instance();

  // A new handle for `entry`.
  Rcp_Session* addHandle(const std::shared_ptr<SessionEntry>& entry);
  // The entry behind a live handle, or nullptr.
  std::shared_ptr<SessionEntry> find(const Rcp_Session* handle);
  // Like find(), but also nullptr while the session is closing.
  std::shared_ptr<SessionEntry> findOpen(const Rcp_Session* handle);
  // Removes a handle. Returns its entry (nullptr if the handle is not live)
  // and sets *lastHandle when no other handle refers to the entry.
  std::shared_ptr<SessionEntry> removeHandle(const Rcp_Session* handle, bool* lastHandle);
  // A new handle to the process-wide default session, created on demand.
  uint32_t acquireDefault(Rcp_Session** out);

 private:
  Rcp_Session* addHandleLocked(const std::shared_ptr<SessionEntry>& entry);

  std::mutex mutex_;
  std::unordered_map<uintptr_t, std::shared_ptr<SessionEntry>> handles_;
  uintptr_t lastHandle_ = 0;
  std::weak_ptr<SessionEntry> defaultSession_;
};

}  // namespace rcp::capi
