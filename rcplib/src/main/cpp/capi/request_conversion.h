// Turns an application's Rcp_Request plus its session's defaults into the
// engine's fully resolved core::Request, checking everything on the way, so a
// fetch is either rejected synchronously or handed to the engine complete.
#pragma once

#include <rcp/rcp.h>

#include <cstdint>
#include <string>

#include "capi/configuration.h"
#include "capi/configuration_copy.h"
#include "core/request.h"

namespace rcp::capi {

// The application callbacks a fetch reports to, copied out of the request and
// its effective configuration.
struct FetchCallbacks {
  Rcp_EventsHandler events{};
  Rcp_OnBinaryReceiveCallback binaryReceive{};
  Rcp_OnStatusCodeReceiveCallback statusCodeReceive{};
};

struct PreparedFetch {
  core::Request request;
  FetchCallbacks callbacks;
};

// Builds `out` from `request` and `session`:
//  - the URL is resolved against the session's baseUrl and checked;
//  - the method defaults to GET and must be a token;
//  - request headers win over session headers of the same name;
//  - request cookies win over session cookies of the same name, and all of
//    them become one Cookie header (appended to an explicit one);
//  - transferRange becomes the engine's range (an explicit Range header is
//    then dropped);
//  - the content is encoded (forms, multipart) or wrapped (callbacks);
//  - request->configuration, if set, replaces the session's request
//    configuration entirely.
// `purpose` Check skips the configuration's per-fetch functions (proxy
// exclusion, dynamic DNS), so a fetch checked before its interceptors run
// calls them only once, when it is really sent.
// Returns kOk or the code Rcp_Fetch documents (401, 1007900001, 1007900003, 1007900049).
enum class PreparePurpose { Check, Send };
uint32_t prepareFetch(const SessionConfigurationCopy& session, const Rcp_Request& request, PreparedFetch* out,
                      PreparePurpose purpose = PreparePurpose::Send);

// "from-to,from-" text for the engine from a transferRange list; empty when
// the list has no bound. Returns kOk or kParameterError.
uint32_t rangeText(const Rcp_TransferRange* ranges, std::string* out);

}  // namespace rcp::capi
