// Rcp_Request lifetime and per-request settings.
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <random>

#include "capi/api_guard.h"
#include "capi/capi_codes.h"
#include "capi/request_box.h"
#include "core/errors.h"

namespace rcp::capi {
namespace {

// A random per-process prefix keeps ids unique across processes too, which
// matters when ids end up in logs that several app processes write.
uint32_t processIdPrefix() {
  static const uint32_t prefix = static_cast<uint32_t>(std::random_device{}());
  return prefix;
}

}  // namespace

void assignRequestId(Rcp_Request* request) {
  static std::atomic<uint64_t> counter{0};
  const uint64_t sequence = counter.fetch_add(1, std::memory_order_relaxed) + 1;
  // "req-" + 8 hex + "-" + at most 16 hex = 29 characters.
  std::snprintf(request->id, sizeof(request->id), "req-%08" PRIx32 "-%" PRIx64, processIdPrefix(), sequence);
}

}  // namespace rcp::capi

using rcp::capi::RequestBox;

extern "C" {

RCP_EXPORT Rcp_Request* Rcp_CreateRequest(const char* url) {
  return rcp::capi::guardValue<Rcp_Request*>(__func__, nullptr, [&]() -> Rcp_Request* {
    if (url == nullptr) {
      return nullptr;
    }
    auto box = std::make_unique<RequestBox>();
    box->url = url;
    box->request.url = box->url.data();
    box->request.method = RCP_METHOD_GET;
    rcp::capi::assignRequestId(&box->request);
    // Ownership passes to the application until Rcp_DestroyRequest.
    return &box.release()->request;
  });
}

RCP_EXPORT void Rcp_DestroyRequest(Rcp_Request* request) {
  // Requests the application built itself are not ours to free.
  std::unique_ptr<RequestBox> owned(rcp::capi::requestBoxOf(request));
}

RCP_EXPORT uint32_t Rcp_SetRequestOnBinaryDataRecvCallback(Rcp_Request* request, Rcp_OnBinaryReceiveCallback callback) {
  RequestBox* box = rcp::capi::requestBoxOf(request);
  if (box == nullptr || callback.callback == nullptr) {
    return rcp::core::kParameterError;
  }
  box->binaryReceive = callback;
  return rcp::core::kOk;
}

RCP_EXPORT uint32_t Rcp_SetRequestOnStatusCodeReceiveCallback(Rcp_Request* request,
                                                              Rcp_OnStatusCodeReceiveCallback callback) {
  RequestBox* box = rcp::capi::requestBoxOf(request);
  if (box == nullptr || callback.callback == nullptr) {
    return rcp::core::kParameterError;
  }
  box->statusCodeReceive = callback;
  return rcp::core::kOk;
}

RCP_EXPORT uint32_t Rcp_SetRequestConnectOnly(Rcp_Request* request, bool connectOnly) {
  RequestBox* box = rcp::capi::requestBoxOf(request);
  if (box == nullptr) {
    return rcp::capi::kInvalidParameter;
  }
  box->connectOnly = connectOnly;
  return rcp::core::kOk;
}

}  // extern "C"
