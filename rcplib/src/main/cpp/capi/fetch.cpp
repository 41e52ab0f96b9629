// Rcp_Fetch, Rcp_FetchSync and the interceptor chains in front of them.
//
// Every chain ends in the default handler, startTransfer(), which converts
// the request it is given and hands it to the engine. Async chains run the
// session's Rcp_Interceptor array, sync chains its Rcp_SyncInterceptor array.
#include <condition_variable>
#include <memory>
#include <mutex>

#include "capi/api_guard.h"
#include "capi/fetch_call.h"
#include "capi/request_conversion.h"
#include "capi/session_registry.h"
#include "capi/transfer_sink.h"
#include "core/errors.h"
#include "core/session.h"

namespace rcp::capi {
namespace {

// The default handler: converts `request` and starts the real transfer,
// whose result goes to `target`.
uint32_t startTransfer(SessionEntry& entry, const Rcp_Request& request, const Rcp_ResponseCallbackObject& target) {
  PreparedFetch prepared;
  uint32_t code = prepareFetch(*entry.config, request, &prepared);
  if (code != core::kOk) {
    return code;
  }
  auto events = std::make_shared<CApiTransferEvents>(prepared.callbacks, &request, target, entry.activity);
  return entry.core->fetch(std::move(prepared.request), std::move(events));
}

// Where Rcp_FetchSync waits for its response.
struct SyncWaiter {
  std::mutex mutex;
  std::condition_variable settled;
  bool done = false;
  Rcp_Response* response = nullptr;
  uint32_t code = core::kOk;
};

void wakeSyncWaiter(void* usrCtx, Rcp_Response* response, uint32_t code) {
  auto* waiter = static_cast<SyncWaiter*>(usrCtx);
  // Notified under the lock: once `done` is visible the waiter may return and
  // its stack frame, which holds the condition variable, disappears.
  std::lock_guard<std::mutex> lock(waiter->mutex);
  waiter->response = response;
  waiter->code = code;
  waiter->done = true;
  waiter->settled.notify_one();
}

// The default handler of sync chains: a fetch plus a wait.
Rcp_Response* fetchAndWait(SessionEntry& entry, const Rcp_Request& request, uint32_t* errCode) {
  if (core::isLoopThread()) {
    *errCode = core::kInternalError;  // waiting here would block the thread that must deliver the result
    return nullptr;
  }
  SyncWaiter waiter;
  const uint32_t code = startTransfer(entry, request, Rcp_ResponseCallbackObject{wakeSyncWaiter, &waiter});
  if (code != core::kOk) {
    *errCode = code;
    return nullptr;
  }
  std::unique_lock<std::mutex> lock(waiter.mutex);
  waiter.settled.wait(lock, [&waiter] { return waiter.done; });
  if (waiter.response != nullptr) {
    waiter.response->responseCallback = nullptr;  // the internal waiter is gone once we return
  }
  *errCode = waiter.code;
  return waiter.response;
}

// Runs an async fetch through the session's interceptors.
uint32_t fetchThroughInterceptors(const std::shared_ptr<SessionEntry>& entry, const Rcp_Request& request,
                                  const Rcp_ResponseCallbackObject& callback) {
  auto call = std::make_shared<FetchCall>();
  uint32_t code = RequestCopy::create(request, &call->request);
  if (code != core::kOk) {
    return code;
  }
  call->session = entry;
  call->applicationRequest = &request;
  call->requestId = call->request->get()->id;
  call->applicationCallback = callback;
  registerCall(call);
  if (!addPendingCall(*entry, call)) {
    dropCall(call->id);
    return core::kSessionClosed;
  }
  const Rcp_RequestHandler* next = newAsyncHandler(call, 1);
  // `call` (this frame's reference) keeps the request copy alive while the
  // interceptor runs, even if it answers from inside intercept().
  code = entry->config->interceptors().front().intercept(call->request->get(), next, &call->relay);
  if (code == core::kOk) {
    return core::kOk;
  }
  if (call->settled.exchange(true)) {
    return core::kOk;  // it answered and then failed: the application already has a result
  }
  dropCall(call->id);
  std::lock_guard<std::mutex> lock(entry->pendingMutex);
  entry->pending.erase(call->id);
  return code;
}

}  // namespace
}  // namespace rcp::capi

using rcp::capi::SessionEntry;

extern "C" {

RCP_EXPORT uint32_t Rcp_Fetch(Rcp_Session* session, Rcp_Request* request,
                              const Rcp_ResponseCallbackObject* responseCallback) {
  return rcp::capi::guardCode(__func__, [&] {
    if (session == nullptr || request == nullptr || responseCallback == nullptr ||
        responseCallback->callback == nullptr) {
      return rcp::core::kParameterError;
    }
    std::shared_ptr<SessionEntry> entry = rcp::capi::SessionRegistry::instance().findOpen(session);
    if (!entry) {
      return rcp::core::kSessionClosed;
    }
    if (entry->config->interceptors().empty()) {
      return rcp::capi::startTransfer(*entry, *request, *responseCallback);
    }
    // Checked before any interceptor runs, so a bad request is refused the
    // same way with or without interceptors.
    rcp::capi::PreparedFetch checked;
    uint32_t code = rcp::capi::prepareFetch(*entry->config, *request, &checked, rcp::core::BuildPurpose::Check);
    if (code != rcp::core::kOk) {
      return code;
    }
    return rcp::capi::fetchThroughInterceptors(entry, *request, *responseCallback);
  });
}

RCP_EXPORT Rcp_Response* Rcp_FetchSync(Rcp_Session* session, Rcp_Request* request, uint32_t* errCode) {
  if (errCode == nullptr) {
    return nullptr;
  }
  *errCode = rcp::core::kOk;
  uint32_t failure = rcp::core::kOk;
  Rcp_Response* response = rcp::capi::guardValue<Rcp_Response*>(__func__, nullptr, [&]() -> Rcp_Response* {
    failure = rcp::core::kOutOfMemory;  // what an exception means; overwritten below otherwise
    if (session == nullptr || request == nullptr) {
      failure = rcp::core::kParameterError;
      return nullptr;
    }
    std::shared_ptr<SessionEntry> entry = rcp::capi::SessionRegistry::instance().findOpen(session);
    if (!entry) {
      failure = rcp::core::kSessionClosed;
      return nullptr;
    }
    if (rcp::core::isLoopThread()) {
      failure = rcp::core::kInternalError;
      return nullptr;
    }
    const auto& interceptors = entry->config->syncInterceptors();
    if (interceptors.empty()) {
      return rcp::capi::fetchAndWait(*entry, *request, &failure);
    }
    rcp::capi::PreparedFetch checked;
    failure = rcp::capi::prepareFetch(*entry->config, *request, &checked, rcp::core::BuildPurpose::Check);
    if (failure != rcp::core::kOk) {
      return nullptr;
    }
    auto call = std::make_shared<rcp::capi::SyncCall>();
    call->session = entry;
    const Rcp_SyncRequestHandler* next = rcp::capi::newSyncHandler(call, 1);
    Rcp_Response* result = interceptors.front().intercept(request, next, &failure);
    rcp::capi::retireSyncCall(*call);
    return result;
  });
  *errCode = failure;
  return response;
}

RCP_EXPORT uint32_t Rcp_CallNextRequestHandler(Rcp_Request* request, const Rcp_RequestHandler* next,
                                               const Rcp_ResponseCallbackObject* responseCallback) {
  return rcp::capi::guardCode(__func__, [&] {
    if (request == nullptr || next == nullptr || responseCallback == nullptr || responseCallback->callback == nullptr) {
      return rcp::core::kParameterError;
    }
    std::shared_ptr<rcp::capi::FetchCall> call;
    size_t index = 0;
    if (!rcp::capi::resolveAsyncHandler(next, &call, &index)) {
      return rcp::core::kRequestCanceled;
    }
    std::shared_ptr<SessionEntry> entry = call->session.lock();
    if (!entry || entry->activity->closing.load()) {
      return rcp::core::kSessionClosed;
    }
    if (call->settled.load()) {
      return rcp::core::kRequestCanceled;
    }
    const auto& interceptors = entry->config->interceptors();
    if (index < interceptors.size()) {
      return interceptors[index].intercept(request, rcp::capi::newAsyncHandler(call, index + 1), responseCallback);
    }
    return rcp::capi::startTransfer(*entry, *request, *responseCallback);
  });
}

RCP_EXPORT Rcp_Response* Rcp_CallNextSyncRequestHandler(Rcp_Request* request, const Rcp_SyncRequestHandler* next,
                                                        uint32_t* errCode) {
  if (errCode == nullptr) {
    return nullptr;
  }
  uint32_t failure = rcp::core::kOk;
  Rcp_Response* response = rcp::capi::guardValue<Rcp_Response*>(__func__, nullptr, [&]() -> Rcp_Response* {
    failure = rcp::core::kOutOfMemory;
    if (request == nullptr || next == nullptr) {
      failure = rcp::core::kParameterError;
      return nullptr;
    }
    std::shared_ptr<rcp::capi::SyncCall> call;
    size_t index = 0;
    if (!rcp::capi::resolveSyncHandler(next, &call, &index)) {
      failure = rcp::core::kRequestCanceled;
      return nullptr;
    }
    std::shared_ptr<SessionEntry> entry = call->session.lock();
    if (!entry || entry->activity->closing.load()) {
      failure = rcp::core::kSessionClosed;
      return nullptr;
    }
    failure = rcp::core::kOk;
    const auto& interceptors = entry->config->syncInterceptors();
    if (index < interceptors.size()) {
      return interceptors[index].intercept(request, rcp::capi::newSyncHandler(call, index + 1), &failure);
    }
    return rcp::capi::fetchAndWait(*entry, *request, &failure);
  });
  *errCode = failure;
  return response;
}

}  // extern "C"
