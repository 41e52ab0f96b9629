// The safe defaults of the C side, each proven against the test server:
// TLS verification on, only http and https, credentials not forwarded to
// other origins on redirects, bounded redirects and bodies, no credentials
// in messages or logs, cleartext allowed unless a session forbids it.
// (The bounded response header block is proven in reliability_faults_test.cpp.)
#include <gtest/gtest.h>
#include <rcp/rcp.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <thread>
#include <vector>

#include "core/errors.h"
#include "core/session.h"
#include "recorder.h"
#include "reliability_support.h"

extern char** environ;

namespace rcp::test::reliability {
namespace {

constexpr uint32_t kUnsupportedProtocol = 1007900001;
constexpr uint32_t kWriteError = 1007900023;
constexpr uint32_t kTooManyRedirects = 1007900047;
constexpr uint32_t kPeerFailedVerification = 1007900060;
constexpr uint32_t kCleartextForbidden = 1007900201;
constexpr uint32_t kDefaultMaxBodyBytes = 50u * 1024u * 1024u;

std::string http(const std::string& path) { return ServerDirectory::get().http + path; }
std::string https(const std::string& path) { return ServerDirectory::get().https + path; }

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// Percent-encodes a URL for the url= query parameter of /redirect-to.
std::string queryEncoded(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

class ReliabilitySafeDefaults : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { warmUp(); }
};

// ---------------------------------------------------------------------------
// TLS verification is on.

TEST_F(ReliabilitySafeDefaults, tls_verification_is_on_without_configuration_and_with_a_zeroed_one) {
  SessionOwner unconfigured;
  EXPECT_EQ(fetchAndWait(unconfigured.get(), https("/json"))->code(), kPeerFailedVerification);

  Rcp_Configuration zeroed;
  std::memset(&zeroed, 0, sizeof zeroed);
  const Rcp_SessionConfiguration sessionConfig = sessionUsing(&zeroed);
  SessionOwner zeroedSession(&sessionConfig);
  EXPECT_EQ(fetchAndWait(zeroedSession.get(), https("/json"))->code(), kPeerFailedVerification);

  Rcp_Session* shared = nullptr;
  ASSERT_EQ(Rcp_GetDefaultSession(&shared), 0u);
  EXPECT_EQ(fetchAndWait(shared, https("/json"))->code(), kPeerFailedVerification);
  EXPECT_EQ(Rcp_CloseSession(&shared), 0u);
}

// ---------------------------------------------------------------------------
// Only http and https.

TEST_F(ReliabilitySafeDefaults, only_http_and_https_urls_are_fetched) {
  SessionOwner session;
  ResultSlot never;
  const Rcp_ResponseCallbackObject callback = never.callbackObject();
  for (const char* url :
       {"ftp://127.0.0.1/file", "file:///etc/passwd", "gopher://127.0.0.1/", "dict://127.0.0.1/", "ldap://127.0.0.1/",
        "scp://127.0.0.1/x", "telnet://127.0.0.1/", "ws://127.0.0.1/", "smtp://127.0.0.1/"}) {
    RequestPtr request = newRequest(url);
    EXPECT_EQ(Rcp_Fetch(session.get(), request.get(), &callback), kUnsupportedProtocol) << url;
  }
  // Scheme names are case-insensitive, and both allowed schemes reach the network.
  EXPECT_EQ(fetchAndWait(session.get(), "HTTP://" + http("/json").substr(7))->status(), 200);
  EXPECT_EQ(fetchAndWait(session.get(), https("/json"))->code(), kPeerFailedVerification);
  EXPECT_EQ(session.close(), 0u);
  EXPECT_EQ(never.calls(), 0);
}

TEST_F(ReliabilitySafeDefaults, redirects_only_lead_to_http_and_https) {
  SessionOwner session;  // no configuration: redirects are followed
  for (const char* target : {"ftp://127.0.0.1/file", "file:///etc/passwd", "dict://127.0.0.1/", "gopher://127.0.0.1/",
                             "scp://127.0.0.1/x"}) {
    EXPECT_EQ(fetchAndWait(session.get(), http("/redirect-to?url=" + queryEncoded(target)))->code(),
              kUnsupportedProtocol)
        << target;
  }
  auto followed = fetchAndWait(session.get(), http("/redirect-to?url=" + queryEncoded(http("/json"))));
  EXPECT_EQ(followed->status(), 200);
  EXPECT_EQ(followed->effectiveUrl(), http("/json"));
}

// ---------------------------------------------------------------------------
// Authorization and Cookie headers stay with the origin they were meant for.

struct Forwarded {
  bool authorization = false;
  bool cookie = false;
  bool otherHeader = false;
  bool anySecret = false;
};

// Fetches `url` (a redirect to /echo) with credentials in request headers,
// request cookies, session headers and session cookies; reports what /echo saw.
Forwarded sendCredentialsThrough(const std::string& url, bool useServerAuthentication) {
  HeadersPtr sessionHeaders(Rcp_CreateHeaders());
  EXPECT_EQ(Rcp_SetHeaderValue(sessionHeaders.get(), "X-Session-Header", "kept"), 0u);
  CookiesPtr sessionCookies(Rcp_CreateRequestCookies());
  EXPECT_EQ(Rcp_SetRequestCookieValue(sessionCookies.get(), "sessioncookie", "session-cookie-secret"), 0u);
  Rcp_Configuration config = followingConfiguration();
  trustTestCa(&config);
  char user[] = "basic-user";
  char password[] = "basic-password-secret";
  if (useServerAuthentication) {
    config.securityConfiguration.serverAuthentication.credential.username = user;
    config.securityConfiguration.serverAuthentication.credential.password = password;
    config.securityConfiguration.serverAuthentication.authenticationType = RCP_AUTHENTICATION_BASIC;
  }
  Rcp_SessionConfiguration sessionConfig = sessionUsing(&config);
  sessionConfig.headers = sessionHeaders.get();
  sessionConfig.cookies = sessionCookies.get();
  SessionOwner session(&sessionConfig);

  HeadersPtr headers(Rcp_CreateHeaders());
  CookiesPtr cookies(Rcp_CreateRequestCookies());
  if (!useServerAuthentication) {
    EXPECT_EQ(Rcp_SetHeaderValue(headers.get(), "Authorization", "Bearer bearer-token-secret"), 0u);
  }
  EXPECT_EQ(Rcp_SetRequestCookieValue(cookies.get(), "requestcookie", "request-cookie-secret"), 0u);
  auto slot = fetchAndWait(session.get(), url, [&](Rcp_Request* request) {
    request->headers = headers.get();
    request->cookies = cookies.get();
  });
  EXPECT_EQ(slot->code(), 0u) << Rcp_GetErrorMessage(slot->code());
  EXPECT_EQ(slot->status(), 200);
  const std::string echo = lowercase(slot->body());
  EXPECT_NE(echo.find("\"path\":\"/echo\""), std::string::npos) << echo;
  Forwarded seen;
  seen.authorization = echo.find("[\"authorization\"") != std::string::npos;
  seen.cookie = echo.find("[\"cookie\"") != std::string::npos;
  seen.otherHeader = echo.find("[\"x-session-header\",\"kept\"]") != std::string::npos;
  seen.anySecret = echo.find("secret") != std::string::npos ||
                   echo.find("basic ymfzawmtdxnlcjpiyxnpyy1wyxnzd29yzc1zzwnyzxq=") != std::string::npos;
  return seen;
}

TEST_F(ReliabilitySafeDefaults, credentials_follow_a_redirect_within_the_same_origin) {
  // The control: without it, the cross-origin tests could pass because nothing was ever sent.
  const std::string sameOrigin = http("/redirect-to?url=" + queryEncoded(http("/echo")));
  const Forwarded headers = sendCredentialsThrough(sameOrigin, false);
  EXPECT_TRUE(headers.authorization);
  EXPECT_TRUE(headers.cookie);
  EXPECT_TRUE(headers.otherHeader);
  const Forwarded basic = sendCredentialsThrough(sameOrigin, true);
  EXPECT_TRUE(basic.authorization);
  EXPECT_TRUE(basic.anySecret);
}

TEST_F(ReliabilitySafeDefaults, authorization_and_cookie_are_dropped_on_redirects_to_another_port_or_scheme) {
  const std::string otherPortAndScheme = http("/redirect-to?url=" + queryEncoded(https("/echo")));
  for (bool serverAuthentication : {false, true}) {
    const Forwarded seen = sendCredentialsThrough(otherPortAndScheme, serverAuthentication);
    EXPECT_FALSE(seen.authorization) << serverAuthentication;
    EXPECT_FALSE(seen.cookie) << serverAuthentication;
    EXPECT_FALSE(seen.anySecret) << serverAuthentication;
    EXPECT_TRUE(seen.otherHeader) << "ordinary headers still follow the redirect";
  }
}

TEST_F(ReliabilitySafeDefaults, authorization_and_cookie_are_dropped_on_redirects_to_another_host) {
  // localhost and 127.0.0.1 are the same server but different origins.
  const std::string otherHost = "http://localhost:" + ServerDirectory::portOf(http("")) + "/echo";
  const std::string redirect = http("/redirect-to?url=" + queryEncoded(otherHost));
  for (bool serverAuthentication : {false, true}) {
    const Forwarded seen = sendCredentialsThrough(redirect, serverAuthentication);
    EXPECT_FALSE(seen.authorization) << serverAuthentication;
    EXPECT_FALSE(seen.cookie) << serverAuthentication;
    EXPECT_FALSE(seen.anySecret) << serverAuthentication;
    EXPECT_TRUE(seen.otherHeader);
  }
}

// ---------------------------------------------------------------------------
// Redirects and bodies are bounded.

TEST_F(ReliabilitySafeDefaults, redirects_are_bounded_by_default) {
  SessionOwner session;
  EXPECT_EQ(fetchAndWait(session.get(), http("/redirect/40"))->status(), 200);
  EXPECT_EQ(fetchAndWait(session.get(), http("/redirect-loop"))->code(), kTooManyRedirects);
}

TEST_F(ReliabilitySafeDefaults, in_memory_bodies_are_bounded_by_default) {
  SessionOwner session;
  auto slot = fetchAndWait(session.get(), http("/bytes/" + std::to_string(kDefaultMaxBodyBytes + 1)));
  EXPECT_EQ(slot->code(), kWriteError) << Rcp_GetErrorMessage(slot->code());
}

// ---------------------------------------------------------------------------
// Credentials never appear in error messages or logs.

// The engine's error text (what the ArkTS layer shows in its errors) for a fetch.
std::string engineMessageFor(core::Request request, uint32_t* code) {
  uint32_t error = 1;
  std::shared_ptr<core::Session> session = core::Session::create(core::SessionOptions{}, &error);
  EXPECT_EQ(error, core::kOk);
  auto recorder = std::make_shared<Recorder>();
  EXPECT_EQ(session->fetch(std::move(request), recorder), core::kOk);
  EXPECT_TRUE(recorder->wait());
  *code = recorder->code();
  return recorder->message();
}

TEST_F(ReliabilitySafeDefaults, credentials_never_appear_in_error_messages) {
  const std::string refused = refusedUrl();                                   // http://127.0.0.1:PORT/
  const std::string refusedHostPort = refused.substr(7, refused.size() - 8);  // 127.0.0.1:PORT
  const std::string tlsOnPlainPort = "127.0.0.1:" + ServerDirectory::portOf(http(""));

  std::vector<core::Request> requests;
  core::Request inUrl;
  inUrl.url = "http://user:url-secret@" + refusedHostPort + "/";
  requests.push_back(inUrl);
  core::Request inTlsUrl;
  inTlsUrl.url = "https://user:url-secret@" + tlsOnPlainPort + "/";
  requests.push_back(inTlsUrl);
  core::Request unresolvable;
  unresolvable.url = "http://user:url-secret@no-such-host.invalid:1/";
  unresolvable.options.dohUrl = https("/dns-query");
  unresolvable.options.validation = core::RequestOptions::Validation::CustomCa;
  unresolvable.options.caFile = ServerDirectory::get().caFile;
  requests.push_back(unresolvable);
  core::Request inProxy;
  inProxy.url = http("/json");
  inProxy.options.proxy = core::RequestOptions::Proxy::Custom;
  inProxy.options.proxyUrl = "http://proxy-user:proxy-secret@" + refusedHostPort;
  requests.push_back(inProxy);
  core::Request basicAuth;
  basicAuth.url = "http://" + refusedHostPort + "/";
  basicAuth.options.authType = core::RequestOptions::AuthType::Basic;
  basicAuth.options.authUser = "basic-user";
  basicAuth.options.authPassword = "basic-secret";
  requests.push_back(basicAuth);

  for (core::Request& request : requests) {
    const std::string url = request.url;
    uint32_t code = 0;
    const std::string message = engineMessageFor(std::move(request), &code);
    EXPECT_NE(code, core::kOk) << url;
    EXPECT_FALSE(message.empty()) << url;
    EXPECT_EQ(message.find("secret"), std::string::npos) << url << ": " << message;
    EXPECT_EQ(std::string(Rcp_GetErrorMessage(code)).find("secret"), std::string::npos);
  }
}

// Runs `program` with RCP_LOG=1 (rcplib's host diagnostics on) and returns
// everything it wrote to stdout and stderr; -1 in *status on a time-out.
std::string runWithLogging(const std::vector<std::string>& args, int* status) {
  int pipeFds[2];
  EXPECT_EQ(pipe(pipeFds), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
  posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
  std::vector<std::string> environment{"RCP_LOG=1"};
  for (char** e = environ; *e != nullptr; ++e) environment.emplace_back(*e);
  std::vector<char*> envp;
  for (std::string& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(pipeFds[1]);
  std::string output;
  if (spawned == 0) {
    char buffer[512];
    ssize_t n;
    // The example always ends on its own: a refused connection fails at once.
    while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0) output.append(buffer, static_cast<size_t>(n));
    int raw = 0;
    waitpid(pid, &raw, 0);
    *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  } else {
    *status = -1;
  }
  close(pipeFds[0]);
  return output;
}

TEST_F(ReliabilitySafeDefaults, credentials_never_appear_in_logs) {
  const std::string refused = refusedUrl();
  const std::string url = "http://log-user:log-secret@" + refused.substr(7);
  int status = 0;
  const std::string output = runWithLogging({RCP_EXAMPLE_BINARY, url}, &status);
  EXPECT_EQ(status, 1) << output;
  EXPECT_NE(output.find("error 1007900007"), std::string::npos) << output;
  EXPECT_EQ(output.find("log-secret"), std::string::npos) << output;
}

// ---------------------------------------------------------------------------
// Cleartext HTTP: allowed by default, forbidden on request.

TEST_F(ReliabilitySafeDefaults, cleartext_http_is_allowed_by_default) {
  SessionOwner session;
  EXPECT_EQ(fetchAndWait(session.get(), http("/json"))->status(), 200);
}

TEST_F(ReliabilitySafeDefaults, a_session_can_forbid_cleartext_http) {
  Rcp_Configuration config = followingConfiguration();
  trustTestCa(&config);
  config.transferConfiguration.forbidCleartext = true;
  const Rcp_SessionConfiguration sessionConfig = sessionUsing(&config);
  SessionOwner session(&sessionConfig);

  ResultSlot never;
  const Rcp_ResponseCallbackObject callback = never.callbackObject();
  RequestPtr cleartext = newRequest(http("/json"));
  EXPECT_EQ(Rcp_Fetch(session.get(), cleartext.get(), &callback), kCleartextForbidden);
  uint32_t syncCode = 0;
  EXPECT_EQ(Rcp_FetchSync(session.get(), cleartext.get(), &syncCode), nullptr);
  EXPECT_EQ(syncCode, kCleartextForbidden);

  EXPECT_EQ(fetchAndWait(session.get(), https("/json"))->status(), 200);
  // A redirect cannot downgrade to cleartext either.
  EXPECT_EQ(fetchAndWait(session.get(), https("/redirect-to?url=" + queryEncoded(http("/json"))))->code(),
            kCleartextForbidden);
  EXPECT_EQ(session.close(), 0u);
  EXPECT_EQ(never.calls(), 0);
}

}  // namespace
}  // namespace rcp::test::reliability
