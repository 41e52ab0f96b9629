#include "errors.h"

#include <curl/curl.h>

namespace rcp::core {

uint32_t codeFromCurl(int curlCode) {
  if (curlCode == CURLE_OK) return kOk;
  return kTransportBase + static_cast<uint32_t>(curlCode);
}

const char* errorMessage(uint32_t code) {
  switch (code) {
    case kOk: return "Success.";
    case kPermissionDenied: return "Permission denied.";
    case kParameterError: return "Parameter error.";
    case kCleartextForbidden: return "Plaintext transmission is forbidden by this session's configuration.";
    case kInvalidParameter: return "Parameter error.";
    case kFileSystemError: return "File system IO error.";
    case kCannotEstablishCellularLink: return "Cannot establish cellular link.";
    case kCannotCreateDirectory: return "Cannot create directory.";
    case kCannotOpenFile: return "Cannot open file.";
    case kQueueOutOfMemory: return "Out of memory.";
    case kInvalidResponse: return "The response is invalid.";
    case kRequestCanceled: return "Request is canceled.";
    case kSessionClosed: return "Session is closed.";
    case kSessionLimit: return "Sessions number reached limit.";
    case kGetSystemProxyFailed: return "Get system proxy failed.";
    case kProxyTypeNotSupported: return "Proxy type not supported.";
    case kInvalidContentType: return "Invalid content type.";
    case kMethodNotSupported: return "Method not supported.";
    case kInternalError: return "Internal error.";
    case kWriteError:
      return "Failed writing received data to disk/application (the body may exceed the in-memory limit).";
    default: break;
  }
  if (code > kTransportBase && code < kTransportBase + CURL_LAST) {
    return curl_easy_strerror(static_cast<CURLcode>(code - kTransportBase));
  }
  return "Unknown error code.";
}

}  // namespace rcp::core
