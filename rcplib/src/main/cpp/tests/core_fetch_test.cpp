// Engine behaviour against the real test server: protocols, bodies, events,
// redirects, limits. Lifecycle rules are in core_lifecycle_test.cpp.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "core/errors.h"
#include "core/session.h"
#include "engine_fetch.h"
#include "recorder.h"
#include "test_server.h"

namespace rcp::test {
namespace {

using core::Request;
using core::Session;

Request get(const std::string& url) { return getRequest(url); }

std::shared_ptr<Recorder> run(Session& session, Request request, std::shared_ptr<Recorder> rec = nullptr) {
  return runFetch(session, std::move(request), std::move(rec));
}

std::string header(const core::Response& r, const std::string& name) {
  for (const auto& h : r.headers) {
    if (h.name == name) return h.value;
  }
  return std::string();
}

TEST(CoreFetch, get_reports_status_headers_body_and_http_version) {
  auto s = newSession();
  auto rec = run(*s, get(TestServer::get().http + "/bytes/1024"));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  const core::Response* r = rec->response();
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->statusCode, 200);
  EXPECT_EQ(r->httpVersion, "1.1");
  EXPECT_EQ(r->reasonPhrase, "OK");
  ASSERT_EQ(r->body.size(), 1024u);
  for (size_t i = 0; i < r->body.size(); ++i) ASSERT_EQ(static_cast<unsigned char>(r->body[i]), i % 251);
  EXPECT_EQ(header(*r, "content-type"), "application/octet-stream");
  EXPECT_EQ(r->effectiveUrl, TestServer::get().http + "/bytes/1024");
  EXPECT_GT(r->timeInfo.totalMs, 0.0);
  EXPECT_GE(r->timeInfo.totalMs, r->timeInfo.startTransferMs);
  EXPECT_EQ(rec->statusEvents(), std::vector<long>{200});
  EXPECT_EQ(rec->dataEndEvents(), 1);
  EXPECT_EQ(rec->headerEvents(), 1);
  EXPECT_EQ(rec->canceledEvents(), 0);
}

TEST(CoreFetch, keep_alive_reuses_one_connection) {
  auto s = newSession();
  // Learn the server's connection count before and after 5 sequential fetches.
  auto before = run(*s, get(TestServer::get().http + "/stats"));
  for (int i = 0; i < 5; ++i) {
    auto rec = run(*s, get(TestServer::get().http + "/bytes/10"));
    ASSERT_EQ(rec->code(), core::kOk);
  }
  auto after = run(*s, get(TestServer::get().http + "/stats"));
  // The same connection served all of them, so the server's counter is unchanged.
  EXPECT_EQ(before->response()->body, after->response()->body);
}

TEST(CoreFetch, h2c_prior_knowledge_uses_http2) {
  auto s = newSession();
  Request r = get(TestServer::get().h2c + "/bytes/100");
  r.options.httpVersion = core::RequestOptions::HttpVersion::Http2PriorKnowledge;
  auto rec = run(*s, r);
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->response()->httpVersion, "2");
  EXPECT_EQ(rec->response()->body.size(), 100u);
}

TEST(CoreFetch, h2c_serves_sequential_and_concurrent_requests_in_one_session) {
  auto s = newSession();
  for (int i = 0; i < 3; ++i) {
    Request r = get(TestServer::get().h2c + "/bytes/10");
    r.options.httpVersion = core::RequestOptions::HttpVersion::Http2PriorKnowledge;
    auto rec = run(*s, r);
    ASSERT_EQ(rec->code(), core::kOk) << "request " << i << ": " << rec->message();
  }
  std::vector<std::shared_ptr<Recorder>> recs;
  for (int i = 0; i < 10; ++i) {
    Request r = get(TestServer::get().h2c + "/delay/50");
    r.options.httpVersion = core::RequestOptions::HttpVersion::Http2PriorKnowledge;
    auto rec = std::make_shared<Recorder>();
    ASSERT_EQ(s->fetch(r, rec), core::kOk);
    recs.push_back(rec);
  }
  for (auto& rec : recs) {
    ASSERT_TRUE(rec->wait());
    EXPECT_EQ(rec->code(), core::kOk) << rec->message();
  }
}

TEST(CoreFetch, redirect_to_cleartext_is_refused_when_cleartext_is_forbidden) {
  auto s = newSession();
  const std::string target = TestServer::get().http + "/json";
  Request r = get(TestServer::get().https + "/redirect-to?url=" + target);
  r.options.forbidCleartext = true;
  r.options.validation = core::RequestOptions::Validation::CustomCa;
  r.options.caFile = TestServer::get().caFile;
  auto rec = run(*s, r);
  EXPECT_EQ(rec->code(), core::kCleartextForbidden) << rec->message();
}

TEST(CoreFetch, https_negotiates_http2_with_custom_ca) {
  auto s = newSession();
  Request r = get(TestServer::get().https + "/bytes/100");
  r.options.validation = core::RequestOptions::Validation::CustomCa;
  r.options.caFile = TestServer::get().caFile;
  auto rec = run(*s, r);
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->response()->httpVersion, "2");
  EXPECT_GT(rec->response()->timeInfo.tlsHandshakeMs, 0.0);
}

// Counts TLS connections the test server has accepted so far.
long httpsConnections(Session& session) {
  Request r;
  r.url = TestServer::get().http + "/stats";
  auto rec = run(session, r);
  const std::string& body = rec->response()->body;
  const size_t at = body.find("\"https\":");
  return at == std::string::npos ? -1 : std::stol(body.substr(at + 8));
}

TEST(CoreFetch, https_http2_multiplexes_concurrent_requests_on_one_connection) {
  auto s = newSession();
  const long before = httpsConnections(*s);
  std::vector<std::shared_ptr<Recorder>> recs;
  for (int i = 0; i < 20; ++i) {
    Request r = get(TestServer::get().https + "/delay/100");
    r.options.validation = core::RequestOptions::Validation::CustomCa;
    r.options.caFile = TestServer::get().caFile;
    auto rec = std::make_shared<Recorder>();
    ASSERT_EQ(s->fetch(r, rec), core::kOk);
    recs.push_back(rec);
  }
  for (auto& rec : recs) {
    ASSERT_TRUE(rec->wait());
    ASSERT_EQ(rec->code(), core::kOk) << rec->message();
    EXPECT_EQ(rec->response()->httpVersion, "2");
  }
  // All 20 ran at once over a single TLS connection.
  EXPECT_EQ(httpsConnections(*s), before + 1);
}

TEST(CoreFetch, https_with_ca_content_instead_of_file) {
  std::ifstream in(TestServer::get().caFile);
  std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(pem.empty());
  auto s = newSession();
  Request r = get(TestServer::get().https + "/json");
  r.options.validation = core::RequestOptions::Validation::CustomCa;
  r.options.caContent = pem;
  auto rec = run(*s, r);
  EXPECT_EQ(rec->code(), core::kOk) << rec->message();
}

TEST(CoreFetch, https_verification_is_on_by_default) {
  auto s = newSession();
  auto rec = run(*s, get(TestServer::get().https + "/json"));
  // The test CA is not a system CA, so the default verification must fail.
  EXPECT_EQ(rec->code(), core::kTransportBase + 60) << rec->message();  // CURLE_PEER_FAILED_VERIFICATION
  EXPECT_EQ(rec->response(), nullptr);
}

TEST(CoreFetch, skipping_validation_must_be_asked_for) {
  auto s = newSession();
  Request r = get(TestServer::get().https + "/json");
  r.options.validation = core::RequestOptions::Validation::Skip;
  auto rec = run(*s, r);
  EXPECT_EQ(rec->code(), core::kOk) << rec->message();
}

TEST(CoreFetch, post_body_and_method_are_sent) {
  auto s = newSession();
  Request r = get(TestServer::get().http + "/echo");
  r.method = "PUT";
  core::BodySegment seg;
  seg.bytes = "hello body";
  r.body.segments.push_back(seg);
  r.body.defaultContentType = "text/plain";
  r.headers.push_back({"X-Multi", "one"});
  r.headers.push_back({"X-Multi", "two"});
  auto rec = run(*s, r);
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  const std::string& body = rec->response()->body;
  EXPECT_NE(body.find("\"method\":\"PUT\""), std::string::npos) << body;
  EXPECT_NE(body.find("hello body"), std::string::npos) << body;
  EXPECT_NE(body.find("text/plain"), std::string::npos) << body;
  EXPECT_NE(body.find("\"one\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"two\""), std::string::npos) << body;
}

TEST(CoreFetch, streamed_body_segments_bytes_file_and_pull) {
  char path[] = "/tmp/rcp-upload-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, "FILE", 4), 4);
  close(fd);
  auto s = newSession();
  Request r = get(TestServer::get().http + "/upload");
  r.method = "POST";
  core::BodySegment a;
  a.bytes = "AB";
  core::BodySegment f;
  f.kind = core::BodySegment::Kind::File;
  f.filePath = path;
  core::BodySegment p;
  p.kind = core::BodySegment::Kind::Pull;
  auto calls = std::make_shared<int>(0);
  p.pull = [calls](char* out, size_t capacity) -> long {
    if ((*calls)++ > 0 || capacity < 3) return 0;
    out[0] = 'x';
    out[1] = 'y';
    out[2] = 'z';
    return 3;
  };
  r.body.segments = {a, f, p};
  auto rec = run(*s, r);
  unlink(path);
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  // The server reports the byte count of "ABFILExyz".
  EXPECT_NE(rec->response()->body.find("\"bytes\":9"), std::string::npos) << rec->response()->body;
}

TEST(CoreFetch, pull_callback_failure_fails_the_request) {
  auto s = newSession();
  Request r = get(TestServer::get().http + "/upload");
  r.method = "POST";
  core::BodySegment p;
  p.kind = core::BodySegment::Kind::Pull;
  p.pull = [](char*, size_t) -> long { return -1; };
  r.body.segments = {p};
  auto rec = run(*s, r);
  EXPECT_EQ(rec->code(), core::kReadError) << rec->message();
}

TEST(CoreFetch, redirects_are_followed_and_reported) {
  auto s = newSession();
  auto rec = run(*s, get(TestServer::get().http + "/redirect/3"));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->response()->statusCode, 200);
  EXPECT_EQ(rec->response()->effectiveUrl, TestServer::get().http + "/redirect/0");
  // Only the final response's status and headers are reported.
  EXPECT_EQ(rec->statusEvents(), std::vector<long>{200});
}

TEST(CoreFetch, redirects_can_be_turned_off) {
  auto s = newSession();
  Request r = get(TestServer::get().http + "/redirect/3");
  r.options.autoRedirect = false;
  auto rec = run(*s, r);
  ASSERT_EQ(rec->code(), core::kOk);
  EXPECT_EQ(rec->response()->statusCode, 302);
}

TEST(CoreFetch, redirect_loop_stops_at_max_redirects) {
  auto s = newSession();
  Request r = get(TestServer::get().http + "/redirect-loop");
  r.options.maxRedirects = 5;
  auto rec = run(*s, r);
  EXPECT_EQ(rec->code(), core::kTooManyRedirects);
}

TEST(CoreFetch, redirect_to_file_scheme_is_refused) {
  auto s = newSession();
  auto rec = run(*s, get(TestServer::get().http + "/redirect-to?url=file%3A%2F%2F%2Fetc%2Fpasswd"));
  EXPECT_EQ(rec->code(), core::kUnsupportedProtocol) << rec->message();
  EXPECT_EQ(rec->response(), nullptr);
}

TEST(CoreFetch, body_over_the_memory_cap_fails_clearly) {
  auto s = newSession();
  Request r = get(TestServer::get().http + "/bytes/100000");
  r.options.maxBodyBytes = 1000;
  auto rec = run(*s, r);
  EXPECT_EQ(rec->code(), core::kWriteError);
  EXPECT_NE(rec->message().find("1000"), std::string::npos) << rec->message();
}

TEST(CoreFetch, decompression_bomb_is_capped_by_decoded_size) {
  auto s = newSession();
  Request r = get(TestServer::get().http + "/bomb?encoding=gzip&mb=64");
  r.options.maxBodyBytes = 1024 * 1024;
  auto rec = run(*s, r);
  EXPECT_EQ(rec->code(), core::kWriteError) << rec->message();
}

TEST(CoreFetch, streaming_body_goes_to_the_data_callback) {
  auto s = newSession();
  auto rec = std::make_shared<Recorder>();
  rec->stream = true;
  rec = run(*s, get(TestServer::get().http + "/bytes/200000"), rec);
  ASSERT_EQ(rec->code(), core::kOk);
  EXPECT_EQ(rec->streamed().size(), 200000u);
  EXPECT_TRUE(rec->response()->body.empty());
  EXPECT_GT(rec->downloadProgressEvents(), 0);
}

TEST(CoreFetch, compressed_bodies_are_decoded) {
  auto s = newSession();
  for (const char* encoding : {"gzip", "br", "zstd"}) {
    auto rec = run(*s, get(TestServer::get().http + "/" + encoding));
    ASSERT_EQ(rec->code(), core::kOk) << encoding << ": " << rec->message();
    EXPECT_EQ(header(*rec->response(), "content-encoding"), encoding);
    auto plain = run(*s, get(TestServer::get().http + "/gzip"));
    EXPECT_EQ(rec->response()->body, plain->response()->body) << encoding;
    EXPECT_GT(rec->response()->body.size(), 100u);
  }
}

TEST(CoreFetch, set_cookie_headers_are_parsed) {
  auto s = newSession();
  auto rec = run(*s, get(TestServer::get().http + "/set-cookie?a=1&b=two"));
  ASSERT_EQ(rec->code(), core::kOk);
  const auto& cookies = rec->response()->cookies;
  ASSERT_EQ(cookies.size(), 3u);
  bool sawSession = false;
  for (const auto& c : cookies) {
    if (c.name == "session") {
      sawSession = true;
      EXPECT_EQ(c.value, "abc");
      EXPECT_EQ(c.path, "/");
      EXPECT_EQ(c.domain, "127.0.0.1");
      EXPECT_TRUE(c.hasMaxAge);
      EXPECT_EQ(c.maxAge, 3600);
      EXPECT_TRUE(c.secure);
      EXPECT_TRUE(c.httpOnly);
      EXPECT_EQ(c.sameSite, "Lax");
    }
  }
  EXPECT_TRUE(sawSession);
}

TEST(CoreFetch, head_has_no_body) {
  auto s = newSession();
  Request r = get(TestServer::get().http + "/bytes/500");
  r.method = "HEAD";
  auto rec = run(*s, r);
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->response()->statusCode, 200);
  EXPECT_TRUE(rec->response()->body.empty());
}

TEST(CoreFetch, range_header_is_sent) {
  auto s = newSession();
  Request r = get(TestServer::get().http + "/echo");
  r.range = "0-99";
  auto rec = run(*s, r);
  ASSERT_EQ(rec->code(), core::kOk);
  EXPECT_NE(rec->response()->body.find("bytes=0-99"), std::string::npos) << rec->response()->body;
}

TEST(CoreFetch, forbidden_cleartext_is_rejected_synchronously) {
  auto s = newSession();
  Request r = get(TestServer::get().http + "/json");
  r.options.forbidCleartext = true;
  auto rec = std::make_shared<Recorder>();
  EXPECT_EQ(s->fetch(r, rec), core::kCleartextForbidden);
  EXPECT_EQ(rec->completions(), 0);
}

TEST(CoreFetch, forbidden_cleartext_allows_https_in_any_letter_case) {
  auto s = newSession();
  std::string url = TestServer::get().https + "/json";
  url.replace(0, 5, "HTTPS");
  Request r = get(url);
  r.options.forbidCleartext = true;
  r.options.validation = core::RequestOptions::Validation::CustomCa;
  r.options.caFile = TestServer::get().caFile;
  auto rec = run(*s, r);
  EXPECT_EQ(rec->code(), core::kOk) << rec->message();
}

TEST(CoreFetch, transfer_timeout_fires) {
  auto s = newSession();
  Request r = get(TestServer::get().http + "/hang");
  r.options.transferTimeoutMs = 300;
  auto rec = run(*s, r);
  EXPECT_EQ(rec->code(), core::kTimeout);
}

TEST(CoreFetch, inactivity_timeout_fires_on_a_stalled_body) {
  auto s = newSession();
  Request r = get(TestServer::get().http + "/hang-after-headers");
  r.options.inactivityTimeoutMs = 300;
  auto rec = run(*s, r);
  EXPECT_EQ(rec->code(), core::kTimeout);
  EXPECT_NE(rec->message().find("300 ms"), std::string::npos) << rec->message();
}

TEST(CoreFetch, slow_drip_under_the_inactivity_limit_succeeds) {
  auto s = newSession();
  Request r = get(TestServer::get().http + "/drip?bytes=5&intervalMs=50&chunk=1");
  r.options.inactivityTimeoutMs = 1000;
  auto rec = run(*s, r);
  EXPECT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->response()->body.size(), 5u);
}

TEST(CoreFetch, static_dns_rule_maps_a_name) {
  auto s = newSession();
  const std::string base = TestServer::get().http;  // http://127.0.0.1:PORT
  const std::string port = base.substr(base.rfind(':') + 1);
  Request r = get("http://rcplib.test:" + port + "/json");
  core::StaticDnsRule rule;
  rule.host = "rcplib.test";
  rule.port = static_cast<uint16_t>(std::stoi(port));
  rule.addresses = {"127.0.0.1"};
  r.options.staticDns = {rule};
  auto rec = run(*s, r);
  EXPECT_EQ(rec->code(), core::kOk) << rec->message();
}

TEST(CoreFetch, download_to_file_writes_the_body) {
  char path[] = "/tmp/rcp-download-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  auto s = newSession();
  Request r = get(TestServer::get().http + "/bytes/3000");
  r.downloadPath = path;
  auto rec = run(*s, r);
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_EQ(rec->response()->downloadedTo, path);
  EXPECT_TRUE(rec->response()->body.empty());
  std::ifstream in(path, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  unlink(path);
  EXPECT_EQ(content.size(), 3000u);
}

TEST(CoreFetch, http_error_status_is_a_response_not_an_error) {
  auto s = newSession();
  auto rec = run(*s, get(TestServer::get().http + "/status/404"));
  ASSERT_EQ(rec->code(), core::kOk);
  EXPECT_EQ(rec->response()->statusCode, 404);
}

TEST(CoreFetch, connection_refused_reports_couldnt_connect) {
  auto s = newSession();
  // Port 1 on loopback is closed on any sane machine.
  auto rec = run(*s, get("http://127.0.0.1:1/"));
  EXPECT_EQ(rec->code(), core::kTransportBase + 7);  // CURLE_COULDNT_CONNECT
}

}  // namespace
}  // namespace rcp::test
