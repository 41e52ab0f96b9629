// The engine against exact bytes on the wire, one test per hostile-server
// defect: each script below sends what a broken or malicious server sent.
// The catalogue-driven suites (hostile_server_test.cpp and the ArkTS
// Hostile suite) cover the same ground through the public APIs.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "core/errors.h"
#include "core/session.h"
#include "engine_fetch.h"
#include "recorder.h"
#include "scripted_server.h"

namespace rcp::test {
namespace {

using core::Request;
using core::Session;
using namespace std::chrono_literals;

std::shared_ptr<Recorder> run(Session& session, Request request) { return runFetch(session, std::move(request)); }

Request get(const std::string& url) { return getRequest(url); }

std::string response(const std::string& status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

size_t count(const core::HeaderList& headers, const std::string& name) {
  size_t n = 0;
  for (const auto& h : headers) n += h.name == name ? 1 : 0;
  return n;
}

std::string value(const core::HeaderList& headers, const std::string& name) {
  for (const auto& h : headers) {
    if (h.name == name) return h.value;
  }
  return "<absent>";
}

// Defect 3: bytes sent on an idle keep-alive connection must never be read as
// the next request's response.
void expectStrayBytesAreNotTheNextResponse(const std::string& stray) {
  std::atomic<int> requests{0};
  ScriptedServer server([&stray, &requests](ScriptedConnection& c, int) {
    while (!c.readRequestHead().empty()) {
      const int served = ++requests;
      c.write(response("200 OK", "", served == 1 ? "first" : "second"));
      if (served == 1) {
        std::this_thread::sleep_for(100ms);
        c.write(stray);
      }
    }
  });
  auto session = newSession();
  auto first = run(*session, get(server.url("/one")));
  ASSERT_EQ(first->code(), core::kOk) << first->message();
  EXPECT_EQ(first->response()->body, "first");
  std::this_thread::sleep_for(300ms);
  auto second = run(*session, get(server.url("/two")));
  ASSERT_EQ(second->code(), core::kOk) << second->message();
  EXPECT_EQ(second->response()->body, "second");
  EXPECT_EQ(server.accepted(), 2) << "the tainted connection must be replaced by a fresh one";
  session->close();
}

TEST(WireDefects, an_unrequested_response_on_an_idle_connection_is_not_the_next_response) {
  expectStrayBytesAreNotTheNextResponse(response("200 OK", "", "unrequested"));
}

TEST(WireDefects, a_stray_crlf_on_an_idle_connection_does_not_fail_the_next_fetch) {
  expectStrayBytesAreNotTheNextResponse("\r\n");
}

TEST(WireDefects, garbage_on_an_idle_connection_does_not_fail_the_next_fetch) {
  expectStrayBytesAreNotTheNextResponse("garbage\x01\x02 not http\r\n\r\n");
}

TEST(WireDefects, a_quiet_idle_connection_is_still_reused) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    while (!c.readRequestHead().empty()) c.write(response("200 OK", "", "ok"));
  });
  auto session = newSession();
  for (int i = 0; i < 3; ++i) {
    auto rec = run(*session, get(server.url()));
    ASSERT_EQ(rec->code(), core::kOk) << rec->message();
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(server.accepted(), 1);
  session->close();
}

// Defect 4: trailer fields stay out of the headers and the cookies.
TEST(WireDefects, trailer_fields_stay_out_of_headers_and_cookies) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    c.readRequestHead();
    c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Trailer\r\nX-Head: 1\r\n\r\n"
            "5\r\nhello\r\n0\r\nX-Trailer: t\r\nSet-Cookie: trailer=1\r\n\r\n");
  });
  auto session = newSession();
  auto rec = run(*session, get(server.url()));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  const core::Response& r = *rec->response();
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(value(r.headers, "x-head"), "1");
  EXPECT_EQ(count(r.headers, "x-trailer"), 0u);
  EXPECT_EQ(count(r.headers, "set-cookie"), 0u);
  EXPECT_TRUE(r.cookies.empty());
  EXPECT_EQ(rec->headerEvents(), 1);
  session->close();
}

// Defect 5: only the first line of a block is a status line.
TEST(WireDefects, a_field_line_starting_with_http_slash_is_not_a_status_line) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    c.readRequestHead();
    c.write("HTTP/1.1 200 OK\r\nX-Before: 1\r\nHTTP/1.1 302 Found: x\r\nX-After: 2\r\nContent-Length: 2\r\n\r\nok");
  });
  auto session = newSession();
  auto rec = run(*session, get(server.url()));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  const core::Response& r = *rec->response();
  EXPECT_EQ(r.statusCode, 200);
  EXPECT_EQ(r.reasonPhrase, "OK");
  EXPECT_EQ(value(r.headers, "x-before"), "1");
  EXPECT_EQ(value(r.headers, "x-after"), "2");
  EXPECT_EQ(rec->statusEvents(), std::vector<long>{200});
  EXPECT_EQ(rec->headerEvents(), 1);
  session->close();
}

TEST(WireDefects, an_http2_status_line_on_an_http1_connection_fails) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    c.readRequestHead();
    c.write("HTTP/2 200 OK\r\nContent-Length: 2\r\n\r\nok");
  });
  auto session = newSession();
  auto rec = run(*session, get(server.url()));
  EXPECT_EQ(rec->code(), core::kUnsupportedProtocol) << rec->message();
  session->close();
}

TEST(WireDefects, a_connection_closed_inside_the_header_block_is_a_truncated_response) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    c.readRequestHead();
    c.write("HTTP/1.1 200 OK\r\nX-Partial: 1\r\n");
  });
  auto session = newSession();
  auto rec = run(*session, get(server.url()));
  EXPECT_EQ(rec->code(), core::kPartialFile) << rec->message();
  session->close();
}

// Defect 6: Content-Length that overflows or conflicts fails (RFC 9112 6.3).
void expectFramingError(const std::string& head) {
  ScriptedServer server([&head](ScriptedConnection& c, int) {
    c.readRequestHead();
    c.write("HTTP/1.1 200 OK\r\n" + head + "\r\nhello");
  });
  auto session = newSession();
  auto rec = run(*session, get(server.url()));
  EXPECT_EQ(rec->code(), core::kWeirdServerReply) << head << ": " << rec->message();
  session->close();
}

TEST(WireDefects, a_content_length_overflowing_64_bits_fails) {
  expectFramingError("Content-Length: 18446744073709551621\r\n");
}

TEST(WireDefects, conflicting_content_lengths_fail) {
  expectFramingError("Content-Length: 5\r\nContent-Length: 6\r\n");
  expectFramingError("Content-Length: 5, 6\r\n");
  expectFramingError("Content-Length: 5x\r\n");
}

TEST(WireDefects, identical_repeated_content_lengths_are_one_length) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    c.readRequestHead();
    c.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5, 5\r\n\r\nhello");
  });
  auto session = newSession();
  auto rec = run(*session, get(server.url()));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->response()->body, "hello");
  session->close();
}

// Defect 7: status and header events fire once, for the response returned.
TEST(WireDefects, an_authentication_challenge_is_not_reported_as_the_response) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    for (std::string head = c.readRequestHead(); !head.empty(); head = c.readRequestHead()) {
      if (head.find("Authorization: Basic") == std::string::npos) {
        c.write(response("401 Unauthorized", "WWW-Authenticate: Basic realm=\"x\"\r\n", "denied"));
      } else {
        c.write(response("200 OK", "X-Final: yes\r\n", "welcome"));
      }
    }
  });
  auto session = newSession();
  Request request = get(server.url());
  request.options.authType = core::RequestOptions::AuthType::Auto;
  request.options.authUser = "user";
  request.options.authPassword = "secret";
  auto rec = run(*session, std::move(request));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->response()->statusCode, 200);
  EXPECT_EQ(rec->response()->body, "welcome");
  EXPECT_EQ(rec->statusEvents(), std::vector<long>{200});
  EXPECT_EQ(rec->headerEvents(), 1);
  session->close();
}

TEST(WireDefects, a_rejected_authentication_reports_the_final_401_once) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    while (!c.readRequestHead().empty()) {
      c.write(response("401 Unauthorized", "WWW-Authenticate: Basic realm=\"x\"\r\n", "denied"));
    }
  });
  auto session = newSession();
  Request request = get(server.url());
  request.options.authType = core::RequestOptions::AuthType::Auto;
  request.options.authUser = "user";
  request.options.authPassword = "wrong";
  auto rec = run(*session, std::move(request));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->response()->statusCode, 401);
  EXPECT_EQ(rec->statusEvents(), std::vector<long>{401});
  EXPECT_EQ(rec->headerEvents(), 1);
  session->close();
}

TEST(WireDefects, an_empty_location_is_the_final_response) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    c.readRequestHead();
    c.write(response("302 Found", "Location: \r\n", "moved nowhere"));
  });
  auto session = newSession();
  auto rec = run(*session, get(server.url()));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->response()->statusCode, 302);
  EXPECT_EQ(rec->statusEvents(), std::vector<long>{302});
  EXPECT_EQ(rec->headerEvents(), 1);
  session->close();
}

TEST(WireDefects, a_followed_redirect_reports_only_the_final_response) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    for (std::string head = c.readRequestHead(); !head.empty(); head = c.readRequestHead()) {
      if (head.find("GET /start") == 0) {
        c.write(response("302 Found", "Location: /end\r\n", "moving"));
      } else {
        c.write(response("200 OK", "", "arrived"));
      }
    }
  });
  auto session = newSession();
  auto rec = run(*session, get(server.url("/start")));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->response()->body, "arrived");
  EXPECT_EQ(rec->statusEvents(), std::vector<long>{200});
  EXPECT_EQ(rec->headerEvents(), 1);
  session->close();
}

TEST(WireDefects, an_unsolicited_switching_protocols_fails) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    c.readRequestHead();
    c.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: something\r\nConnection: Upgrade\r\n\r\nbinary");
  });
  auto session = newSession();
  auto rec = run(*session, get(server.url()));
  EXPECT_EQ(rec->code(), core::kWeirdServerReply) << rec->message();
  EXPECT_TRUE(rec->statusEvents().empty());
  session->close();
}

TEST(WireDefects, interim_responses_are_not_reported) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    c.readRequestHead();
    c.write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" +
            response("200 OK", "", "done"));
  });
  auto session = newSession();
  auto rec = run(*session, get(server.url()));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->statusEvents(), std::vector<long>{200});
  EXPECT_EQ(count(rec->response()->headers, "link"), 0u);
  session->close();
}

// Defect 8: one header line over libcurl's 100 KiB limit is an oversized header.
TEST(WireDefects, a_single_header_line_over_100_kib_is_an_oversized_header) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    c.readRequestHead();
    c.write("HTTP/1.1 200 OK\r\nX-Big: " + std::string(110 * 1024, 'a') + "\r\nContent-Length: 0\r\n\r\n");
  });
  auto session = newSession();
  auto rec = run(*session, get(server.url()));
  EXPECT_EQ(rec->code(), core::kReceiveError) << rec->message();
  session->close();
}

// Defect 9: inactivity means no bytes on the wire, not no decoded bytes.
TEST(WireDefects, compressed_bytes_that_decode_to_nothing_keep_the_transfer_active) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    c.readRequestHead();
    c.write("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n");
    // gzip header, then empty stored blocks (a sync flush each), then an empty final block.
    const std::string gzipHeader("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
    c.write("a\r\n" + gzipHeader + "\r\n");
    const std::string flush("\x00\x00\x00\xff\xff", 5);
    for (int i = 0; i < 8; ++i) {
      std::this_thread::sleep_for(100ms);
      if (!c.write("5\r\n" + flush + "\r\n")) return;
    }
    // Final empty block, CRC32 of nothing, length 0.
    const std::string tail("\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00", 10);
    c.write("a\r\n" + tail + "\r\n0\r\n\r\n");
  });
  auto session = newSession();
  Request request = get(server.url());
  request.options.inactivityTimeoutMs = 400;
  auto rec = run(*session, std::move(request));
  EXPECT_EQ(rec->code(), core::kOk) << rec->message();
  session->close();
}

// Defect 10: a 304 carrying a Location is not a redirect.
TEST(WireDefects, a_304_with_a_location_is_not_followed) {
  ScriptedServer server([](ScriptedConnection& c, int) {
    for (std::string head = c.readRequestHead(); !head.empty(); head = c.readRequestHead()) {
      if (head.find("GET /elsewhere") == 0) {
        c.write(response("200 OK", "", "followed"));
      } else {
        c.write("HTTP/1.1 304 Not Modified\r\nLocation: /elsewhere\r\n\r\n");
      }
    }
  });
  auto session = newSession();
  auto rec = run(*session, get(server.url("/cached")));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->response()->statusCode, 304);
  EXPECT_EQ(rec->statusEvents(), std::vector<long>{304});
  EXPECT_EQ(rec->headerEvents(), 1);
  session->close();
}

}  // namespace
}  // namespace rcp::test
