// The engine side of a Session. Every member marked "loop thread" is touched
// only by the event-loop thread; the rest is guarded by mutex_.
#pragma once

#include <curl/curl.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "loop.h"
#include "session.h"
#include "transfer.h"

namespace rcp::core {

struct CurlMultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};

// Counts a libcurl call on a multi handle, so that code running inside one of
// its callbacks knows it must not touch that handle.
class CurlCallScope {
 public:
  explicit CurlCallScope(int& depth) : depth_(depth) { ++depth_; }
  ~CurlCallScope() { --depth_; }
  CurlCallScope(const CurlCallScope&) = delete;
  CurlCallScope& operator=(const CurlCallScope&) = delete;

 private:
  int& depth_;
};

// The idle HTTP/1.x connections of a session. They are few (at most the
// session's connections), so a flat list serves better than a hash set:
// nothing is allocated per request once it has grown.
class IdleSockets {
 public:
  bool empty() const { return sockets_.empty(); }
  bool contains(curl_socket_t fd) const { return std::find(sockets_.begin(), sockets_.end(), fd) != sockets_.end(); }
  void insert(curl_socket_t fd) {
    if (!contains(fd)) sockets_.push_back(fd);
  }
  // Returns false when `fd` was not in the list.
  bool erase(curl_socket_t fd) {
    auto it = std::find(sockets_.begin(), sockets_.end(), fd);
    if (it == sockets_.end()) return false;
    *it = sockets_.back();
    sockets_.pop_back();
    return true;
  }
  void clear() { sockets_.clear(); }
  const std::vector<curl_socket_t>& all() const { return sockets_; }

 private:
  std::vector<curl_socket_t> sockets_;
};

class SessionImpl : public std::enable_shared_from_this<SessionImpl>, public FdWatcher, public TimerClient {
 public:
  explicit SessionImpl(const SessionOptions& options);
  ~SessionImpl() override;

  uint32_t fetch(Request request, std::shared_ptr<TransferEvents> events, std::string* detail);
  uint32_t cancel(const std::string& requestId, bool all);
  uint32_t close();
  bool isClosed() const;
  size_t inFlight() const;
  const std::string& id() const { return id_; }

  // Loop-thread entry points.
  void onFdReady(int fd, uint32_t epollEvents) override;
  void onTimer() override;  // libcurl's multi timer
  void onInactivityTimer(uint64_t serial);

 private:
  // libcurl's multi callbacks: never throw into libcurl.
  static int onSocketChange(CURL* easy, curl_socket_t fd, int what, void* self, void* socketData) noexcept;
  static int onTimerChange(CURLM* multi, long timeoutMs, void* self) noexcept;
  static int onCloseSocket(void* self, curl_socket_t fd) noexcept;

  // Unrequested bytes on an idle HTTP/1.x connection would be read as the
  // next request's response. Such connections are watched while idle, and one
  // that turns readable is made unusable before libcurl can reuse it: libcurl
  // then sees a closed connection, drops it and connects afresh. No extra
  // check is needed when a request starts: libcurl picks a connection only
  // from a timer the loop runs after its next epoll_wait, whose events for
  // idle connections are handled first.
  void watchIdleConnection(curl_socket_t fd);   // loop thread
  void retireIdleConnection(curl_socket_t fd);  // loop thread
  // Delivers a finished transfer's deferred status and header events.
  // Returns false when a callback settled it (canceled, or its session closed).
  bool deliverDeferredResponseEvents(uint64_t serial);  // loop thread

  void attachPending();  // loop thread
  // Cancels matching transfers whose serial is below `beforeSerial`, i.e. the
  // ones whose fetch was accepted before the cancel was called.
  void cancelOnLoop(const std::string& requestId, bool all, uint64_t beforeSerial);  // loop thread
  void closeOnLoop();                                                                // loop thread
  bool ensureMulti();                                                                // loop thread
  void drive(curl_socket_t fd, int mask);                                            // loop thread
  void afterCurl();                                                                  // loop thread
  void reapZombies();                                                                // loop thread
  void releaseMulti();                                                               // loop thread
  void settle(uint64_t serial, Outcome outcome, bool canceled);                      // loop thread
  void deliver(std::unique_ptr<Transfer> transfer, Outcome outcome, bool canceled);  // loop thread
  CURL* takeEasy();                                                                  // any thread
  void releaseId(const std::string& requestId, uint64_t serial);                     // mutex_ held
  void recycle(std::unique_ptr<Transfer> transfer);  // loop thread; transfer out of multi_

  const SessionOptions options_;
  const std::string id_;

  mutable std::mutex mutex_;
  bool closed_ = false;
  bool usedLoop_ = false;                           // something was posted to the loop for this session
  std::vector<std::unique_ptr<Transfer>> pending_;  // accepted, not yet on the loop
  // Request id -> serial of the fetch that holds it. A cancel releases the id
  // at once, so the same request can be fetched again right away.
  std::unordered_map<std::string, uint64_t> inFlightIds_;
  size_t inFlight_ = 0;
  // Finished easy handles kept for the next fetches: reusing one (after
  // curl_easy_reset) is much cheaper than creating it.
  std::vector<std::unique_ptr<CURL, CurlEasyDeleter>> idleEasy_;

  // Loop thread.
  std::unique_ptr<CURLM, CurlMultiDeleter> multi_;
  int curlDepth_ = 0;                                        // > 0 while a libcurl call on multi_ is on the stack
  bool releasePending_ = false;                              // close happened inside a libcurl call: release afterwards
  std::map<uint64_t, std::unique_ptr<Transfer>> transfers_;  // on the loop, not yet settled
  std::vector<std::unique_ptr<Transfer>> zombies_;           // settled, still inside multi_ until the call returns
  std::unordered_set<curl_socket_t> sockets_;                // watched for libcurl
  IdleSockets idleHttp1_;                                    // watched for stray bytes while idle
};

}  // namespace rcp::core
