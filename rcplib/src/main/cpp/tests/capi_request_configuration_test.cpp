// A request's Rcp_Configuration over its session's requestConfiguration, on
// the wire: every member the request's struct sets wins, and the numbers the
// kit documents as "0 = default" (timeouts, redirect and body limits) are
// taken from the session when the request leaves them at 0.
#include <gtest/gtest.h>
#include <rcp/rcp.h>

#include <chrono>
#include <cstring>
#include <string>

#include "reliability_support.h"

namespace rcp::test::reliability {
namespace {

Rcp_Configuration zeroedConfiguration() {
  Rcp_Configuration config;
  std::memset(&config, 0, sizeof config);
  return config;
}

// Fetches `path` on the test server's HTTP listener with `own` as the
// request's configuration (NULL: none) and returns its result and how long it took.
struct TimedResult {
  std::unique_ptr<ResultSlot> slot;
  std::chrono::milliseconds took{0};
};
TimedResult fetchWith(Rcp_Session* session, const std::string& path, Rcp_Configuration* own) {
  const auto start = std::chrono::steady_clock::now();
  TimedResult result;
  result.slot = fetchAndWait(session, ServerDirectory::get().http + path,
                             [own](Rcp_Request* request) { request->configuration = own; });
  result.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return result;
}

TEST(CapiRequestConfiguration, a_zero_transfer_timeout_inherits_the_sessions_and_a_set_one_is_the_requests) {
  warmUp();
  Rcp_Configuration sessionRequests = zeroedConfiguration();
  sessionRequests.transferConfiguration.autoRedirect = true;
  sessionRequests.transferConfiguration.timeout.transferMs = 300;
  const Rcp_SessionConfiguration sessionConfig = sessionUsing(&sessionRequests);
  SessionOwner session(&sessionConfig);

  // transferMs 0 is "the default": the session's 300 ms, not the kit's 60 s.
  Rcp_Configuration inheriting = zeroedConfiguration();
  TimedResult late = fetchWith(session.get(), "/delay/3000", &inheriting);
  EXPECT_EQ(late.slot->code(), RCP_ERR_TIMEOUT) << Rcp_GetErrorMessage(late.slot->code());
  EXPECT_LT(late.took.count(), 2500) << "the fetch waited for the server, not for the session's 300 ms";

  // A transferMs of its own is the request's, longer than the session's.
  Rcp_Configuration patient = zeroedConfiguration();
  patient.transferConfiguration.timeout.transferMs = 10000;
  TimedResult answered = fetchWith(session.get(), "/delay/600", &patient);
  EXPECT_EQ(answered.slot->code(), 0u) << Rcp_GetErrorMessage(answered.slot->code());
  EXPECT_EQ(answered.slot->status(), 200);
  EXPECT_EQ(answered.slot->body(), "{\"delayedMs\":600}");
}

TEST(CapiRequestConfiguration, the_requests_set_members_override_the_session_while_zero_numbers_inherit) {
  warmUp();
  // The session's requests go through a proxy nobody listens on, follow
  // redirects and give up after 300 ms.
  const std::string deadProxy = refusedUrl();
  Rcp_Configuration sessionRequests = zeroedConfiguration();
  sessionRequests.transferConfiguration.autoRedirect = true;
  sessionRequests.transferConfiguration.timeout.transferMs = 300;
  sessionRequests.proxyConfiguration.proxyType = RCP_PROXY_CUSTOM;
  sessionRequests.proxyConfiguration.customProxy.url = deadProxy.c_str();
  const Rcp_SessionConfiguration sessionConfig = sessionUsing(&sessionRequests);
  SessionOwner session(&sessionConfig);

  TimedResult viaProxy = fetchWith(session.get(), "/json", nullptr);
  EXPECT_NE(viaProxy.slot->code(), 0u) << "the session's proxy is in use";

  // The request's own configuration: no proxy, no redirects (a zeroed struct
  // sets autoRedirect to false), and transferMs left at 0.
  Rcp_Configuration own = zeroedConfiguration();
  own.proxyConfiguration.proxyType = RCP_PROXY_NO_PROXY;
  TimedResult redirect = fetchWith(session.get(), "/redirect/1", &own);
  EXPECT_EQ(redirect.slot->code(), 0u) << Rcp_GetErrorMessage(redirect.slot->code());
  EXPECT_EQ(redirect.slot->status(), 302) << "the request's autoRedirect = false wins over the session's true";

  TimedResult late = fetchWith(session.get(), "/delay/3000", &own);
  EXPECT_EQ(late.slot->code(), RCP_ERR_TIMEOUT) << Rcp_GetErrorMessage(late.slot->code());
  EXPECT_LT(late.took.count(), 2500) << "transferMs 0 inherits the session's 300 ms";
}

}  // namespace
}  // namespace rcp::test::reliability
