// Error codes shared by every layer (C API, Node-API module, ArkTS), defined
// here once. The numbers follow Huawei's Remote Communication Kit: transport
// failures are 1007900000 + CURLcode, lifecycle failures have dedicated codes.
//
// The other two places that name codes follow this file, and
// tools/native/check-error-codes.js (npm test) fails when they drift:
// - <rcp/rcp_errors.h> names kFooBar RCP_ERR_FOO_BAR, without a trailing
//   _ERROR (kWriteError is RCP_ERR_WRITE); kOk is RCP_ERR_NONE.
// - rcplib/src/main/ets/errors.ets names it ErrorCode.FOO_BAR (kWriteError is
//   ErrorCode.WRITE_ERROR); success and the transport base have no ArkTS name.
// Every code under "Codes rcplib reports" must be in both, with the same
// number; a code under "Kit codes rcplib never reports" may be, and then must
// agree. errors.cpp has a message for every code that is not a CURLcode.
#pragma once

#include <cstdint>
#include <string>

namespace rcp::core {

// Success and the base of the transport codes.
constexpr uint32_t kOk = 0;
constexpr uint32_t kTransportBase = 1007900000U;

// Codes rcplib reports: the engine and both front-ends use them, so a C or
// ArkTS application can match each one by name.
constexpr uint32_t kParameterError = 401;
constexpr uint32_t kUnsupportedProtocol = kTransportBase + 1;  // CURLE_UNSUPPORTED_PROTOCOL
constexpr uint32_t kMalformedUrl = kTransportBase + 3;         // CURLE_URL_MALFORMAT
constexpr uint32_t kCouldntResolveHost = kTransportBase + 6;   // CURLE_COULDNT_RESOLVE_HOST
constexpr uint32_t kCouldntConnect = kTransportBase + 7;       // CURLE_COULDNT_CONNECT
constexpr uint32_t kWeirdServerReply = kTransportBase + 8;     // CURLE_WEIRD_SERVER_REPLY: broken framing
constexpr uint32_t kPartialFile = kTransportBase + 18;         // CURLE_PARTIAL_FILE: truncated response
constexpr uint32_t kWriteError = kTransportBase + 23;          // CURLE_WRITE_ERROR: body cap, sink refused data
constexpr uint32_t kReadError = kTransportBase + 26;           // CURLE_READ_ERROR: request body source failed
constexpr uint32_t kOutOfMemory = kTransportBase + 27;         // CURLE_OUT_OF_MEMORY
constexpr uint32_t kTimeout = kTransportBase + 28;             // CURLE_OPERATION_TIMEDOUT
constexpr uint32_t kAbortedByCallback = kTransportBase + 42;   // CURLE_ABORTED_BY_CALLBACK: an app callback failed
constexpr uint32_t kTooManyRedirects = kTransportBase + 47;    // CURLE_TOO_MANY_REDIRECTS
constexpr uint32_t kBadDnsRule = kTransportBase + 49;          // CURLE_SETOPT_OPTION_SYNTAX
constexpr uint32_t kReceiveError = kTransportBase + 56;        // CURLE_RECV_ERROR: also oversized headers
constexpr uint32_t kCleartextForbidden = kTransportBase + 201;
constexpr uint32_t kInvalidParameter = kTransportBase + 401;  // the parameter error of the kit's newer functions
constexpr uint32_t kCannotOpenFile = kTransportBase + 988;
constexpr uint32_t kInvalidResponse = kTransportBase + 991;  // processing.validateResponse refused the response
constexpr uint32_t kRequestCanceled = kTransportBase + 992;
constexpr uint32_t kSessionClosed = kTransportBase + 993;
constexpr uint32_t kSessionLimit = kTransportBase + 994;
constexpr uint32_t kInternalError = kTransportBase + 999;

// Kit codes rcplib never reports: named so errorMessage() gives the kit's text
// for them and the C header can keep the ones it always had.
constexpr uint32_t kPermissionDenied = 201;
constexpr uint32_t kFileSystemError = kTransportBase + 985;
constexpr uint32_t kCannotEstablishCellularLink = kTransportBase + 986;
constexpr uint32_t kCannotCreateDirectory = kTransportBase + 987;
constexpr uint32_t kQueueOutOfMemory = kTransportBase + 990;  // the kit's stream queues
constexpr uint32_t kGetSystemProxyFailed = kTransportBase + 995;
constexpr uint32_t kProxyTypeNotSupported = kTransportBase + 996;
constexpr uint32_t kInvalidContentType = kTransportBase + 997;
constexpr uint32_t kMethodNotSupported = kTransportBase + 998;

// Maps a libcurl CURLcode (passed as int so this header stays curl-free) to our code.
uint32_t codeFromCurl(int curlCode);

// Readable, stable English text for a code. Never returns null; unknown codes get a generic text.
const char* errorMessage(uint32_t code);

}  // namespace rcp::core
