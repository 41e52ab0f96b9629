// Sessions through the C API without a test server: argument checks of
// Rcp_Fetch, handles after close, the session limit, cancel and close
// semantics (against a local listener that never answers), the default
// session and Rcp_FetchSync's refusal on the network thread.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <rcp/rcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/session.h"

namespace {

// Records the response callbacks of the fetches it is given to.
class ResponseRecorder {
 public:
  Rcp_ResponseCallbackObject callbackObject() { return Rcp_ResponseCallbackObject{&ResponseRecorder::record, this}; }

  bool waitFor(size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    std::unique_lock<std::mutex> lock(mutex_);
    return settled_.wait_for(lock, timeout, [&] { return codes_.size() >= count; });
  }
  std::vector<uint32_t> codes() {
    std::lock_guard<std::mutex> lock(mutex_);
    return codes_;
  }
  std::vector<bool> onLoopThread() {
    std::lock_guard<std::mutex> lock(mutex_);
    return onLoopThread_;
  }

  // Runs inside the callback, before it is recorded.
  void (*hook)(ResponseRecorder* self) = nullptr;
  Rcp_Session* session = nullptr;
  uint32_t hookResult = 0;

 private:
  static void record(void* usrCtx, Rcp_Response* response, uint32_t errCode) {
    auto* self = static_cast<ResponseRecorder*>(usrCtx);
    if (response != nullptr) {
      response->destroyResponse(response);
    }
    if (self->hook != nullptr) {
      self->hook(self);
    }
    std::lock_guard<std::mutex> lock(self->mutex_);
    self->codes_.push_back(errCode);
    self->onLoopThread_.push_back(rcp::core::isLoopThread());
    self->settled_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable settled_;
  std::vector<uint32_t> codes_;
  std::vector<bool> onLoopThread_;
};

sockaddr_in loopbackAddress() {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// A 127.0.0.1 listener that never accepts: connections complete in the
// kernel's backlog, then requests wait for an answer that never comes.
class SilentServer {
 public:
  SilentServer() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address = loopbackAddress();
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    EXPECT_EQ(listen(fd_, 128), 0);
    socklen_t length = sizeof(address);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    url_ = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/";
  }
  ~SilentServer() { close(fd_); }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  const char* url() const { return url_.c_str(); }

 private:
  int fd_;
  std::string url_;
};

// A 127.0.0.1 URL nobody listens on, so connecting fails at once.
std::string refusedUrl() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = loopbackAddress();
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/";
}

std::atomic<int> gListenerClosed{0};
std::atomic<int> gListenerCanceled{0};
void countClosed() { gListenerClosed.fetch_add(1); }
void countCanceled() { gListenerCanceled.fetch_add(1); }

Rcp_SessionConfiguration listeningConfiguration() {
  Rcp_SessionConfiguration config{};
  config.sessionListener = Rcp_SessionListener{countClosed, countCanceled};
  gListenerClosed = 0;
  gListenerCanceled = 0;
  return config;
}

Rcp_Session* newSession(const Rcp_SessionConfiguration* config = nullptr) {
  uint32_t error = 12345;
  Rcp_Session* session = Rcp_CreateSession(config, &error);
  EXPECT_NE(session, nullptr);
  EXPECT_EQ(error, 0u);
  return session;
}

TEST(CapiFetch, bad_arguments_are_refused_without_callback) {
  Rcp_Session* session = newSession();
  ResponseRecorder recorder;
  Rcp_ResponseCallbackObject callback = recorder.callbackObject();
  Rcp_Request* request = Rcp_CreateRequest("http://127.0.0.1:9/");
  Rcp_ResponseCallbackObject noFunction{nullptr, &recorder};

  EXPECT_EQ(Rcp_Fetch(nullptr, request, &callback), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_Fetch(session, nullptr, &callback), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_Fetch(session, request, nullptr), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_Fetch(session, request, &noFunction), RCP_ERR_PARAMETER);

  char empty[] = "";
  char ftp[] = "ftp://example.com/file";
  char malformed[] = "http://exa mple.com/";
  char noScheme[] = "example.com/path";
  char* original = request->url;
  request->url = empty;
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_PARAMETER);
  request->url = ftp;
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_UNSUPPORTED_PROTOCOL);
  request->url = malformed;
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_MALFORMED_URL);
  request->url = noScheme;
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_MALFORMED_URL);
  request->url = original;

  request->method = "GE T";
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_PARAMETER);
  request->method = "";
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_PARAMETER);
  request->method = "GET\r\nX-Evil: 1";
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_PARAMETER);
  request->method = RCP_METHOD_GET;

  Rcp_Configuration config{};
  config.transferConfiguration.timeout.connectMs = 0x80000000u;
  request->configuration = &config;
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_PARAMETER);
  config.transferConfiguration.timeout.connectMs = 0;
  Rcp_DnsServers server{};
  std::strcpy(server.ipAndPort.ip, "999.1.1.1");
  Rcp_DnsRule rule{};
  rule.type = RCP_DNS_RULE_DNS_SERVERS;
  rule.data.dnsServers = &server;
  config.dnsConfiguration.dnsRules = &rule;
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_BAD_DNS_RULE);
  request->configuration = nullptr;

  Rcp_TransferRange inverted{9, false, 3, false, nullptr};
  request->transferRange = &inverted;
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_PARAMETER);
  request->transferRange = nullptr;

  uint32_t error = 0;
  EXPECT_EQ(Rcp_FetchSync(session, nullptr, &error), nullptr);
  EXPECT_EQ(error, RCP_ERR_PARAMETER);
  request->url = ftp;
  EXPECT_EQ(Rcp_FetchSync(session, request, &error), nullptr);
  EXPECT_EQ(error, RCP_ERR_UNSUPPORTED_PROTOCOL);
  request->url = original;
  EXPECT_EQ(Rcp_FetchSync(session, request, nullptr), nullptr);

  EXPECT_EQ(Rcp_CloseSession(&session), 0u);  // after close no callback can still come
  EXPECT_TRUE(recorder.codes().empty());
  Rcp_DestroyRequest(request);
}

TEST(CapiFetch, the_same_request_twice_in_flight_is_a_parameter_error) {
  SilentServer server;
  Rcp_Session* session = newSession();
  ResponseRecorder recorder;
  Rcp_ResponseCallbackObject callback = recorder.callbackObject();
  Rcp_Request* request = Rcp_CreateRequest(server.url());
  ASSERT_EQ(Rcp_Fetch(session, request, &callback), 0u);
  EXPECT_EQ(Rcp_Fetch(session, request, &callback), RCP_ERR_PARAMETER);
  Rcp_Request* other = Rcp_CreateRequest(server.url());
  EXPECT_EQ(Rcp_Fetch(session, other, &callback), 0u);
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(recorder.codes(), (std::vector<uint32_t>{RCP_ERR_REQUEST_CANCELED, RCP_ERR_REQUEST_CANCELED}));
  Rcp_DestroyRequest(request);
  Rcp_DestroyRequest(other);
}

TEST(CapiSession, stale_handles_report_session_closed) {
  Rcp_Session* session = newSession();
  Rcp_Session* copy = session;
  ResponseRecorder recorder;
  Rcp_ResponseCallbackObject callback = recorder.callbackObject();
  Rcp_Request* request = Rcp_CreateRequest("http://127.0.0.1:9/");

  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(session, nullptr);
  EXPECT_EQ(Rcp_Fetch(copy, request, &callback), RCP_ERR_SESSION_CLOSED);
  EXPECT_EQ(Rcp_CancelSession(copy), RCP_ERR_SESSION_CLOSED);
  EXPECT_EQ(Rcp_CancelRequest(copy, request), RCP_ERR_SESSION_CLOSED);
  EXPECT_EQ(Rcp_GetSessionId(copy), nullptr);
  EXPECT_EQ(Rcp_GetSessionConfiguration(copy), nullptr);
  uint32_t error = 0;
  EXPECT_EQ(Rcp_FetchSync(copy, request, &error), nullptr);
  EXPECT_EQ(error, RCP_ERR_SESSION_CLOSED);
  EXPECT_EQ(Rcp_CloseSession(&copy), RCP_ERR_SESSION_CLOSED);  // double close through a copy
  EXPECT_EQ(Rcp_CloseSession(&session), RCP_ERR_PARAMETER);    // *session was set to NULL
  EXPECT_EQ(Rcp_CloseSession(nullptr), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_CancelSession(nullptr), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_CancelRequest(nullptr, request), RCP_ERR_PARAMETER);

  Rcp_Session* madeUp = reinterpret_cast<Rcp_Session*>(static_cast<uintptr_t>(0x1000));
  EXPECT_EQ(Rcp_Fetch(madeUp, request, &callback), RCP_ERR_SESSION_CLOSED);
  EXPECT_EQ(Rcp_CloseSession(&madeUp), RCP_ERR_SESSION_CLOSED);
  EXPECT_TRUE(recorder.codes().empty());
  Rcp_DestroyRequest(request);
}

TEST(CapiSession, limit_is_1024_open_sessions) {
  const int alreadyOpen = rcp::core::Session::openCount();
  std::vector<Rcp_Session*> sessions;
  uint32_t error = 0;
  for (int i = alreadyOpen; i < rcp::core::kMaxOpenSessions; ++i) {
    Rcp_Session* session = Rcp_CreateSession(nullptr, &error);
    ASSERT_NE(session, nullptr) << "session " << i;
    sessions.push_back(session);
  }
  EXPECT_EQ(Rcp_CreateSession(nullptr, &error), nullptr);
  EXPECT_EQ(error, RCP_ERR_SESSION_LIMIT);
  Rcp_Session* freed = sessions.back();
  sessions.pop_back();
  ASSERT_EQ(Rcp_CloseSession(&freed), 0u);
  Rcp_Session* again = Rcp_CreateSession(nullptr, &error);
  EXPECT_NE(again, nullptr);
  EXPECT_EQ(error, 0u);
  sessions.push_back(again);
  EXPECT_EQ(Rcp_CreateSession(nullptr, &error), nullptr);
  EXPECT_EQ(error, RCP_ERR_SESSION_LIMIT);
  for (Rcp_Session*& session : sessions) {
    ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  }
  EXPECT_EQ(rcp::core::Session::openCount(), alreadyOpen);
}

TEST(CapiSession, close_settles_in_flight_fetches_before_returning) {
  SilentServer server;
  Rcp_SessionConfiguration config = listeningConfiguration();
  Rcp_Session* session = newSession(&config);
  ResponseRecorder recorder;
  Rcp_ResponseCallbackObject callback = recorder.callbackObject();
  Rcp_Request* first = Rcp_CreateRequest(server.url());
  Rcp_Request* second = Rcp_CreateRequest(server.url());
  ASSERT_EQ(Rcp_Fetch(session, first, &callback), 0u);
  ASSERT_EQ(Rcp_Fetch(session, second, &callback), 0u);
  Rcp_DestroyRequest(second);  // allowed while in flight: the fetch has its own copy

  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(recorder.codes(), (std::vector<uint32_t>{RCP_ERR_REQUEST_CANCELED, RCP_ERR_REQUEST_CANCELED}));
  EXPECT_EQ(gListenerCanceled.load(), 1);
  EXPECT_EQ(gListenerClosed.load(), 1);
  Rcp_DestroyRequest(first);
}

TEST(CapiSession, close_with_nothing_in_flight_only_reports_closed) {
  Rcp_SessionConfiguration config = listeningConfiguration();
  Rcp_Session* session = newSession(&config);
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(gListenerCanceled.load(), 0);
  EXPECT_EQ(gListenerClosed.load(), 1);
}

TEST(CapiSession, cancel_session_keeps_it_usable) {
  SilentServer server;
  Rcp_SessionConfiguration config = listeningConfiguration();
  Rcp_Session* session = newSession(&config);
  ResponseRecorder recorder;
  Rcp_ResponseCallbackObject callback = recorder.callbackObject();
  Rcp_Request* request = Rcp_CreateRequest(server.url());
  ASSERT_EQ(Rcp_Fetch(session, request, &callback), 0u);
  ASSERT_EQ(Rcp_CancelSession(session), 0u);
  ASSERT_TRUE(recorder.waitFor(1));
  EXPECT_EQ(recorder.codes()[0], RCP_ERR_REQUEST_CANCELED);
  EXPECT_EQ(gListenerCanceled.load(), 1);
  EXPECT_EQ(gListenerClosed.load(), 0);

  ASSERT_EQ(Rcp_Fetch(session, request, &callback), 0u);  // the same request, again
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(recorder.codes(), (std::vector<uint32_t>{RCP_ERR_REQUEST_CANCELED, RCP_ERR_REQUEST_CANCELED}));
  EXPECT_EQ(gListenerClosed.load(), 1);
  Rcp_DestroyRequest(request);
}

TEST(CapiSession, cancel_request_leaves_other_requests_running) {
  SilentServer server;
  Rcp_Session* session = newSession();
  ResponseRecorder canceled;
  ResponseRecorder running;
  Rcp_ResponseCallbackObject canceledCallback = canceled.callbackObject();
  Rcp_ResponseCallbackObject runningCallback = running.callbackObject();
  Rcp_Request* target = Rcp_CreateRequest(server.url());
  Rcp_Request* other = Rcp_CreateRequest(server.url());
  ASSERT_EQ(Rcp_Fetch(session, target, &canceledCallback), 0u);
  ASSERT_EQ(Rcp_Fetch(session, other, &runningCallback), 0u);
  ASSERT_EQ(Rcp_CancelRequest(session, target), 0u);
  ASSERT_TRUE(canceled.waitFor(1));
  EXPECT_EQ(canceled.codes()[0], RCP_ERR_REQUEST_CANCELED);
  EXPECT_FALSE(running.waitFor(1, std::chrono::milliseconds(200)));
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(running.codes(), std::vector<uint32_t>{RCP_ERR_REQUEST_CANCELED});
  Rcp_DestroyRequest(target);
  Rcp_DestroyRequest(other);
}

void fetchSyncInsideCallback(ResponseRecorder* self) {
  Rcp_Request* request = Rcp_CreateRequest("http://127.0.0.1:9/");
  uint32_t error = 0;
  Rcp_Response* response = Rcp_FetchSync(self->session, request, &error);
  self->hookResult = response == nullptr ? error : 0;
  Rcp_DestroyRequest(request);
}

TEST(CapiSession, fetch_sync_on_the_network_thread_is_refused) {
  const std::string url = refusedUrl();
  Rcp_Session* session = newSession();
  ResponseRecorder recorder;
  recorder.session = session;
  recorder.hook = fetchSyncInsideCallback;
  Rcp_ResponseCallbackObject callback = recorder.callbackObject();
  Rcp_Request* request = Rcp_CreateRequest(url.c_str());
  ASSERT_EQ(Rcp_Fetch(session, request, &callback), 0u);
  ASSERT_TRUE(recorder.waitFor(1));
  EXPECT_EQ(recorder.codes()[0], RCP_ERR_COULDNT_CONNECT);
  EXPECT_TRUE(recorder.onLoopThread()[0]);
  EXPECT_EQ(recorder.hookResult, RCP_ERR_INTERNAL);
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  Rcp_DestroyRequest(request);
}

void closeInsideCallback(ResponseRecorder* self) { self->hookResult = Rcp_CloseSession(&self->session); }

TEST(CapiSession, close_from_inside_a_response_callback) {
  const std::string url = refusedUrl();
  Rcp_Session* session = newSession();
  ResponseRecorder recorder;
  recorder.session = session;
  recorder.hook = closeInsideCallback;
  Rcp_ResponseCallbackObject callback = recorder.callbackObject();
  Rcp_Request* request = Rcp_CreateRequest(url.c_str());
  ASSERT_EQ(Rcp_Fetch(session, request, &callback), 0u);
  ASSERT_TRUE(recorder.waitFor(1));
  EXPECT_EQ(recorder.hookResult, 0u);
  EXPECT_EQ(recorder.session, nullptr);
  EXPECT_EQ(Rcp_CloseSession(&session), RCP_ERR_SESSION_CLOSED);
  Rcp_DestroyRequest(request);
}

TEST(CapiSession, fetch_sync_returns_when_another_thread_cancels) {
  SilentServer server;
  Rcp_Session* session = newSession();
  Rcp_Request* request = Rcp_CreateRequest(server.url());
  uint32_t error = 0;
  Rcp_Response* response = nullptr;
  std::atomic<bool> returned{false};
  std::thread waiter([&] {
    response = Rcp_FetchSync(session, request, &error);
    returned = true;
  });
  // Cancel until the blocked fetch has been started and canceled (a cancel
  // that comes before the fetch has started matches nothing).
  for (int i = 0; i < 500 && !returned.load(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(Rcp_CancelRequest(session, request), 0u);
  }
  waiter.join();
  EXPECT_EQ(response, nullptr);
  EXPECT_EQ(error, RCP_ERR_REQUEST_CANCELED);
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  Rcp_DestroyRequest(request);
}

TEST(CapiSession, default_session_is_shared_and_reference_counted) {
  EXPECT_EQ(Rcp_GetDefaultSession(nullptr), RCP_ERR_INVALID_PARAMETER);
  Rcp_Session* a = nullptr;
  Rcp_Session* b = nullptr;
  ASSERT_EQ(Rcp_GetDefaultSession(&a), 0u);
  ASSERT_EQ(Rcp_GetDefaultSession(&b), 0u);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  const std::string id = Rcp_GetSessionId(a);
  EXPECT_EQ(id, Rcp_GetSessionId(b));
  Rcp_Session* staleA = a;
  ASSERT_EQ(Rcp_CloseSession(&a), 0u);  // releases a's reference only
  EXPECT_EQ(Rcp_GetSessionId(staleA), nullptr);
  ASSERT_NE(Rcp_GetSessionId(b), nullptr);
  EXPECT_EQ(id, Rcp_GetSessionId(b));
  ASSERT_EQ(Rcp_CloseSession(&b), 0u);  // the last reference closes it
  Rcp_Session* c = nullptr;
  ASSERT_EQ(Rcp_GetDefaultSession(&c), 0u);
  EXPECT_NE(id, Rcp_GetSessionId(c));
  ASSERT_EQ(Rcp_CloseSession(&c), 0u);
}

TEST(CapiSession, configuration_is_a_deep_copy) {
  char baseUrl[] = "https://api.example/v2/";
  Rcp_Headers* headers = Rcp_CreateHeaders();
  Rcp_SetHeaderValue(headers, "X-Token", "t1");
  Rcp_Configuration requestConfig{};
  requestConfig.transferConfiguration.timeout.connectMs = 1234;
  Rcp_SessionConfiguration config{};
  config.baseUrl = baseUrl;
  config.headers = headers;
  config.requestConfiguration = &requestConfig;
  config.connectionConfiguration.maxTotalConnections = 9;
  Rcp_Session* session = newSession(&config);
  std::memset(baseUrl, 'x', sizeof(baseUrl) - 1);
  Rcp_DestroyHeaders(headers);
  requestConfig.transferConfiguration.timeout.connectMs = 1;

  const Rcp_SessionConfiguration* copy = Rcp_GetSessionConfiguration(session);
  ASSERT_NE(copy, nullptr);
  EXPECT_STREQ(copy->baseUrl, "https://api.example/v2/");
  ASSERT_NE(Rcp_GetHeaderValue(copy->headers, "x-token"), nullptr);
  EXPECT_STREQ(Rcp_GetHeaderValue(copy->headers, "x-token")->value, "t1");
  ASSERT_NE(copy->requestConfiguration, nullptr);
  EXPECT_EQ(copy->requestConfiguration->transferConfiguration.timeout.connectMs, 1234u);
  EXPECT_EQ(copy->connectionConfiguration.maxTotalConnections, 9);
  ASSERT_NE(Rcp_GetSessionId(session), nullptr);
  EXPECT_GT(std::strlen(Rcp_GetSessionId(session)), 0u);

  Rcp_Session* plain = newSession(nullptr);
  const Rcp_SessionConfiguration* defaults = Rcp_GetSessionConfiguration(plain);
  ASSERT_NE(defaults, nullptr);
  EXPECT_EQ(defaults->baseUrl, nullptr);
  EXPECT_EQ(defaults->headers, nullptr);
  EXPECT_STRNE(Rcp_GetSessionId(plain), Rcp_GetSessionId(session));
  ASSERT_EQ(Rcp_CloseSession(&plain), 0u);
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
}

TEST(CapiSession, invalid_configuration_is_refused) {
  Rcp_SessionConfiguration config{};
  config.baseUrl = "not a url";
  uint32_t error = 0;
  EXPECT_EQ(Rcp_CreateSession(&config, &error), nullptr);
  EXPECT_EQ(error, RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_CreateSession(&config, nullptr), nullptr);  // errCode is optional
}

}  // namespace
