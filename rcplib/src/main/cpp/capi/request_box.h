// The allocation behind every Rcp_Request that rcplib creates: the public
// struct plus the URL copy and the per-request settings that have no member
// in Rcp_Request. requestPrivate points back at the box, which is how the API
// finds these settings again.
#pragma once

#include <rcp/rcp.h>

#include <cstdint>
#include <string>

namespace rcp::capi {

struct RequestBox {
  static constexpr uint32_t kMagic = 0x52435052;  // "RCPR": tells our boxes from foreign pointers
  uint32_t magic = kMagic;
  Rcp_Request request{};
  std::string url;
  Rcp_OnBinaryReceiveCallback binaryReceive{};
  Rcp_OnStatusCodeReceiveCallback statusCodeReceive{};
  bool connectOnly = false;

  RequestBox() { request.requestPrivate = this; }
  RequestBox(const RequestBox&) = delete;
  RequestBox& operator=(const RequestBox&) = delete;
};

// The box of a request made by rcplib, or nullptr for requests the
// application built itself (which then have no private settings).
inline RequestBox* requestBoxOf(const Rcp_Request* request) {
  if (request == nullptr || request->requestPrivate == nullptr) {
    return nullptr;
  }
  auto* box = static_cast<RequestBox*>(request->requestPrivate);
  return box->magic == RequestBox::kMagic && &box->request == request ? box : nullptr;
}

// Writes a fresh process-unique id (at most RCP_MAX_REQUEST_ID_LEN - 1 characters).
void assignRequestId(Rcp_Request* request);

}  // namespace rcp::capi
