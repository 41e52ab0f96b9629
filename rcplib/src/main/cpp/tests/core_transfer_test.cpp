// Transfer on its own: what happens inside libcurl's callbacks when the code
// they call fails. No exception may unwind into libcurl; the fetch fails with
// the documented code instead, once, and the session carries on.
#include <gtest/gtest.h>

#include <memory>
#include <new>
#include <stdexcept>
#include <string>

#include "core/errors.h"
#include "core/session.h"
#include "engine_fetch.h"
#include "recorder.h"
#include "scripted_server.h"

namespace rcp::test {
namespace {

using core::Request;
using core::Session;

// Serves one small response per request, keeping the connection.
ScriptedServer::Script okScript() {
  return [](ScriptedConnection& c, int) {
    while (!c.readRequestHead().empty()) c.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
  };
}

uint32_t fetchWith(Session& session, const std::string& url, const std::shared_ptr<Recorder>& rec) {
  return runFetch(session, getRequest(url), rec)->code();
}

TEST(Transfer, an_allocation_failure_inside_a_body_callback_fails_that_fetch_with_out_of_memory) {
  ScriptedServer server(okScript());
  auto session = newSession();
  auto rec = std::make_shared<Recorder>();
  rec->stream = true;
  rec->onDataHook = [] { throw std::bad_alloc(); };
  EXPECT_EQ(fetchWith(*session, server.url(), rec), core::kOutOfMemory) << rec->message();

  auto next = std::make_shared<Recorder>();
  EXPECT_EQ(fetchWith(*session, server.url(), next), core::kOk) << "the session carries on";
  session->close();
}

TEST(Transfer, any_other_exception_inside_a_header_callback_is_an_internal_error) {
  ScriptedServer server(okScript());
  auto session = newSession();
  auto rec = std::make_shared<Recorder>();
  rec->onHeadersHook = [] { throw std::runtime_error("boom"); };
  EXPECT_EQ(fetchWith(*session, server.url(), rec), core::kInternalError) << rec->message();
  session->close();
}

}  // namespace
}  // namespace rcp::test
