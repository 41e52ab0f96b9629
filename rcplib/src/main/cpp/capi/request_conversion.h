// Turns an application's Rcp_Request into the engine's core::Request. This
// file only translates: the request becomes a core::RequestDraft, its
// configuration a core::ConfigurationLayer (capi/configuration.h), and
// core::buildRequest applies the one rule set (core/request_builder.h) with
// the session's defaults and requestConfiguration layer, which the session
// translated once, when it was created (capi/configuration_copy.h). So the
// C API and the ArkTS API merge the same way:
//  - the URL is resolved against the session's baseUrl and checked;
//  - the method (NULL = GET) must be a token;
//  - request headers win over session headers of the same name;
//  - request cookies win over session cookies of the same name, and all of
//    them become one Cookie header (appended to an explicit one);
//  - transferRange becomes the engine's range (Range headers are dropped);
//  - request->configuration, if set, is layered over the session's
//    requestConfiguration member by member: every member the request's struct
//    sets wins, and its "0 = default" numbers (timeout.connectMs, transferMs,
//    inactivityMs, maxAutoRedirects, maxBodySize) are the session's when 0.
//    (Before, a request's configuration replaced the session's whole.)
// The content is encoded here (forms, multipart) or wrapped (callbacks).
#pragma once

#include <rcp/rcp.h>

#include <cstdint>

#include "capi/configuration_copy.h"
#include "core/request.h"
#include "core/request_builder.h"

namespace rcp::capi {

// The application callbacks a fetch reports to, copied out of the request and
// the tracing configuration of the request's (else the session's) configuration.
struct FetchCallbacks {
  Rcp_EventsHandler events{};
  Rcp_OnBinaryReceiveCallback binaryReceive{};
  Rcp_OnStatusCodeReceiveCallback statusCodeReceive{};
};

struct PreparedFetch {
  core::Request request;
  FetchCallbacks callbacks;
};

// Builds `out` from `request` and `session`. `purpose` Check skips the
// configuration's per-fetch functions (proxy exclusion, dynamic DNS), so a
// fetch checked before its interceptors run calls them only once, when it is
// really sent.
// Returns kOk or the code Rcp_Fetch documents (401, 1007900001, 1007900003, 1007900049).
uint32_t prepareFetch(const SessionConfigurationCopy& session, const Rcp_Request& request, PreparedFetch* out,
                      core::BuildPurpose purpose = core::BuildPurpose::Send);

}  // namespace rcp::capi
