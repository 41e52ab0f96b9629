// Fuzz target: translation of the C API's input structs (capi/configuration,
// capi/request_conversion, capi/request_copy) into the engine's rule set,
// and core::buildRequest on what they give. Session configurations, request
// configurations and requests are built from the input, with any enum value,
// missing NULs in fixed arrays, NULL pointers and looping lists.
//  - Rcp_CreateSession and the configuration copy agree, and answer 0 or 401.
//  - A configuration's layer sets its "0 = default" numbers exactly when they
//    are not 0.
//  - prepareFetch answers only with the codes Rcp_Fetch documents, and what
//    it accepts is a valid engine request (http(s) URL, token method, clean
//    headers, timeouts in range, well-formed range text) whose zero timeouts
//    are the session's.
//  - A deep copy (ConfigurationCopy, RequestCopy) converts exactly like the
//    original.
#include <fuzzer/FuzzedDataProvider.h>
#include <rcp/rcp.h>

#include "capi/c_enum.h"

#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "capi/configuration.h"
#include "capi/configuration_copy.h"
#include "capi/request_conversion.h"
#include "capi/request_copy.h"
#include "core/configuration_layer.h"
#include "core/errors.h"
#include "core/request.h"
#include "core/request_builder.h"
#include "core/validation.h"
#include "fuzz_check.h"
#include "fuzz_input.h"

namespace {

using rcp::capi::PreparedFetch;
namespace core = rcp::core;
using core::BuildPurpose;

// What the per-fetch configuration functions answer in this run; they have
// no context parameter, so the answers live here.
Rcp_IpAddress* g_dynamicAnswer = nullptr;
bool g_useProxy = true;
Rcp_IpAddress* dynamicRule(const char*, uint16_t) { return g_dynamicAnswer; }
bool exclusionFunction(const char*) { return g_useProxy; }
int bodyCallback(char*, uint32_t) { return 0; }
uint32_t intercept(Rcp_Request*, const Rcp_RequestHandler*, const Rcp_ResponseCallbackObject*) { return 401; }
Rcp_Response* syncIntercept(Rcp_Request*, const Rcp_SyncRequestHandler*, uint32_t* code) {
  *code = 401;
  return nullptr;
}

// Enum members here are out of range one time in 16.
constexpr int kOutOfRangeOneIn = 16;

// Owns everything the structs of one run point to.
class Storage {
 public:
  explicit Storage(FuzzedDataProvider& input) : input_(input) {}
  ~Storage() {
    for (Rcp_Headers* h : headers_) Rcp_DestroyHeaders(h);
    for (Rcp_RequestCookies* c : cookies_) Rcp_DestroyRequestCookies(c);
    for (Rcp_Form* f : forms_) Rcp_DestroyForm(f);
    for (Rcp_MultipartForm* f : multipartForms_) Rcp_DestroyMultipartForm(f);
  }
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;

  // NULL, or a string from the input.
  char* text(size_t maxLength) {
    if (input_.ConsumeIntegralInRange<int>(0, 3) == 0) return nullptr;
    strings_.push_back(input_.ConsumeRandomLengthString(maxLength));
    return strings_.back().data();
  }

  // Links `count` nodes of `store` by `next`, rarely into a loop.
  template <typename Node>
  Node* chain(std::deque<Node>& store, size_t count, void (Storage::*fill)(Node*)) {
    Node* head = nullptr;
    Node* previous = nullptr;
    for (size_t i = 0; i < count; ++i) {
      store.emplace_back();
      Node* node = &store.back();
      std::memset(node, 0, sizeof *node);
      (this->*fill)(node);
      if (previous == nullptr) {
        head = node;
      } else {
        previous->next = node;
      }
      previous = node;
    }
    // Rarely: a looping list costs rcplib 100,000 steps before it is refused.
    if (previous != nullptr && input_.ConsumeIntegralInRange<int>(0, 255) == 0) previous->next = head;
    return head;
  }

  void fillUrl(Rcp_Urls* node) { node->url = text(64); }
  void fillAddress(Rcp_IpAddress* node) { fuzzFixedText(input_, node->ipAddress); }
  void fillServer(Rcp_DnsServers* node) {
    fuzzFixedText(input_, node->ipAndPort.ip);
    node->ipAndPort.port = input_.ConsumeIntegral<uint16_t>();
  }
  void fillStaticRule(Rcp_StaticDnsRule* node) {
    fuzzFixedText(input_, node->staticDnsRule.host);
    node->staticDnsRule.port = input_.ConsumeIntegral<uint16_t>();
    node->staticDnsRule.ipAddresses =
        chain(addresses_, input_.ConsumeIntegralInRange<size_t>(0, 3), &Storage::fillAddress);
  }
  void fillRange(Rcp_TransferRange* node) {
    node->from = input_.ConsumeIntegralInRange<int64_t>(-3, 1000);
    node->hasZeroFrom = input_.ConsumeBool();
    node->to = input_.ConsumeIntegralInRange<int64_t>(-3, 1000);
    node->hasZeroTo = input_.ConsumeBool();
  }

  void fillSecurity(Rcp_SecurityConfiguration* security) {
    fuzzEnum(input_, &security->remoteValidationType, 3, kOutOfRangeOneIn);
    security->certificateAuthority = Rcp_CertificateAuthority{text(128), text(64), text(64)};
    security->certificate.content = text(128);
    security->certificate.filePath = text(64);
    security->certificate.key = text(128);
    security->certificate.keyPassword = text(32);
    fuzzEnum(input_, &security->certificate.type, 3, kOutOfRangeOneIn);
    security->serverAuthentication.credential = Rcp_Credential{text(32), text(32)};
    fuzzEnum(input_, &security->serverAuthentication.authenticationType, 4, kOutOfRangeOneIn);
  }

  void fillConfiguration(Rcp_Configuration* config) {
    std::memset(config, 0, sizeof *config);
    Rcp_TransferConfiguration& transfer = config->transferConfiguration;
    transfer.autoRedirect = input_.ConsumeBool();
    transfer.timeout = Rcp_Timeout{timeout(), timeout(), timeout()};
    transfer.assumesHTTP3Capable = input_.ConsumeBool();
    fuzzEnum(input_, &transfer.pathPreference, 3, kOutOfRangeOneIn);
    transfer.maxAutoRedirects = input_.ConsumeIntegral<uint32_t>();
    transfer.maxBodySize = input_.ConsumeIntegral<uint32_t>();
    fuzzEnum(input_, &transfer.httpVersion, 3, kOutOfRangeOneIn);
    transfer.forbidCleartext = input_.ConsumeBool();
    transfer.disableContentDecoding = input_.ConsumeBool();

    Rcp_ProxyConfiguration& proxy = config->proxyConfiguration;
    fuzzEnum(input_, &proxy.proxyType, 3, kOutOfRangeOneIn);
    if (rcp::capi::rawEnum(proxy.proxyType) != RCP_PROXY_CUSTOM && input_.ConsumeBool()) {
      // An unused customProxy may hold anything; rcplib must not follow it.
      proxy.customProxy.url = reinterpret_cast<const char*>(uintptr_t{1});
      proxy.customProxy.exclusions.data.urls = reinterpret_cast<Rcp_Urls*>(uintptr_t{8});
      proxy.customProxy.securityConfiguration.certificateAuthority.content = reinterpret_cast<char*>(uintptr_t{16});
    } else {
      proxy.customProxy.url = text(64);
      fuzzEnum(input_, &proxy.customProxy.createTunnel, 2, kOutOfRangeOneIn);
      fuzzEnum(input_, &proxy.customProxy.exclusions.type, 2, kOutOfRangeOneIn);
      // The union member in use is the one the type names (any one for an unknown type).
      const int exclusionKind = rcp::capi::rawEnum(proxy.customProxy.exclusions.type);
      if (exclusionKind == RCP_EXCLUSION_USE_URL_ARRAY ||
          (exclusionKind != RCP_EXCLUSION_USE_CALLBACK && input_.ConsumeBool())) {
        proxy.customProxy.exclusions.data.urls =
            chain(urls_, input_.ConsumeIntegralInRange<size_t>(0, 3), &Storage::fillUrl);
      } else {
        proxy.customProxy.exclusions.data.exclusionFunction = input_.ConsumeBool() ? exclusionFunction : nullptr;
      }
      fillSecurity(&proxy.customProxy.securityConfiguration);
    }

    Rcp_DnsConfiguration& dns = config->dnsConfiguration;
    dns.dnsOverHttps.url = text(64);
    dns.dnsOverHttps.skipCertificatesValidation = input_.ConsumeBool();
    if (input_.ConsumeBool()) {
      dnsRules_.emplace_back();
      Rcp_DnsRule& rule = dnsRules_.back();
      std::memset(&rule, 0, sizeof rule);
      fuzzEnum(input_, &rule.type, 3, kOutOfRangeOneIn);
      const int kind = rcp::capi::rawEnum(rule.type);
      switch (kind >= 0 && kind <= 2 ? kind : input_.ConsumeIntegralInRange<int>(0, 2)) {
        case 0:
          rule.data.dnsServers = chain(servers_, input_.ConsumeIntegralInRange<size_t>(0, 3), &Storage::fillServer);
          break;
        case 1:
          rule.data.staticDnsRule =
              chain(staticRules_, input_.ConsumeIntegralInRange<size_t>(0, 3), &Storage::fillStaticRule);
          break;
        default: rule.data.dynamicDnsRule = input_.ConsumeBool() ? dynamicRule : nullptr; break;
      }
      dns.dnsRules = &rule;
    }
    fillSecurity(&config->securityConfiguration);
  }

  Rcp_Headers* headers() {
    if (input_.ConsumeBool()) return nullptr;
    Rcp_Headers* h = Rcp_CreateHeaders();
    headers_.push_back(h);
    for (size_t i = input_.ConsumeIntegralInRange<size_t>(0, 3); i > 0; --i) {
      const std::string name = input_.ConsumeRandomLengthString(32);
      const std::string value = input_.ConsumeRandomLengthString(64);
      Rcp_SetHeaderValue(h, name.c_str(), value.c_str());
    }
    return h;
  }

  Rcp_RequestCookies* cookies() {
    if (input_.ConsumeBool()) return nullptr;
    Rcp_RequestCookies* c = Rcp_CreateRequestCookies();
    cookies_.push_back(c);
    for (size_t i = input_.ConsumeIntegralInRange<size_t>(0, 3); i > 0; --i) {
      const std::string name = input_.ConsumeRandomLengthString(16);
      const std::string value = input_.ConsumeRandomLengthString(32);
      Rcp_SetRequestCookieValue(c, name.c_str(), value.c_str());
    }
    return c;
  }

  Rcp_RequestContent* content() {
    if (input_.ConsumeBool()) return nullptr;
    contents_.emplace_back();
    Rcp_RequestContent& content = contents_.back();
    std::memset(&content, 0, sizeof content);
    fuzzEnum(input_, &content.type, 4, kOutOfRangeOneIn);
    const int kind = rcp::capi::rawEnum(content.type);
    switch (kind >= 0 && kind <= 3 ? kind : input_.ConsumeIntegralInRange<int>(0, 3)) {
      case 0: {
        char* bytes = text(256);
        content.data.contentStr = Rcp_Buffer{bytes, bytes == nullptr ? input_.ConsumeIntegralInRange<uint32_t>(0, 1)
                                                                     : static_cast<uint32_t>(std::strlen(bytes))};
        break;
      }
      case 1: {
        if (input_.ConsumeBool()) break;
        Rcp_Form* form = Rcp_CreateForm();
        forms_.push_back(form);
        Rcp_FormFieldValue value{};
        value.type = RCP_FORM_VALUE_TYPE_INT64;
        value.data.varInt64 = input_.ConsumeIntegral<int64_t>();
        Rcp_SetFormValue(form, input_.ConsumeRandomLengthString(16).c_str(), &value);
        content.data.form = form;
        break;
      }
      case 2: {
        if (input_.ConsumeBool()) break;
        Rcp_MultipartForm* form = Rcp_CreateMultipartForm();
        multipartForms_.push_back(form);
        Rcp_MultipartFormFieldValue value;
        std::memset(&value, 0, sizeof value);
        value.type = RCP_TYPE_FORM_FIELD_FILE_VALUE;
        fuzzFixedText(input_, value.data.formFileValue.contentType);
        fuzzFixedText(input_, value.data.formFileValue.remoteFileName);
        value.data.formFileValue.contentOrPathOrCb.type = RCP_FILE_VALUE_TYPE_CONTENT;
        strings_.push_back(input_.ConsumeRandomLengthString(64));
        value.data.formFileValue.contentOrPathOrCb.data.content =
            Rcp_Buffer{strings_.back().data(), static_cast<uint32_t>(strings_.back().size())};
        Rcp_SetMultipartFormValue(form, input_.ConsumeRandomLengthString(16).c_str(), &value);
        content.data.multipartForm = form;
        break;
      }
      default: content.data.getDataCallback = input_.ConsumeBool() ? bodyCallback : nullptr; break;
    }
    return &content;
  }

  Rcp_TransferRange* ranges() {
    return chain(ranges_, input_.ConsumeIntegralInRange<size_t>(0, 3), &Storage::fillRange);
  }

  Rcp_IpAddress* addressList() {
    return chain(addresses_, input_.ConsumeIntegralInRange<size_t>(0, 3), &Storage::fillAddress);
  }

 private:
  // Mostly small values, sometimes the boundary and beyond.
  uint32_t timeout() {
    switch (input_.ConsumeIntegralInRange<int>(0, 3)) {
      case 0: return 0;
      case 1: return input_.ConsumeIntegralInRange<uint32_t>(1, 100000);
      case 2: return core::kMaxTimeoutMs + input_.ConsumeIntegralInRange<uint32_t>(0, 1);
      default: return input_.ConsumeIntegral<uint32_t>();
    }
  }

  FuzzedDataProvider& input_;
  std::deque<std::string> strings_;
  std::deque<Rcp_Urls> urls_;
  std::deque<Rcp_DnsRule> dnsRules_;
  std::deque<Rcp_DnsServers> servers_;
  std::deque<Rcp_StaticDnsRule> staticRules_;
  std::deque<Rcp_IpAddress> addresses_;
  std::deque<Rcp_TransferRange> ranges_;
  std::deque<Rcp_RequestContent> contents_;
  std::vector<Rcp_Headers*> headers_;
  std::vector<Rcp_RequestCookies*> cookies_;
  std::vector<Rcp_Form*> forms_;
  std::vector<Rcp_MultipartForm*> multipartForms_;
};

bool isFetchCode(uint32_t code) {
  return code == core::kOk || code == core::kParameterError || code == core::kUnsupportedProtocol ||
         code == core::kMalformedUrl || code == core::kBadDnsRule;
}

void checkAccepted(const core::Request& request) {
  FUZZ_CHECK(core::checkUrl(request.url) == core::kOk);
  FUZZ_CHECK(core::isValidMethod(request.method));
  for (const core::Header& header : request.headers) {
    FUZZ_CHECK(core::isValidHeaderName(header.name) && core::isValidHeaderValue(header.value));
  }
  const core::RequestOptions& options = request.options;
  FUZZ_CHECK(options.connectTimeoutMs > 0 && options.connectTimeoutMs <= core::kMaxTimeoutMs);
  FUZZ_CHECK(options.transferTimeoutMs > 0 && options.transferTimeoutMs <= core::kMaxTimeoutMs);
  FUZZ_CHECK(options.inactivityTimeoutMs <= core::kMaxTimeoutMs);
  FUZZ_CHECK(options.maxRedirects > 0 && options.maxBodyBytes > 0);
  for (char c : request.range) FUZZ_CHECK((c >= '0' && c <= '9') || c == '-' || c == ',');
  FUZZ_CHECK(core::isValidRangeText(request.range));
  if (options.proxy == core::RequestOptions::Proxy::Custom) FUZZ_CHECK(!options.proxyUrl.empty());
}

// The options `layer` alone gives (over the defaults).
core::RequestOptions resolvedAlone(const core::ConfigurationLayer& layer) {
  core::RequestOptions options;
  core::resolveOptions(&layer, nullptr, &options);
  return options;
}

void checkConfigurationCopy(const Rcp_Configuration& config) {
  core::ConfigurationLayer original;
  const uint32_t code = rcp::capi::toConfigurationLayer(config, &original);
  FUZZ_CHECK(code == core::kOk || code == core::kParameterError || code == core::kBadDnsRule);
  if (code == core::kOk) {
    const Rcp_TransferConfiguration& transfer = config.transferConfiguration;
    FUZZ_CHECK(original.connectTimeoutMs.has_value() == (transfer.timeout.connectMs != 0));
    FUZZ_CHECK(original.transferTimeoutMs.has_value() == (transfer.timeout.transferMs != 0));
    FUZZ_CHECK(original.inactivityTimeoutMs.has_value() == (transfer.timeout.inactivityMs != 0));
    FUZZ_CHECK(original.maxRedirects.has_value() == (transfer.maxAutoRedirects != 0));
    FUZZ_CHECK(original.maxBodyBytes.has_value() == (transfer.maxBodySize != 0));
    FUZZ_CHECK(original.autoRedirect.has_value() && original.proxy.has_value() && original.dnsRules.has_value());
  }
  std::unique_ptr<rcp::capi::ConfigurationCopy> copy;
  const uint32_t copied = rcp::capi::ConfigurationCopy::create(config, &copy);
  FUZZ_CHECK(copied == core::kOk || copied == core::kParameterError);
  if (copied != core::kOk) return;
  core::ConfigurationLayer fromCopy;
  FUZZ_CHECK(rcp::capi::toConfigurationLayer(copy->value(), &fromCopy) == code);
  if (code == core::kOk) {
    const core::RequestOptions a = resolvedAlone(original);
    const core::RequestOptions b = resolvedAlone(fromCopy);
    FUZZ_CHECK(b.proxyUrl == a.proxyUrl && b.caContent == a.caContent && b.authUser == a.authUser);
    FUZZ_CHECK(b.staticDns.size() == a.staticDns.size() && b.dohUrl == a.dohUrl);
    FUZZ_CHECK(b.dnsServers == a.dnsServers && b.proxyExclusions == a.proxyExclusions);
  }
}

// A timeout of an accepted request: the request's own when it sets one (not
// 0), else the session's layer's, else the default.
void checkInherited(uint32_t own, const std::optional<uint32_t>& session, uint32_t fallback, uint32_t used) {
  FUZZ_CHECK(used == (own != 0 ? own : session.value_or(fallback)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  Storage storage(input);

  Rcp_Configuration sessionRequestConfig;
  storage.fillConfiguration(&sessionRequestConfig);
  Rcp_Configuration requestConfig;
  storage.fillConfiguration(&requestConfig);
  g_dynamicAnswer = storage.addressList();
  g_useProxy = input.ConsumeBool();

  Rcp_Interceptor interceptors[2] = {{intercept}, {input.ConsumeBool() ? intercept : nullptr}};
  Rcp_SyncInterceptor syncInterceptors[2] = {{syncIntercept}, {input.ConsumeBool() ? syncIntercept : nullptr}};
  Rcp_SessionConfiguration sessionConfig;
  std::memset(&sessionConfig, 0, sizeof sessionConfig);
  fuzzEnum(input, &sessionConfig.type, 1, kOutOfRangeOneIn);
  sessionConfig.interceptors = {input.ConsumeBool() ? interceptors : nullptr, input.ConsumeIntegralInRange<int>(-1, 2)};
  sessionConfig.syncInterceptors = {input.ConsumeBool() ? syncInterceptors : nullptr,
                                    input.ConsumeIntegralInRange<int>(-1, 2)};
  sessionConfig.baseUrl = storage.text(128);
  sessionConfig.headers = storage.headers();
  sessionConfig.cookies = storage.cookies();
  sessionConfig.requestConfiguration = input.ConsumeBool() ? &sessionRequestConfig : nullptr;
  sessionConfig.connectionConfiguration = Rcp_ConnectionConfiguration{input.ConsumeIntegralInRange<long>(-2, 100),
                                                                      input.ConsumeIntegralInRange<long>(-2, 100),
                                                                      input.ConsumeIntegralInRange<long>(-2, 100)};

  const std::string url = input.ConsumeRandomLengthString(256);
  Rcp_Request* request = Rcp_CreateRequest(url.c_str());
  FUZZ_CHECK(request != nullptr);
  request->method = storage.text(40);
  request->headers = storage.headers();
  request->cookies = storage.cookies();
  request->content = storage.content();
  request->transferRange = storage.ranges();
  request->configuration = input.ConsumeBool() ? &requestConfig : nullptr;

  checkConfigurationCopy(requestConfig);

  // The public constructor and the copy it is built on must agree.
  std::unique_ptr<rcp::capi::SessionConfigurationCopy> session;
  const uint32_t sessionCode = rcp::capi::SessionConfigurationCopy::create(&sessionConfig, &session);
  FUZZ_CHECK(sessionCode == core::kOk || sessionCode == core::kParameterError);
  uint32_t publicCode = 12345;
  Rcp_Session* handle = Rcp_CreateSession(&sessionConfig, &publicCode);
  FUZZ_CHECK(publicCode == sessionCode && (handle != nullptr) == (sessionCode == core::kOk));
  if (handle != nullptr) FUZZ_CHECK(Rcp_CloseSession(&handle) == 0);

  if (sessionCode == core::kOk) {
    PreparedFetch checked;
    const uint32_t checkCode = rcp::capi::prepareFetch(*session, *request, &checked, BuildPurpose::Check);
    FUZZ_CHECK(isFetchCode(checkCode));
    PreparedFetch sent;
    const uint32_t sendCode = rcp::capi::prepareFetch(*session, *request, &sent, BuildPurpose::Send);
    FUZZ_CHECK(isFetchCode(sendCode));
    // Only the per-fetch functions, which Check skips, can add a refusal.
    if (checkCode != core::kOk) FUZZ_CHECK(sendCode == checkCode);
    if (sendCode == core::kOk) {
      checkAccepted(sent.request);
      if (request->configuration != nullptr) {
        const core::ConfigurationLayer* sessionLayer = session->requestLayer();
        const std::optional<uint32_t> none;
        const Rcp_Timeout& own = request->configuration->transferConfiguration.timeout;
        checkInherited(own.connectMs, sessionLayer != nullptr ? sessionLayer->connectTimeoutMs : none,
                       core::kDefaultConnectTimeoutMs, sent.request.options.connectTimeoutMs);
        checkInherited(own.transferMs, sessionLayer != nullptr ? sessionLayer->transferTimeoutMs : none,
                       core::kDefaultTransferTimeoutMs, sent.request.options.transferTimeoutMs);
      }
    }
    if (checkCode == core::kOk) {
      checkAccepted(checked.request);
      std::unique_ptr<rcp::capi::RequestCopy> copy;
      FUZZ_CHECK(rcp::capi::RequestCopy::create(*request, &copy) == core::kOk);
      PreparedFetch fromCopy;
      FUZZ_CHECK(rcp::capi::prepareFetch(*session, *copy->get(), &fromCopy, BuildPurpose::Check) == core::kOk);
      FUZZ_CHECK(fromCopy.request.url == checked.request.url && fromCopy.request.method == checked.request.method);
      FUZZ_CHECK(fromCopy.request.headers.size() == checked.request.headers.size());
      FUZZ_CHECK(fromCopy.request.range == checked.request.range);
      FUZZ_CHECK(fromCopy.request.body.segments.size() == checked.request.body.segments.size());
    }
  }
  Rcp_DestroyRequest(request);
  return 0;
}
