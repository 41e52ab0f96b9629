// The process-wide event loop: one thread drives every session's libcurl multi
// handle with epoll, an eventfd for posted work and a timer list. Sessions are
// therefore cheap (no thread each), and libcurl is only ever called from this
// thread, never from inside its own callbacks re-entrantly for the same handle.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace rcp::core {

using Clock = std::chrono::steady_clock;

// Something that owns a file descriptor registered with the loop.
class FdWatcher {
 public:
  virtual ~FdWatcher() = default;
  virtual void onFdReady(int fd, uint32_t epollEvents) = 0;
};

// Something that wants a callback at a point in time.
class TimerClient {
 public:
  virtual ~TimerClient() = default;
  virtual void onTimer() = 0;

 private:
  friend class EventLoop;
  bool armed_ = false;
  std::multimap<Clock::time_point, TimerClient*>::iterator timerPos_;
};

class EventLoop {
 public:
  // The loop is created on first use and lives until process exit, when an
  // atexit hook stops and joins its thread (unless exit runs on the loop thread).
  static EventLoop& instance();

  // Queues `task` to run on the loop thread, in order. Thread-safe. Returns
  // false when the loop has stopped (process exit); the task is then dropped.
  bool post(std::function<void()> task);
  bool inLoopThread() const { return std::this_thread::get_id() == threadId_.load(std::memory_order_acquire); }

  // Loop thread only.
  void watchFd(int fd, uint32_t epollEvents, FdWatcher* watcher);
  void unwatchFd(int fd);
  void forgetFd(int fd);  // the fd was closed already: drop our record, no epoll call
  void setTimer(TimerClient* client, Clock::time_point when);
  void cancelTimer(TimerClient* client);

 private:
  EventLoop();
  ~EventLoop() = delete;  // intentionally never destroyed; see instance()
  void ensureStarted();   // called with mutex_ held
  void run();
  void runDueTimers();
  int nextTimeoutMs() const;
  static void stopAtExit();

  int epollFd_ = -1;
  int wakeFd_ = -1;
  std::thread thread_;
  std::atomic<std::thread::id> threadId_{};
  std::mutex mutex_;  // guards tasks_, started_, stopping_
  std::vector<std::function<void()>> tasks_;
  bool started_ = false;
  bool stopping_ = false;
  std::unordered_map<int, FdWatcher*> watchers_;           // loop thread only
  std::multimap<Clock::time_point, TimerClient*> timers_;  // loop thread only
};

}  // namespace rcp::core
