// A deep copy of an application's request, handed to async interceptors so
// the application may destroy its own request right after Rcp_Fetch even
// while an interceptor still holds the copy.
#pragma once

#include <rcp/rcp.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "capi/configuration.h"
#include "capi/configuration_copy.h"
#include "capi/objects.h"
#include "capi/request_box.h"

namespace rcp::capi {

class RequestCopy {
 public:
  // Copies `source`, which prepareFetch has accepted. Returns kOk or
  // kParameterError; throws std::bad_alloc when out of memory.
  static uint32_t create(const Rcp_Request& source, std::unique_ptr<RequestCopy>* out);

  RequestCopy(const RequestCopy&) = delete;
  RequestCopy& operator=(const RequestCopy&) = delete;

  Rcp_Request* get() { return &box_.request; }

 private:
  RequestCopy() = default;
  uint32_t copyFrom(const Rcp_Request& source);

  RequestBox box_;  // also carries the per-request callbacks
  std::string method_;
  std::unique_ptr<Rcp_Headers> headers_;
  std::unique_ptr<Rcp_RequestCookies> cookies_;
  Rcp_RequestContent content_{};
  std::string contentBytes_;
  std::unique_ptr<Rcp_Form> form_;
  std::unique_ptr<Rcp_MultipartForm> multipartForm_;
  std::unique_ptr<ConfigurationCopy> configuration_;
  std::deque<Rcp_TransferRange> ranges_;
};

}  // namespace rcp::capi
