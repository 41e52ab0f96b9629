// The lifecycle contract of core/session.h, rule by rule, on the engine API.
// (capi_lifecycle_test.cpp proves the same rules through the public C API.)
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "core/errors.h"
#include "core/session.h"
#include "engine_fetch.h"
#include "recorder.h"
#include "test_server.h"

namespace rcp::test {
namespace {

using core::Request;
using core::Session;
using std::chrono::milliseconds;
using std::chrono::seconds;

Request get(const std::string& path, const std::string& id = std::string()) {
  Request r;
  r.url = TestServer::get().http + path;
  r.id = id;
  return r;
}

// Rule 1 + 3: close with 1,000 requests in flight settles each exactly once
// with the canceled code, before close() returns.
TEST(CoreLifecycle, close_cancels_a_thousand_in_flight_requests_exactly_once) {
  core::SessionOptions options;
  options.maxConnectionsPerHost = 64;
  auto s = newSession(options);
  std::atomic<bool> closeReturned{false};
  std::atomic<int> lateCallbacks{0};
  std::vector<std::shared_ptr<Recorder>> recs;
  for (int i = 0; i < 1000; ++i) {
    auto rec = std::make_shared<Recorder>();
    rec->onCompleteHook = [&](const core::Outcome&) {
      if (closeReturned.load()) lateCallbacks.fetch_add(1);
    };
    ASSERT_EQ(s->fetch(get("/hang"), rec), core::kOk);
    recs.push_back(rec);
  }
  std::this_thread::sleep_for(milliseconds(200));  // let some connect
  EXPECT_EQ(s->close(), core::kOk);
  closeReturned = true;
  for (auto& rec : recs) {
    EXPECT_EQ(rec->completions(), 1);
    EXPECT_EQ(rec->code(), core::kRequestCanceled);
    EXPECT_EQ(rec->canceledEvents(), 1);
  }
  EXPECT_EQ(lateCallbacks.load(), 0);
  EXPECT_EQ(s->inFlight(), 0u);
}

// Rule 2: cancel acts at once on a server that never answers.
TEST(CoreLifecycle, cancel_settles_at_once_against_a_server_that_never_answers) {
  auto s = newSession();
  auto rec = std::make_shared<Recorder>();
  Request r = get("/hang", "req-1");
  r.options.transferTimeoutMs = 0;  // no timeout could end it instead
  r.options.connectTimeoutMs = 0;
  ASSERT_EQ(s->fetch(r, rec), core::kOk);
  std::this_thread::sleep_for(milliseconds(100));
  ASSERT_EQ(rec->completions(), 0);
  EXPECT_EQ(s->cancel("req-1"), core::kOk);
  // Nothing but the cancel can end this transfer, so completing proves it.
  ASSERT_TRUE(rec->wait(seconds(5)));
  EXPECT_EQ(rec->code(), core::kRequestCanceled);
  EXPECT_EQ(rec->canceledEvents(), 1);
  EXPECT_FALSE(s->isClosed());
}

TEST(CoreLifecycle, cancel_one_request_leaves_its_neighbours_running) {
  auto s = newSession();
  auto hanging = std::make_shared<Recorder>();
  auto slow = std::make_shared<Recorder>();
  ASSERT_EQ(s->fetch(get("/hang", "victim"), hanging), core::kOk);
  ASSERT_EQ(s->fetch(get("/delay/300", "neighbour"), slow), core::kOk);
  EXPECT_EQ(s->cancel("victim"), core::kOk);
  ASSERT_TRUE(hanging->wait(seconds(5)));
  EXPECT_EQ(hanging->code(), core::kRequestCanceled);
  ASSERT_TRUE(slow->wait());
  EXPECT_EQ(slow->code(), core::kOk);
  EXPECT_EQ(slow->response()->statusCode, 200);
}

TEST(CoreLifecycle, cancel_all_keeps_the_session_usable) {
  auto s = newSession();
  auto a = std::make_shared<Recorder>();
  auto b = std::make_shared<Recorder>();
  ASSERT_EQ(s->fetch(get("/hang"), a), core::kOk);
  ASSERT_EQ(s->fetch(get("/hang"), b), core::kOk);
  EXPECT_EQ(s->cancelAll(), core::kOk);
  ASSERT_TRUE(a->wait(seconds(5)));
  ASSERT_TRUE(b->wait(seconds(5)));
  EXPECT_EQ(a->code(), core::kRequestCanceled);
  EXPECT_EQ(b->code(), core::kRequestCanceled);
  auto after = std::make_shared<Recorder>();
  ASSERT_EQ(s->fetch(get("/json"), after), core::kOk);
  ASSERT_TRUE(after->wait());
  EXPECT_EQ(after->code(), core::kOk);
}

// A cancel runs later on the loop; it must not catch fetches accepted after
// it returned (the pause/resume pattern re-fetches right after cancel).
TEST(CoreLifecycle, cancel_does_not_catch_fetches_started_after_it_returned) {
  auto s = newSession();
  for (int round = 0; round < 50; ++round) {
    auto before = std::make_shared<Recorder>();
    ASSERT_EQ(s->fetch(get("/hang", "same"), before), core::kOk);
    ASSERT_EQ(s->cancelAll(), core::kOk);
    auto after = std::make_shared<Recorder>();
    ASSERT_EQ(s->fetch(get("/bytes/10", "other"), after), core::kOk);
    ASSERT_TRUE(before->wait(seconds(5)));
    ASSERT_TRUE(after->wait());
    EXPECT_EQ(before->code(), core::kRequestCanceled);
    EXPECT_EQ(after->code(), core::kOk) << "round " << round;
  }
}

TEST(CoreLifecycle, a_request_can_be_fetched_again_right_after_cancel) {
  auto s = newSession();
  auto first = std::make_shared<Recorder>();
  ASSERT_EQ(s->fetch(get("/hang", "resumable"), first), core::kOk);
  // The same id is in flight: a second fetch of it is refused.
  EXPECT_EQ(s->fetch(get("/json", "resumable"), std::make_shared<Recorder>()), core::kParameterError);
  s->cancel("resumable");
  // Pause/resume: the id is free as soon as cancel() returns, before the
  // loop has even settled the first fetch.
  auto second = std::make_shared<Recorder>();
  ASSERT_EQ(s->fetch(get("/json", "resumable"), second), core::kOk);
  ASSERT_TRUE(first->wait(seconds(5)));
  ASSERT_TRUE(second->wait());
  EXPECT_EQ(first->code(), core::kRequestCanceled);
  EXPECT_EQ(second->code(), core::kOk);
  // The first fetch settling must not release the id the second one holds.
  auto third = std::make_shared<Recorder>();
  ASSERT_EQ(s->fetch(get("/hang", "resumable"), third), core::kOk);
  EXPECT_EQ(s->fetch(get("/json", "resumable"), std::make_shared<Recorder>()), core::kParameterError);
  s->close();
}

// Rule 3: after close, fetch and cancel report the closed session.
TEST(CoreLifecycle, fetch_after_close_and_double_close_report_session_closed) {
  auto s = newSession();
  EXPECT_EQ(s->close(), core::kOk);
  auto rec = std::make_shared<Recorder>();
  EXPECT_EQ(s->fetch(get("/json"), rec), core::kSessionClosed);
  EXPECT_EQ(s->cancel("x"), core::kSessionClosed);
  EXPECT_EQ(s->cancelAll(), core::kSessionClosed);
  EXPECT_EQ(s->close(), core::kSessionClosed);
  EXPECT_TRUE(s->isClosed());
  EXPECT_EQ(rec->completions(), 0);
}

// Rule 3 + 4: close from inside each kind of callback, without deadlock.
TEST(CoreLifecycle, close_from_inside_the_completion_callback) {
  auto s = newSession();
  auto other = std::make_shared<Recorder>();
  ASSERT_EQ(s->fetch(get("/hang"), other), core::kOk);
  auto rec = std::make_shared<Recorder>();
  std::atomic<uint32_t> closeResult{1};
  rec->onCompleteHook = [&](const core::Outcome&) { closeResult = s->close(); };
  ASSERT_EQ(s->fetch(get("/json"), rec), core::kOk);
  ASSERT_TRUE(rec->wait());
  EXPECT_EQ(rec->code(), core::kOk);
  EXPECT_EQ(closeResult.load(), core::kOk);
  // The sibling was canceled by that close, synchronously.
  EXPECT_EQ(other->completions(), 1);
  EXPECT_EQ(other->code(), core::kRequestCanceled);
}

TEST(CoreLifecycle, close_from_inside_the_data_callback) {
  auto s = newSession();
  auto rec = std::make_shared<Recorder>();
  rec->stream = true;
  std::atomic<int> closes{0};
  rec->onDataHook = [&] {
    if (closes.fetch_add(1) == 0) {
      EXPECT_EQ(s->close(), core::kOk);
    }
  };
  ASSERT_EQ(s->fetch(get("/bytes/500000"), rec), core::kOk);
  ASSERT_TRUE(rec->wait());
  EXPECT_EQ(rec->code(), core::kRequestCanceled);
  EXPECT_EQ(rec->completions(), 1);
  EXPECT_EQ(closes.load(), 1);  // no data was delivered after the close
}

TEST(CoreLifecycle, close_from_inside_the_headers_callback) {
  auto s = newSession();
  auto rec = std::make_shared<Recorder>();
  rec->onHeadersHook = [&] { s->close(); };
  ASSERT_EQ(s->fetch(get("/bytes/1000"), rec), core::kOk);
  ASSERT_TRUE(rec->wait());
  EXPECT_EQ(rec->code(), core::kRequestCanceled);
  EXPECT_EQ(rec->dataEndEvents(), 0);
}

TEST(CoreLifecycle, dropping_the_last_reference_inside_a_callback_closes_safely) {
  auto s = newSession();
  auto rec = std::make_shared<Recorder>();
  auto holder = std::make_shared<std::shared_ptr<Session>>(s);
  auto released = std::make_shared<std::atomic<bool>>(false);
  rec->onDataHook = [holder, released] {
    // Wait until the test thread has let go, so this reset drops the last reference.
    while (!released->load()) std::this_thread::yield();
    holder->reset();
  };
  rec->stream = true;
  ASSERT_EQ(s->fetch(get("/bytes/100000"), rec), core::kOk);
  s.reset();  // the callback now holds the only reference
  released->store(true);
  ASSERT_TRUE(rec->wait());
  EXPECT_EQ(rec->code(), core::kRequestCanceled);
}

// Rule 4: callbacks may start fetches on the same and other sessions.
TEST(CoreLifecycle, callbacks_may_fetch_cancel_and_close_other_sessions) {
  auto a = newSession();
  auto b = newSession();
  auto hangingOnB = std::make_shared<Recorder>();
  ASSERT_EQ(b->fetch(get("/hang"), hangingOnB), core::kOk);
  auto chained = std::make_shared<Recorder>();
  auto first = std::make_shared<Recorder>();
  first->onCompleteHook = [&](const core::Outcome&) {
    EXPECT_EQ(a->fetch(get("/json"), chained), core::kOk);
    EXPECT_EQ(b->close(), core::kOk);
  };
  ASSERT_EQ(a->fetch(get("/json"), first), core::kOk);
  ASSERT_TRUE(first->wait());
  ASSERT_TRUE(chained->wait());
  EXPECT_EQ(chained->code(), core::kOk);
  EXPECT_EQ(hangingOnB->code(), core::kRequestCanceled);
}

// Rule 1 under races: cancel and close racing completions from other threads.
TEST(CoreLifecycle, cancel_and_close_racing_completions_settle_each_fetch_once) {
  std::mt19937 random(12345);
  for (int round = 0; round < 20; ++round) {
    auto s = newSession();
    std::vector<std::shared_ptr<Recorder>> recs;
    for (int i = 0; i < 30; ++i) {
      auto rec = std::make_shared<Recorder>();
      const std::string id = "r" + std::to_string(i);
      ASSERT_EQ(s->fetch(get(i % 3 == 0 ? "/hang" : "/bytes/100", id), rec), core::kOk);
      recs.push_back(rec);
    }
    std::thread canceller([&] {
      for (int i = 0; i < 30; i += 2) s->cancel("r" + std::to_string(i));
    });
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 3000));
    s->close();
    canceller.join();
    for (auto& rec : recs) {
      EXPECT_EQ(rec->completions(), 1);
      const uint32_t code = rec->code();
      EXPECT_TRUE(code == core::kOk || code == core::kRequestCanceled) << code;
    }
  }
}

// Rule 6: the per-process session limit, and closing frees a slot.
TEST(CoreLifecycle, session_limit_is_1024_and_close_frees_a_slot) {
  const int already = Session::openCount();
  std::vector<std::shared_ptr<Session>> sessions;
  for (int i = already; i < core::kMaxOpenSessions; ++i) sessions.push_back(newSession());
  uint32_t error = 0;
  EXPECT_EQ(Session::create({}, &error), nullptr);
  EXPECT_EQ(error, core::kSessionLimit);
  sessions.back()->close();
  auto again = Session::create({}, &error);
  EXPECT_NE(again, nullptr);
  EXPECT_EQ(error, core::kOk);
  again->close();
  for (auto& s : sessions) s->close();
  EXPECT_EQ(Session::openCount(), already);
}

TEST(CoreLifecycle, invalid_connection_limits_are_parameter_errors) {
  core::SessionOptions options;
  options.maxConnectionsPerHost = 0;
  uint32_t error = 0;
  EXPECT_EQ(Session::create(options, &error), nullptr);
  EXPECT_EQ(error, core::kParameterError);
}

// Rule 5 + resource release: cycles leave fds and threads at their baseline.
TEST(CoreLifecycle, create_fetch_close_cycles_return_fds_and_threads_to_baseline) {
  {
    // Warm up: start the loop thread and libcurl's global state.
    auto s = newSession();
    auto rec = std::make_shared<Recorder>();
    s->fetch(get("/json"), rec);
    rec->wait();
    s->close();
  }
  const int fdsBefore = openFdCount();
  const int threadsBefore = threadCount();
  for (int i = 0; i < 1000; ++i) {
    auto s = newSession();
    auto rec = std::make_shared<Recorder>();
    ASSERT_EQ(s->fetch(get(i % 10 == 0 ? "/hang" : "/bytes/64"), rec), core::kOk);
    if (i % 10 != 0) {
      ASSERT_TRUE(rec->wait());
    }
    ASSERT_EQ(s->close(), core::kOk);
    ASSERT_EQ(rec->completions(), 1);
  }
  EXPECT_EQ(openFdCount(), fdsBefore);
  EXPECT_EQ(threadCount(), threadsBefore);
}

TEST(CoreLifecycle, idle_sessions_cost_no_threads) {
  const int threadsBefore = threadCount();
  std::vector<std::shared_ptr<Session>> sessions;
  for (int i = 0; i < 500; ++i) sessions.push_back(newSession());
  EXPECT_EQ(threadCount(), threadsBefore);
  for (auto& s : sessions) s->close();
}

TEST(CoreLifecycle, destroying_an_open_session_closes_it) {
  const int before = Session::openCount();
  auto rec = std::make_shared<Recorder>();
  {
    auto s = newSession();
    ASSERT_EQ(s->fetch(get("/hang"), rec), core::kOk);
  }
  EXPECT_EQ(rec->completions(), 1);
  EXPECT_EQ(rec->code(), core::kRequestCanceled);
  EXPECT_EQ(Session::openCount(), before);
}

}  // namespace
}  // namespace rcp::test
