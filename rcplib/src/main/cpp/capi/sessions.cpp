// Session lifetime: Rcp_CreateSession, Rcp_GetDefaultSession, cancel, close.
#include <cstring>
#include <memory>
#include <string>

#include "capi/api_guard.h"
#include "capi/capi_codes.h"
#include "capi/fetch_call.h"
#include "capi/session_registry.h"
#include "core/errors.h"

using rcp::capi::SessionEntry;
using rcp::capi::SessionRegistry;

extern "C" {

RCP_EXPORT Rcp_Session* Rcp_CreateSession(const Rcp_SessionConfiguration* configuration, uint32_t* errCode) {
  uint32_t error = rcp::core::kOk;
  Rcp_Session* session = rcp::capi::guardValue<Rcp_Session*>(__func__, nullptr, [&]() -> Rcp_Session* {
    error = rcp::core::kOutOfMemory;  // what an exception means
    std::shared_ptr<SessionEntry> entry = rcp::capi::createSessionEntry(configuration, &error);
    return entry ? SessionRegistry::instance().addHandle(entry) : nullptr;
  });
  if (errCode != nullptr) {
    *errCode = session != nullptr ? rcp::core::kOk : error;
  }
  return session;
}

RCP_EXPORT uint32_t Rcp_GetDefaultSession(Rcp_Session** session) {
  return rcp::capi::guardCode(__func__, [&] {
    if (session == nullptr) {
      return rcp::capi::kInvalidParameter;
    }
    return SessionRegistry::instance().acquireDefault(session);
  });
}

RCP_EXPORT const char* Rcp_GetSessionId(Rcp_Session* session) {
  return rcp::capi::guardValue<const char*>(__func__, nullptr, [&]() -> const char* {
    std::shared_ptr<SessionEntry> entry = SessionRegistry::instance().findOpen(session);
    // The string lives in the core session, which the entry keeps until close.
    return entry ? entry->core->id().c_str() : nullptr;
  });
}

RCP_EXPORT const Rcp_SessionConfiguration* Rcp_GetSessionConfiguration(Rcp_Session* session) {
  return rcp::capi::guardValue<const Rcp_SessionConfiguration*>(
      __func__, nullptr, [&]() -> const Rcp_SessionConfiguration* {
        std::shared_ptr<SessionEntry> entry = SessionRegistry::instance().findOpen(session);
        return entry ? &entry->config->value() : nullptr;
      });
}

RCP_EXPORT uint32_t Rcp_CancelRequest(Rcp_Session* session, const Rcp_Request* request) {
  return rcp::capi::guardCode(__func__, [&] {
    if (session == nullptr || request == nullptr) {
      return rcp::core::kParameterError;
    }
    std::shared_ptr<SessionEntry> entry = SessionRegistry::instance().findOpen(session);
    if (!entry) {
      return rcp::core::kSessionClosed;
    }
    const std::string requestId(request->id, strnlen(request->id, sizeof(request->id)));
    if (requestId.empty()) {
      return rcp::core::kOk;  // a request without id cannot have been matched by any fetch
    }
    uint32_t code = entry->core->cancel(requestId);
    if (code != rcp::core::kOk) {
      return code;
    }
    rcp::capi::settleHeldCalls(*entry, &requestId, rcp::core::kRequestCanceled);
    return rcp::core::kOk;
  });
}

RCP_EXPORT uint32_t Rcp_CancelSession(Rcp_Session* session) {
  return rcp::capi::guardCode(__func__, [&] {
    if (session == nullptr) {
      return rcp::core::kParameterError;
    }
    std::shared_ptr<SessionEntry> entry = SessionRegistry::instance().findOpen(session);
    if (!entry) {
      return rcp::core::kSessionClosed;
    }
    uint32_t code = entry->core->cancelAll();
    if (code != rcp::core::kOk) {
      return code;
    }
    rcp::capi::settleHeldCalls(*entry, nullptr, rcp::core::kRequestCanceled);
    if (entry->config->listener().onCanceled != nullptr) {
      entry->config->listener().onCanceled();
    }
    return rcp::core::kOk;
  });
}

RCP_EXPORT uint32_t Rcp_CloseSession(Rcp_Session** session) {
  return rcp::capi::guardCode(__func__, [&] {
    if (session == nullptr || *session == nullptr) {
      return rcp::core::kParameterError;
    }
    bool lastHandle = false;
    std::shared_ptr<SessionEntry> entry = SessionRegistry::instance().removeHandle(*session, &lastHandle);
    if (!entry) {
      return rcp::core::kSessionClosed;
    }
    *session = nullptr;
    if (lastHandle) {
      rcp::capi::closeSessionEntry(*entry);
    }
    return rcp::core::kOk;
  });
}

}  // extern "C"
