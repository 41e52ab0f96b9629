// Helpers of the engine-level suites (core_*_test.cpp): a session that must
// open, a GET request, and one fetch run to completion.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "core/errors.h"
#include "core/session.h"
#include "recorder.h"

namespace rcp::test {

inline std::shared_ptr<core::Session> newSession(core::SessionOptions options = {}) {
  uint32_t error = 1;
  auto session = core::Session::create(options, &error);
  EXPECT_EQ(error, core::kOk);
  return session;
}

inline core::Request getRequest(const std::string& url) {
  core::Request r;
  r.url = url;
  return r;
}

// Runs one fetch to completion (settled exactly once) and returns its recorder.
inline std::shared_ptr<Recorder> runFetch(core::Session& session, core::Request request,
                                          std::shared_ptr<Recorder> rec = nullptr) {
  if (!rec) rec = std::make_shared<Recorder>();
  EXPECT_EQ(session.fetch(std::move(request), rec), core::kOk);
  EXPECT_TRUE(rec->wait());
  EXPECT_EQ(rec->completions(), 1);
  return rec;
}

}  // namespace rcp::test
