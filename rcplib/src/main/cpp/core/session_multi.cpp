// The session's libcurl multi handle on the event loop: creating and
// releasing it, driving it from socket and timer events, collecting finished
// transfers, and the callbacks libcurl uses to ask for sockets and timers.
// Everything here runs on the loop thread.
#include <sys/epoll.h>
#include <unistd.h>

#include <new>
#include <vector>

#include "errors.h"
#include "log.h"
#include "session_impl.h"

namespace rcp::core {

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
  for (curl_socket_t fd : idleHttp1_.all()) loop.forgetFd(fd);
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
    auto it = transfers_.find(d.serial);
    if (it == transfers_.end()) continue;
    if (d.result == CURLE_OK && it->second->responseEventsPending()) {
      if (!deliverDeferredResponseEvents(d.serial)) continue;  // settled from a callback
      it = transfers_.find(d.serial);
    }
    Outcome outcome;
    try {
      outcome = it->second->finish(d.result);
    } catch (const std::bad_alloc&) {
      // Every accepted fetch settles, even when its response cannot be built.
      outcome = Outcome{};
      outcome.code = kOutOfMemory;
      outcome.message = errorMessage(kOutOfMemory);
    }
    settle(d.serial, std::move(outcome), false);
  }
  if (releasePending_ && curlDepth_ == 0) releaseMulti();
}

void SessionImpl::onFdReady(int fd, uint32_t epollEvents) {
  if (!idleHttp1_.empty() && idleHttp1_.contains(fd) && sockets_.count(fd) == 0) {
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

int SessionImpl::onSocketChange(CURL*, curl_socket_t fd, int what, void* self, void*) noexcept {
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
  try {
    loop.watchFd(fd, events, session);
    session->sockets_.insert(fd);
  } catch (...) {
    return -1;  // out of memory: libcurl fails the transfers on this socket
  }
  return 0;
}

int SessionImpl::onTimerChange(CURLM*, long timeoutMs, void* self) noexcept {
  auto* session = static_cast<SessionImpl*>(self);
  EventLoop& loop = EventLoop::instance();
  if (timeoutMs < 0) {
    loop.cancelTimer(session);
    return 0;
  }
  try {
    // Even a zero timeout is run from the loop, never from inside libcurl.
    loop.setTimer(session, Clock::now() + std::chrono::milliseconds(timeoutMs));
  } catch (...) {
    return -1;  // out of memory
  }
  return 0;
}

int SessionImpl::onCloseSocket(void* self, curl_socket_t fd) noexcept {
  auto* session = static_cast<SessionImpl*>(self);
  if (session->idleHttp1_.erase(fd)) EventLoop::instance().forgetFd(fd);
  return ::close(fd);
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
