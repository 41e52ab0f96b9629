// What the reliability suites (reliability_*_test.cpp) share: the test
// server's full directory of listeners, RAII owners for C API objects, a
// per-fetch result slot that counts its callbacks, loopback listeners that
// misbehave at the TCP level, and the resource counters a leak check compares.
#pragma once

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <rcp/rcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "test_server.h"

namespace rcp::test::reliability {

// How long a test waits for a fetch that must settle. Far below the 60 s
// default connect and transfer timeouts, so a fault test whose wait ends with
// a time-out code proves that the limit it configured fired, not a default.
constexpr auto kSettleWait = std::chrono::seconds(20);

// ---------------------------------------------------------------------------
// The test server's listeners beyond the four TestServer names, read once
// from its /servers route (with libcurl directly, so fixture set-up does not
// depend on the code under test).

struct ServerDirectory {
  std::string http;
  std::string h2c;
  std::string https;
  std::string httpsSelfSigned;
  std::string httpsExpired;
  std::string silentTcp;   // host:port that accepts and never writes
  std::string garbageTcp;  // host:port that answers with neither TLS nor HTTP
  std::string caFile;
  std::string selfSignedCertFile;

  static const ServerDirectory& get() {
    static const ServerDirectory directory = load();
    return directory;
  }

  // "http://127.0.0.1:PORT" -> PORT.
  static std::string portOf(const std::string& url) { return url.substr(url.rfind(':') + 1); }

 private:
  static size_t append(char* data, size_t size, size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
  }

  // The value of a string member of a flat JSON object whose strings hold no escapes.
  static std::string field(const std::string& json, const std::string& key) {
    const std::string marker = "\"" + key + "\":\"";
    const size_t start = json.find(marker);
    if (start == std::string::npos) return std::string();
    const size_t valueStart = start + marker.size();
    return json.substr(valueStart, json.find('"', valueStart) - valueStart);
  }

  static ServerDirectory load() {
    const std::string url = TestServer::get().http + "/servers";
    std::string json;
    CURL* easy = curl_easy_init();
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &ServerDirectory::append);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &json);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 10000L);
    const CURLcode rc = curl_easy_perform(easy);
    curl_easy_cleanup(easy);
    EXPECT_EQ(rc, CURLE_OK) << "cannot read " << url;
    ServerDirectory d;
    d.http = field(json, "http");
    d.h2c = field(json, "h2c");
    d.https = field(json, "https");
    d.httpsSelfSigned = field(json, "httpsSelfSigned");
    d.httpsExpired = field(json, "httpsExpired");
    d.silentTcp = field(json, "silentTcp");
    d.garbageTcp = field(json, "garbageTcp");
    d.caFile = field(json, "caFile");
    d.selfSignedCertFile = field(json, "selfSignedCertFile");
    EXPECT_FALSE(d.garbageTcp.empty()) << json;
    return d;
  }
};

// ---------------------------------------------------------------------------
// RAII owners for C API objects.

struct RequestDeleter {
  void operator()(Rcp_Request* r) const { Rcp_DestroyRequest(r); }
};
using RequestPtr = std::unique_ptr<Rcp_Request, RequestDeleter>;

inline RequestPtr newRequest(const std::string& url) { return RequestPtr(Rcp_CreateRequest(url.c_str())); }

struct HeadersDeleter {
  void operator()(Rcp_Headers* h) const { Rcp_DestroyHeaders(h); }
};
using HeadersPtr = std::unique_ptr<Rcp_Headers, HeadersDeleter>;

struct CookiesDeleter {
  void operator()(Rcp_RequestCookies* c) const { Rcp_DestroyRequestCookies(c); }
};
using CookiesPtr = std::unique_ptr<Rcp_RequestCookies, CookiesDeleter>;

// Owns a session handle and closes it when it goes out of scope.
class SessionOwner {
 public:
  explicit SessionOwner(const Rcp_SessionConfiguration* config = nullptr) {
    uint32_t code = 1;
    session_ = Rcp_CreateSession(config, &code);
    EXPECT_EQ(code, 0u);
    EXPECT_NE(session_, nullptr);
  }
  ~SessionOwner() { close(); }
  SessionOwner(const SessionOwner&) = delete;
  SessionOwner& operator=(const SessionOwner&) = delete;

  Rcp_Session* get() const { return session_; }
  uint32_t close() { return session_ != nullptr ? Rcp_CloseSession(&session_) : 0; }

 private:
  Rcp_Session* session_ = nullptr;
};

// A session configuration whose fetches use `requestConfig` (which must
// outlive the call; the session copies it).
inline Rcp_SessionConfiguration sessionUsing(Rcp_Configuration* requestConfig) {
  Rcp_SessionConfiguration config;
  std::memset(&config, 0, sizeof config);
  config.requestConfiguration = requestConfig;
  return config;
}

// A zeroed request configuration that, unlike a plain zeroed one, follows
// redirects (as a session without configuration does).
inline Rcp_Configuration followingConfiguration() {
  Rcp_Configuration config;
  std::memset(&config, 0, sizeof config);
  config.transferConfiguration.autoRedirect = true;
  return config;
}

// Trusts the test server's CA (for the https listener).
inline void trustTestCa(Rcp_Configuration* config) {
  static std::string caFile = TestServer::get().caFile;
  config->securityConfiguration.remoteValidationType = RCP_REMOTE_VALIDATION_CERTIFICATE_AUTHORITY;
  config->securityConfiguration.certificateAuthority.filePath = caFile.data();
}

// ---------------------------------------------------------------------------
// The result of one fetch as its response callback saw it. `calls()` counts
// every callback, so "settles exactly once" is checkable after the fact.

class ResultSlot {
 public:
  Rcp_ResponseCallbackObject callbackObject() { return Rcp_ResponseCallbackObject{&ResultSlot::onResponse, this}; }

  bool wait(std::chrono::milliseconds timeout = kSettleWait) {
    std::unique_lock<std::mutex> lock(mutex_);
    return settled_.wait_for(lock, timeout, [this] { return calls_ > 0; });
  }
  int calls() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }
  uint32_t code() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return code_;
  }
  bool hadResponse() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return hadResponse_;
  }
  long status() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return status_;
  }
  std::string body() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return body_;
  }
  std::string effectiveUrl() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return effectiveUrl_;
  }
  std::string httpVersion() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return httpVersion_;
  }

 private:
  static void onResponse(void* usrCtx, Rcp_Response* response, uint32_t errCode) {
    auto* self = static_cast<ResultSlot*>(usrCtx);
    std::lock_guard<std::mutex> lock(self->mutex_);
    ++self->calls_;
    self->code_ = errCode;
    self->hadResponse_ = response != nullptr;
    if (response != nullptr) {
      self->status_ = static_cast<long>(response->statusCode);
      self->body_.assign(response->body.buffer != nullptr ? response->body.buffer : "", response->body.length);
      self->effectiveUrl_ = response->effectiveUrl != nullptr ? response->effectiveUrl : "";
      self->httpVersion_ = response->httpVersion != nullptr ? response->httpVersion : "";
      response->destroyResponse(response);
    }
    self->settled_.notify_all();
  }

  mutable std::mutex mutex_;
  std::condition_variable settled_;
  int calls_ = 0;
  uint32_t code_ = 0;
  bool hadResponse_ = false;
  long status_ = 0;
  std::string body_;
  std::string effectiveUrl_;
  std::string httpVersion_;
};

// Fetches `url` on `session` and waits for the result. `configure` may edit
// the request (headers, configuration, ...) before it is sent.
template <typename Configure>
std::unique_ptr<ResultSlot> fetchAndWait(Rcp_Session* session, const std::string& url, Configure configure) {
  auto slot = std::make_unique<ResultSlot>();
  RequestPtr request = newRequest(url);
  configure(request.get());
  const Rcp_ResponseCallbackObject callback = slot->callbackObject();
  const uint32_t started = Rcp_Fetch(session, request.get(), &callback);
  EXPECT_EQ(started, 0u) << url;
  if (started == 0) {
    EXPECT_TRUE(slot->wait()) << url << " did not settle";
  }
  return slot;
}

inline std::unique_ptr<ResultSlot> fetchAndWait(Rcp_Session* session, const std::string& url) {
  return fetchAndWait(session, url, [](Rcp_Request*) {});
}

// ---------------------------------------------------------------------------
// Loopback listeners that misbehave at the TCP level.

inline sockaddr_in loopback(uint16_t port = 0) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  return address;
}

inline uint16_t portOfSocket(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  return ntohs(address.sin_port);
}

// A 127.0.0.1 port nobody listens on: connecting is refused at once.
inline std::string refusedUrl() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = loopback();
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  const uint16_t port = portOfSocket(fd);
  close(fd);
  return "http://127.0.0.1:" + std::to_string(port) + "/";
}

// A 127.0.0.1 listener whose accept queue is full and never drained, so the
// kernel drops every further SYN: a client's TCP connect never completes and
// only its connect timeout can end the attempt. Nothing leaves loopback.
class FullBacklogListener {
 public:
  FullBacklogListener() : listener_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address = loopback();
    EXPECT_EQ(bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    // Backlog 0 still queues one connection; the second one finds the queue full.
    EXPECT_EQ(listen(listener_, 0), 0);
    port_ = portOfSocket(listener_);
    const sockaddr_in target = loopback(port_);
    for (int i = 0; i < 8 && !full_; ++i) {
      const int filler = socket(AF_INET, SOCK_STREAM, 0);
      fcntl(filler, F_SETFL, O_NONBLOCK);
      connect(filler, reinterpret_cast<const sockaddr*>(&target), sizeof target);
      fillers_.push_back(filler);
      pollfd p{filler, POLLOUT, 0};
      // A filler whose handshake does not finish means the queue is full.
      full_ = poll(&p, 1, 300) == 0;
    }
    EXPECT_TRUE(full_) << "could not fill the accept queue";
  }
  ~FullBacklogListener() {
    for (int fd : fillers_) close(fd);
    close(listener_);
  }
  FullBacklogListener(const FullBacklogListener&) = delete;
  FullBacklogListener& operator=(const FullBacklogListener&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  int listener_;
  uint16_t port_ = 0;
  bool full_ = false;
  std::vector<int> fillers_;
};

// ---------------------------------------------------------------------------
// Resource counters.

// Resident set size of this process in KiB (VmRSS of /proc/self/status).
inline long residentKib() {
  FILE* status = std::fopen("/proc/self/status", "r");
  if (status == nullptr) return -1;
  char line[256];
  long kib = -1;
  while (std::fgets(line, sizeof line, status) != nullptr) {
    if (std::sscanf(line, "VmRSS: %ld kB", &kib) == 1) break;
  }
  std::fclose(status);
  return kib;
}

struct ResourceCounts {
  int fds = 0;
  int threads = 0;

  static ResourceCounts now() { return ResourceCounts{openFdCount(), threadCount()}; }

  // Waits (bounded) until the process is back to at most `baseline`: sockets
  // and helper threads may take a moment to go after the close that freed them.
  static bool settleTo(const ResourceCounts& baseline, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const ResourceCounts current = now();
      if (current.fds <= baseline.fds && current.threads <= baseline.threads) return true;
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
};

// Starts the test server and rcplib's network thread, so the baseline a
// suite takes afterwards already includes both.
inline void warmUp() {
  const ServerDirectory& servers = ServerDirectory::get();
  SessionOwner session;
  auto slot = fetchAndWait(session.get(), servers.http + "/json");
  EXPECT_EQ(slot->code(), 0u);
}

}  // namespace rcp::test::reliability
