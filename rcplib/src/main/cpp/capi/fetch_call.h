// Bookkeeping for fetches that run through interceptors.
//
// An async fetch with interceptors is a FetchCall. It stays registered from
// Rcp_Fetch until its relay (the callback object handed to the first
// interceptor) is called, so the request copy, the handlers and the relay
// that an interceptor may still hold stay valid for as long as it may use
// them. `settled` makes the application's callback run exactly once, whether
// the response arrives through the relay or cancel/close settles it first.
//
// Rcp_RequestHandler and Rcp_SyncRequestHandler pointers are opaque numbers
// looked up here, so a handler used after its fetch settled yields an error
// code rather than a dangling pointer.
#pragma once

#include <rcp/rcp.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "capi/request_copy.h"

namespace rcp::capi {

struct SessionEntry;

class FetchCall {
 public:
  uintptr_t id = 0;
  std::weak_ptr<SessionEntry> session;
  std::unique_ptr<RequestCopy> request;             // what the interceptors see
  const Rcp_Request* applicationRequest = nullptr;  // becomes response->request
  std::string requestId;                            // for Rcp_CancelRequest
  Rcp_ResponseCallbackObject applicationCallback{};
  Rcp_ResponseCallbackObject relay{};  // given to the first interceptor
  std::atomic<bool> settled{false};
  std::vector<uintptr_t> handlerIds;  // guarded by the call registry's mutex
};

// A Rcp_FetchSync running through sync interceptors; `active` until it returns.
class SyncCall {
 public:
  std::weak_ptr<SessionEntry> session;
  std::atomic<bool> active{true};
  std::vector<uintptr_t> handlerIds;  // guarded by the call registry's mutex
};

// Registers `call` (assigning its id and relay) until the relay is called or
// dropCall() removes it.
void registerCall(const std::shared_ptr<FetchCall>& call);
// Unregisters a call and its handlers; the caller's reference keeps it alive.
void dropCall(uintptr_t id);

// Adds the call to the session's held set; false when the session is closing.
bool addPendingCall(SessionEntry& entry, const std::shared_ptr<FetchCall>& call);

// Settles, with `code` and a NULL response, the held calls of `entry` whose
// request id equals *requestId (all when requestId is null) and that have not
// settled yet. Returns how many it settled. Calls no callback under a lock.
size_t settleHeldCalls(SessionEntry& entry, const std::string* requestId, uint32_t code);

// Handler values for the interceptor at `index` (the next one to run).
const Rcp_RequestHandler* newAsyncHandler(const std::shared_ptr<FetchCall>& call, size_t index);
const Rcp_SyncRequestHandler* newSyncHandler(const std::shared_ptr<SyncCall>& call, size_t index);

// Looks a handler up; false when it is unknown or its fetch is gone.
bool resolveAsyncHandler(const Rcp_RequestHandler* handler, std::shared_ptr<FetchCall>* call, size_t* index);
bool resolveSyncHandler(const Rcp_SyncRequestHandler* handler, std::shared_ptr<SyncCall>* call, size_t* index);

// Marks a sync call finished and forgets its handlers.
void retireSyncCall(SyncCall& call);

}  // namespace rcp::capi
