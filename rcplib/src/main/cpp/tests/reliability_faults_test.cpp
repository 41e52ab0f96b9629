// Broken networks and hostile servers through the public C API: every fault
// ends in its documented code (1007900000 + the libcurl code), settles its
// fetch exactly once, and leaves no descriptor or thread behind. The test
// server's fault routes and listeners are described in tools/testserver/README.md.
#include <gtest/gtest.h>
#include <rcp/rcp.h>

#include <cstring>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reliability_support.h"

namespace rcp::test::reliability {
namespace {

constexpr uint32_t kOk = 0;
constexpr uint32_t kUnsupportedProtocol = 1007900001;     // CURLE_UNSUPPORTED_PROTOCOL
constexpr uint32_t kCouldntResolveHost = 1007900006;      // CURLE_COULDNT_RESOLVE_HOST
constexpr uint32_t kCouldntConnect = 1007900007;          // CURLE_COULDNT_CONNECT
constexpr uint32_t kPartialFile = 1007900018;             // CURLE_PARTIAL_FILE: body shorter than announced
constexpr uint32_t kWriteError = 1007900023;              // CURLE_WRITE_ERROR: body over the memory cap
constexpr uint32_t kTimeout = 1007900028;                 // CURLE_OPERATION_TIMEDOUT
constexpr uint32_t kSslConnectError = 1007900035;         // CURLE_SSL_CONNECT_ERROR: handshake failed
constexpr uint32_t kTooManyRedirects = 1007900047;        // CURLE_TOO_MANY_REDIRECTS
constexpr uint32_t kRecvError = 1007900056;               // CURLE_RECV_ERROR: reset, or headers too large
constexpr uint32_t kPeerFailedVerification = 1007900060;  // CURLE_PEER_FAILED_VERIFICATION
constexpr uint32_t kHttp2Stream = 1007900092;             // CURLE_HTTP2_STREAM: stream reset by the peer

constexpr uint32_t kOneMiB = 1024 * 1024;

std::string https(const std::string& path) { return ServerDirectory::get().https + path; }

// Configuration edits of the fault table. Each one edits a configuration
// that follows redirects and has every limit at its default.
void noChange(Rcp_Configuration*) {}

// The test server's DNS-over-HTTPS route: ".invalid" names get NXDOMAIN,
// every other name 127.0.0.1, so no query ever leaves the machine.
void resolveThroughTestServer(Rcp_Configuration* config) {
  static const std::string dohUrl = https("/dns-query");
  trustTestCa(config);
  config->dnsConfiguration.dnsOverHttps.url = dohUrl.c_str();
}

void trustSelfSignedCertificate(Rcp_Configuration* config) {
  static std::string file = ServerDirectory::get().selfSignedCertFile;
  config->securityConfiguration.remoteValidationType = RCP_REMOTE_VALIDATION_CERTIFICATE_AUTHORITY;
  config->securityConfiguration.certificateAuthority.filePath = file.data();
}

// The connect timeout stays at its 60 s default, so only this limit can fire within kSettleWait.
void transferTimeout300Ms(Rcp_Configuration* config) { config->transferConfiguration.timeout.transferMs = 300; }
// The transfer timeout stays at its 60 s default, so only this limit can fire within kSettleWait.
void inactivityTimeout300Ms(Rcp_Configuration* config) { config->transferConfiguration.timeout.inactivityMs = 300; }
void inactivityTimeout3S(Rcp_Configuration* config) { config->transferConfiguration.timeout.inactivityMs = 3000; }
void atMostFiveRedirects(Rcp_Configuration* config) { config->transferConfiguration.maxAutoRedirects = 5; }
void bodyCap1000Bytes(Rcp_Configuration* config) { config->transferConfiguration.maxBodySize = 1000; }
void bodyCap1MiB(Rcp_Configuration* config) { config->transferConfiguration.maxBodySize = kOneMiB; }

struct Fault {
  const char* name;
  // Expanded at run time: {http} {https} {httpPort} {selfSigned} {expired}
  // {garbageTcp} {refused}.
  const char* url;
  void (*configure)(Rcp_Configuration*);
  uint32_t expected;
  // For expected successes: the start of the body.
  std::string_view bodyPrefix;
};

// gtest prints parameters; without this it would dump the struct's raw bytes, padding included.
void PrintTo(const Fault& fault, std::ostream* out) { *out << fault.name; }

std::string expandUrl(std::string url) {
  const ServerDirectory& servers = ServerDirectory::get();
  const std::pair<const char*, std::string> names[] = {
      {"{https}", servers.https},
      {"{http}", servers.http},
      {"{httpPort}", ServerDirectory::portOf(servers.http)},
      {"{selfSigned}", servers.httpsSelfSigned},
      {"{expired}", servers.httpsExpired},
      {"{garbageTcp}", servers.garbageTcp},
      {"{refused}", refusedUrl()},
  };
  for (const auto& [placeholder, value] : names) {
    const size_t at = url.find(placeholder);
    if (at != std::string::npos) url.replace(at, std::strlen(placeholder), value);
  }
  return url;
}

const std::string_view kJson = "{\"name\":\"rcplib\"";

// clang-format off: one row per fault reads best as a table.
const Fault kFaults[] = {
    {"connection_refused", "{refused}", noChange, kCouldntConnect, {}},
    {"name_that_does_not_resolve",
     "http://no-such-host.invalid:{httpPort}/json",
     resolveThroughTestServer,
     kCouldntResolveHost,
     {}},
    // The control: the same resolver path does answer other names.
    {"name_that_resolves_through_the_same_resolver", "http://rcplib.test:{httpPort}/json", resolveThroughTestServer,
     kOk, kJson},
    {"transfer_timeout_fires_on_its_own", "{http}/hang", transferTimeout300Ms, kTimeout, {}},
    {"inactivity_timeout_fires_on_its_own", "{http}/hang-after-headers", inactivityTimeout300Ms, kTimeout, {}},
    {"slow_drip_under_the_inactivity_limit_succeeds", "{http}/drip?bytes=5&intervalMs=50&chunk=1", inactivityTimeout3S,
     kOk, std::string_view("\x00\x01\x02\x03\x04", 5)},
    {"slow_drip_over_the_inactivity_limit_fails",
     "{http}/drip?bytes=3&intervalMs=3000&chunk=1",
     inactivityTimeout300Ms,
     kTimeout,
     {}},
    {"reset_before_the_headers_http1", "{http}/reset-before-headers", noChange, kRecvError, {}},
    {"reset_before_the_headers_h2", "{https}/reset-before-headers", trustTestCa, kHttp2Stream, {}},
    {"reset_in_the_middle_of_the_body_http1", "{http}/reset-mid-body?bytes=20000", noChange, kRecvError, {}},
    {"reset_in_the_middle_of_the_body_h2", "{https}/reset-mid-body?bytes=20000", trustTestCa, kHttp2Stream, {}},
    {"truncated_chunked_body_http1", "{http}/truncated-chunked", noChange, kPartialFile, {}},
    {"truncated_body_h2", "{https}/truncated-chunked", trustTestCa, kPartialFile, {}},
    {"content_length_larger_than_the_body_http1", "{http}/short-content-length", noChange, kPartialFile, {}},
    {"content_length_larger_than_the_body_h2", "{https}/short-content-length", trustTestCa, kHttp2Stream, {}},
    {"redirect_loop_stops_at_the_limit", "{http}/redirect-loop", atMostFiveRedirects, kTooManyRedirects, {}},
    {"redirect_to_ftp_is_refused",
     "{http}/redirect-to?url=ftp%3A%2F%2F127.0.0.1%2Ffile",
     noChange,
     kUnsupportedProtocol,
     {}},
    {"redirect_to_file_is_refused",
     "{http}/redirect-to?url=file%3A%2F%2F%2Fetc%2Fpasswd",
     noChange,
     kUnsupportedProtocol,
     {}},
    {"tls_handshake_answered_with_plain_http", "https://127.0.0.1:{httpPort}/", trustTestCa, kSslConnectError, {}},
    {"tls_handshake_answered_with_garbage", "https://{garbageTcp}/", trustTestCa, kSslConnectError, {}},
    // libcurl refuses a reply without a status line (HTTP/0.9) as an unsupported protocol.
    {"http_answered_with_garbage", "http://{garbageTcp}/", noChange, kUnsupportedProtocol, {}},
    {"ca_signed_certificate_without_the_ca_fails", "{https}/json", noChange, kPeerFailedVerification, {}},
    {"ca_signed_certificate_with_the_ca_succeeds", "{https}/json", trustTestCa, kOk, kJson},
    {"self_signed_certificate_without_a_ca_fails", "{selfSigned}/json", noChange, kPeerFailedVerification, {}},
    {"self_signed_certificate_with_another_ca_fails", "{selfSigned}/json", trustTestCa, kPeerFailedVerification, {}},
    {"self_signed_certificate_trusted_as_its_own_ca_succeeds", "{selfSigned}/json", trustSelfSignedCertificate, kOk,
     kJson},
    {"expired_certificate_without_a_ca_fails", "{expired}/json", noChange, kPeerFailedVerification, {}},
    {"expired_certificate_with_its_ca_still_fails", "{expired}/json", trustTestCa, kPeerFailedVerification, {}},
    // libcurl caps a response header block at 300 KiB: one MiB fails cleanly, 64 KiB passes.
    {"huge_header_block_http1_fails_cleanly", "{http}/huge-headers?kb=1024", noChange, kRecvError, {}},
    {"huge_header_block_h2_fails_cleanly", "{https}/huge-headers?kb=1024", trustTestCa, kRecvError, {}},
    {"large_header_block_within_the_limit_succeeds", "{http}/huge-headers?kb=64", noChange, kOk, "{\"headerCount\":64"},
    {"body_past_the_memory_cap_fails", "{http}/bytes/100000", bodyCap1000Bytes, kWriteError, {}},
    // 64 MiB of zeros from a few KiB on the wire: decoding stops at the 1 MiB cap.
    {"gzip_bomb_fails_at_the_cap", "{http}/bomb?encoding=gzip&mb=64", bodyCap1MiB, kWriteError, {}},
    {"deflate_bomb_fails_at_the_cap", "{http}/bomb?encoding=deflate&mb=64", bodyCap1MiB, kWriteError, {}},
    {"brotli_bomb_fails_at_the_cap", "{http}/bomb?encoding=br&mb=64", bodyCap1MiB, kWriteError, {}},
    {"zstd_bomb_fails_at_the_cap", "{http}/bomb?encoding=zstd&mb=64", bodyCap1MiB, kWriteError, {}},
};
// clang-format on

class ReliabilityFault : public ::testing::TestWithParam<Fault> {
 protected:
  static void SetUpTestSuite() { warmUp(); }
};

TEST_P(ReliabilityFault, ends_in_its_documented_code_once_and_leaks_nothing) {
  const Fault& fault = GetParam();
  const ResourceCounts baseline = ResourceCounts::now();
  {
    Rcp_Configuration config = followingConfiguration();
    fault.configure(&config);
    const Rcp_SessionConfiguration sessionConfig = sessionUsing(&config);
    SessionOwner session(&sessionConfig);
    std::unique_ptr<ResultSlot> slot = fetchAndWait(session.get(), expandUrl(fault.url));
    EXPECT_EQ(slot->code(), fault.expected) << Rcp_GetErrorMessage(slot->code());
    if (fault.expected == kOk) {
      EXPECT_TRUE(slot->hadResponse());
      EXPECT_EQ(slot->status(), 200);
      EXPECT_EQ(slot->body().substr(0, fault.bodyPrefix.size()), fault.bodyPrefix);
    }
    EXPECT_EQ(session.close(), 0u);
    EXPECT_EQ(slot->calls(), 1);
  }
  const ResourceCounts after = ResourceCounts::now();
  EXPECT_TRUE(ResourceCounts::settleTo(baseline))
      << "fds " << baseline.fds << " -> " << after.fds << ", threads " << baseline.threads << " -> " << after.threads;
}

INSTANTIATE_TEST_SUITE_P(Faults, ReliabilityFault, ::testing::ValuesIn(kFaults),
                         [](const ::testing::TestParamInfo<Fault>& info) { return std::string(info.param.name); });

// ---------------------------------------------------------------------------
// Connect timeouts: a server that never completes the connection.

TEST(ReliabilityConnectTimeout, fires_on_its_own_when_the_tcp_handshake_never_completes) {
  warmUp();
  const ResourceCounts baseline = ResourceCounts::now();
  {
    FullBacklogListener listener;
    Rcp_Configuration config = followingConfiguration();
    // The transfer timeout stays at its 60 s default: only the connect limit can end this within kSettleWait.
    config.transferConfiguration.timeout.connectMs = 300;
    const Rcp_SessionConfiguration sessionConfig = sessionUsing(&config);
    SessionOwner session(&sessionConfig);
    std::unique_ptr<ResultSlot> slot = fetchAndWait(session.get(), listener.url());
    EXPECT_EQ(slot->code(), kTimeout) << Rcp_GetErrorMessage(slot->code());
    EXPECT_EQ(session.close(), 0u);
    EXPECT_EQ(slot->calls(), 1);
  }
  EXPECT_TRUE(ResourceCounts::settleTo(baseline));
}

TEST(ReliabilityConnectTimeout, covers_a_tls_handshake_that_never_completes) {
  warmUp();
  const ResourceCounts baseline = ResourceCounts::now();
  {
    Rcp_Configuration config = followingConfiguration();
    trustTestCa(&config);
    config.transferConfiguration.timeout.connectMs = 300;
    const Rcp_SessionConfiguration sessionConfig = sessionUsing(&config);
    SessionOwner session(&sessionConfig);
    std::unique_ptr<ResultSlot> slot = fetchAndWait(session.get(), "https://" + ServerDirectory::get().silentTcp + "/");
    EXPECT_EQ(slot->code(), kTimeout) << Rcp_GetErrorMessage(slot->code());
    EXPECT_EQ(session.close(), 0u);
    EXPECT_EQ(slot->calls(), 1);
  }
  EXPECT_TRUE(ResourceCounts::settleTo(baseline));
}

// ---------------------------------------------------------------------------
// HTTP/2: a GOAWAY or a stream reset in the middle of a multiplexed batch.

struct BatchResult {
  std::vector<std::unique_ptr<ResultSlot>> slows;
  std::unique_ptr<ResultSlot> trigger;
  std::unique_ptr<ResultSlot> reset;
};

// Sends six slow fetches, the GOAWAY trigger and a fetch the server resets,
// all multiplexed on one TLS HTTP/2 connection, then waits for all of them.
BatchResult runBatch(Rcp_Session* session, const std::string& goawayMode) {
  BatchResult batch;
  std::vector<std::pair<ResultSlot*, std::string>> plan;
  for (int i = 0; i < 6; ++i) {
    batch.slows.push_back(std::make_unique<ResultSlot>());
    plan.emplace_back(batch.slows.back().get(), https("/delay/600"));
  }
  batch.trigger = std::make_unique<ResultSlot>();
  plan.emplace_back(batch.trigger.get(), https("/goaway?mode=" + goawayMode + "&delayMs=200"));
  batch.reset = std::make_unique<ResultSlot>();
  plan.emplace_back(batch.reset.get(), https("/reset-mid-body?bytes=1000"));
  std::vector<RequestPtr> requests;
  for (auto& [slot, url] : plan) {
    requests.push_back(newRequest(url));
    const Rcp_ResponseCallbackObject callback = slot->callbackObject();
    EXPECT_EQ(Rcp_Fetch(session, requests.back().get(), &callback), 0u);
  }
  for (auto& [slot, url] : plan) EXPECT_TRUE(slot->wait()) << url;
  return batch;
}

// Codes a stream may end with when its connection goes away under it.
bool isCleanTransportFailure(uint32_t code) {
  return code == kPartialFile || code == kRecvError || code == kHttp2Stream || code == 1007900016 /* HTTP2 */ ||
         code == 1007900055 /* SEND_ERROR */ || code == 1007900052 /* GOT_NOTHING */;
}

class ReliabilityHttp2Batch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { warmUp(); }

  void SetUp() override {
    config_ = followingConfiguration();
    trustTestCa(&config_);
    sessionConfig_ = sessionUsing(&config_);
    // One connection per host: the whole batch shares one HTTP/2 connection.
    sessionConfig_.connectionConfiguration.maxConnectionsPerHost = 1;
    baseline_ = ResourceCounts::now();
  }

  Rcp_Configuration config_{};
  Rcp_SessionConfiguration sessionConfig_{};
  ResourceCounts baseline_;
};

TEST_F(ReliabilityHttp2Batch, graceful_goaway_lets_every_stream_finish_and_a_reset_stream_fails_alone) {
  {
    SessionOwner session(&sessionConfig_);
    BatchResult batch = runBatch(session.get(), "graceful");
    for (const auto& slow : batch.slows) {
      EXPECT_EQ(slow->code(), kOk) << Rcp_GetErrorMessage(slow->code());
      EXPECT_EQ(slow->body(), "{\"delayedMs\":600}");
      EXPECT_EQ(slow->httpVersion(), "2");
    }
    EXPECT_EQ(batch.trigger->code(), kOk);
    EXPECT_EQ(batch.trigger->body(), "goaway graceful\n");
    EXPECT_EQ(batch.reset->code(), kHttp2Stream) << Rcp_GetErrorMessage(batch.reset->code());
    // The session goes on over a new connection.
    EXPECT_EQ(fetchAndWait(session.get(), https("/json"))->code(), kOk);
    EXPECT_EQ(session.close(), 0u);
    for (const auto& slow : batch.slows) EXPECT_EQ(slow->calls(), 1);
    EXPECT_EQ(batch.trigger->calls(), 1);
    EXPECT_EQ(batch.reset->calls(), 1);
  }
  EXPECT_TRUE(ResourceCounts::settleTo(baseline_));
}

TEST_F(ReliabilityHttp2Batch, abrupt_goaway_fails_the_streams_in_flight_cleanly_and_each_settles_once) {
  {
    SessionOwner session(&sessionConfig_);
    BatchResult batch = runBatch(session.get(), "abrupt");
    int failed = 0;
    for (const auto& slow : batch.slows) {
      // A stream either finished before the connection died or failed with a transport code; none hangs.
      if (slow->code() == kOk) {
        EXPECT_EQ(slow->body(), "{\"delayedMs\":600}");
      } else {
        ++failed;
        EXPECT_TRUE(isCleanTransportFailure(slow->code())) << slow->code() << " " << Rcp_GetErrorMessage(slow->code());
      }
    }
    // The connection died 200 ms into 600 ms answers: the batch really was cut in the middle.
    EXPECT_GT(failed, 0);
    EXPECT_TRUE(isCleanTransportFailure(batch.trigger->code())) << batch.trigger->code();
    EXPECT_TRUE(isCleanTransportFailure(batch.reset->code())) << batch.reset->code();
    EXPECT_EQ(fetchAndWait(session.get(), https("/json"))->code(), kOk);
    EXPECT_EQ(session.close(), 0u);
    for (const auto& slow : batch.slows) EXPECT_EQ(slow->calls(), 1);
    EXPECT_EQ(batch.trigger->calls(), 1);
    EXPECT_EQ(batch.reset->calls(), 1);
  }
  EXPECT_TRUE(ResourceCounts::settleTo(baseline_));
}

}  // namespace
}  // namespace rcp::test::reliability
