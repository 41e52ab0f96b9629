#include "loop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>

#include "log.h"

namespace rcp::core {

namespace {
EventLoop* g_loop = nullptr;
std::once_flag g_loopOnce;

// The loop thread is the top of every engine call stack: an exception that
// reaches it (only an allocation failure can) is logged and the loop goes on,
// instead of ending the process.
template <typename Work>
void runGuarded(const char* what, Work&& work) noexcept {
  try {
    work();
  } catch (const std::exception& e) {
    logError("event loop: %s failed: %s", what, e.what());
  } catch (...) {
    logError("event loop: %s failed", what);
  }
}
}  // namespace

EventLoop& EventLoop::instance() {
  // Leaked on purpose: sessions held in static objects of the application may
  // be destroyed after our own statics, and must still find a loop object.
  std::call_once(g_loopOnce, [] { g_loop = new EventLoop(); });
  return *g_loop;
}

EventLoop::EventLoop() {
  epollFd_ = epoll_create1(EPOLL_CLOEXEC);
  wakeFd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epollFd_ < 0 || wakeFd_ < 0) {
    logError("event loop: cannot create epoll/eventfd: %s", std::strerror(errno));
    std::abort();
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wakeFd_;
  epoll_ctl(epollFd_, EPOLL_CTL_ADD, wakeFd_, &ev);
}

void EventLoop::ensureStarted() {
  if (started_) return;
  started_ = true;
  thread_ = std::thread([this] { run(); });
  threadId_.store(thread_.get_id(), std::memory_order_release);
  std::atexit(&EventLoop::stopAtExit);
}

void EventLoop::stopAtExit() {
  EventLoop& loop = *g_loop;
  {
    std::lock_guard<std::mutex> lock(loop.mutex_);
    loop.stopping_ = true;
  }
  uint64_t one = 1;
  (void)!write(loop.wakeFd_, &one, sizeof one);
  if (loop.inLoopThread()) {
    // exit() called from a callback: the thread cannot join itself.
    loop.thread_.detach();
  } else if (loop.thread_.joinable()) {
    loop.thread_.join();
  }
}

bool EventLoop::post(std::function<void()> task) {
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return false;
    ensureStarted();
    // The loop checks its queue before it sleeps, so its own posts need no wake-up.
    wake = tasks_.empty() && !inLoopThread();
    tasks_.push_back(std::move(task));
  }
  // One wake-up per batch: later posts find the queue non-empty and skip it.
  if (wake) {
    uint64_t one = 1;
    (void)!write(wakeFd_, &one, sizeof one);
  }
  return true;
}

void EventLoop::watchFd(int fd, uint32_t epollEvents, FdWatcher* watcher) {
  epoll_event ev{};
  ev.events = epollEvents;
  ev.data.fd = fd;
  auto it = watchers_.find(fd);
  if (it == watchers_.end()) {
    if (epoll_ctl(epollFd_, EPOLL_CTL_ADD, fd, &ev) != 0 && errno == EEXIST) {
      epoll_ctl(epollFd_, EPOLL_CTL_MOD, fd, &ev);
    }
  } else {
    if (epoll_ctl(epollFd_, EPOLL_CTL_MOD, fd, &ev) != 0 && errno == ENOENT) {
      epoll_ctl(epollFd_, EPOLL_CTL_ADD, fd, &ev);
    }
  }
  watchers_[fd] = watcher;
}

void EventLoop::unwatchFd(int fd) {
  if (watchers_.erase(fd) > 0) epoll_ctl(epollFd_, EPOLL_CTL_DEL, fd, nullptr);
}

void EventLoop::forgetFd(int fd) { watchers_.erase(fd); }

void EventLoop::setTimer(TimerClient* client, Clock::time_point when) {
  cancelTimer(client);
  client->timerPos_ = timers_.emplace(when, client);
  client->armed_ = true;
}

void EventLoop::cancelTimer(TimerClient* client) {
  if (!client->armed_) return;
  timers_.erase(client->timerPos_);
  client->armed_ = false;
}

int EventLoop::nextTimeoutMs() const {
  if (timers_.empty()) return -1;
  auto wait = timers_.begin()->first - Clock::now();
  if (wait <= Clock::duration::zero()) return 0;
  // Round up so a timer never fires a little early and spins.
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(wait + std::chrono::microseconds(999));
  return ms.count() > 60000 ? 60000 : static_cast<int>(ms.count());
}

void EventLoop::runDueTimers() {
  const auto now = Clock::now();
  // Take one due timer at a time: a callback may cancel or add others.
  while (!timers_.empty() && timers_.begin()->first <= now) {
    TimerClient* client = timers_.begin()->second;
    timers_.erase(timers_.begin());
    client->armed_ = false;
    runGuarded("a timer", [client] { client->onTimer(); });
  }
}

void EventLoop::run() {
  constexpr int kMaxEvents = 128;
  epoll_event events[kMaxEvents];
  std::vector<std::function<void()>> batch;
  for (;;) {
    int timeoutMs = nextTimeoutMs();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!tasks_.empty()) timeoutMs = 0;  // posted from the loop itself: do not sleep
    }
    const int n = epoll_wait(epollFd_, events, kMaxEvents, timeoutMs);
    for (int i = 0; i < n; ++i) {
      const int fd = events[i].data.fd;
      if (fd == wakeFd_) {
        uint64_t count;
        (void)!read(wakeFd_, &count, sizeof count);
        continue;
      }
      // Look the fd up on every event: an earlier handler in this batch may
      // have closed a session and removed its sockets.
      auto it = watchers_.find(fd);
      if (it != watchers_.end()) {
        FdWatcher* watcher = it->second;
        const uint32_t ready = events[i].events;
        runGuarded("a socket event", [watcher, fd, ready] { watcher->onFdReady(fd, ready); });
      }
    }
    runDueTimers();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
      batch.swap(tasks_);
    }
    for (auto& task : batch) runGuarded("a posted task", task);
    batch.clear();
  }
}

}  // namespace rcp::core
