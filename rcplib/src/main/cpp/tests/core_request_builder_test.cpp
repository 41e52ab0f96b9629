// The one rule set of the engine (core/request_builder, core/configuration_layer):
// how a request meets its session's defaults. Both APIs translate into these
// types, so these tests hold for both; the API suites test the translation.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/configuration_layer.h"
#include "core/errors.h"
#include "core/request_builder.h"
#include "thread_cpu_clock.h"

namespace rcp::test {
namespace {

using core::BuildPurpose;
using core::ConfigurationLayer;
using core::Request;
using core::RequestDraft;
using core::RequestOptions;
using core::SessionDefaults;

RequestDraft draftFor(const std::string& url) {
  RequestDraft draft;
  draft.url = url;
  return draft;
}

uint32_t build(const SessionDefaults& defaults, RequestDraft draft, Request* out, std::string* detail = nullptr,
               const ConfigurationLayer* own = nullptr, const ConfigurationLayer* inherited = nullptr) {
  std::string ignored;
  return core::buildRequest(defaults, std::move(draft), own, inherited, BuildPurpose::Send, out,
                            detail != nullptr ? detail : &ignored);
}

std::vector<std::string> headerLines(const Request& request) {
  std::vector<std::string> lines;
  for (const core::Header& h : request.headers) lines.push_back(h.name + ": " + h.value);
  return lines;
}

RequestOptions resolved(const ConfigurationLayer* own, const ConfigurationLayer* inherited) {
  RequestOptions options;
  core::resolveOptions(own, inherited, &options);
  return options;
}

// --- configuration layers -------------------------------------------------

TEST(ConfigurationLayers, nothing_set_gives_the_kits_defaults) {
  const RequestOptions o = resolved(nullptr, nullptr);
  EXPECT_EQ(o.connectTimeoutMs, 60000u);
  EXPECT_EQ(o.transferTimeoutMs, 60000u);
  EXPECT_EQ(o.inactivityTimeoutMs, 0u);
  EXPECT_TRUE(o.autoRedirect);
  EXPECT_EQ(o.maxRedirects, 50u);
  EXPECT_EQ(o.maxBodyBytes, 50u * 1024u * 1024u);
  EXPECT_EQ(o.validation, RequestOptions::Validation::System);
  EXPECT_EQ(o.proxy, RequestOptions::Proxy::System);
  EXPECT_FALSE(o.collectTimeInfo);
}

TEST(ConfigurationLayers, the_requests_members_win_and_unset_members_inherit_one_by_one) {
  ConfigurationLayer session;
  session.connectTimeoutMs = 111;
  session.transferTimeoutMs = 222;
  session.autoRedirect = false;
  session.proxy = ConfigurationLayer::ProxySetting{RequestOptions::Proxy::None, "", false, {}, {}};
  ConfigurationLayer own;
  own.transferTimeoutMs = 333;
  own.maxRedirects = 7;
  const RequestOptions o = resolved(&own, &session);
  EXPECT_EQ(o.connectTimeoutMs, 111u);   // inherited
  EXPECT_EQ(o.transferTimeoutMs, 333u);  // own wins
  EXPECT_FALSE(o.autoRedirect);          // inherited
  EXPECT_EQ(o.maxRedirects, 7u);         // own
  EXPECT_EQ(o.proxy, RequestOptions::Proxy::None);
  EXPECT_EQ(o.maxBodyBytes, 50u * 1024u * 1024u);  // neither: default
}

TEST(ConfigurationLayers, zero_timeouts_mean_no_limit_and_still_win) {
  ConfigurationLayer session;
  session.transferTimeoutMs = 50;
  ConfigurationLayer own;
  own.transferTimeoutMs = 0;
  EXPECT_EQ(resolved(&own, &session).transferTimeoutMs, 0u);
  EXPECT_EQ(resolved(nullptr, &session).transferTimeoutMs, 50u);
}

TEST(ConfigurationLayers, groups_are_taken_whole_from_one_level) {
  ConfigurationLayer session;
  session.serverValidation =
      ConfigurationLayer::ServerValidation{RequestOptions::Validation::CustomCa, "PEM", "/ca.pem", ""};
  session.clientCertificate = ConfigurationLayer::ClientCertificate{"", "/c.pem", "PEM", "/k.pem", "pw"};
  ConfigurationLayer own;
  own.serverValidation = ConfigurationLayer::ServerValidation{RequestOptions::Validation::Skip, "", "", ""};
  const RequestOptions o = resolved(&own, &session);
  EXPECT_EQ(o.validation, RequestOptions::Validation::Skip);
  EXPECT_EQ(o.caContent, "");  // the session's CA does not leak into a skip
  EXPECT_EQ(o.caFile, "");
  EXPECT_EQ(o.clientCertFile, "/c.pem");  // another group: inherited
  EXPECT_EQ(o.clientKeyPassword, "pw");
}

TEST(ConfigurationLayers, tcp_is_taken_whole_from_one_level_with_the_kits_defaults) {
  EXPECT_FALSE(resolved(nullptr, nullptr).tcpSet);
  ConfigurationLayer session;
  session.transferTimeoutMs = 5000;
  session.tcp = ConfigurationLayer::Tcp{10, 5, 2, 700};
  RequestOptions o = resolved(nullptr, &session);
  EXPECT_TRUE(o.tcpSet);
  EXPECT_TRUE(o.tcpKeepAlive);
  EXPECT_EQ(o.tcpKeepIdleSec, 10u);
  EXPECT_EQ(o.tcpKeepIntervalSec, 5u);
  EXPECT_EQ(o.tcpKeepCount, 2u);
  EXPECT_EQ(o.tcpUserTimeoutMs, 700u);
  ConfigurationLayer own;
  own.tcp = ConfigurationLayer::Tcp{};
  own.tcp->keepCount = 3;
  o = resolved(&own, &session);
  EXPECT_TRUE(o.tcpKeepAlive);
  EXPECT_EQ(o.tcpKeepIdleSec, 7200u);  // the session's 10 does not leak into the request's group
  EXPECT_EQ(o.tcpKeepIntervalSec, 75u);
  EXPECT_EQ(o.tcpKeepCount, 3u);
  EXPECT_EQ(o.tcpUserTimeoutMs, 5000u);  // default: the transfer timeout, inherited here
  own.tcp = ConfigurationLayer::Tcp{};
  own.tcp->userTimeoutMs = 9;
  o = resolved(&own, &session);
  EXPECT_FALSE(o.tcpKeepAlive);  // no keep-alive member: no probing
  EXPECT_EQ(o.tcpUserTimeoutMs, 9u);
}

TEST(ConfigurationLayers, tcp_members_are_checked_at_both_bounds) {
  struct Case {
    std::optional<uint32_t> ConfigurationLayer::Tcp::*member;
    uint32_t max;
  };
  const Case cases[] = {{&ConfigurationLayer::Tcp::keepIdleSec, 7200},
                        {&ConfigurationLayer::Tcp::keepIntervalSec, 75},
                        {&ConfigurationLayer::Tcp::keepCount, 9},
                        {&ConfigurationLayer::Tcp::userTimeoutMs, 3600000}};
  for (const Case& c : cases) {
    for (const uint32_t v : {0u, 1u, c.max, c.max + 1}) {
      ConfigurationLayer layer;
      layer.tcp = ConfigurationLayer::Tcp{};
      (*layer.tcp).*c.member = v;
      std::string detail;
      const bool inRange = v >= 1 && v <= c.max;
      EXPECT_EQ(core::checkConfigurationLayer(layer, &detail), inRange ? core::kOk : core::kParameterError)
          << v << " of " << c.max;
      if (!inRange) {
        EXPECT_NE(detail.find(std::to_string(c.max)), std::string::npos) << detail;
      }
    }
  }
}

TEST(ConfigurationLayers, proxy_exclusions_given_as_urls_become_hosts) {
  ConfigurationLayer layer;
  layer.proxy = ConfigurationLayer::ProxySetting{
      RequestOptions::Proxy::Custom, "http://proxy:3128", true, {"example.com", "http://a.test:8080/x", "[::1]"}, {}};
  std::string detail;
  ASSERT_EQ(core::checkConfigurationLayer(layer, &detail), core::kOk) << detail;
  const RequestOptions o = resolved(&layer, nullptr);
  EXPECT_EQ(o.proxyUrl, "http://proxy:3128");
  EXPECT_TRUE(o.proxyTunnelAlways);
  EXPECT_EQ(o.proxyExclusions, (std::vector<std::string>{"example.com", "a.test", "[::1]"}));
}

TEST(ConfigurationLayers, pins_get_the_engines_prefix) {
  ConfigurationLayer layer;
  layer.pinnedKeyHashes = std::vector<std::string>{"AAAA", "BBBB"};
  EXPECT_EQ(resolved(&layer, nullptr).pinnedPublicKeys, (std::vector<std::string>{"sha256//AAAA", "sha256//BBBB"}));
}

TEST(ConfigurationLayers, check_rejects_each_bad_value_with_a_message) {
  struct Case {
    const char* what;
    void (*set)(ConfigurationLayer*);
    uint32_t code;
  };
  const Case cases[] = {
      {"timeout over 2^31-1", [](ConfigurationLayer* l) { l->connectTimeoutMs = 0x80000000u; }, core::kParameterError},
      {"zero redirects", [](ConfigurationLayer* l) { l->maxRedirects = 0; }, core::kParameterError},
      {"body cap over 2^53-1", [](ConfigurationLayer* l) { l->maxBodyBytes = core::kMaxBodyBytesLimit + 1; },
       core::kParameterError},
      {"CA without source",
       [](ConfigurationLayer* l) {
         l->serverValidation = ConfigurationLayer::ServerValidation{RequestOptions::Validation::CustomCa, "", "", ""};
       },
       core::kParameterError},
      {"certificate type",
       [](ConfigurationLayer* l) {
         l->clientCertificate = ConfigurationLayer::ClientCertificate{"", "/c", "XYZ", "", ""};
       },
       core::kParameterError},
      {"empty user",
       [](ConfigurationLayer* l) {
         l->authentication = ConfigurationLayer::Authentication{"", "pw", RequestOptions::AuthType::Basic};
       },
       core::kParameterError},
      {"empty pin", [](ConfigurationLayer* l) { l->pinnedKeyHashes = std::vector<std::string>{""}; },
       core::kParameterError},
      {"custom proxy without URL",
       [](ConfigurationLayer* l) {
         l->proxy = ConfigurationLayer::ProxySetting{RequestOptions::Proxy::Custom, "", false, {}, {}};
       },
       core::kParameterError},
      {"exclusion URL without host",
       [](ConfigurationLayer* l) {
         l->proxy = ConfigurationLayer::ProxySetting{RequestOptions::Proxy::Custom, "http://p", false, {"http://"}, {}};
       },
       core::kParameterError},
      {"DNS server without ip",
       [](ConfigurationLayer* l) {
         l->dnsRules = ConfigurationLayer::DnsRules{{core::DnsServer{"", 53}}, {}, {}};
       },
       core::kParameterError},
      {"DNS server that is a name",
       [](ConfigurationLayer* l) {
         l->dnsRules = ConfigurationLayer::DnsRules{{core::DnsServer{"dns.example", 53}}, {}, {}};
       },
       core::kBadDnsRule},
      {"static rule without addresses",
       [](ConfigurationLayer* l) {
         l->dnsRules = ConfigurationLayer::DnsRules{{}, {core::StaticDnsRule{"a.test", 80, {}}}, {}};
       },
       core::kParameterError},
      {"static rule with a name as address",
       [](ConfigurationLayer* l) {
         l->dnsRules = ConfigurationLayer::DnsRules{{}, {core::StaticDnsRule{"a.test", 80, {"b.test"}}}, {}};
       },
       core::kBadDnsRule},
      {"DoH without URL",
       [](ConfigurationLayer* l) {
         l->dnsOverHttps = ConfigurationLayer::DnsOverHttps{"", false};
       },
       core::kParameterError},
  };
  for (const Case& c : cases) {
    ConfigurationLayer layer;
    c.set(&layer);
    std::string detail;
    EXPECT_EQ(core::checkConfigurationLayer(layer, &detail), c.code) << c.what;
    EXPECT_FALSE(detail.empty()) << c.what;
  }
  ConfigurationLayer good;
  good.dnsRules = ConfigurationLayer::DnsRules{
      {core::DnsServer{"::1", 53}}, {core::StaticDnsRule{"a.test", 443, {"127.0.0.1", "::1"}}}, {}};
  std::string detail;
  EXPECT_EQ(core::checkConfigurationLayer(good, &detail), core::kOk) << detail;
}

// --- requests ---------------------------------------------------------------

TEST(RequestBuilder, method_is_get_unless_given_and_must_be_a_token) {
  Request request;
  ASSERT_EQ(build(SessionDefaults{}, draftFor("http://a.test/"), &request), core::kOk);
  EXPECT_EQ(request.method, "GET");
  RequestDraft bad = draftFor("http://a.test/");
  bad.method = "GE T";
  std::string detail;
  EXPECT_EQ(build(SessionDefaults{}, std::move(bad), &request, &detail), core::kParameterError);
  EXPECT_NE(detail.find("method"), std::string::npos);
  RequestDraft empty = draftFor("http://a.test/");
  empty.method = "";
  EXPECT_EQ(build(SessionDefaults{}, std::move(empty), &request, &detail), core::kParameterError);
}

TEST(RequestBuilder, urls_resolve_against_the_base_and_must_be_http) {
  SessionDefaults defaults;
  defaults.baseUrl = "https://a.test/api/";
  Request request;
  ASSERT_EQ(build(defaults, draftFor("v1/items?x=1"), &request), core::kOk);
  EXPECT_EQ(request.url, "https://a.test/api/v1/items?x=1");
  ASSERT_EQ(build(defaults, draftFor("http://b.test/"), &request), core::kOk);
  EXPECT_EQ(request.url, "http://b.test/");  // an absolute URL ignores the base
  EXPECT_EQ(build(SessionDefaults{}, draftFor("v1/items"), &request), core::kMalformedUrl);
  EXPECT_EQ(build(SessionDefaults{}, draftFor("ftp://a.test/"), &request), core::kUnsupportedProtocol);
  EXPECT_EQ(build(SessionDefaults{}, draftFor(""), &request), core::kParameterError);
}

TEST(RequestBuilder, request_headers_win_by_name_ignoring_case_and_keep_their_order) {
  SessionDefaults defaults;
  defaults.headers = {{"Accept", "text/plain"}, {"X-Session", "1"}, {"x-both", "session"}};
  RequestDraft draft = draftFor("http://a.test/");
  draft.headers = {{"X-Both", "request"}, {"X-Own", "a"}, {"X-Own", "b"}};
  Request request;
  ASSERT_EQ(build(defaults, std::move(draft), &request), core::kOk);
  EXPECT_EQ(headerLines(request), (std::vector<std::string>{"X-Both: request", "X-Own: a", "X-Own: b",
                                                            "Accept: text/plain", "X-Session: 1"}));
}

TEST(RequestBuilder, a_request_header_replaces_every_session_line_of_that_name) {
  SessionDefaults defaults;
  defaults.headers = {{"Accept", "text/html"}, {"X-Keep", "k"}, {"x-multi", "s1"}, {"x-multi", "s2"}};
  RequestDraft draft = draftFor("http://a.test/");
  draft.headers = {{"accept", "application/json"}, {"X-MULTI", "r"}};
  Request request;
  ASSERT_EQ(build(defaults, std::move(draft), &request), core::kOk);
  EXPECT_EQ(headerLines(request), (std::vector<std::string>{"accept: application/json", "X-MULTI: r", "X-Keep: k"}));
}

TEST(RequestBuilder, cookies_merge_by_name_into_the_cookie_header) {
  SessionDefaults defaults;
  defaults.cookies = {{"sid", "session"}, {"theme", "dark"}};
  RequestDraft draft = draftFor("http://a.test/");
  draft.cookies = {{"sid", "mine"}, {"lang", "en"}};
  draft.headers = {{"cookie", "explicit=1"}};
  Request request;
  ASSERT_EQ(build(defaults, std::move(draft), &request), core::kOk);
  EXPECT_EQ(headerLines(request), (std::vector<std::string>{"cookie: explicit=1; sid=mine; lang=en; theme=dark"}));

  Request plain;
  ASSERT_EQ(build(defaults, draftFor("http://a.test/"), &plain), core::kOk);
  EXPECT_EQ(headerLines(plain), (std::vector<std::string>{"Cookie: sid=session; theme=dark"}));
}

TEST(RequestBuilder, bad_headers_and_cookies_are_parameter_errors_that_never_quote_values) {
  const char* secret = "s3cr3t\r\nX-Injected: 1";
  struct Case {
    const char* what;
    RequestDraft draft;
  };
  std::vector<Case> cases;
  cases.push_back({"header name", draftFor("http://a.test/")});
  cases.back().draft.headers = {{"Bad Name", "v"}};
  cases.push_back({"header value", draftFor("http://a.test/")});
  cases.back().draft.headers = {{"X-A", secret}};
  cases.push_back({"cookie name", draftFor("http://a.test/")});
  cases.back().draft.cookies = {{"a b", "v"}};
  cases.push_back({"cookie value", draftFor("http://a.test/")});
  cases.back().draft.cookies = {{"a", "x;y=z"}};
  cases.push_back({"cookie value CRLF", draftFor("http://a.test/")});
  cases.back().draft.cookies = {{"a", secret}};
  for (Case& c : cases) {
    Request request;
    std::string detail;
    EXPECT_EQ(build(SessionDefaults{}, std::move(c.draft), &request, &detail), core::kParameterError) << c.what;
    EXPECT_FALSE(detail.empty()) << c.what;
    EXPECT_EQ(detail.find("s3cr3t"), std::string::npos) << c.what;
  }
  SessionDefaults bad;
  bad.headers = {{"X-A", secret}};
  std::string detail;
  EXPECT_EQ(core::checkSessionDefaults(bad, &detail), core::kParameterError);
  bad = SessionDefaults{};
  bad.baseUrl = "not a url";
  EXPECT_EQ(core::checkSessionDefaults(bad, &detail), core::kParameterError);
}

TEST(RequestBuilder, ranges_become_the_engines_range_and_drop_range_headers) {
  SessionDefaults defaults;
  defaults.headers = {{"Range", "bytes=5-"}};
  RequestDraft draft = draftFor("http://a.test/");
  draft.headers = {{"range", "bytes=1-2"}, {"X-A", "1"}};
  draft.ranges = {{0, 99}, {0, 0}, {200, std::nullopt}, {std::nullopt, 500}, {std::nullopt, std::nullopt}};
  Request request;
  ASSERT_EQ(build(defaults, std::move(draft), &request), core::kOk);
  EXPECT_EQ(request.range, "0-99,0-0,200-,-500");
  EXPECT_EQ(headerLines(request), (std::vector<std::string>{"X-A: 1"}));

  // No bound at all: no range, and the headers stay.
  RequestDraft none = draftFor("http://a.test/");
  none.ranges = {{std::nullopt, std::nullopt}};
  ASSERT_EQ(build(defaults, std::move(none), &request), core::kOk);
  EXPECT_EQ(request.range, "");
  EXPECT_EQ(headerLines(request), (std::vector<std::string>{"Range: bytes=5-"}));

  const std::vector<core::ByteRange> bad[] = {{{-1, 5}}, {{5, 4}}, {{std::nullopt, 0}}, {{0, -3}}};
  for (const std::vector<core::ByteRange>& ranges : bad) {
    RequestDraft d = draftFor("http://a.test/");
    d.ranges = ranges;
    std::string detail;
    EXPECT_EQ(build(defaults, std::move(d), &request, &detail), core::kParameterError);
    EXPECT_NE(detail.find("transferRange"), std::string::npos) << detail;
  }
}

TEST(RequestBuilder, the_c_apis_timing_rule_is_a_named_parameter) {
  SessionDefaults defaults;
  Request request;
  ASSERT_EQ(build(defaults, draftFor("http://a.test/"), &request), core::kOk);
  EXPECT_FALSE(request.options.collectTimeInfo);
  defaults.alwaysCollectTimeInfo = true;
  ASSERT_EQ(build(defaults, draftFor("http://a.test/"), &request), core::kOk);
  EXPECT_TRUE(request.options.collectTimeInfo);
}

TEST(RequestBuilder, per_request_functions_run_on_send_only) {
  int proxyAsked = 0;
  int dnsAsked = 0;
  ConfigurationLayer layer;
  layer.proxy = ConfigurationLayer::ProxySetting{RequestOptions::Proxy::Custom,
                                                 "http://p:1",
                                                 false,
                                                 {},
                                                 [&proxyAsked](const std::string& url, core::RuleFailure*) {
                                                   ++proxyAsked;
                                                   return url.find("direct") == std::string::npos;
                                                 }};
  layer.dnsRules = ConfigurationLayer::DnsRules{
      {}, {}, [&dnsAsked](const std::string& host, uint16_t port, core::RuleFailure*) {
        ++dnsAsked;
        return host == "a.test" && port == 8443 ? std::vector<std::string>{"127.0.0.1"} : std::vector<std::string>{};
      }};
  Request request;
  std::string detail;
  ASSERT_EQ(core::buildRequest(SessionDefaults{}, draftFor("https://a.test:8443/direct"), &layer, nullptr,
                               BuildPurpose::Check, &request, &detail),
            core::kOk);
  EXPECT_EQ(proxyAsked + dnsAsked, 0);
  EXPECT_EQ(request.options.proxy, RequestOptions::Proxy::Custom);
  ASSERT_EQ(core::buildRequest(SessionDefaults{}, draftFor("https://a.test:8443/direct"), &layer, nullptr,
                               BuildPurpose::Send, &request, &detail),
            core::kOk);
  EXPECT_EQ(proxyAsked, 1);
  EXPECT_EQ(dnsAsked, 1);
  EXPECT_EQ(request.options.proxy, RequestOptions::Proxy::None);
  ASSERT_EQ(request.options.staticDns.size(), 1u);
  EXPECT_EQ(request.options.staticDns[0].host, "a.test");
  EXPECT_EQ(request.options.staticDns[0].port, 8443);

  layer.dnsRules->dynamicRule = [](const std::string&, uint16_t, core::RuleFailure*) {
    return std::vector<std::string>{"not-an-ip"};
  };
  EXPECT_EQ(core::buildRequest(SessionDefaults{}, draftFor("https://a.test/"), &layer, nullptr, BuildPurpose::Send,
                               &request, &detail),
            core::kBadDnsRule);
}

TEST(RequestBuilder, a_per_request_function_that_reports_a_failure_fails_the_request_with_its_code) {
  ConfigurationLayer layer;
  int dnsAsked = 0;
  layer.proxy = ConfigurationLayer::ProxySetting{
      RequestOptions::Proxy::Custom, "http://p:1", false, {}, [](const std::string&, core::RuleFailure* failure) {
        *failure = core::RuleFailure{core::kAbortedByCallback, "the exclusion rule threw"};
        return false;
      }};
  layer.dnsRules = ConfigurationLayer::DnsRules{{}, {}, [&dnsAsked](const std::string&, uint16_t, core::RuleFailure*) {
                                                  ++dnsAsked;
                                                  return std::vector<std::string>{};
                                                }};
  Request request;
  std::string detail;
  EXPECT_EQ(core::buildRequest(SessionDefaults{}, draftFor("http://a.test/"), &layer, nullptr, BuildPurpose::Send,
                               &request, &detail),
            core::kAbortedByCallback);
  EXPECT_EQ(detail, "the exclusion rule threw");
  EXPECT_EQ(dnsAsked, 0);  // the first failure ends the request

  layer.proxy->useProxyFor = nullptr;
  layer.dnsRules->dynamicRule = [](const std::string&, uint16_t, core::RuleFailure* failure) {
    *failure = core::RuleFailure{core::kParameterError, "the DNS rule returned a number"};
    return std::vector<std::string>{"127.0.0.1"};
  };
  EXPECT_EQ(core::buildRequest(SessionDefaults{}, draftFor("http://a.test/"), &layer, nullptr, BuildPurpose::Send,
                               &request, &detail),
            core::kParameterError);
  EXPECT_EQ(detail, "the DNS rule returned a number");
  EXPECT_TRUE(request.options.staticDns.empty());
}

TEST(RequestBuilder, merging_is_linear_in_the_number_of_headers_and_cookies) {
  auto timeFor = [](size_t n) {
    SessionDefaults defaults;
    RequestDraft draft = draftFor("http://a.test/");
    for (size_t i = 0; i < n; ++i) {
      defaults.headers.push_back({"X-S" + std::to_string(i), "v"});
      draft.headers.push_back({"X-R" + std::to_string(i), "v"});
      defaults.cookies.push_back({"s" + std::to_string(i), "v"});
      draft.cookies.push_back({"r" + std::to_string(i), "v"});
    }
    Request request;
    const double start = threadCpuSeconds();
    EXPECT_EQ(build(defaults, std::move(draft), &request), core::kOk);
    return threadCpuSeconds() - start;
  };
  timeFor(1000);  // warm up
  const double small = timeFor(1000);
  const double large = timeFor(16000);
  // 16x the input; quadratic work would take 256x.
  EXPECT_LT(large, small * 64 + 0.002) << small << " s vs " << large << " s";
}

TEST(CheckRequest, rejects_what_the_builder_would_have) {
  Request request;
  request.url = "http://a.test/";
  std::string detail;
  EXPECT_EQ(core::checkRequest(request, &detail), core::kOk);
  Request badUrl = request;
  badUrl.url = "a.test";
  EXPECT_NE(core::checkRequest(badUrl, &detail), core::kOk);
  Request badMethod = request;
  badMethod.method = "";
  EXPECT_EQ(core::checkRequest(badMethod, &detail), core::kParameterError);
  Request badHeader = request;
  badHeader.headers = {{"X", "a\nb"}};
  EXPECT_EQ(core::checkRequest(badHeader, &detail), core::kParameterError);
  Request badRange = request;
  badRange.range = "1-2-3";
  EXPECT_EQ(core::checkRequest(badRange, &detail), core::kParameterError);
  Request badFile = request;
  badFile.body.segments.push_back(core::BodySegment{core::BodySegment::Kind::File, "", "", {}});
  EXPECT_EQ(core::checkRequest(badFile, &detail), core::kParameterError);
  Request badDownload = request;
  badDownload.downloadPath = std::string("a\0b", 3);
  EXPECT_EQ(core::checkRequest(badDownload, &detail), core::kParameterError);
}

TEST(CheckRequest, range_text_syntax) {
  for (const char* good : {"", "0-99", "-500", "200-", "0-1,5-6,-7"}) {
    EXPECT_TRUE(core::isValidRangeText(good)) << good;
  }
  for (const char* bad : {"-", "5", "1-2-3", "a-1", "0-1,", ",0-1", "1--2"}) {
    EXPECT_FALSE(core::isValidRangeText(bad)) << bad;
  }
}

}  // namespace
}  // namespace rcp::test
