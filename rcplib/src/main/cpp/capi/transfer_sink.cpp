#include "capi/transfer_sink.h"

#include <cstdint>
#include <cstring>
#include <new>
#include <string>

#include "capi/objects.h"
#include "capi/response_builder.h"
#include "core/errors.h"
#include "core/log.h"

namespace rcp::capi {

CApiTransferEvents::CApiTransferEvents(const FetchCallbacks& callbacks, const Rcp_Request* responseRequest,
                                       const Rcp_ResponseCallbackObject& target,
                                       std::shared_ptr<SessionActivity> activity)
    : callbacks_(callbacks), responseRequest_(responseRequest), target_(target), activity_(std::move(activity)) {}

bool CApiTransferEvents::streamsBody() const {
  return callbacks_.binaryReceive.callback != nullptr || callbacks_.events.onDataReceive.callback != nullptr;
}

size_t CApiTransferEvents::onData(const char* data, size_t length) {
  if (callbacks_.binaryReceive.callback != nullptr) {
    // Chunks come from libcurl's receive buffer, far below 4 GiB.
    Rcp_Buffer buffer{data, static_cast<uint32_t>(length)};
    size_t handled = callbacks_.binaryReceive.callback(callbacks_.binaryReceive.usrObject, &buffer);
    return handled >= length ? length : handled;
  }
  if (callbacks_.events.onDataReceive.callback != nullptr) {
    // The text callback has no length parameter, so it gets a terminated copy.
    const std::string text(data, length);
    const size_t textLength = std::strlen(text.c_str());
    size_t handled = callbacks_.events.onDataReceive.callback(callbacks_.events.onDataReceive.usrObject, text.c_str());
    return handled >= textLength ? length : 0;
  }
  return length;
}

void CApiTransferEvents::onStatusCode(long statusCode) {
  if (callbacks_.statusCodeReceive.callback != nullptr && statusCode >= 0) {
    callbacks_.statusCodeReceive.callback(callbacks_.statusCodeReceive.usrObject, static_cast<uint32_t>(statusCode));
  }
}

void CApiTransferEvents::onHeaders(const core::HeaderList& headers) {
  const Rcp_OnHeaderReceiveCallback& handler = callbacks_.events.onHeaderReceive;
  if (handler.callback == nullptr) {
    return;
  }
  // The engine's list outlives the call, and so the callback's collection:
  // nothing is copied unless the callback reads it.
  std::unique_ptr<Rcp_Headers> received;
  try {
    received = headersBorrowing(headers);
  } catch (const std::bad_alloc&) {
    core::logError("onHeaderReceive skipped: out of memory");
    return;
  }
  handler.callback(handler.usrObject, received.get());
}

void CApiTransferEvents::onUploadProgress(uint64_t total, uint64_t sent) {
  const Rcp_OnProgressCallback& handler = callbacks_.events.onUploadProgress;
  if (handler.callback != nullptr) {
    handler.callback(handler.usrObject, total, sent);
  }
}

void CApiTransferEvents::onDownloadProgress(uint64_t total, uint64_t received) {
  const Rcp_OnProgressCallback& handler = callbacks_.events.onDownloadProgress;
  if (handler.callback != nullptr) {
    handler.callback(handler.usrObject, total, received);
  }
}

void CApiTransferEvents::onDataEnd() {
  const Rcp_OnVoidCallback& handler = callbacks_.events.onDataEnd;
  if (handler.callback != nullptr) {
    handler.callback(handler.usrObject);
  }
}

void CApiTransferEvents::onCanceled() {
  const Rcp_OnVoidCallback& handler = callbacks_.events.onCanceled;
  if (handler.callback != nullptr) {
    handler.callback(handler.usrObject);
  }
}

void CApiTransferEvents::onComplete(core::Outcome outcome) {
  uint32_t code = outcome.code;
  if (code == core::kRequestCanceled && activity_ && activity_->closing.load()) {
    activity_->canceledByClose.fetch_add(1);
  }
  Rcp_Response* response = nullptr;
  if (outcome.response) {
    try {
      response = buildResponse(std::move(*outcome.response), responseRequest_, target_);
    } catch (const std::bad_alloc&) {
      code = core::kOutOfMemory;
    }
  }
  if (code == core::kOk && response == nullptr) {
    code = core::kInternalError;  // the documented promise: success always has a response
  }
  if (target_.callback != nullptr) {
    target_.callback(target_.usrCtx, response, code);
  } else if (response != nullptr) {
    response->destroyResponse(response);
  }
}

bool CApiTransferEvents::wantsProgress() const {
  return callbacks_.events.onUploadProgress.callback != nullptr ||
         callbacks_.events.onDownloadProgress.callback != nullptr;
}

bool CApiTransferEvents::wantsHeaders() const { return callbacks_.events.onHeaderReceive.callback != nullptr; }

}  // namespace rcp::capi
