// Sessions: the public handle, accepting, canceling and closing fetches, and
// settling each transfer once. The libcurl multi handle that runs them is in
// session_multi.cpp; the watch over idle connections in
// session_idle_connections.cpp.
#include "session.h"

#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <future>
#include <vector>

#include "errors.h"
#include "log.h"
#include "request_builder.h"
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
uint32_t Session::fetch(Request request, std::shared_ptr<TransferEvents> events, std::string* detail) {
  std::string ignored;
  std::string* message = detail != nullptr ? detail : &ignored;
  const uint32_t code = checkRequest(request, message);
  if (code != kOk) return code;
  return impl_->fetch(std::move(request), std::move(events), message);
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

uint32_t SessionImpl::fetch(Request request, std::shared_ptr<TransferEvents> events, std::string* detail) {
  if (!events) {
    *detail = "a fetch needs an events receiver";
    return kParameterError;
  }
  if (isClosed()) {
    *detail = "the session is closed";
    return kSessionClosed;
  }
  // Configure the easy handle here, on the caller's thread, to keep the loop
  // thread free for I/O.
  auto transfer = std::make_unique<Transfer>(g_nextSerial.fetch_add(1), std::move(request), std::move(events));
  CURL* easy = takeEasy();
  if (easy == nullptr) return kOutOfMemory;
  uint32_t rc = transfer->prepare(easy, detail);
  // Every socket libcurl closes for this session's connections is forgotten
  // by the idle watch first (a descriptor number may be reused at once).
  if (rc == kOk && (curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &SessionImpl::onCloseSocket) != CURLE_OK ||
                    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, static_cast<void*>(this)) != CURLE_OK)) {
    rc = kOutOfMemory;
  }
  if (rc != kOk) {
    if (detail->empty()) *detail = errorMessage(rc);
    return rc;
  }
  const std::string& requestId = transfer->request().id;
  bool schedule = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) {
      *detail = "the session is closed";
      return kSessionClosed;
    }
    if (!requestId.empty() && !inFlightIds_.emplace(requestId, transfer->serial()).second) {
      *detail = "a fetch with this request id is already in flight on this session";
      return kParameterError;
    }
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
        // The caller waits for this value: it is set whatever happens.
        try {
          self->closeOnLoop();
        } catch (...) {
          logError("session close: out of memory while releasing the session");
        }
        released.set_value();
      })) {
    return kOk;  // process exit: the loop is gone and took its work with it
  }
  done.wait();
  return kOk;
}

// ---------------------------------------------------------------------------
// SessionImpl: loop thread

void SessionImpl::attachPending() {
  std::vector<std::unique_ptr<Transfer>> batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.swap(pending_);
  }
  if (batch.empty()) return;  // close() took them
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
  auto matches = [&](const Transfer& t) { return t.serial() < beforeSerial && (all || t.request().id == requestId); };
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
  o.message =
      "No data was sent or received for " + std::to_string(it->second->request().options.inactivityTimeoutMs) + " ms.";
  auto self = shared_from_this();
  settle(serial, std::move(o), false);
  afterCurl();
}

}  // namespace rcp::core
