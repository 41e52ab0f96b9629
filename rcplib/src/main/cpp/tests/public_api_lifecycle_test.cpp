// The lifecycle contract of <rcp/rcp.h>, rule by rule, through the public C
// API only, plus the process-level rules (example program, exit with work in
// flight).
#include <gtest/gtest.h>
#include <rcp/rcp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "test_server.h"

extern char** environ;

namespace rcp::test {
namespace {

constexpr uint32_t kCanceled = 1007900992;
constexpr uint32_t kClosed = 1007900993;

// Collects response callbacks; thread-safe.
struct Collector {
  std::mutex mutex;
  std::condition_variable cv;
  int calls = 0;
  uint32_t lastCode = 0;
  long lastStatus = 0;
  std::vector<uint32_t> codes;
  std::function<void(uint32_t)> hook;  // runs inside the callback, before recording

  static void onResponse(void* ctx, Rcp_Response* response, uint32_t code) {
    auto* self = static_cast<Collector*>(ctx);
    if (self->hook) self->hook(code);
    const long status = response != nullptr ? static_cast<long>(response->statusCode) : 0;
    if (response != nullptr) response->destroyResponse(response);
    std::lock_guard<std::mutex> lock(self->mutex);
    ++self->calls;
    self->lastCode = code;
    self->lastStatus = status;
    self->codes.push_back(code);
    self->cv.notify_all();
  }
  Rcp_ResponseCallbackObject callback() { return Rcp_ResponseCallbackObject{&Collector::onResponse, this}; }
  bool waitFor(int n, std::chrono::seconds timeout = std::chrono::seconds(20)) {
    std::unique_lock<std::mutex> lock(mutex);
    return cv.wait_for(lock, timeout, [&] { return calls >= n; });
  }
  int count() {
    std::lock_guard<std::mutex> lock(mutex);
    return calls;
  }
};

std::atomic<int> g_listenerClosed{0};
std::atomic<int> g_listenerCanceled{0};
void listenerClosed() { g_listenerClosed.fetch_add(1); }
void listenerCanceled() { g_listenerCanceled.fetch_add(1); }

Rcp_Session* newSession(long maxPerHost = 0) {
  Rcp_SessionConfiguration config;
  std::memset(&config, 0, sizeof config);
  config.sessionListener.onClosed = &listenerClosed;
  config.sessionListener.onCanceled = &listenerCanceled;
  config.connectionConfiguration.maxConnectionsPerHost = maxPerHost;
  uint32_t code = 1;
  Rcp_Session* session = Rcp_CreateSession(&config, &code);
  EXPECT_EQ(code, 0u);
  EXPECT_NE(session, nullptr);
  return session;
}

struct RequestDeleter {
  void operator()(Rcp_Request* r) const { Rcp_DestroyRequest(r); }
};
using RequestPtr = std::unique_ptr<Rcp_Request, RequestDeleter>;

RequestPtr request(const std::string& path) {
  return RequestPtr(Rcp_CreateRequest((TestServer::get().http + path).c_str()));
}

// Rules 1 and 3: close with 1,000 fetches in flight.
TEST(PublicApiLifecycle, close_settles_a_thousand_fetches_once_and_nothing_runs_after) {
  Rcp_Session* session = newSession(64);
  Collector collector;
  std::atomic<bool> closeReturned{false};
  std::atomic<int> late{0};
  collector.hook = [&](uint32_t) {
    if (closeReturned.load()) late.fetch_add(1);
  };
  std::vector<RequestPtr> requests;
  auto cb = collector.callback();
  for (int i = 0; i < 1000; ++i) {
    requests.push_back(request("/hang"));
    ASSERT_EQ(Rcp_Fetch(session, requests.back().get(), &cb), 0u);
  }
  const int closedBefore = g_listenerClosed.load();
  const int canceledBefore = g_listenerCanceled.load();
  Rcp_Session* copy = session;
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  closeReturned = true;
  EXPECT_EQ(session, nullptr);
  EXPECT_EQ(collector.count(), 1000);
  for (uint32_t code : collector.codes) EXPECT_EQ(code, kCanceled);
  EXPECT_EQ(g_listenerClosed.load(), closedBefore + 1);
  EXPECT_EQ(g_listenerCanceled.load(), canceledBefore + 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(late.load(), 0);
  EXPECT_EQ(collector.count(), 1000);
  // Rule 3: a stale copy of the handle is safe and reports the closed session.
  EXPECT_EQ(Rcp_Fetch(copy, requests[0].get(), &cb), kClosed);
  EXPECT_EQ(Rcp_CancelSession(copy), kClosed);
  EXPECT_EQ(Rcp_CancelRequest(copy, requests[0].get()), kClosed);
  EXPECT_EQ(Rcp_CloseSession(&copy), kClosed);
  EXPECT_EQ(Rcp_CloseSession(&session), 401u);  // *session is NULL now
  EXPECT_EQ(Rcp_CloseSession(nullptr), 401u);
}

// Rule 2: cancel acts at once, with a server that never answers.
TEST(PublicApiLifecycle, cancel_request_acts_at_once_on_a_silent_server) {
  Rcp_Session* session = newSession();
  Collector collector;
  auto cb = collector.callback();
  RequestPtr silent = request("/hang");
  RequestPtr neighbour = request("/delay/200");
  ASSERT_EQ(Rcp_Fetch(session, silent.get(), &cb), 0u);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(collector.count(), 0);
  Collector neighbourCollector;
  auto ncb = neighbourCollector.callback();
  ASSERT_EQ(Rcp_Fetch(session, neighbour.get(), &ncb), 0u);
  EXPECT_EQ(Rcp_CancelRequest(session, silent.get()), 0u);
  ASSERT_TRUE(collector.waitFor(1, std::chrono::seconds(5)));
  EXPECT_EQ(collector.lastCode, kCanceled);
  ASSERT_TRUE(neighbourCollector.waitFor(1));
  EXPECT_EQ(neighbourCollector.lastCode, 0u);
  EXPECT_EQ(neighbourCollector.lastStatus, 200);
  EXPECT_EQ(Rcp_CloseSession(&session), 0u);
}

TEST(PublicApiLifecycle, cancel_session_cancels_all_and_keeps_the_session) {
  Rcp_Session* session = newSession();
  Collector collector;
  auto cb = collector.callback();
  RequestPtr a = request("/hang");
  RequestPtr b = request("/hang");
  ASSERT_EQ(Rcp_Fetch(session, a.get(), &cb), 0u);
  ASSERT_EQ(Rcp_Fetch(session, b.get(), &cb), 0u);
  const int canceledBefore = g_listenerCanceled.load();
  EXPECT_EQ(Rcp_CancelSession(session), 0u);
  ASSERT_TRUE(collector.waitFor(2, std::chrono::seconds(5)));
  EXPECT_EQ(collector.codes[0], kCanceled);
  EXPECT_EQ(collector.codes[1], kCanceled);
  EXPECT_EQ(g_listenerCanceled.load(), canceledBefore + 1);
  RequestPtr after = request("/json");
  ASSERT_EQ(Rcp_Fetch(session, after.get(), &cb), 0u);
  ASSERT_TRUE(collector.waitFor(3));
  EXPECT_EQ(collector.codes[2], 0u);
  EXPECT_EQ(Rcp_CloseSession(&session), 0u);
}

// Rules 3 and 4: close from inside the response callback.
TEST(PublicApiLifecycle, close_from_inside_a_response_callback) {
  Rcp_Session* session = newSession();
  Collector sibling;
  auto scb = sibling.callback();
  RequestPtr hanging = request("/hang");
  ASSERT_EQ(Rcp_Fetch(session, hanging.get(), &scb), 0u);
  Collector collector;
  std::atomic<uint32_t> closeCode{1};
  collector.hook = [&](uint32_t) { closeCode = Rcp_CloseSession(&session); };
  auto cb = collector.callback();
  RequestPtr quick = request("/json");
  ASSERT_EQ(Rcp_Fetch(session, quick.get(), &cb), 0u);
  ASSERT_TRUE(collector.waitFor(1));
  EXPECT_EQ(collector.lastCode, 0u);
  EXPECT_EQ(closeCode.load(), 0u);
  EXPECT_EQ(sibling.count(), 1);
  EXPECT_EQ(sibling.lastCode, kCanceled);
}

// Rule 4: a callback may fetch on its own session.
TEST(PublicApiLifecycle, a_callback_may_start_the_next_fetch) {
  Rcp_Session* session = newSession();
  RequestPtr first = request("/json");
  RequestPtr second = request("/bytes/10");
  Collector collector;
  auto cb = collector.callback();
  std::atomic<uint32_t> nested{1};
  collector.hook = [&](uint32_t) {
    if (collector.count() == 0) nested = Rcp_Fetch(session, second.get(), &cb);
  };
  ASSERT_EQ(Rcp_Fetch(session, first.get(), &cb), 0u);
  ASSERT_TRUE(collector.waitFor(2));
  EXPECT_EQ(nested.load(), 0u);
  EXPECT_EQ(collector.codes[1], 0u);
  EXPECT_EQ(Rcp_CloseSession(&session), 0u);
}

// Close from inside an async interceptor: the fetch the interceptor holds
// settles once, canceled.
Rcp_Session* g_interceptorSession = nullptr;
std::atomic<uint32_t> g_interceptorCloseCode{1};
uint32_t closingInterceptor(Rcp_Request* request, const Rcp_RequestHandler* next,
                            const Rcp_ResponseCallbackObject* callback) {
  g_interceptorCloseCode = Rcp_CloseSession(&g_interceptorSession);
  return Rcp_CallNextRequestHandler(request, next, callback);
}

TEST(PublicApiLifecycle, close_from_inside_an_interceptor) {
  Rcp_Interceptor interceptor{&closingInterceptor};
  Rcp_SessionConfiguration config;
  std::memset(&config, 0, sizeof config);
  config.interceptors.interceptors = &interceptor;
  config.interceptors.size = 1;
  uint32_t code = 1;
  g_interceptorSession = Rcp_CreateSession(&config, &code);
  ASSERT_NE(g_interceptorSession, nullptr);
  Collector collector;
  auto cb = collector.callback();
  RequestPtr r = request("/json");
  const uint32_t fetchCode = Rcp_Fetch(g_interceptorSession, r.get(), &cb);
  EXPECT_EQ(g_interceptorCloseCode.load(), 0u);
  EXPECT_EQ(g_interceptorSession, nullptr);
  if (fetchCode == 0) {
    // Accepted: it must still settle exactly once.
    ASSERT_TRUE(collector.waitFor(1, std::chrono::seconds(5)));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(collector.count(), 1);
    EXPECT_TRUE(collector.lastCode == kCanceled || collector.lastCode == kClosed) << collector.lastCode;
  } else {
    EXPECT_EQ(fetchCode, kClosed);
    EXPECT_EQ(collector.count(), 0);
  }
}

TEST(PublicApiLifecycle, fetch_sync_works_and_refuses_to_block_the_network_thread) {
  Rcp_Session* session = newSession();
  RequestPtr r = request("/json");
  uint32_t code = 1;
  Rcp_Response* response = Rcp_FetchSync(session, r.get(), &code);
  ASSERT_NE(response, nullptr);
  EXPECT_EQ(code, 0u);
  EXPECT_EQ(static_cast<long>(response->statusCode), 200);
  response->destroyResponse(response);

  Collector collector;
  std::atomic<uint32_t> nestedCode{0};
  RequestPtr inner = request("/json");
  collector.hook = [&](uint32_t) {
    uint32_t c = 0;
    Rcp_Response* nested = Rcp_FetchSync(session, inner.get(), &c);
    if (nested != nullptr) nested->destroyResponse(nested);
    nestedCode = c;
  };
  auto cb = collector.callback();
  RequestPtr outer = request("/json");
  ASSERT_EQ(Rcp_Fetch(session, outer.get(), &cb), 0u);
  ASSERT_TRUE(collector.waitFor(1));
  EXPECT_EQ(nestedCode.load(), 1007900999u);
  EXPECT_EQ(Rcp_CloseSession(&session), 0u);
}

// Rule 5 and resource release: 1,000 cycles return fds and threads to baseline.
TEST(PublicApiLifecycle, create_fetch_close_cycles_leave_no_fds_or_threads) {
  {
    Rcp_Session* warm = newSession();
    Collector c;
    auto cb = c.callback();
    RequestPtr r = request("/json");
    Rcp_Fetch(warm, r.get(), &cb);
    c.waitFor(1);
    Rcp_CloseSession(&warm);
  }
  const int fds = openFdCount();
  const int threads = threadCount();
  for (int i = 0; i < 1000; ++i) {
    Rcp_Session* session = newSession();
    Collector c;
    auto cb = c.callback();
    RequestPtr r = request(i % 10 == 0 ? "/hang" : "/bytes/64");
    ASSERT_EQ(Rcp_Fetch(session, r.get(), &cb), 0u);
    if (i % 10 != 0) {
      ASSERT_TRUE(c.waitFor(1));
    }
    ASSERT_EQ(Rcp_CloseSession(&session), 0u);
    ASSERT_EQ(c.count(), 1);
  }
  EXPECT_EQ(openFdCount(), fds);
  EXPECT_EQ(threadCount(), threads);
}

// Runs a program; returns its exit status (or -1 on time-out, after killing it).
int runProgram(const std::vector<std::string>& args, std::string* output, std::chrono::seconds timeout) {
  int pipeFds[2];
  if (pipe(pipeFds) != 0) return -2;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
  posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipeFds[1]);
  if (rc != 0) {
    close(pipeFds[0]);
    return -2;
  }
  std::thread reader([&] {
    char buffer[512];
    ssize_t n;
    while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0) output->append(buffer, static_cast<size_t>(n));
  });
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  int result = -1;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      result = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (result == -1) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  reader.join();
  close(pipeFds[0]);
  return result;
}

// Rule 5: returning from main() with a fetch in flight still exits.
TEST(PublicApiLifecycle, process_exits_with_a_fetch_in_flight) {
  std::string output;
  const int status =
      runProgram({RCP_EXIT_WITH_INFLIGHT_BINARY, TestServer::get().http + "/hang"}, &output, std::chrono::seconds(10));
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("fetch started"), std::string::npos);
}

TEST(PublicApiLifecycle, example_fetch_then_close_runs) {
  std::string output;
  const int status =
      runProgram({RCP_EXAMPLE_BINARY, TestServer::get().http + "/json"}, &output, std::chrono::seconds(20));
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("200"), std::string::npos) << output;
  std::string failure;
  EXPECT_EQ(runProgram({RCP_EXAMPLE_BINARY, "http://127.0.0.1:1/"}, &failure, std::chrono::seconds(20)), 1) << failure;
  std::string usage;
  EXPECT_EQ(runProgram({RCP_EXAMPLE_BINARY}, &usage, std::chrono::seconds(5)), 2);
}

}  // namespace
}  // namespace rcp::test

namespace rcp::test {
namespace {

// Code written for Huawei's C API (HMS_Rcp_* names) builds as C and runs.
TEST(PublicApiCompatibility, huawei_style_close_sample_runs_unchanged) {
  std::string output;
  const int status =
      runProgram({RCP_HMS_SAMPLE_BINARY, TestServer::get().http + "/json"}, &output, std::chrono::seconds(20));
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("status 200"), std::string::npos) << output;
  EXPECT_NE(output.find("close 0 null"), std::string::npos) << output;
}

}  // namespace
}  // namespace rcp::test
