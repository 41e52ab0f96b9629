// From C structs to the engine's request: the translation of configurations
// into layers (zeroed structs), of requests into drafts (headers, cookies,
// ranges, bodies) and of session configurations, which the engine's rule set
// (core/request_builder.h) then merges.
#include <gtest/gtest.h>
#include <rcp/rcp.h>

#include <cstring>
#include <memory>
#include <string>

#include "capi/configuration.h"
#include "capi/configuration_copy.h"
#include "capi/objects.h"
#include "capi/request_conversion.h"
#include "core/errors.h"
#include "core/request.h"

namespace {

using rcp::capi::PreparedFetch;
using rcp::capi::SessionConfigurationCopy;
using rcp::core::ConfigurationLayer;
using rcp::core::RequestOptions;

std::unique_ptr<SessionConfigurationCopy> sessionWith(const Rcp_SessionConfiguration* config) {
  std::unique_ptr<SessionConfigurationCopy> copy;
  EXPECT_EQ(SessionConfigurationCopy::create(config, &copy), rcp::core::kOk);
  return copy;
}

std::string headerValue(const rcp::core::HeaderList& headers, const std::string& name) {
  std::string found;
  for (const rcp::core::Header& header : headers) {
    if (header.name == name) {
      found += found.empty() ? header.value : "|" + header.value;
    }
  }
  return found;
}

// A request made by Rcp_CreateRequest, destroyed with the test.
struct RequestHolder {
  explicit RequestHolder(const char* url) : request(Rcp_CreateRequest(url)) {}
  ~RequestHolder() { Rcp_DestroyRequest(request); }
  Rcp_Request* request;
};

// The options a fetch of `url` runs with when `config` is the request's
// configuration, on a session without one.
uint32_t optionsFor(const Rcp_Configuration* config, const char* url, RequestOptions* out) {
  auto session = sessionWith(nullptr);
  RequestHolder holder(url);
  Rcp_Configuration copy{};
  if (config != nullptr) {
    copy = *config;
    holder.request->configuration = &copy;
  }
  PreparedFetch prepared;
  const uint32_t code = rcp::capi::prepareFetch(*session, *holder.request, &prepared);
  *out = prepared.request.options;
  return code;
}

// The engine's range text for a fetch with `ranges`.
uint32_t rangeOf(Rcp_TransferRange* ranges, std::string* text) {
  auto session = sessionWith(nullptr);
  RequestHolder holder("http://example.com/");
  holder.request->transferRange = ranges;
  PreparedFetch prepared;
  const uint32_t code = rcp::capi::prepareFetch(*session, *holder.request, &prepared);
  *text = prepared.request.range;
  return code;
}

TEST(CapiConversion, a_configuration_sets_every_member_but_its_zero_numbers) {
  Rcp_Configuration config;
  std::memset(&config, 0, sizeof(config));
  ConfigurationLayer layer;
  ASSERT_EQ(rcp::capi::toConfigurationLayer(config, &layer), rcp::core::kOk);
  EXPECT_FALSE(layer.connectTimeoutMs.has_value());
  EXPECT_FALSE(layer.transferTimeoutMs.has_value());
  EXPECT_FALSE(layer.inactivityTimeoutMs.has_value());
  EXPECT_FALSE(layer.maxRedirects.has_value());
  EXPECT_FALSE(layer.maxBodyBytes.has_value());
  EXPECT_EQ(layer.autoRedirect, false);
  EXPECT_EQ(layer.forbidCleartext, false);
  EXPECT_EQ(layer.decodeContent, true);
  EXPECT_EQ(layer.httpVersion, RequestOptions::HttpVersion::Auto);
  ASSERT_TRUE(layer.serverValidation.has_value());
  EXPECT_EQ(layer.serverValidation->kind, RequestOptions::Validation::System);
  ASSERT_TRUE(layer.clientCertificate.has_value());  // none, and set: a session's does not apply
  EXPECT_TRUE(layer.clientCertificate->file.empty() && layer.clientCertificate->content.empty());
  ASSERT_TRUE(layer.proxy.has_value());
  EXPECT_EQ(layer.proxy->kind, RequestOptions::Proxy::System);
  ASSERT_TRUE(layer.dnsRules.has_value());  // the system resolver, and set
  EXPECT_TRUE(layer.dnsRules->servers.empty() && layer.dnsRules->staticRules.empty());
  EXPECT_FALSE(layer.dnsRules->dynamicRule);
  // No "off" value in the rule set for these: not set.
  EXPECT_FALSE(layer.authentication.has_value());
  EXPECT_FALSE(layer.dnsOverHttps.has_value());
  EXPECT_FALSE(layer.collectTimeInfo.has_value());

  config.transferConfiguration.timeout = Rcp_Timeout{1, 2, 3};
  config.transferConfiguration.maxAutoRedirects = 4;
  config.transferConfiguration.maxBodySize = 5;
  ASSERT_EQ(rcp::capi::toConfigurationLayer(config, &layer), rcp::core::kOk);
  EXPECT_EQ(layer.connectTimeoutMs, 1u);
  EXPECT_EQ(layer.transferTimeoutMs, 2u);
  EXPECT_EQ(layer.inactivityTimeoutMs, 3u);
  EXPECT_EQ(layer.maxRedirects, 4u);
  EXPECT_EQ(layer.maxBodyBytes, 5u);
}

TEST(CapiConversion, zeroed_configuration_means_documented_defaults) {
  Rcp_Configuration config;
  std::memset(&config, 0, sizeof(config));
  RequestOptions options;
  ASSERT_EQ(optionsFor(&config, "http://a/", &options), rcp::core::kOk);
  EXPECT_EQ(options.connectTimeoutMs, 60000u);
  EXPECT_EQ(options.transferTimeoutMs, 60000u);
  EXPECT_EQ(options.inactivityTimeoutMs, 0u);
  EXPECT_EQ(options.maxRedirects, 50u);
  EXPECT_EQ(options.maxBodyBytes, 50u * 1024u * 1024u);
  EXPECT_EQ(options.httpVersion, RequestOptions::HttpVersion::Auto);
  EXPECT_FALSE(options.forbidCleartext);
  EXPECT_TRUE(options.decodeContent);
  EXPECT_EQ(options.validation, RequestOptions::Validation::System);
  EXPECT_EQ(options.proxy, RequestOptions::Proxy::System);
  EXPECT_EQ(options.authType, RequestOptions::AuthType::None);
  EXPECT_TRUE(options.staticDns.empty());
  EXPECT_FALSE(options.autoRedirect);  // a passed configuration is read as written

  RequestOptions withoutConfig;
  ASSERT_EQ(optionsFor(nullptr, "http://a/", &withoutConfig), rcp::core::kOk);
  EXPECT_TRUE(withoutConfig.autoRedirect);
}

TEST(CapiConversion, extensions_and_timeouts_are_applied) {
  Rcp_Configuration config{};
  config.transferConfiguration.autoRedirect = true;
  config.transferConfiguration.timeout = Rcp_Timeout{1500, 9000, 700};
  config.transferConfiguration.maxAutoRedirects = 3;
  config.transferConfiguration.maxBodySize = 1024;
  config.transferConfiguration.httpVersion = RCP_HTTP_VERSION_2_PRIOR_KNOWLEDGE;
  config.transferConfiguration.forbidCleartext = true;
  config.transferConfiguration.disableContentDecoding = true;
  RequestOptions options;
  ASSERT_EQ(optionsFor(&config, "http://a/", &options), rcp::core::kOk);
  EXPECT_EQ(options.connectTimeoutMs, 1500u);
  EXPECT_EQ(options.transferTimeoutMs, 9000u);
  EXPECT_EQ(options.inactivityTimeoutMs, 700u);
  EXPECT_EQ(options.maxRedirects, 3u);
  EXPECT_EQ(options.maxBodyBytes, 1024u);
  EXPECT_EQ(options.httpVersion, RequestOptions::HttpVersion::Http2PriorKnowledge);
  EXPECT_TRUE(options.forbidCleartext);
  EXPECT_FALSE(options.decodeContent);

  config.transferConfiguration.timeout.transferMs = 0x80000000u;
  EXPECT_EQ(optionsFor(&config, "http://a/", &options), rcp::core::kParameterError);
  config.transferConfiguration.timeout.transferMs = 1;
  const int unknownVersion = 7;  // what C code can store; C++ cannot name it as an enum value
  std::memcpy(&config.transferConfiguration.httpVersion, &unknownVersion, sizeof(unknownVersion));
  EXPECT_EQ(optionsFor(&config, "http://a/", &options), rcp::core::kParameterError);
}

TEST(CapiConversion, security_proxy_and_dns) {
  Rcp_Configuration config{};
  char user[] = "ann";
  char password[] = "secret";
  config.securityConfiguration.remoteValidationType = RCP_REMOTE_VALIDATION_SKIP;
  config.securityConfiguration.serverAuthentication.credential = Rcp_Credential{user, password};
  config.securityConfiguration.serverAuthentication.authenticationType = RCP_AUTHENTICATION_DIGEST;
  Rcp_Urls second{"https://internal.example:8443/x", nullptr};
  Rcp_Urls first{"localhost", &second};
  config.proxyConfiguration.proxyType = RCP_PROXY_CUSTOM;
  config.proxyConfiguration.customProxy.url = "http://proxy:3128";
  config.proxyConfiguration.customProxy.createTunnel = RCP_PROXY_TUNNEL_ALWAYS;
  config.proxyConfiguration.customProxy.exclusions.type = RCP_EXCLUSION_USE_URL_ARRAY;
  config.proxyConfiguration.customProxy.exclusions.data.urls = &first;
  Rcp_IpAddress v6{"::1", nullptr};
  Rcp_IpAddress v4{"127.0.0.1", &v6};
  Rcp_StaticDnsRule rule{};
  std::strcpy(rule.staticDnsRule.host, "example.com");
  rule.staticDnsRule.port = 443;
  rule.staticDnsRule.ipAddresses = &v4;
  Rcp_DnsRule dns{};
  dns.type = RCP_DNS_RULE_STATIC;
  dns.data.staticDnsRule = &rule;
  config.dnsConfiguration.dnsRules = &dns;

  RequestOptions options;
  ASSERT_EQ(optionsFor(&config, "https://example.com/", &options), rcp::core::kOk);
  EXPECT_EQ(options.validation, RequestOptions::Validation::Skip);
  EXPECT_EQ(options.authUser, "ann");
  EXPECT_EQ(options.authPassword, "secret");
  EXPECT_EQ(options.authType, RequestOptions::AuthType::Digest);
  EXPECT_EQ(options.proxy, RequestOptions::Proxy::Custom);
  EXPECT_EQ(options.proxyUrl, "http://proxy:3128");
  EXPECT_TRUE(options.proxyTunnelAlways);
  EXPECT_EQ(options.proxyExclusions, (std::vector<std::string>{"localhost", "internal.example"}));
  ASSERT_EQ(options.staticDns.size(), 1u);
  EXPECT_EQ(options.staticDns[0].host, "example.com");
  EXPECT_EQ(options.staticDns[0].port, 443);
  EXPECT_EQ(options.staticDns[0].addresses, (std::vector<std::string>{"127.0.0.1", "::1"}));

  Rcp_IpAddress bad{"not-an-ip", nullptr};
  rule.staticDnsRule.ipAddresses = &bad;
  EXPECT_EQ(optionsFor(&config, "https://example.com/", &options), RCP_ERR_BAD_DNS_RULE);
  rule.staticDnsRule.ipAddresses = &v4;
  config.proxyConfiguration.customProxy.url = nullptr;
  EXPECT_EQ(optionsFor(&config, "https://example.com/", &options), rcp::core::kParameterError);
}

bool neverUseProxy(const char*) { return false; }
Rcp_IpAddress gDynamicAddress{"10.0.0.7", nullptr};
std::string gDynamicHost;
uint16_t gDynamicPort = 0;
Rcp_IpAddress* dynamicRule(const char* host, uint16_t port) {
  gDynamicHost = host;
  gDynamicPort = port;
  return &gDynamicAddress;
}

TEST(CapiConversion, per_fetch_functions_see_the_request_url) {
  Rcp_Configuration config{};
  config.proxyConfiguration.proxyType = RCP_PROXY_CUSTOM;
  config.proxyConfiguration.customProxy.url = "http://proxy:3128";
  config.proxyConfiguration.customProxy.exclusions.type = RCP_EXCLUSION_USE_CALLBACK;
  config.proxyConfiguration.customProxy.exclusions.data.exclusionFunction = neverUseProxy;
  Rcp_DnsRule dns{};
  dns.type = RCP_DNS_RULE_DYNAMIC;
  dns.data.dynamicDnsRule = dynamicRule;
  config.dnsConfiguration.dnsRules = &dns;
  RequestOptions options;
  ASSERT_EQ(optionsFor(&config, "https://user@[::1]:8443/p?q", &options), rcp::core::kOk);
  EXPECT_EQ(options.proxy, RequestOptions::Proxy::None);
  EXPECT_EQ(gDynamicHost, "::1");
  EXPECT_EQ(gDynamicPort, 8443);
  ASSERT_EQ(options.staticDns.size(), 1u);
  EXPECT_EQ(options.staticDns[0].addresses, std::vector<std::string>{"10.0.0.7"});
  ASSERT_EQ(optionsFor(&config, "http://plain.example/", &options), rcp::core::kOk);
  EXPECT_EQ(gDynamicHost, "plain.example");
  EXPECT_EQ(gDynamicPort, 80);
}

TEST(CapiConversion, session_headers_and_cookies_are_defaults) {
  Rcp_Headers* sessionHeaders = Rcp_CreateHeaders();
  Rcp_SetHeaderValue(sessionHeaders, "User-Agent", "session-agent");
  Rcp_SetHeaderValue(sessionHeaders, "X-Session", "1");
  Rcp_RequestCookies* sessionCookies = Rcp_CreateRequestCookies();
  Rcp_SetRequestCookieValue(sessionCookies, "a", "session");
  Rcp_SetRequestCookieValue(sessionCookies, "s", "1");
  Rcp_SessionConfiguration sessionConfig{};
  sessionConfig.headers = sessionHeaders;
  sessionConfig.cookies = sessionCookies;
  sessionConfig.baseUrl = "https://api.example/v1/";
  auto session = sessionWith(&sessionConfig);
  Rcp_DestroyHeaders(sessionHeaders);  // the session keeps copies
  Rcp_DestroyRequestCookies(sessionCookies);

  RequestHolder holder("items?id=3");
  Rcp_Headers* headers = Rcp_CreateHeaders();
  Rcp_SetHeaderValue(headers, "user-agent", "request-agent");
  Rcp_RequestCookies* cookies = Rcp_CreateRequestCookies();
  Rcp_SetRequestCookieValue(cookies, "a", "request");
  holder.request->headers = headers;
  holder.request->cookies = cookies;

  PreparedFetch prepared;
  ASSERT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kOk);
  EXPECT_EQ(prepared.request.url, "https://api.example/v1/items?id=3");
  EXPECT_EQ(prepared.request.method, "GET");
  EXPECT_EQ(prepared.request.id, holder.request->id);
  EXPECT_EQ(headerValue(prepared.request.headers, "user-agent"), "request-agent");
  EXPECT_EQ(headerValue(prepared.request.headers, "User-Agent"), "");
  EXPECT_EQ(headerValue(prepared.request.headers, "X-Session"), "1");
  EXPECT_EQ(headerValue(prepared.request.headers, "Cookie"), "a=request; s=1");
  Rcp_DestroyHeaders(headers);
  Rcp_DestroyRequestCookies(cookies);
}

TEST(CapiConversion, header_and_method_injection_is_refused_at_fetch) {
  auto session = sessionWith(nullptr);
  RequestHolder holder("http://example.com/");
  // Built without Rcp_SetHeaderValue's checks, as a defence-in-depth probe.
  Rcp_Headers headers;
  rcp::capi::appendHeader(&headers, "X-Ok", "fine\r\nX-Evil: 1");
  holder.request->headers = &headers;
  PreparedFetch prepared;
  EXPECT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kParameterError);
  Rcp_Headers badName;
  rcp::capi::appendHeader(&badName, "X Bad", "v");
  holder.request->headers = &badName;
  EXPECT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kParameterError);
  holder.request->headers = nullptr;
  holder.request->method = "PO ST";
  EXPECT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kParameterError);
  holder.request->method = "PROPFIND";  // any token is a method
  EXPECT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kOk);
  EXPECT_EQ(prepared.request.method, "PROPFIND");
}

TEST(CapiConversion, request_configuration_is_layered_over_the_session_one) {
  Rcp_Configuration sessionRequestConfig{};
  sessionRequestConfig.transferConfiguration.timeout.connectMs = 1111;
  sessionRequestConfig.transferConfiguration.maxAutoRedirects = 9;
  sessionRequestConfig.transferConfiguration.autoRedirect = true;
  sessionRequestConfig.proxyConfiguration.proxyType = RCP_PROXY_NO_PROXY;
  Rcp_SessionConfiguration sessionConfig{};
  sessionConfig.requestConfiguration = &sessionRequestConfig;
  auto session = sessionWith(&sessionConfig);
  sessionRequestConfig.transferConfiguration.timeout.connectMs = 5;  // the session copied it

  RequestHolder holder("http://example.com/");
  PreparedFetch prepared;
  ASSERT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kOk);
  EXPECT_EQ(prepared.request.options.connectTimeoutMs, 1111u);
  EXPECT_TRUE(prepared.request.options.autoRedirect);

  Rcp_Configuration own{};
  own.transferConfiguration.timeout.transferMs = 2222;
  own.transferConfiguration.maxAutoRedirects = 3;
  holder.request->configuration = &own;
  ASSERT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kOk);
  EXPECT_EQ(prepared.request.options.connectTimeoutMs, 1111u);               // 0 in the request's: the session's
  EXPECT_EQ(prepared.request.options.transferTimeoutMs, 2222u);              // the request's own
  EXPECT_EQ(prepared.request.options.maxRedirects, 3u);                      // the request's over the session's
  EXPECT_FALSE(prepared.request.options.autoRedirect);                       // set (false) by the request's struct
  EXPECT_EQ(prepared.request.options.proxy, RequestOptions::Proxy::System);  // set by the request's struct
  holder.request->configuration = nullptr;
}

TEST(CapiConversion, transfer_ranges) {
  std::string text;
  Rcp_TransferRange third{0, false, 499, false, nullptr};
  Rcp_TransferRange second{500, false, 0, false, &third};
  Rcp_TransferRange first{0, true, 99, false, &second};
  ASSERT_EQ(rangeOf(&first, &text), rcp::core::kOk);
  EXPECT_EQ(text, "0-99,500-,-499");
  Rcp_TransferRange zeroes{0, true, 0, true, nullptr};
  ASSERT_EQ(rangeOf(&zeroes, &text), rcp::core::kOk);
  EXPECT_EQ(text, "0-0");
  Rcp_TransferRange unset{0, false, 0, false, nullptr};
  ASSERT_EQ(rangeOf(&unset, &text), rcp::core::kOk);
  EXPECT_EQ(text, "");
  Rcp_TransferRange inverted{10, false, 5, false, nullptr};
  EXPECT_EQ(rangeOf(&inverted, &text), rcp::core::kParameterError);
  Rcp_TransferRange negative{-1, false, 5, false, nullptr};
  EXPECT_EQ(rangeOf(&negative, &text), rcp::core::kParameterError);

  auto session = sessionWith(nullptr);
  RequestHolder holder("http://example.com/");
  Rcp_Headers* headers = Rcp_CreateHeaders();
  Rcp_SetHeaderValue(headers, "Range", "bytes=1-2");
  holder.request->headers = headers;
  holder.request->transferRange = &first;
  PreparedFetch prepared;
  ASSERT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kOk);
  EXPECT_EQ(prepared.request.range, "0-99,500-,-499");
  EXPECT_EQ(headerValue(prepared.request.headers, "Range"), "");  // transferRange wins
  Rcp_DestroyHeaders(headers);
}

TEST(CapiConversion, bodies_get_their_default_content_types) {
  auto session = sessionWith(nullptr);
  RequestHolder holder("http://example.com/");
  holder.request->method = RCP_METHOD_POST;
  Rcp_RequestContent content{};
  content.type = RCP_CONTENT_TYPE_STRING;
  content.data.contentStr = Rcp_Buffer{"{\"a\":1}", 7};
  holder.request->content = &content;
  PreparedFetch prepared;
  ASSERT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kOk);
  ASSERT_EQ(prepared.request.body.segments.size(), 1u);
  EXPECT_EQ(prepared.request.body.segments[0].bytes, "{\"a\":1}");
  EXPECT_EQ(prepared.request.body.defaultContentType, "text/plain;charset=UTF-8");
  EXPECT_EQ(prepared.request.method, "POST");

  Rcp_Form* form = Rcp_CreateForm();
  Rcp_FormFieldValue value{};
  value.type = RCP_FORM_VALUE_TYPE_STRING;
  value.data.varStr = Rcp_Buffer{"x y", 3};
  Rcp_SetFormValue(form, "q", &value);
  content.type = RCP_CONTENT_TYPE_FORM;
  content.data.form = form;
  ASSERT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kOk);
  EXPECT_EQ(prepared.request.body.segments[0].bytes, "q=x+y");
  EXPECT_EQ(prepared.request.body.defaultContentType, "application/x-www-form-urlencoded");
  Rcp_DestroyForm(form);

  content.type = RCP_CONTENT_TYPE_GETCALLBACK;
  content.data.getDataCallback = [](char*, uint32_t) { return 0; };
  ASSERT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kOk);
  EXPECT_EQ(prepared.request.body.segments[0].kind, rcp::core::BodySegment::Kind::Pull);
  EXPECT_EQ(prepared.request.body.defaultContentType, "application/octet-stream");

  content.data.getDataCallback = nullptr;
  EXPECT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kParameterError);
  content.type = RCP_CONTENT_TYPE_FORM;
  content.data.form = nullptr;
  EXPECT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kParameterError);
  content.type = RCP_CONTENT_TYPE_STRING;
  content.data.contentStr = Rcp_Buffer{nullptr, 3};
  EXPECT_EQ(rcp::capi::prepareFetch(*session, *holder.request, &prepared), rcp::core::kParameterError);
  holder.request->content = nullptr;
}

TEST(CapiConversion, invalid_session_configurations_are_refused) {
  std::unique_ptr<SessionConfigurationCopy> copy;
  Rcp_SessionConfiguration config{};
  config.type = RCP_SESSION_TYPE_MAX;
  EXPECT_EQ(SessionConfigurationCopy::create(&config, &copy), rcp::core::kParameterError);
  config = Rcp_SessionConfiguration{};
  config.interceptors.size = 1;  // but no array
  EXPECT_EQ(SessionConfigurationCopy::create(&config, &copy), rcp::core::kParameterError);
  config = Rcp_SessionConfiguration{};
  config.baseUrl = "ftp://example.com/";
  EXPECT_EQ(SessionConfigurationCopy::create(&config, &copy), rcp::core::kParameterError);
  config = Rcp_SessionConfiguration{};
  config.connectionConfiguration.maxTotalConnections = -1;
  EXPECT_EQ(SessionConfigurationCopy::create(&config, &copy), rcp::core::kParameterError);
  Rcp_Configuration requestConfig{};
  requestConfig.transferConfiguration.timeout.connectMs = 0xFFFFFFFFu;
  config = Rcp_SessionConfiguration{};
  config.requestConfiguration = &requestConfig;
  EXPECT_EQ(SessionConfigurationCopy::create(&config, &copy), rcp::core::kParameterError);
  EXPECT_EQ(copy, nullptr);
}

TEST(CapiConversion, zeroed_session_configuration_gives_default_pool) {
  Rcp_SessionConfiguration config;
  std::memset(&config, 0, sizeof(config));
  auto session = sessionWith(&config);
  rcp::core::SessionOptions options = session->sessionOptions();
  EXPECT_EQ(options.maxConnectionsPerHost, 6);
  EXPECT_EQ(options.maxTotalConnections, 64);
  EXPECT_EQ(options.maxIdleConnections, 0);
  config.connectionConfiguration = Rcp_ConnectionConfiguration{2, 8, 3};
  auto tuned = sessionWith(&config);
  EXPECT_EQ(tuned->sessionOptions().maxConnectionsPerHost, 2);
  EXPECT_EQ(tuned->sessionOptions().maxTotalConnections, 8);
  EXPECT_EQ(tuned->sessionOptions().maxIdleConnections, 3);
}

}  // namespace
