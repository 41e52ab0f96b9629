#include "capi/fetch_call.h"

#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "capi/session_registry.h"

namespace rcp::capi {
namespace {

// Ids and handler values share one odd-valued sequence, like session handles.
constexpr uintptr_t kIdTag = 3;

struct AsyncHandler {
  std::weak_ptr<FetchCall> call;
  size_t index = 0;
};

struct SyncHandler {
  std::weak_ptr<SyncCall> call;
  size_t index = 0;
};

struct CallRegistry {
  std::mutex mutex;
  uintptr_t lastId = 0;
  std::map<uintptr_t, std::shared_ptr<FetchCall>> calls;
  std::map<uintptr_t, AsyncHandler> asyncHandlers;
  std::map<uintptr_t, SyncHandler> syncHandlers;

  uintptr_t nextIdLocked() { return (++lastId << 4) | kIdTag; }
};

CallRegistry& registry() {
  // Never destroyed: interceptors may call back during static destruction.
  static CallRegistry* instance = new CallRegistry();
  return *instance;
}

// Removes the call and its handlers; returns the registry's reference so the
// call is destroyed by the caller, outside the lock.
std::shared_ptr<FetchCall> takeCall(uintptr_t id) {
  CallRegistry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.calls.find(id);
  if (it == r.calls.end()) {
    return nullptr;
  }
  std::shared_ptr<FetchCall> call = std::move(it->second);
  r.calls.erase(it);
  for (uintptr_t handler : call->handlerIds) {
    r.asyncHandlers.erase(handler);
  }
  call->handlerIds.clear();
  return call;
}

void removePendingCall(SessionEntry& entry, uintptr_t id) {
  std::lock_guard<std::mutex> lock(entry.pendingMutex);
  entry.pending.erase(id);
}

void destroyResponse(Rcp_Response* response) {
  if (response != nullptr && response->destroyResponse != nullptr) {
    response->destroyResponse(response);
  }
}

// Hands the result to the application unless the call already settled.
void deliver(FetchCall& call, Rcp_Response* response, uint32_t code) {
  if (call.settled.exchange(true)) {
    destroyResponse(response);  // canceled or closed meanwhile: the application has its answer
    return;
  }
  if (response != nullptr && call.request && response->request == call.request->get()) {
    response->request = call.applicationRequest;
  }
  call.applicationCallback.callback(call.applicationCallback.usrCtx, response, code);
}

// The relay: the callback object the first interceptor receives.
void relayToApplication(void* usrCtx, Rcp_Response* response, uint32_t code) {
  std::shared_ptr<FetchCall> call = takeCall(reinterpret_cast<uintptr_t>(usrCtx));
  if (!call) {
    destroyResponse(response);  // a second answer for the same fetch
    return;
  }
  if (std::shared_ptr<SessionEntry> entry = call->session.lock()) {
    removePendingCall(*entry, call->id);
  }
  deliver(*call, response, code);
}

}  // namespace

void registerCall(const std::shared_ptr<FetchCall>& call) {
  CallRegistry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  call->id = r.nextIdLocked();
  call->relay = Rcp_ResponseCallbackObject{relayToApplication, reinterpret_cast<void*>(call->id)};
  r.calls[call->id] = call;
}

void dropCall(uintptr_t id) { takeCall(id); }

bool addPendingCall(SessionEntry& entry, const std::shared_ptr<FetchCall>& call) {
  std::lock_guard<std::mutex> lock(entry.pendingMutex);
  if (entry.activity->closing.load()) {
    return false;
  }
  entry.pending[call->id] = call;
  return true;
}

size_t settleHeldCalls(SessionEntry& entry, const std::string* requestId, uint32_t code) {
  std::vector<std::shared_ptr<FetchCall>> matched;
  {
    std::lock_guard<std::mutex> lock(entry.pendingMutex);
    for (auto it = entry.pending.begin(); it != entry.pending.end();) {
      std::shared_ptr<FetchCall> call = it->second.lock();
      if (call && requestId != nullptr && call->requestId != *requestId) {
        ++it;
        continue;
      }
      if (call) {
        matched.push_back(std::move(call));
      }
      it = entry.pending.erase(it);
    }
  }
  size_t settled = 0;
  for (const std::shared_ptr<FetchCall>& call : matched) {
    // The call stays registered: the interceptor holding it may still use
    // its handler and relay, which now answer with an error / are ignored.
    if (!call->settled.exchange(true)) {
      call->applicationCallback.callback(call->applicationCallback.usrCtx, nullptr, code);
      ++settled;
    }
  }
  return settled;
}

const Rcp_RequestHandler* newAsyncHandler(const std::shared_ptr<FetchCall>& call, size_t index) {
  CallRegistry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  const uintptr_t value = r.nextIdLocked();
  if (r.calls.count(call->id) == 0) {
    return reinterpret_cast<const Rcp_RequestHandler*>(value);  // already answered: a handler that resolves to nothing
  }
  r.asyncHandlers[value] = AsyncHandler{call, index};
  call->handlerIds.push_back(value);
  return reinterpret_cast<const Rcp_RequestHandler*>(value);
}

const Rcp_SyncRequestHandler* newSyncHandler(const std::shared_ptr<SyncCall>& call, size_t index) {
  CallRegistry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  const uintptr_t value = r.nextIdLocked();
  r.syncHandlers[value] = SyncHandler{call, index};
  call->handlerIds.push_back(value);
  return reinterpret_cast<const Rcp_SyncRequestHandler*>(value);
}

bool resolveAsyncHandler(const Rcp_RequestHandler* handler, std::shared_ptr<FetchCall>* call, size_t* index) {
  CallRegistry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.asyncHandlers.find(reinterpret_cast<uintptr_t>(handler));
  if (it == r.asyncHandlers.end()) {
    return false;
  }
  *call = it->second.call.lock();
  *index = it->second.index;
  return *call != nullptr;
}

bool resolveSyncHandler(const Rcp_SyncRequestHandler* handler, std::shared_ptr<SyncCall>* call, size_t* index) {
  CallRegistry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.syncHandlers.find(reinterpret_cast<uintptr_t>(handler));
  if (it == r.syncHandlers.end()) {
    return false;
  }
  *call = it->second.call.lock();
  *index = it->second.index;
  return *call != nullptr && (*call)->active.load();
}

void retireSyncCall(SyncCall& call) {
  call.active.store(false);
  CallRegistry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  for (uintptr_t handler : call.handlerIds) {
    r.syncHandlers.erase(handler);
  }
  call.handlerIds.clear();
}

}  // namespace rcp::capi
