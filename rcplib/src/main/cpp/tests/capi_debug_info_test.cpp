// Rcp_Response.debugInfo through the C API: tracingConfiguration.infoToCollect
// selects what is collected, as an Rcp_DebugInfo chain of the kit's
// Rcp_DebugEvent kinds; nothing is collected unless selected, and a request's
// all-false selection replaces its session's.
#include <gtest/gtest.h>
#include <rcp/rcp.h>

#include <cstring>
#include <memory>
#include <set>
#include <string>

#include "reliability_support.h"

namespace rcp::test::reliability {
namespace {

struct ResponseDeleter {
  void operator()(Rcp_Response* response) const {
    if (response != nullptr) response->destroyResponse(response);
  }
};
using ResponseHandle = std::unique_ptr<Rcp_Response, ResponseDeleter>;

struct RequestDeleter {
  void operator()(Rcp_Request* request) const { Rcp_DestroyRequest(request); }
};

// Rcp_FetchSync of `url` with `own` as the request's configuration (NULL: none).
ResponseHandle fetchSync(Rcp_Session* session, const std::string& url, Rcp_Configuration* own) {
  std::unique_ptr<Rcp_Request, RequestDeleter> request(Rcp_CreateRequest(url.c_str()));
  request->configuration = own;
  uint32_t code = 1;
  ResponseHandle response(Rcp_FetchSync(session, request.get(), &code));
  EXPECT_EQ(code, 0u) << Rcp_GetErrorMessage(code);
  return response;
}

std::string joined(const Rcp_Response& response, Rcp_DebugEvent type) {
  std::string text;
  for (const Rcp_DebugInfo* node = response.debugInfo; node != nullptr; node = node->next) {
    if (node->type == type) text.append(node->data.buffer, node->data.length);
  }
  return text;
}

std::set<int> typesOf(const Rcp_Response& response) {
  std::set<int> types;
  for (const Rcp_DebugInfo* node = response.debugInfo; node != nullptr; node = node->next) types.insert(node->type);
  return types;
}

TEST(CapiDebugInfo, the_selected_kinds_are_collected_as_a_chain_of_the_kits_events) {
  warmUp();
  Rcp_Configuration sessionRequests = followingConfiguration();
  Rcp_InfoToCollect& info = sessionRequests.tracingConfiguration.infoToCollect;
  info.textual = true;
  info.incomingHeader = true;
  info.outgoingHeader = true;
  info.incomingData = true;
  const Rcp_SessionConfiguration sessionConfig = sessionUsing(&sessionRequests);
  SessionOwner session(&sessionConfig);

  ResponseHandle response = fetchSync(session.get(), ServerDirectory::get().http + "/json", nullptr);
  ASSERT_TRUE(response);
  ASSERT_NE(response->debugInfo, nullptr);
  EXPECT_EQ(typesOf(*response), (std::set<int>{RCP_DEBUG_EVENT_TEXT, RCP_DEBUG_EVENT_HEADER_IN,
                                               RCP_DEBUG_EVENT_HEADER_OUT, RCP_DEBUG_EVENT_DATA_IN}));
  EXPECT_EQ(joined(*response, RCP_DEBUG_EVENT_HEADER_OUT).rfind("GET /json HTTP/1.1\r\n", 0), 0u);
  EXPECT_EQ(joined(*response, RCP_DEBUG_EVENT_HEADER_IN).rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_EQ(joined(*response, RCP_DEBUG_EVENT_DATA_IN), std::string(response->body.buffer, response->body.length));
  EXPECT_FALSE(joined(*response, RCP_DEBUG_EVENT_TEXT).empty());

  // A request's own configuration sets infoToCollect too: all false selects nothing.
  Rcp_Configuration own = followingConfiguration();
  ResponseHandle plain = fetchSync(session.get(), ServerDirectory::get().http + "/json", &own);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->debugInfo, nullptr);

  own.tracingConfiguration.infoToCollect.outgoingData = true;
  Rcp_Request* post = Rcp_CreateRequest((ServerDirectory::get().http + "/echo").c_str());
  post->method = RCP_METHOD_POST;
  Rcp_RequestContent content{};
  content.type = RCP_CONTENT_TYPE_STRING;
  content.data.contentStr.buffer = "posted-bytes";
  content.data.contentStr.length = 12;
  post->content = &content;
  post->configuration = &own;
  uint32_t code = 1;
  ResponseHandle echoed(Rcp_FetchSync(session.get(), post, &code));
  Rcp_DestroyRequest(post);
  ASSERT_EQ(code, 0u) << Rcp_GetErrorMessage(code);
  EXPECT_EQ(typesOf(*echoed), std::set<int>{RCP_DEBUG_EVENT_DATA_OUT});
  EXPECT_EQ(joined(*echoed, RCP_DEBUG_EVENT_DATA_OUT), "posted-bytes");
}

TEST(CapiDebugInfo, nothing_is_collected_without_a_selection) {
  warmUp();
  SessionOwner session;
  ResponseHandle response = fetchSync(session.get(), ServerDirectory::get().http + "/json", nullptr);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->debugInfo, nullptr);
  EXPECT_EQ(response->statusCode, RCP_OK);
}

TEST(CapiDebugInfo, tls_messages_are_collected_in_both_directions) {
  warmUp();
  Rcp_Configuration sessionRequests = followingConfiguration();
  trustTestCa(&sessionRequests);
  sessionRequests.tracingConfiguration.infoToCollect.incomingSslData = true;
  sessionRequests.tracingConfiguration.infoToCollect.outgoingSslData = true;
  const Rcp_SessionConfiguration sessionConfig = sessionUsing(&sessionRequests);
  SessionOwner session(&sessionConfig);
  ResponseHandle response = fetchSync(session.get(), ServerDirectory::get().https + "/json", nullptr);
  ASSERT_TRUE(response);
  EXPECT_EQ(typesOf(*response), (std::set<int>{RCP_DEBUG_EVENT_SSL_DATA_IN, RCP_DEBUG_EVENT_SSL_DATA_OUT}));
}

}  // namespace
}  // namespace rcp::test::reliability
