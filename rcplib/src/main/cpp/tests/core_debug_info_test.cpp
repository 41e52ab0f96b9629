// Debug information (RequestOptions::verbose and debugKinds): what each kind
// records against real servers, that nothing is recorded or logged when not
// asked, the cap, and how the configuration layers stack the two members.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <vector>

#include "core/configuration_layer.h"
#include "core/debug_trace.h"
#include "core/errors.h"
#include "core/request_builder.h"
#include "core/session.h"
#include "engine_fetch.h"
#include "recorder.h"
#include "scripted_server.h"
#include "test_server.h"

namespace rcp::test {
namespace {

using core::DebugEntry;
using core::DebugKind;
using core::debugKindBit;

constexpr uint32_t kWireKinds = debugKindBit(DebugKind::Text) | debugKindBit(DebugKind::HeaderIn) |
                                debugKindBit(DebugKind::HeaderOut) | debugKindBit(DebugKind::DataIn) |
                                debugKindBit(DebugKind::DataOut);

// The data of every entry of `kind`, joined.
std::string joined(const std::vector<DebugEntry>& entries, DebugKind kind) {
  std::string text;
  for (const DebugEntry& entry : entries) {
    if (entry.kind == kind) text += entry.data;
  }
  return text;
}

int countOf(const std::vector<DebugEntry>& entries, DebugKind kind) {
  int count = 0;
  for (const DebugEntry& entry : entries) count += entry.kind == kind ? 1 : 0;
  return count;
}

// True when every entry is of a kind in `kinds`.
bool onlyKinds(const std::vector<DebugEntry>& entries, uint32_t kinds) {
  for (const DebugEntry& entry : entries) {
    if ((kinds & debugKindBit(entry.kind)) == 0) return false;
  }
  return true;
}

core::Request traced(const std::string& url, uint32_t kinds, bool verbose = false) {
  core::Request request = getRequest(url);
  request.options.debugKinds = kinds;
  request.options.verbose = verbose;
  return request;
}

core::Request trustingTestCa(core::Request request) {
  request.options.validation = core::RequestOptions::Validation::CustomCa;
  request.options.caFile = TestServer::get().caFile;
  return request;
}

TEST(CoreDebugInfo, headers_and_data_are_the_bytes_on_the_wire_and_text_is_libcurls) {
  const std::string responseHead = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Reply: yes\r\n\r\n";
  std::promise<std::string> received;
  ScriptedServer server([&](ScriptedConnection& connection, int index) {
    if (index != 0) return;
    received.set_value(connection.readRequestHead());
    connection.write(responseHead + "hello");
  });
  auto session = newSession();
  core::Request request = traced(server.url("/traced?q=1"), kWireKinds);
  request.headers.push_back(core::Header{"X-Debug", "on"});
  auto rec = runFetch(*session, std::move(request));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  const std::vector<DebugEntry>& entries = rec->response()->debugInfo;
  const std::string sentHead = received.get_future().get();

  EXPECT_EQ(joined(entries, DebugKind::HeaderOut), sentHead);
  EXPECT_EQ(sentHead.rfind("GET /traced?q=1 HTTP/1.1\r\n", 0), 0u) << sentHead;
  EXPECT_NE(sentHead.find("X-Debug: on\r\n"), std::string::npos) << sentHead;
  // One entry per received header line, the status line first.
  EXPECT_EQ(joined(entries, DebugKind::HeaderIn), responseHead);
  EXPECT_EQ(countOf(entries, DebugKind::HeaderIn), 4);
  EXPECT_EQ(joined(entries, DebugKind::DataIn), "hello");
  EXPECT_EQ(countOf(entries, DebugKind::DataOut), 0);  // a GET sends no body
  EXPECT_GT(countOf(entries, DebugKind::Text), 0);
  EXPECT_NE(joined(entries, DebugKind::Text).find("127.0.0.1"), std::string::npos);
  // In the order of the exchange: the request head before the response head.
  size_t firstOut = entries.size(), firstIn = entries.size();
  for (size_t i = entries.size(); i-- > 0;) {
    if (entries[i].kind == DebugKind::HeaderOut) firstOut = i;
    if (entries[i].kind == DebugKind::HeaderIn) firstIn = i;
  }
  EXPECT_LT(firstOut, firstIn);
  EXPECT_EQ(rec->response()->body, "hello");
}

TEST(CoreDebugInfo, outgoing_and_incoming_data_are_the_request_and_response_bodies) {
  auto session = newSession();
  core::Request request =
      traced(TestServer::get().http + "/echo", debugKindBit(DebugKind::DataOut) | debugKindBit(DebugKind::DataIn));
  request.method = "POST";
  std::string body;
  for (int i = 0; i < 200; ++i) body += "body-" + std::to_string(i) + ";";
  core::BodySegment segment;
  segment.bytes = body;
  request.body.segments.push_back(segment);
  request.headers.push_back(core::Header{"Accept-Encoding", "identity"});
  auto rec = runFetch(*session, std::move(request));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  const core::Response& response = *rec->response();
  EXPECT_EQ(joined(response.debugInfo, DebugKind::DataOut), body);
  EXPECT_EQ(joined(response.debugInfo, DebugKind::DataIn), response.body);
  EXPECT_NE(response.body.find(body), std::string::npos);  // the echo holds what was sent
  EXPECT_TRUE(onlyKinds(response.debugInfo, debugKindBit(DebugKind::DataOut) | debugKindBit(DebugKind::DataIn)));
}

TEST(CoreDebugInfo, one_kind_asked_records_only_that_kind) {
  auto session = newSession();
  for (DebugKind kind : {DebugKind::Text, DebugKind::HeaderIn, DebugKind::HeaderOut, DebugKind::DataIn}) {
    auto rec = runFetch(*session, traced(TestServer::get().http + "/bytes/100", debugKindBit(kind)));
    ASSERT_EQ(rec->code(), core::kOk) << rec->message();
    const std::vector<DebugEntry>& entries = rec->response()->debugInfo;
    EXPECT_FALSE(entries.empty()) << static_cast<int>(kind);
    EXPECT_TRUE(onlyKinds(entries, debugKindBit(kind))) << static_cast<int>(kind);
  }
}

TEST(CoreDebugInfo, nothing_is_recorded_or_logged_when_nothing_is_asked_also_on_a_reused_handle) {
  auto session = newSession();
  testing::internal::CaptureStderr();
  auto first = runFetch(*session, traced(TestServer::get().http + "/bytes/10", kWireKinds, true));
  EXPECT_NE(testing::internal::GetCapturedStderr().find("rcplib: "), std::string::npos);
  ASSERT_EQ(first->code(), core::kOk);
  EXPECT_FALSE(first->response()->debugInfo.empty());
  // The next fetches reuse the easy handle and the connection of the traced one.
  testing::internal::CaptureStderr();
  auto plain = runFetch(*session, getRequest(TestServer::get().http + "/bytes/10"));
  auto summaryOnly =
      runFetch(*session, traced(TestServer::get().http + "/bytes/10", debugKindBit(DebugKind::RedirectCount)));
  const std::string logged = testing::internal::GetCapturedStderr();
  ASSERT_EQ(plain->code(), core::kOk);
  EXPECT_TRUE(plain->response()->debugInfo.empty());
  ASSERT_EQ(summaryOnly->response()->debugInfo.size(), 1u);
  EXPECT_EQ(summaryOnly->response()->debugInfo[0].data, "0");
  EXPECT_EQ(logged.find("rcplib:"), std::string::npos) << logged;
}

TEST(CoreDebugInfo, verbose_logs_libcurls_text_lines_and_collects_nothing) {
  auto session = newSession();
  testing::internal::CaptureStderr();
  auto rec = runFetch(*session, traced(TestServer::get().http + "/bytes/10", 0, true));
  const std::string logged = testing::internal::GetCapturedStderr();
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  EXPECT_TRUE(rec->response()->debugInfo.empty());
  EXPECT_NE(logged.find("rcplib: "), std::string::npos) << logged;
  // Informational lines only: no header line of the exchange.
  EXPECT_EQ(logged.find("Content-Length"), std::string::npos) << logged;
  EXPECT_EQ(logged.find("GET /bytes/10"), std::string::npos) << logged;
}

TEST(CoreDebugInfo, tls_messages_are_recorded_in_both_directions) {
  auto session = newSession();  // a new session: a new connection, so a handshake
  const uint32_t ssl = debugKindBit(DebugKind::SslDataIn) | debugKindBit(DebugKind::SslDataOut);
  auto rec = runFetch(*session, trustingTestCa(traced(TestServer::get().https + "/bytes/10", ssl)));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  const std::vector<DebugEntry>& entries = rec->response()->debugInfo;
  EXPECT_GT(countOf(entries, DebugKind::SslDataIn), 0);
  EXPECT_GT(countOf(entries, DebugKind::SslDataOut), 0);
  EXPECT_TRUE(onlyKinds(entries, ssl));
}

TEST(CoreDebugInfo, addresses_and_redirect_count_come_once_at_the_end) {
  auto session = newSession();
  const uint32_t kinds = debugKindBit(DebugKind::HeaderIn) | debugKindBit(DebugKind::SrcAddr) |
                         debugKindBit(DebugKind::DstAddr) | debugKindBit(DebugKind::RedirectCount);
  const std::string base = TestServer::get().http;
  auto rec = runFetch(*session, traced(base + "/redirect/2", kinds));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  const std::vector<DebugEntry>& entries = rec->response()->debugInfo;
  ASSERT_GE(entries.size(), 4u);
  const size_t n = entries.size();
  EXPECT_EQ(entries[n - 3].kind, DebugKind::SrcAddr);
  EXPECT_EQ(entries[n - 3].data.rfind("127.0.0.1:", 0), 0u) << entries[n - 3].data;
  EXPECT_NE(entries[n - 3].data, "127.0.0.1:0");
  EXPECT_EQ(entries[n - 2].kind, DebugKind::DstAddr);
  EXPECT_EQ(entries[n - 2].data, base.substr(base.find("127.0.0.1")));
  EXPECT_EQ(entries[n - 1].kind, DebugKind::RedirectCount);
  EXPECT_EQ(entries[n - 1].data, "2");
  // The header lines of all three responses, redirects included.
  EXPECT_EQ(countOf(entries, DebugKind::SrcAddr) + countOf(entries, DebugKind::DstAddr), 2);
  const std::string headersIn = joined(entries, DebugKind::HeaderIn);
  EXPECT_NE(headersIn.find("HTTP/1.1 302"), std::string::npos);
  EXPECT_NE(headersIn.find("HTTP/1.1 200"), std::string::npos);
}

TEST(CoreDebugInfo, a_large_body_is_kept_up_to_the_cap_then_a_text_entry_says_so) {
  auto session = newSession();
  core::Request request = traced(TestServer::get().http + "/bytes/3000000", debugKindBit(DebugKind::DataIn));
  auto rec = runFetch(*session, std::move(request));
  ASSERT_EQ(rec->code(), core::kOk) << rec->message();
  const core::Response& response = *rec->response();
  ASSERT_EQ(response.body.size(), 3000000u);  // collection stops, the transfer does not
  const std::vector<DebugEntry>& entries = response.debugInfo;
  ASSERT_GE(entries.size(), 2u);
  EXPECT_EQ(entries.back().kind, DebugKind::Text);
  EXPECT_EQ(entries.back().data, core::kDebugTruncatedText);
  EXPECT_EQ(countOf(entries, DebugKind::Text), 1);
  const std::string kept = joined(entries, DebugKind::DataIn);
  const size_t dataEntries = entries.size() - 1;
  EXPECT_LE(kept.size() + dataEntries * core::kDebugEntryOverhead, core::kMaxDebugInfoBytes);
  EXPECT_GT(kept.size() + dataEntries * core::kDebugEntryOverhead, core::kMaxDebugInfoBytes - 64 * 1024);
  EXPECT_EQ(kept, response.body.substr(0, kept.size()));
}

TEST(CoreDebugInfo, tiny_entries_count_against_the_cap_too) {
  core::DebugTrace trace(debugKindBit(DebugKind::DataIn), false);
  char byte = 'x';
  for (int i = 0; i < 100000; ++i) core::DebugTrace::onDebug(nullptr, CURLINFO_DATA_IN, &byte, 1, &trace);
  EXPECT_TRUE(trace.truncated());
  EXPECT_LE(trace.keptBytes(), core::kMaxDebugInfoBytes);
  const std::vector<DebugEntry> entries = trace.take(nullptr);
  const size_t fit = core::kMaxDebugInfoBytes / (core::kDebugEntryOverhead + 1);
  ASSERT_EQ(entries.size(), fit + 1);
  EXPECT_EQ(entries.back().data, core::kDebugTruncatedText);
  EXPECT_EQ(countOf(entries, DebugKind::DataIn), static_cast<int>(fit));
}

TEST(CoreDebugInfo, kinds_not_asked_are_dropped_by_the_callback) {
  core::DebugTrace trace(debugKindBit(DebugKind::HeaderIn), false);
  char text[] = "line\n";
  core::DebugTrace::onDebug(nullptr, CURLINFO_TEXT, text, 5, &trace);
  core::DebugTrace::onDebug(nullptr, CURLINFO_DATA_IN, text, 5, &trace);
  core::DebugTrace::onDebug(nullptr, CURLINFO_HEADER_IN, text, 5, &trace);
  core::DebugTrace::onDebug(nullptr, CURLINFO_END, text, 5, &trace);
  const std::vector<DebugEntry> entries = trace.take(nullptr);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].kind, DebugKind::HeaderIn);
  EXPECT_EQ(entries[0].data, "line\n");
  EXPECT_EQ(trace.keptBytes(), 5 + core::kDebugEntryOverhead);
}

TEST(CoreDebugInfo, layers_stack_verbose_and_info_to_collect_as_two_members) {
  core::ConfigurationLayer session;
  session.verbose = true;
  session.infoToCollect = debugKindBit(DebugKind::Text) | debugKindBit(DebugKind::HeaderIn);
  core::ConfigurationLayer own;
  own.infoToCollect = debugKindBit(DebugKind::DataIn);
  core::RequestOptions options;
  core::resolveOptions(&own, &session, &options);
  EXPECT_EQ(options.debugKinds, debugKindBit(DebugKind::DataIn));  // the whole selection is the request's
  EXPECT_TRUE(options.verbose);                                    // verbose is still the session's
  own = core::ConfigurationLayer{};
  own.verbose = false;
  core::resolveOptions(&own, &session, &options);
  EXPECT_FALSE(options.verbose);
  EXPECT_EQ(options.debugKinds, *session.infoToCollect);
  core::resolveOptions(nullptr, nullptr, &options);
  EXPECT_FALSE(options.verbose);
  EXPECT_EQ(options.debugKinds, 0u);
}

TEST(CoreDebugInfo, an_unknown_kind_is_a_parameter_error) {
  core::ConfigurationLayer layer;
  std::string detail;
  layer.infoToCollect = core::kAllDebugKinds;
  EXPECT_EQ(core::checkConfigurationLayer(layer, &detail), core::kOk) << detail;
  layer.infoToCollect = core::kAllDebugKinds + 1;
  EXPECT_EQ(core::checkConfigurationLayer(layer, &detail), core::kParameterError);
  EXPECT_NE(detail.find("infoToCollect"), std::string::npos);
  core::Request request = getRequest("http://127.0.0.1/");
  request.options.debugKinds = 1u << 31;
  EXPECT_EQ(core::checkRequest(request, &detail), core::kParameterError);
}

}  // namespace
}  // namespace rcp::test
