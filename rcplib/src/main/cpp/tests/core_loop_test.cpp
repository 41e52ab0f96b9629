// The process-wide event loop on its own (core/loop.cpp): posted work, timers
// and descriptor watches, each on the loop thread, and what it does when a
// piece of work throws.
#include <gtest/gtest.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "core/loop.h"

namespace rcp::test {
namespace {

using core::Clock;
using core::EventLoop;
using namespace std::chrono_literals;

// Runs `work` on the loop thread and waits for it.
template <typename Work>
void onLoop(Work work) {
  std::promise<void> done;
  ASSERT_TRUE(EventLoop::instance().post([&] {
    work();
    done.set_value();
  }));
  ASSERT_EQ(done.get_future().wait_for(5s), std::future_status::ready);
}

class RecordingTimer : public core::TimerClient {
 public:
  RecordingTimer(std::vector<int>* order, std::mutex* mutex, int id) : order_(order), mutex_(mutex), id_(id) {}
  void onTimer() override {
    std::lock_guard<std::mutex> lock(*mutex_);
    order_->push_back(id_);
  }

 private:
  std::vector<int>* order_;
  std::mutex* mutex_;
  int id_;
};

TEST(EventLoop, posted_tasks_run_in_order_on_the_loop_thread) {
  EventLoop& loop = EventLoop::instance();
  EXPECT_FALSE(loop.inLoopThread());
  std::vector<int> order;
  std::promise<void> done;
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(loop.post([&order, &loop, i] {
      EXPECT_TRUE(loop.inLoopThread());
      order.push_back(i);
    }));
  }
  ASSERT_TRUE(loop.post([&] { done.set_value(); }));
  ASSERT_EQ(done.get_future().wait_for(5s), std::future_status::ready);
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[static_cast<size_t>(i)], i);
}

TEST(EventLoop, timers_fire_in_time_order_and_a_canceled_timer_never_fires) {
  std::vector<int> order;
  std::mutex mutex;
  RecordingTimer late(&order, &mutex, 3), early(&order, &mutex, 1), middle(&order, &mutex, 2),
      canceled(&order, &mutex, 99);
  onLoop([&] {
    EventLoop& loop = EventLoop::instance();
    const auto now = Clock::now();
    loop.setTimer(&late, now + 60ms);
    loop.setTimer(&early, now + 20ms);
    loop.setTimer(&middle, now + 40ms);
    loop.setTimer(&canceled, now + 30ms);
    loop.cancelTimer(&canceled);
  });
  std::this_thread::sleep_for(200ms);
  onLoop([] {});  // every due timer has run once the loop got here
  std::lock_guard<std::mutex> lock(mutex);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

class CountingWatcher : public core::FdWatcher {
 public:
  void onFdReady(int fd, uint32_t) override {
    uint64_t value = 0;
    (void)!read(fd, &value, sizeof value);  // drain, so the next wait sleeps again
    ready.fetch_add(1);
  }
  std::atomic<int> ready{0};
};

TEST(EventLoop, a_watched_descriptor_reports_readiness_until_it_is_unwatched) {
  const int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  ASSERT_GE(fd, 0);
  CountingWatcher watcher;
  onLoop([&] { EventLoop::instance().watchFd(fd, EPOLLIN, &watcher); });
  const uint64_t one = 1;
  ASSERT_EQ(write(fd, &one, sizeof one), static_cast<ssize_t>(sizeof one));
  for (int i = 0; i < 500 && watcher.ready.load() == 0; ++i) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(watcher.ready.load(), 1);
  onLoop([&] { EventLoop::instance().unwatchFd(fd); });
  ASSERT_EQ(write(fd, &one, sizeof one), static_cast<ssize_t>(sizeof one));
  std::this_thread::sleep_for(50ms);
  onLoop([] {});
  EXPECT_EQ(watcher.ready.load(), 1);
  close(fd);
}

TEST(EventLoop, a_task_that_throws_does_not_stop_the_loop) {
  ASSERT_TRUE(EventLoop::instance().post([] { throw std::runtime_error("a failing task"); }));
  std::atomic<bool> ran{false};
  onLoop([&] { ran = true; });
  EXPECT_TRUE(ran.load());
}

}  // namespace
}  // namespace rcp::test
