// Interceptor chains through the C API: order, short-circuit, rejection,
// fetches held by an interceptor across cancel and close, stale handlers,
// and the sync chain of Rcp_FetchSync. Interceptors have no user-data
// pointer, so they talk to the tests through globals.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <rcp/rcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

namespace {

std::mutex gMutex;
std::condition_variable gChanged;
std::vector<std::string> gLog;
std::vector<uint32_t> gCodes;
int gOwnResponsesDestroyed = 0;
const Rcp_Request* gResponseRequest = nullptr;

void logStep(const std::string& step) {
  std::lock_guard<std::mutex> lock(gMutex);
  gLog.push_back(step);
}

std::vector<std::string> logged() {
  std::lock_guard<std::mutex> lock(gMutex);
  return gLog;
}

std::vector<uint32_t> codes() {
  std::lock_guard<std::mutex> lock(gMutex);
  return gCodes;
}

bool waitForCodes(size_t count) {
  std::unique_lock<std::mutex> lock(gMutex);
  return gChanged.wait_for(lock, std::chrono::seconds(20), [&] { return gCodes.size() >= count; });
}

void reset() {
  std::lock_guard<std::mutex> lock(gMutex);
  gLog.clear();
  gCodes.clear();
  gOwnResponsesDestroyed = 0;
  gResponseRequest = nullptr;
}

// The application's response callback.
void onResponse(void*, Rcp_Response* response, uint32_t errCode) {
  {
    std::lock_guard<std::mutex> lock(gMutex);
    gLog.push_back("app");
    gCodes.push_back(errCode);
    gResponseRequest = response != nullptr ? response->request : nullptr;
  }
  if (response != nullptr) {
    response->destroyResponse(response);
  }
  gChanged.notify_all();
}

void destroyOwnResponse(Rcp_Response*) {
  std::lock_guard<std::mutex> lock(gMutex);
  ++gOwnResponsesDestroyed;
}

// A response an interceptor makes itself.
Rcp_Response gOwnResponse{};

Rcp_Response* ownResponse(const Rcp_Request* request) {
  gOwnResponse = Rcp_Response{};
  gOwnResponse.request = request;
  gOwnResponse.statusCode = RCP_OK;
  gOwnResponse.destroyResponse = destroyOwnResponse;
  return &gOwnResponse;
}

// --- async interceptors -----------------------------------------------------

const Rcp_ResponseCallbackObject* gForwardTo = nullptr;

void afterFirst(void*, Rcp_Response* response, uint32_t errCode) {
  logStep("first<");
  gForwardTo->callback(gForwardTo->usrCtx, response, errCode);
}
Rcp_ResponseCallbackObject gFirstCallback{afterFirst, nullptr};

// Passes on with its own callback object, which sees the response first.
uint32_t first(Rcp_Request* request, const Rcp_RequestHandler* next, const Rcp_ResponseCallbackObject* callback) {
  logStep("first>");
  gForwardTo = callback;
  return Rcp_CallNextRequestHandler(request, next, &gFirstCallback);
}

// Passes on unchanged.
uint32_t second(Rcp_Request* request, const Rcp_RequestHandler* next, const Rcp_ResponseCallbackObject* callback) {
  logStep("second>");
  return Rcp_CallNextRequestHandler(request, next, callback);
}

// Answers itself.
uint32_t answer(Rcp_Request* request, const Rcp_RequestHandler*, const Rcp_ResponseCallbackObject* callback) {
  logStep("answer>");
  callback->callback(callback->usrCtx, ownResponse(request), 0);
  return 0;
}

uint32_t reject(Rcp_Request*, const Rcp_RequestHandler*, const Rcp_ResponseCallbackObject*) {
  logStep("reject>");
  return RCP_ERR_INTERNAL;
}

// Keeps the fetch without answering.
Rcp_Request* gHeldRequest = nullptr;
const Rcp_RequestHandler* gHeldNext = nullptr;
const Rcp_ResponseCallbackObject* gHeldCallback = nullptr;
uint32_t hold(Rcp_Request* request, const Rcp_RequestHandler* next, const Rcp_ResponseCallbackObject* callback) {
  logStep("hold>");
  gHeldRequest = request;
  gHeldNext = next;
  gHeldCallback = callback;
  return 0;
}

Rcp_Session* sessionWith(std::vector<Rcp_Interceptor>* interceptors) {
  Rcp_SessionConfiguration config{};
  config.interceptors.interceptors = interceptors->data();
  config.interceptors.size = static_cast<int>(interceptors->size());
  uint32_t error = 0;
  Rcp_Session* session = Rcp_CreateSession(&config, &error);
  EXPECT_EQ(error, 0u);
  interceptors->assign(interceptors->size(), Rcp_Interceptor{nullptr});  // the session copied the array
  return session;
}

std::string refusedUrl() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/";
}

TEST(CapiInterceptors, run_in_order_and_may_answer_themselves) {
  reset();
  std::vector<Rcp_Interceptor> interceptors{{first}, {second}, {answer}};
  Rcp_Session* session = sessionWith(&interceptors);
  Rcp_Request* request = Rcp_CreateRequest("http://127.0.0.1:9/never-contacted");
  Rcp_ResponseCallbackObject callback{onResponse, nullptr};
  ASSERT_EQ(Rcp_Fetch(session, request, &callback), 0u);
  EXPECT_EQ(logged(), (std::vector<std::string>{"first>", "second>", "answer>", "first<", "app"}));
  EXPECT_EQ(codes(), std::vector<uint32_t>{0});
  EXPECT_EQ(gResponseRequest, request);  // the interceptors' copy is mapped back to the app's request
  EXPECT_EQ(gOwnResponsesDestroyed, 1);
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(codes().size(), 1u);
  Rcp_DestroyRequest(request);
}

TEST(CapiInterceptors, a_rejecting_interceptor_fails_the_fetch_without_callback) {
  reset();
  std::vector<Rcp_Interceptor> interceptors{{second}, {reject}};
  Rcp_Session* session = sessionWith(&interceptors);
  Rcp_Request* request = Rcp_CreateRequest("http://127.0.0.1:9/");
  Rcp_ResponseCallbackObject callback{onResponse, nullptr};
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_INTERNAL);
  char ftp[] = "ftp://example.com/";
  char* original = request->url;
  request->url = ftp;
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_UNSUPPORTED_PROTOCOL);  // checked before interceptors
  request->url = original;
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(logged(), (std::vector<std::string>{"second>", "reject>"}));
  EXPECT_TRUE(codes().empty());
  Rcp_DestroyRequest(request);
}

TEST(CapiInterceptors, a_held_fetch_settles_once_when_the_session_closes) {
  reset();
  std::vector<Rcp_Interceptor> interceptors{{hold}};
  Rcp_Session* session = sessionWith(&interceptors);
  Rcp_Request* request = Rcp_CreateRequest("http://127.0.0.1:9/held");
  Rcp_ResponseCallbackObject callback{onResponse, nullptr};
  ASSERT_EQ(Rcp_Fetch(session, request, &callback), 0u);
  EXPECT_NE(gHeldRequest, request);  // the interceptor works on a copy...
  Rcp_DestroyRequest(request);       // ...so the application may free its own

  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(codes(), std::vector<uint32_t>{RCP_ERR_REQUEST_CANCELED});

  // The interceptor wakes up late: its copy is still readable, passing it on
  // reports the closed session, and answering is ignored.
  EXPECT_STREQ(gHeldRequest->url, "http://127.0.0.1:9/held");
  Rcp_ResponseCallbackObject late{onResponse, nullptr};
  EXPECT_EQ(Rcp_CallNextRequestHandler(gHeldRequest, gHeldNext, &late), RCP_ERR_SESSION_CLOSED);
  gHeldCallback->callback(gHeldCallback->usrCtx, ownResponse(nullptr), 0);
  EXPECT_EQ(codes(), std::vector<uint32_t>{RCP_ERR_REQUEST_CANCELED});
  EXPECT_EQ(gOwnResponsesDestroyed, 1);  // the late answer's response was freed for it
}

TEST(CapiInterceptors, cancel_request_settles_a_held_fetch) {
  reset();
  std::vector<Rcp_Interceptor> interceptors{{hold}};
  Rcp_Session* session = sessionWith(&interceptors);
  Rcp_Request* request = Rcp_CreateRequest("http://127.0.0.1:9/");
  Rcp_Request* other = Rcp_CreateRequest("http://127.0.0.1:9/");
  Rcp_ResponseCallbackObject callback{onResponse, nullptr};
  ASSERT_EQ(Rcp_Fetch(session, request, &callback), 0u);
  const Rcp_RequestHandler* next = gHeldNext;
  const Rcp_ResponseCallbackObject* relay = gHeldCallback;
  Rcp_Request* copy = gHeldRequest;
  ASSERT_EQ(Rcp_CancelRequest(session, other), 0u);  // a different request: nothing happens
  EXPECT_TRUE(codes().empty());
  ASSERT_EQ(Rcp_CancelRequest(session, request), 0u);
  EXPECT_EQ(codes(), std::vector<uint32_t>{RCP_ERR_REQUEST_CANCELED});
  Rcp_ResponseCallbackObject late{onResponse, nullptr};
  EXPECT_EQ(Rcp_CallNextRequestHandler(copy, next, &late), RCP_ERR_REQUEST_CANCELED);
  relay->callback(relay->usrCtx, nullptr, RCP_ERR_REQUEST_CANCELED);  // frees the held call
  EXPECT_EQ(codes().size(), 1u);
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(codes().size(), 1u);
  Rcp_DestroyRequest(request);
  Rcp_DestroyRequest(other);
}

TEST(CapiInterceptors, stale_and_bogus_handlers_return_codes) {
  reset();
  std::vector<Rcp_Interceptor> interceptors{{hold}};
  Rcp_Session* session = sessionWith(&interceptors);
  Rcp_Request* request = Rcp_CreateRequest("http://127.0.0.1:9/");
  Rcp_ResponseCallbackObject callback{onResponse, nullptr};
  ASSERT_EQ(Rcp_Fetch(session, request, &callback), 0u);
  // The interceptor answers, then tries to pass the same fetch on.
  gHeldCallback->callback(gHeldCallback->usrCtx, ownResponse(gHeldRequest), 0);
  EXPECT_EQ(codes(), std::vector<uint32_t>{0});
  EXPECT_EQ(gResponseRequest, request);
  EXPECT_EQ(Rcp_CallNextRequestHandler(request, gHeldNext, &callback), RCP_ERR_REQUEST_CANCELED);

  const auto* bogus = reinterpret_cast<const Rcp_RequestHandler*>(static_cast<uintptr_t>(0x4000));
  EXPECT_EQ(Rcp_CallNextRequestHandler(request, bogus, &callback), RCP_ERR_REQUEST_CANCELED);
  EXPECT_EQ(Rcp_CallNextRequestHandler(nullptr, bogus, &callback), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_CallNextRequestHandler(request, nullptr, &callback), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_CallNextRequestHandler(request, bogus, nullptr), RCP_ERR_PARAMETER);
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(codes().size(), 1u);
  Rcp_DestroyRequest(request);
}

TEST(CapiInterceptors, the_last_handler_runs_the_real_fetch) {
  reset();
  const std::string url = refusedUrl();
  std::vector<Rcp_Interceptor> interceptors{{first}, {second}};
  Rcp_Session* session = sessionWith(&interceptors);
  Rcp_Request* request = Rcp_CreateRequest(url.c_str());
  Rcp_ResponseCallbackObject callback{onResponse, nullptr};
  ASSERT_EQ(Rcp_Fetch(session, request, &callback), 0u);
  Rcp_DestroyRequest(request);
  ASSERT_TRUE(waitForCodes(1));
  EXPECT_EQ(codes(), std::vector<uint32_t>{RCP_ERR_COULDNT_CONNECT});
  EXPECT_EQ(logged(), (std::vector<std::string>{"first>", "second>", "first<", "app"}));
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
}

int gDnsRuleCalls = 0;
Rcp_IpAddress* countDnsRuleCalls(const char*, uint16_t) {
  std::lock_guard<std::mutex> lock(gMutex);
  ++gDnsRuleCalls;
  return nullptr;  // normal resolution
}

TEST(CapiInterceptors, per_fetch_configuration_functions_run_once) {
  reset();
  gDnsRuleCalls = 0;
  const std::string url = refusedUrl();
  std::vector<Rcp_Interceptor> interceptors{{second}};
  Rcp_Session* session = sessionWith(&interceptors);
  Rcp_Request* request = Rcp_CreateRequest(url.c_str());
  Rcp_DnsRule rule{};
  rule.type = RCP_DNS_RULE_DYNAMIC;
  rule.data.dynamicDnsRule = countDnsRuleCalls;
  Rcp_Configuration config{};
  config.dnsConfiguration.dnsRules = &rule;
  request->configuration = &config;
  Rcp_ResponseCallbackObject callback{onResponse, nullptr};
  ASSERT_EQ(Rcp_Fetch(session, request, &callback), 0u);
  ASSERT_TRUE(waitForCodes(1));
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  std::lock_guard<std::mutex> lock(gMutex);
  EXPECT_EQ(gDnsRuleCalls, 1);
  Rcp_DestroyRequest(request);
}

// --- sync interceptors ------------------------------------------------------

const Rcp_SyncRequestHandler* gSyncNext = nullptr;

Rcp_Response* syncPass(Rcp_Request* request, const Rcp_SyncRequestHandler* next, uint32_t* errCode) {
  logStep("syncPass>");
  gSyncNext = next;
  Rcp_Response* response = Rcp_CallNextSyncRequestHandler(request, next, errCode);
  logStep("syncPass<");
  return response;
}

Rcp_Response* syncAnswer(Rcp_Request* request, const Rcp_SyncRequestHandler*, uint32_t* errCode) {
  logStep("syncAnswer>");
  *errCode = 0;
  return ownResponse(request);
}

Rcp_Response* syncReject(Rcp_Request*, const Rcp_SyncRequestHandler*, uint32_t* errCode) {
  *errCode = RCP_ERR_INTERNAL;
  return nullptr;
}

Rcp_Session* sessionWithSync(std::vector<Rcp_SyncInterceptor> interceptors) {
  Rcp_SessionConfiguration config{};
  config.syncInterceptors.interceptors = interceptors.data();
  config.syncInterceptors.size = static_cast<int>(interceptors.size());
  uint32_t error = 0;
  Rcp_Session* session = Rcp_CreateSession(&config, &error);
  EXPECT_EQ(error, 0u);
  return session;
}

TEST(CapiSyncInterceptors, run_in_order_and_may_answer_themselves) {
  reset();
  Rcp_Session* session = sessionWithSync({{syncPass}, {syncAnswer}});
  Rcp_Request* request = Rcp_CreateRequest("http://127.0.0.1:9/");
  uint32_t error = 99;
  Rcp_Response* response = Rcp_FetchSync(session, request, &error);
  EXPECT_EQ(response, &gOwnResponse);
  EXPECT_EQ(error, 0u);
  EXPECT_EQ(logged(), (std::vector<std::string>{"syncPass>", "syncAnswer>", "syncPass<"}));
  // The handler of a finished Rcp_FetchSync is no longer usable.
  EXPECT_EQ(Rcp_CallNextSyncRequestHandler(request, gSyncNext, &error), nullptr);
  EXPECT_EQ(error, RCP_ERR_REQUEST_CANCELED);
  EXPECT_EQ(Rcp_CallNextSyncRequestHandler(nullptr, gSyncNext, &error), nullptr);
  EXPECT_EQ(error, RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_CallNextSyncRequestHandler(request, gSyncNext, nullptr), nullptr);

  // Async fetches do not run sync interceptors.
  Rcp_ResponseCallbackObject callback{onResponse, nullptr};
  reset();
  ASSERT_EQ(Rcp_Fetch(session, request, &callback), 0u);
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(logged(), std::vector<std::string>{"app"});
  Rcp_DestroyRequest(request);
}

TEST(CapiSyncInterceptors, rejection_and_real_fetch_errors_reach_the_caller) {
  reset();
  Rcp_Session* rejecting = sessionWithSync({{syncPass}, {syncReject}});
  Rcp_Request* request = Rcp_CreateRequest("http://127.0.0.1:9/");
  uint32_t error = 0;
  EXPECT_EQ(Rcp_FetchSync(rejecting, request, &error), nullptr);
  EXPECT_EQ(error, RCP_ERR_INTERNAL);
  ASSERT_EQ(Rcp_CloseSession(&rejecting), 0u);
  Rcp_DestroyRequest(request);

  const std::string url = refusedUrl();
  Rcp_Session* passing = sessionWithSync({{syncPass}});
  request = Rcp_CreateRequest(url.c_str());
  EXPECT_EQ(Rcp_FetchSync(passing, request, &error), nullptr);
  EXPECT_EQ(error, RCP_ERR_COULDNT_CONNECT);
  ASSERT_EQ(Rcp_CloseSession(&passing), 0u);
  Rcp_DestroyRequest(request);
}

}  // namespace
