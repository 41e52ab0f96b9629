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
    case kTransportBase + 401: return "Parameter error.";
    case kFileSystemError: return "File system IO error.";
    case kTransportBase + 986: return "Cannot establish cellular link.";
    case kTransportBase + 987: return "Cannot create directory.";
    case kCannotOpenFile: return "Cannot open file.";
    case kTransportBase + 990: return "Out of memory.";
    case kInvalidResponse: return "The response is invalid.";
    case kRequestCanceled: return "Request is canceled.";
    case kSessionClosed: return "Session is closed.";
    case kSessionLimit: return "Sessions number reached limit.";
    case kTransportBase + 995: return "Get system proxy failed.";
    case kTransportBase + 996: return "Proxy type not supported.";
    case kTransportBase + 997: return "Invalid content type.";
    case kTransportBase + 998: return "Method not supported.";
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
