#include "session.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <future>
#include <vector>

#include "errors.h"
#include "log.h"
#include "session_impl.h"

namespace rcp::core {

namespace {

std::atomic<int> g_openSessions{0};
std::atomic<uint64_t> g_nextSerial{1};
std::atomic<uint64_t> g_nextSessionNumber{1};

void initCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_ALL); });
}

std::string newSessionId() {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "session-%" PRIu64, g_nextSessionNumber.fetch_add(1));
  return buffer;
}

Outcome canceledOutcome() {
  Outcome o;
  o.code = kRequestCanceled;
  o.message = errorMessage(kRequestCanceled);
  return o;
}

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

}  // namespace

bool isLoopThread() { return EventLoop::instance().inLoopThread(); }

// ---------------------------------------------------------------------------
// Session (public handle)

std::shared_ptr<Session> Session::create(const SessionOptions& options, uint32_t* error) {
  uint32_t ignored = 0;
  uint32_t& err = error != nullptr ? *error : ignored;
  if (options.maxConnectionsPerHost <= 0 || options.maxTotalConnections <= 0 || options.maxIdleConnections < 0) {
    err = kParameterError;
    return nullptr;
  }
  int open = g_openSessions.load();
  do {
    if (open >= kMaxOpenSessions) {
      err = kSessionLimit;
      return nullptr;
    }
  } while (!g_openSessions.compare_exchange_weak(open, open + 1));
  initCurlOnce();
  err = kOk;
  return std::shared_ptr<Session>(new Session(std::make_shared<SessionImpl>(options)));
}

Session::Session(std::shared_ptr<SessionImpl> impl) : impl_(std::move(impl)) {}
Session::~Session() { impl_->close(); }
uint32_t Session::fetch(Request request, std::shared_ptr<TransferEvents> events) {
  return impl_->fetch(std::move(request), std::move(events));
}
uint32_t Session::cancel(const std::string& requestId) { return impl_->cancel(requestId, false); }
uint32_t Session::cancelAll() { return impl_->cancel(std::string(), true); }
uint32_t Session::close() { return impl_->close(); }
bool Session::isClosed() const { return impl_->isClosed(); }
const std::string& Session::id() const { return impl_->id(); }
size_t Session::inFlight() const { return impl_->inFlight(); }
int Session::openCount() { return g_openSessions.load(); }

// ---------------------------------------------------------------------------
// SessionImpl: any thread

SessionImpl::SessionImpl(const SessionOptions& options) : options_(options), id_(newSessionId()) {}

SessionImpl::~SessionImpl() {
  // close() has run (Session's destructor calls it), so the multi handle was
  // released on the loop; nothing of ours is left registered there.
}

bool SessionImpl::isClosed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return closed_;
}

size_t SessionImpl::inFlight() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return inFlight_;
}

uint32_t SessionImpl::fetch(Request request, std::shared_ptr<TransferEvents> events) {
  if (!events) return kParameterError;
  if (isClosed()) return kSessionClosed;
  // Configure the easy handle here, on the caller's thread, to keep the loop
  // thread free for I/O.
  auto transfer = std::make_unique<Transfer>(g_nextSerial.fetch_add(1), std::move(request), std::move(events));
  CURL* easy = takeEasy();
  if (easy == nullptr) return kOutOfMemory;
  std::string message;
  uint32_t rc = transfer->prepare(easy, &message);
  // Every socket libcurl closes for this session's connections is forgotten
  // by the idle watch first (a descriptor number may be reused at once).
  if (rc == kOk && (curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &SessionImpl::onCloseSocket) != CURLE_OK ||
                    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, static_cast<void*>(this)) != CURLE_OK)) {
    rc = kOutOfMemory;
  }
  if (rc != kOk) return rc;
  const std::string& requestId = transfer->request().id;
  bool schedule = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return kSessionClosed;
    if (!requestId.empty() && !inFlightIds_.emplace(requestId, transfer->serial()).second) return kParameterError;
    ++inFlight_;
    schedule = pending_.empty();
    pending_.push_back(std::move(transfer));
    usedLoop_ = true;
  }
  // One posted task attaches every fetch queued before it runs.
  if (schedule) {
    auto self = shared_from_this();
    if (!EventLoop::instance().post([self] { self->attachPending(); })) {
      // Only during process exit: there is no loop left to run the fetch.
      std::unique_ptr<Transfer> last;
      std::lock_guard<std::mutex> lock(mutex_);
      if (!pending_.empty()) {
        last = std::move(pending_.back());
        pending_.pop_back();
        releaseId(last->request().id, last->serial());
        --inFlight_;
      }
      return kInternalError;
    }
  }
  return kOk;
}

uint32_t SessionImpl::cancel(const std::string& requestId, bool all) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return kSessionClosed;
    if (!usedLoop_) return kOk;  // nothing was ever fetched
  }
  // The cancel runs later on the loop; fetches accepted after this call
  // returns must not be caught by it, and may reuse the canceled request ids.
  const uint64_t beforeSerial = g_nextSerial.load();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = inFlightIds_.begin(); it != inFlightIds_.end();) {
      if (it->second < beforeSerial && (all || it->first == requestId)) {
        it = inFlightIds_.erase(it);
      } else {
        ++it;
      }
    }
  }
  EventLoop& loop = EventLoop::instance();
  if (loop.inLoopThread()) {
    cancelOnLoop(requestId, all, beforeSerial);
  } else {
    auto self = shared_from_this();
    loop.post([self, requestId, all, beforeSerial] { self->cancelOnLoop(requestId, all, beforeSerial); });
  }
  return kOk;
}

uint32_t SessionImpl::close() {
  bool usedLoop = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return kSessionClosed;
    closed_ = true;
    usedLoop = usedLoop_;
  }
  g_openSessions.fetch_sub(1);
  if (!usedLoop) return kOk;  // no multi handle, no transfers: nothing to release
  EventLoop& loop = EventLoop::instance();
  if (loop.inLoopThread()) {
    closeOnLoop();
    return kOk;
  }
  // Wait for the loop to settle and release everything, so that no event of
  // this session can run after close() returns. This is bounded by the loop
  // finishing its current callback; DNS and sockets are never waited for.
  std::promise<void> released;
  std::future<void> done = released.get_future();
  auto self = shared_from_this();
  if (!loop.post([self, &released] {
        self->closeOnLoop();
        released.set_value();
      })) {
    return kOk;  // process exit: the loop is gone and took its work with it
  }
  done.wait();
  return kOk;
}

// ---------------------------------------------------------------------------
// SessionImpl: loop thread

bool SessionImpl::ensureMulti() {
  if (multi_) return true;
  multi_.reset(curl_multi_init());
  CURLM* m = multi_.get();
  if (m == nullptr) return false;
  curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, &SessionImpl::onSocketChange);
  curl_multi_setopt(m, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, &SessionImpl::onTimerChange);
  curl_multi_setopt(m, CURLMOPT_TIMERDATA, this);
  curl_multi_setopt(m, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
  curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, options_.maxConnectionsPerHost);
  curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, options_.maxTotalConnections);
  // libcurl sizes its idle-connection cache from the number of handles added
  // at the moment; ours come and go with every request, so without a fixed
  // size it closes keep-alive connections just before they would be reused.
  const long idle = options_.maxIdleConnections > 0 ? options_.maxIdleConnections : options_.maxTotalConnections;
  curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, idle);
  return true;
}

void SessionImpl::attachPending() {
  std::vector<std::unique_ptr<Transfer>> batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.swap(pending_);
  }
  if (batch.empty()) return;  // close() took them
  // The last chance to catch stray bytes that arrived since the loop last
  // looked, before a new request may pick an idle connection.
  checkIdleConnections();
  const bool haveMulti = ensureMulti();
  std::vector<uint64_t> failed;
  for (auto& transfer : batch) {
    const uint64_t serial = transfer->serial();
    Transfer* t = transfer.get();
    transfers_.emplace(serial, std::move(transfer));
    CURLMcode rc = CURLM_OUT_OF_MEMORY;
    if (haveMulti) {
      CurlCallScope scope(curlDepth_);
      rc = curl_multi_add_handle(multi_.get(), t->easy());
    }
    if (rc != CURLM_OK) {
      failed.push_back(serial);
      continue;
    }
    t->attached = true;
    t->armInactivityTimer(this);
  }
  for (uint64_t serial : failed) {
    Outcome o;
    o.code = kOutOfMemory;
    o.message = "Cannot start the transfer.";
    settle(serial, std::move(o), false);
  }
}

void SessionImpl::cancelOnLoop(const std::string& requestId, bool all, uint64_t beforeSerial) {
  auto self = shared_from_this();  // a callback may drop the last reference
  auto matches = [&](const Transfer& t) {
    return t.serial() < beforeSerial && (all || t.request().id == requestId);
  };
  std::vector<std::unique_ptr<Transfer>> notAttached;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (matches(**it)) {
        notAttached.push_back(std::move(*it));
        it = pending_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& transfer : notAttached) deliver(std::move(transfer), canceledOutcome(), true);
  std::vector<uint64_t> matching;
  for (const auto& entry : transfers_) {
    if (matches(*entry.second)) matching.push_back(entry.first);
  }
  for (uint64_t serial : matching) settle(serial, canceledOutcome(), true);
}

void SessionImpl::closeOnLoop() {
  auto self = shared_from_this();
  // Everything: callbacks below cannot start new fetches (closed_ is set), and
  // a fetch accepted just before close may still sit in pending_.
  cancelOnLoop(std::string(), true, UINT64_MAX);
  if (curlDepth_ > 0) {
    releasePending_ = true;  // finished by afterCurl() once libcurl returns
  } else {
    releaseMulti();
  }
}

void SessionImpl::releaseMulti() {
  reapZombies();
  EventLoop& loop = EventLoop::instance();
  if (multi_) {
    CurlCallScope scope(curlDepth_);
    multi_.reset();  // closes every connection of this session
  }
  // After the cleanup: libcurl may have re-armed the timer while closing.
  loop.cancelTimer(this);
  std::vector<std::unique_ptr<CURL, CurlEasyDeleter>> idle;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    idle.swap(idleEasy_);
  }
  // libcurl normally unregisters each socket before closing it; forget any it
  // did not, without an epoll call on a descriptor number that may be reused.
  for (curl_socket_t fd : sockets_) loop.forgetFd(fd);
  sockets_.clear();
  for (curl_socket_t fd : idleHttp1_) loop.forgetFd(fd);
  idleHttp1_.clear();
  releasePending_ = false;
}

void SessionImpl::reapZombies() {
  std::vector<std::unique_ptr<Transfer>> zombies;
  zombies.swap(zombies_);
  for (auto& t : zombies) {
    if (t->attached && multi_) {
      CurlCallScope scope(curlDepth_);
      curl_multi_remove_handle(multi_.get(), t->easy());
    }
    t->attached = false;
  }
}

void SessionImpl::settle(uint64_t serial, Outcome outcome, bool canceled) {
  auto it = transfers_.find(serial);
  if (it == transfers_.end()) return;  // already settled
  std::unique_ptr<Transfer> transfer = std::move(it->second);
  transfers_.erase(it);
  deliver(std::move(transfer), std::move(outcome), canceled);
}

void SessionImpl::deliver(std::unique_ptr<Transfer> transfer, Outcome outcome, bool canceled) {
  transfer->settled = true;
  EventLoop::instance().cancelTimer(transfer.get());
  if (transfer->attached && curlDepth_ == 0 && multi_) {
    CurlCallScope scope(curlDepth_);
    curl_multi_remove_handle(multi_.get(), transfer->easy());
    transfer->attached = false;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    releaseId(transfer->request().id, transfer->serial());
    --inFlight_;
  }
  // No lock is held from here on: the callbacks may re-enter the engine.
  const std::shared_ptr<TransferEvents> events = transfer->events();
  if (canceled) events->onCanceled();
  if (!canceled && outcome.code == kOk) events->onDataEnd();
  events->onComplete(std::move(outcome));
  if (transfer->attached) {
    // Still inside a libcurl call on multi_: keep the handle until it returns.
    zombies_.push_back(std::move(transfer));
  } else {
    recycle(std::move(transfer));
  }
}

void SessionImpl::releaseId(const std::string& requestId, uint64_t serial) {
  if (requestId.empty()) return;
  auto it = inFlightIds_.find(requestId);
  // A later fetch may hold the id already (after a cancel released it).
  if (it != inFlightIds_.end() && it->second == serial) inFlightIds_.erase(it);
}

CURL* SessionImpl::takeEasy() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idleEasy_.empty()) {
      CURL* easy = idleEasy_.back().release();
      idleEasy_.pop_back();
      curl_easy_reset(easy);
      return easy;
    }
  }
  return curl_easy_init();
}

void SessionImpl::recycle(std::unique_ptr<Transfer> transfer) {
  std::unique_ptr<CURL, CurlEasyDeleter> easy(transfer->releaseEasy());
  transfer.reset();
  if (!easy) return;
  std::lock_guard<std::mutex> lock(mutex_);
  // Keep about as many as can run at once; a closed session keeps none.
  if (!closed_ && idleEasy_.size() < static_cast<size_t>(options_.maxTotalConnections)) {
    idleEasy_.push_back(std::move(easy));
  }
}

void SessionImpl::onInactivityTimer(uint64_t serial) {
  auto it = transfers_.find(serial);
  if (it == transfers_.end()) return;
  if (!it->second->inactivityExpired()) return;
  Outcome o;
  o.code = kTimeout;
  o.message = "No data was sent or received for " +
              std::to_string(it->second->request().options.inactivityTimeoutMs) + " ms.";
  auto self = shared_from_this();
  settle(serial, std::move(o), false);
  afterCurl();
}

void SessionImpl::drive(curl_socket_t fd, int mask) {
  auto self = shared_from_this();  // a callback may drop the last reference
  if (!multi_) return;
  {
    CurlCallScope scope(curlDepth_);
    int running = 0;
    curl_multi_socket_action(multi_.get(), fd, mask, &running);
  }
  afterCurl();
}

void SessionImpl::afterCurl() {
  if (curlDepth_ != 0) return;
  reapZombies();
  if (releasePending_) {
    releaseMulti();
    return;
  }
  if (!multi_) return;
  struct Done {
    uint64_t serial;
    CURLcode result;
  };
  std::vector<Done> done;
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    void* data = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &data);
    if (data == nullptr) continue;
    auto* transfer = static_cast<Transfer*>(data);
    done.push_back(Done{transfer->serial(), msg->data.result});
    // The connection went back to libcurl's pool: watch it while it idles.
    const curl_socket_t idle = transfer->reusableHttp1Socket();
    if (idle != CURL_SOCKET_BAD && sockets_.count(idle) == 0) watchIdleConnection(idle);
  }
  // Detach them all first: a completion callback may close the session, which
  // then cancels the ones not yet delivered.
  for (const Done& d : done) {
    auto it = transfers_.find(d.serial);
    if (it == transfers_.end() || !it->second->attached) continue;
    CurlCallScope scope(curlDepth_);
    curl_multi_remove_handle(multi_.get(), it->second->easy());
    it->second->attached = false;
  }
  for (const Done& d : done) {
    if (d.result == CURLE_OK && !deliverDeferredResponseEvents(d.serial)) continue;
    auto it = transfers_.find(d.serial);
    if (it == transfers_.end()) continue;
    Outcome outcome = it->second->finish(d.result);
    settle(d.serial, std::move(outcome), false);
  }
  if (releasePending_ && curlDepth_ == 0) releaseMulti();
}

void SessionImpl::onFdReady(int fd, uint32_t epollEvents) {
  if (idleHttp1_.count(fd) != 0 && sockets_.count(fd) == 0) {
    // Bytes (or the end) on a connection no request is using.
    retireIdleConnection(fd);
    return;
  }
  int mask = 0;
  if (epollEvents & EPOLLIN) mask |= CURL_CSELECT_IN;
  if (epollEvents & EPOLLOUT) mask |= CURL_CSELECT_OUT;
  if (epollEvents & (EPOLLERR | EPOLLHUP)) mask |= CURL_CSELECT_ERR;
  drive(fd, mask);
}

void SessionImpl::onTimer() { drive(CURL_SOCKET_TIMEOUT, 0); }

int SessionImpl::onSocketChange(CURL*, curl_socket_t fd, int what, void* self, void*) {
  auto* session = static_cast<SessionImpl*>(self);
  EventLoop& loop = EventLoop::instance();
  if (what == CURL_POLL_REMOVE) {
    loop.unwatchFd(fd);
    session->sockets_.erase(fd);
    return 0;
  }
  session->idleHttp1_.erase(fd);  // in use again: libcurl reads it from now on
  uint32_t events = 0;
  if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) events |= EPOLLIN;
  if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) events |= EPOLLOUT;
  loop.watchFd(fd, events, session);
  session->sockets_.insert(fd);
  return 0;
}

int SessionImpl::onTimerChange(CURLM*, long timeoutMs, void* self) {
  auto* session = static_cast<SessionImpl*>(self);
  EventLoop& loop = EventLoop::instance();
  if (timeoutMs < 0) {
    loop.cancelTimer(session);
  } else {
    // Even a zero timeout is run from the loop, never from inside libcurl.
    loop.setTimer(session, Clock::now() + std::chrono::milliseconds(timeoutMs));
  }
  return 0;
}

int SessionImpl::onCloseSocket(void* self, curl_socket_t fd) {
  auto* session = static_cast<SessionImpl*>(self);
  if (session->idleHttp1_.erase(fd) != 0) EventLoop::instance().forgetFd(fd);
  return ::close(fd);
}

void SessionImpl::watchIdleConnection(curl_socket_t fd) {
  idleHttp1_.insert(fd);
  EventLoop::instance().watchFd(fd, EPOLLIN | EPOLLRDHUP, this);
}

void SessionImpl::checkIdleConnections() {
  if (idleHttp1_.empty()) return;
  std::vector<pollfd> fds;
  fds.reserve(idleHttp1_.size());
  for (curl_socket_t fd : idleHttp1_) fds.push_back(pollfd{fd, POLLIN, 0});
  if (poll(fds.data(), fds.size(), 0) <= 0) return;
  for (const pollfd& p : fds) {
    if (p.revents != 0) retireIdleConnection(p.fd);
  }
}

void SessionImpl::retireIdleConnection(curl_socket_t fd) {
  idleHttp1_.erase(fd);
  EventLoop& loop = EventLoop::instance();
  loop.unwatchFd(fd);
  // libcurl owns the descriptor, so it is not closed here: it is pointed at a
  // socket whose peer is gone. The TCP connection closes now; libcurl's next
  // look at the connection finds it at end-of-file, drops it and closes the
  // descriptor as usual (and writes to it fail with EPIPE, never SIGPIPE:
  // libcurl sends with MSG_NOSIGNAL).
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) == 0) {
    ::close(pair[1]);
    if (dup3(pair[0], fd, O_CLOEXEC) < 0) shutdown(fd, SHUT_RDWR);
    ::close(pair[0]);
  } else {
    shutdown(fd, SHUT_RDWR);  // out of descriptors: at least end the connection
  }
}

bool SessionImpl::deliverDeferredResponseEvents(uint64_t serial) {
  auto it = transfers_.find(serial);
  if (it == transfers_.end()) return false;
  if (!it->second->responseEventsPending()) return true;
  auto self = shared_from_this();  // a callback may drop the last reference
  const std::shared_ptr<TransferEvents> events = it->second->events();
  const bool wantsHeaders = it->second->wantsHeaders();
  events->onStatusCode(it->second->takePendingResponseEvents());
  // A callback may have settled (and freed) the transfer: look it up again.
  it = transfers_.find(serial);
  if (it == transfers_.end()) return false;
  if (wantsHeaders) events->onHeaders(it->second->responseFields());
  return transfers_.count(serial) != 0;
}

}  // namespace rcp::core
