#include "capi/configuration.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

#include "capi/c_enum.h"
#include "core/errors.h"
#include "core/validation.h"

namespace rcp::capi {
namespace {

template <size_t N>
bool hasNul(const char (&field)[N]) {
  return std::memchr(field, '\0', N) != nullptr;
}

std::string textOf(const char* text) { return text == nullptr ? std::string() : std::string(text); }

bool isIpLiteral(const std::string& text) {
  in_addr v4{};
  in6_addr v6{};
  return inet_pton(AF_INET, text.c_str(), &v4) == 1 || inet_pton(AF_INET6, text.c_str(), &v6) == 1;
}

// Copies a `next` chain into `store` (whose elements never move), letting
// `fix` deep-copy each node's own pointers. Refuses over-long or cyclic lists.
template <typename Node, typename Store, typename Fix>
uint32_t copyChain(const Node* head, Store* store, Node** outHead, Fix fix) {
  *outHead = nullptr;
  Node* previous = nullptr;
  size_t count = 0;
  for (const Node* node = head; node != nullptr; node = node->next) {
    if (++count > kMaxListLength) {
      return core::kParameterError;
    }
    store->push_back(*node);
    Node* copy = &store->back();
    copy->next = nullptr;
    uint32_t code = fix(copy);
    if (code != core::kOk) {
      return code;
    }
    if (previous == nullptr) {
      *outHead = copy;
    } else {
      previous->next = copy;
    }
    previous = copy;
  }
  return core::kOk;
}

// Host and port of an absolute URL that checkUrl accepted ("[::1]" is
// returned as "::1"). Returns false when there is no host.
bool urlHostAndPort(const std::string& url, std::string* host, uint16_t* port) {
  const size_t schemeEnd = url.find("://");
  if (schemeEnd == std::string::npos) {
    return false;
  }
  const bool https = schemeEnd == 5 && (url.compare(0, 5, "https") == 0 || url.compare(0, 5, "HTTPS") == 0);
  const size_t authorityStart = schemeEnd + 3;
  const size_t authorityEnd = url.find_first_of("/?#", authorityStart);
  std::string authority = url.substr(authorityStart, authorityEnd == std::string::npos
                                                         ? std::string::npos
                                                         : authorityEnd - authorityStart);
  const size_t at = authority.rfind('@');
  if (at != std::string::npos) {
    authority.erase(0, at + 1);
  }
  std::string portText;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string::npos) {
      return false;
    }
    *host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      portText = authority.substr(close + 2);
    }
  } else {
    const size_t colon = authority.rfind(':');
    *host = authority.substr(0, colon);
    if (colon != std::string::npos) {
      portText = authority.substr(colon + 1);
    }
  }
  unsigned long value = https ? 443 : 80;
  if (!portText.empty()) {
    char* end = nullptr;
    value = std::strtoul(portText.c_str(), &end, 10);
    if (*end != '\0' || value > 65535) {
      return false;
    }
  }
  *port = static_cast<uint16_t>(value);
  return !host->empty();
}

// An exclusion entry may be a URL or a bare host name; the engine wants hosts.
std::string exclusionHost(const std::string& entry) {
  std::string host;
  uint16_t port = 0;
  if (entry.find("://") != std::string::npos && urlHostAndPort(entry, &host, &port)) {
    return host;
  }
  return entry;
}

std::string dnsServerText(const Rcp_IpAndPort& server) {
  const std::string ip = server.ip;
  if (server.port == 0) {
    return ip;
  }
  const std::string host = ip.find(':') != std::string::npos ? "[" + ip + "]" : ip;
  return host + ":" + std::to_string(server.port);
}

// Copies an application-owned address list (from a dynamic DNS rule) into
// strings, validating each entry.
uint32_t addressesOf(const Rcp_IpAddress* head, std::vector<std::string>* out) {
  size_t count = 0;
  for (const Rcp_IpAddress* node = head; node != nullptr; node = node->next) {
    if (++count > kMaxListLength || !hasNul(node->ipAddress)) {
      return core::kParameterError;
    }
    if (!isIpLiteral(node->ipAddress)) {
      return core::kBadDnsRule;
    }
    out->push_back(node->ipAddress);
  }
  return core::kOk;
}

uint32_t convertTransfer(const Rcp_TransferConfiguration& transfer, core::RequestOptions* out) {
  const Rcp_Timeout& timeout = transfer.timeout;
  if (timeout.connectMs > core::kMaxTimeoutMs || timeout.transferMs > core::kMaxTimeoutMs ||
      timeout.inactivityMs > core::kMaxTimeoutMs) {
    return core::kParameterError;
  }
  out->connectTimeoutMs = timeout.connectMs != 0 ? timeout.connectMs : core::kDefaultConnectTimeoutMs;
  out->transferTimeoutMs = timeout.transferMs != 0 ? timeout.transferMs : core::kDefaultTransferTimeoutMs;
  out->inactivityTimeoutMs = timeout.inactivityMs;
  out->autoRedirect = transfer.autoRedirect;
  out->maxRedirects = transfer.maxAutoRedirects != 0 ? transfer.maxAutoRedirects : core::kDefaultMaxRedirects;
  out->maxBodyBytes = transfer.maxBodySize != 0 ? transfer.maxBodySize : core::kDefaultMaxBodyBytes;
  switch (rawEnum(transfer.httpVersion)) {
    case RCP_HTTP_VERSION_AUTO:
      out->httpVersion = core::RequestOptions::HttpVersion::Auto;
      break;
    case RCP_HTTP_VERSION_1_1:
      out->httpVersion = core::RequestOptions::HttpVersion::Http1Only;
      break;
    case RCP_HTTP_VERSION_2_PRIOR_KNOWLEDGE:
      out->httpVersion = core::RequestOptions::HttpVersion::Http2PriorKnowledge;
      break;
    default:
      return core::kParameterError;
  }
  out->forbidCleartext = transfer.forbidCleartext;
  out->decodeContent = !transfer.disableContentDecoding;
  return core::kOk;
}

uint32_t convertSecurity(const Rcp_SecurityConfiguration& security, core::RequestOptions* out) {
  switch (rawEnum(security.remoteValidationType)) {
    case RCP_REMOTE_VALIDATION_SYSTEM:
      out->validation = core::RequestOptions::Validation::System;
      break;
    case RCP_REMOTE_VALIDATION_SKIP:
      out->validation = core::RequestOptions::Validation::Skip;
      break;
    case RCP_REMOTE_VALIDATION_CERTIFICATE_AUTHORITY:
      out->validation = core::RequestOptions::Validation::CustomCa;
      out->caContent = textOf(security.certificateAuthority.content);
      out->caFile = textOf(security.certificateAuthority.filePath);
      out->caFolder = textOf(security.certificateAuthority.folderPath);
      break;
    default:
      return core::kParameterError;
  }

  const Rcp_ClientCertificate& certificate = security.certificate;
  out->clientCertContent = textOf(certificate.content);
  out->clientCertFile = textOf(certificate.filePath);
  if (!out->clientCertContent.empty() || !out->clientCertFile.empty()) {
    switch (rawEnum(certificate.type)) {
      case RCP_CERT_PEM: out->clientCertType = "PEM"; break;
      case RCP_CERT_DER: out->clientCertType = "DER"; break;
      case RCP_CERT_P12: out->clientCertType = "P12"; break;
      default: return core::kParameterError;
    }
    out->clientKey = textOf(certificate.key);
    out->clientKeyPassword = textOf(certificate.keyPassword);
  }

  const Rcp_ServerAuthentication& auth = security.serverAuthentication;
  if (auth.credential.username != nullptr && *auth.credential.username != '\0') {
    out->authUser = auth.credential.username;
    out->authPassword = textOf(auth.credential.password);
    switch (rawEnum(auth.authenticationType)) {
      case RCP_AUTHENTICATION_AUTO: out->authType = core::RequestOptions::AuthType::Auto; break;
      case RCP_AUTHENTICATION_BASIC: out->authType = core::RequestOptions::AuthType::Basic; break;
      case RCP_AUTHENTICATION_NTLM: out->authType = core::RequestOptions::AuthType::Ntlm; break;
      case RCP_AUTHENTICATION_DIGEST: out->authType = core::RequestOptions::AuthType::Digest; break;
      default: return core::kParameterError;
    }
  }
  return core::kOk;
}

uint32_t convertProxy(const Rcp_ProxyConfiguration& proxy, const std::string& url, core::RequestOptions* out) {
  switch (rawEnum(proxy.proxyType)) {
    case RCP_PROXY_SYSTEM:
      out->proxy = core::RequestOptions::Proxy::System;
      return core::kOk;
    case RCP_PROXY_NO_PROXY:
      out->proxy = core::RequestOptions::Proxy::None;
      return core::kOk;
    case RCP_PROXY_CUSTOM:
      break;
    default:
      return core::kParameterError;
  }
  const Rcp_WebProxy& custom = proxy.customProxy;
  if (custom.url == nullptr || *custom.url == '\0') {
    return core::kParameterError;
  }
  out->proxy = core::RequestOptions::Proxy::Custom;
  out->proxyUrl = custom.url;
  switch (rawEnum(custom.createTunnel)) {
    case RCP_PROXY_TUNNEL_AUTO: out->proxyTunnelAlways = false; break;
    case RCP_PROXY_TUNNEL_ALWAYS: out->proxyTunnelAlways = true; break;
    default: return core::kParameterError;
  }
  switch (rawEnum(custom.exclusions.type)) {
    case RCP_EXCLUSION_USE_URL_ARRAY: {
      size_t count = 0;
      for (const Rcp_Urls* node = custom.exclusions.data.urls; node != nullptr; node = node->next) {
        if (++count > kMaxListLength) {
          return core::kParameterError;
        }
        if (node->url != nullptr && *node->url != '\0') {
          out->proxyExclusions.push_back(exclusionHost(node->url));
        }
      }
      return core::kOk;
    }
    case RCP_EXCLUSION_USE_CALLBACK: {
      Rcp_ExclusionFunction useProxy = custom.exclusions.data.exclusionFunction;
      if (useProxy != nullptr && !url.empty() && !useProxy(url.c_str())) {
        out->proxy = core::RequestOptions::Proxy::None;
      }
      return core::kOk;
    }
  }
  return core::kParameterError;
}

uint32_t convertDns(const Rcp_DnsConfiguration& dns, const std::string& url, core::RequestOptions* out) {
  if (dns.dnsOverHttps.url != nullptr && *dns.dnsOverHttps.url != '\0') {
    out->dohUrl = dns.dnsOverHttps.url;
    out->dohSkipVerify = dns.dnsOverHttps.skipCertificatesValidation;
  }
  if (dns.dnsRules == nullptr) {
    return core::kOk;
  }
  const Rcp_DnsRule& rule = *dns.dnsRules;
  size_t count = 0;
  switch (rawEnum(rule.type)) {
    case RCP_DNS_RULE_DNS_SERVERS:
      for (const Rcp_DnsServers* node = rule.data.dnsServers; node != nullptr; node = node->next) {
        if (++count > kMaxListLength || !hasNul(node->ipAndPort.ip)) {
          return core::kParameterError;
        }
        if (!isIpLiteral(node->ipAndPort.ip)) {
          return core::kBadDnsRule;
        }
        out->dnsServers.push_back(dnsServerText(node->ipAndPort));
      }
      return core::kOk;
    case RCP_DNS_RULE_STATIC:
      for (const Rcp_StaticDnsRule* node = rule.data.staticDnsRule; node != nullptr; node = node->next) {
        const Rcp_StaticDnsRuleItem& item = node->staticDnsRule;
        if (++count > kMaxListLength || !hasNul(item.host) || item.host[0] == '\0') {
          return core::kParameterError;
        }
        core::StaticDnsRule converted;
        converted.host = item.host;
        converted.port = item.port;
        uint32_t code = addressesOf(item.ipAddresses, &converted.addresses);
        if (code != core::kOk) {
          return code;
        }
        out->staticDns.push_back(std::move(converted));
      }
      return core::kOk;
    case RCP_DNS_RULE_DYNAMIC: {
      std::string host;
      uint16_t port = 0;
      if (rule.data.dynamicDnsRule == nullptr || url.empty() || !urlHostAndPort(url, &host, &port)) {
        return core::kOk;
      }
      core::StaticDnsRule converted;
      converted.host = host;
      converted.port = port;
      uint32_t code = addressesOf(rule.data.dynamicDnsRule(host.c_str(), port), &converted.addresses);
      if (code != core::kOk) {
        return code;
      }
      if (!converted.addresses.empty()) {
        out->staticDns.push_back(std::move(converted));
      }
      return core::kOk;
    }
  }
  return core::kParameterError;
}

}  // namespace

// ---------------------------------------------------------------------------
// ConfigurationCopy

uint32_t ConfigurationCopy::create(const Rcp_Configuration& source, std::unique_ptr<ConfigurationCopy>* out) {
  std::unique_ptr<ConfigurationCopy> copy(new ConfigurationCopy());
  uint32_t code = copy->copyFrom(source);
  if (code == core::kOk) {
    *out = std::move(copy);
  }
  return code;
}

char* ConfigurationCopy::keep(const char* text) {
  if (text == nullptr) {
    return nullptr;
  }
  strings_.emplace_back(text);
  return strings_.back().data();
}

void ConfigurationCopy::copySecurity(Rcp_SecurityConfiguration* security) {
  security->certificateAuthority.content = keep(security->certificateAuthority.content);
  security->certificateAuthority.filePath = keep(security->certificateAuthority.filePath);
  security->certificateAuthority.folderPath = keep(security->certificateAuthority.folderPath);
  security->certificate.content = keep(security->certificate.content);
  security->certificate.filePath = keep(security->certificate.filePath);
  security->certificate.key = keep(security->certificate.key);
  security->certificate.keyPassword = keep(security->certificate.keyPassword);
  Rcp_Credential& credential = security->serverAuthentication.credential;
  if (credential.username == nullptr) {
    // The credential is used only with a username: the rest is not followed.
    std::memset(&security->serverAuthentication, 0, sizeof security->serverAuthentication);
  } else {
    credential.username = keep(credential.username);
    credential.password = keep(credential.password);
  }
}

uint32_t ConfigurationCopy::copyFrom(const Rcp_Configuration& source) {
  config_ = source;

  Rcp_WebProxy& proxy = config_.proxyConfiguration.customProxy;
  if (rawEnum(config_.proxyConfiguration.proxyType) != RCP_PROXY_CUSTOM) {
    // customProxy is read only for RCP_PROXY_CUSTOM, so otherwise it may hold
    // anything (even uninitialised pointers): it is cleared, not followed.
    std::memset(&proxy, 0, sizeof proxy);
  } else {
    proxy.url = keep(proxy.url);
    // Documented as ignored: cleared rather than followed, like any unused field.
    std::memset(&proxy.securityConfiguration, 0, sizeof proxy.securityConfiguration);
    if (rawEnum(proxy.exclusions.type) == RCP_EXCLUSION_USE_URL_ARRAY) {
      uint32_t code = copyChain(source.proxyConfiguration.customProxy.exclusions.data.urls, &urls_,
                                &proxy.exclusions.data.urls, [this](Rcp_Urls* node) {
                                  node->url = keep(node->url);
                                  return core::kOk;
                                });
      if (code != core::kOk) {
        return code;
      }
    }
  }
  copySecurity(&config_.securityConfiguration);
  config_.dnsConfiguration.dnsOverHttps.url = keep(config_.dnsConfiguration.dnsOverHttps.url);

  if (source.dnsConfiguration.dnsRules == nullptr) {
    return core::kOk;
  }
  dnsRules_.push_back(*source.dnsConfiguration.dnsRules);
  Rcp_DnsRule& rule = dnsRules_.back();
  config_.dnsConfiguration.dnsRules = &rule;
  switch (rawEnum(rule.type)) {
    case RCP_DNS_RULE_DNS_SERVERS:
      return copyChain(source.dnsConfiguration.dnsRules->data.dnsServers, &dnsServers_, &rule.data.dnsServers,
                       [](Rcp_DnsServers* node) {
                         return hasNul(node->ipAndPort.ip) ? core::kOk : core::kParameterError;
                       });
    case RCP_DNS_RULE_STATIC:
      return copyChain(source.dnsConfiguration.dnsRules->data.staticDnsRule, &staticRules_,
                       &rule.data.staticDnsRule, [this](Rcp_StaticDnsRule* node) {
                         if (!hasNul(node->staticDnsRule.host)) {
                           return core::kParameterError;
                         }
                         return copyChain(node->staticDnsRule.ipAddresses, &addresses_,
                                          &node->staticDnsRule.ipAddresses, [](Rcp_IpAddress* address) {
                                            return hasNul(address->ipAddress) ? core::kOk
                                                                              : core::kParameterError;
                                          });
                       });
    default:
      // Dynamic rules are a function pointer; unknown types are rejected by toRequestOptions.
      return core::kOk;
  }
}

// ---------------------------------------------------------------------------
// Conversion

uint32_t toRequestOptions(const Rcp_Configuration* config, const std::string& url, core::RequestOptions* out) {
  *out = core::RequestOptions{};
  out->collectTimeInfo = true;  // Rcp_Response.timeInfo is always filled
  if (config == nullptr) {
    return core::kOk;
  }
  uint32_t code = convertTransfer(config->transferConfiguration, out);
  if (code == core::kOk) {
    code = convertSecurity(config->securityConfiguration, out);
  }
  if (code == core::kOk) {
    code = convertProxy(config->proxyConfiguration, url, out);
  }
  if (code == core::kOk) {
    code = convertDns(config->dnsConfiguration, url, out);
  }
  return code;
}

// ---------------------------------------------------------------------------
// SessionConfigurationCopy

uint32_t SessionConfigurationCopy::create(const Rcp_SessionConfiguration* source,
                                          std::unique_ptr<SessionConfigurationCopy>* out) {
  std::unique_ptr<SessionConfigurationCopy> copy(new SessionConfigurationCopy());
  if (source != nullptr) {
    uint32_t code = copy->copyFrom(*source);
    if (code != core::kOk) {
      return code;
    }
  }
  *out = std::move(copy);
  return core::kOk;
}

uint32_t SessionConfigurationCopy::copyFrom(const Rcp_SessionConfiguration& source) {
  if (rawEnum(source.type) != RCP_SESSION_TYPE_HTTP) {
    return core::kParameterError;
  }
  const Rcp_InterceptorArray& interceptors = source.interceptors;
  if (interceptors.size < 0 || interceptors.size > kMaxInterceptors ||
      (interceptors.size > 0 && interceptors.interceptors == nullptr)) {
    return core::kParameterError;
  }
  interceptors_.assign(interceptors.interceptors, interceptors.interceptors + interceptors.size);
  for (const Rcp_Interceptor& interceptor : interceptors_) {
    if (interceptor.intercept == nullptr) {
      return core::kParameterError;
    }
  }
  const Rcp_SyncInterceptorArray& syncInterceptors = source.syncInterceptors;
  if (syncInterceptors.size < 0 || syncInterceptors.size > kMaxInterceptors ||
      (syncInterceptors.size > 0 && syncInterceptors.interceptors == nullptr)) {
    return core::kParameterError;
  }
  syncInterceptors_.assign(syncInterceptors.interceptors, syncInterceptors.interceptors + syncInterceptors.size);
  for (const Rcp_SyncInterceptor& interceptor : syncInterceptors_) {
    if (interceptor.intercept == nullptr) {
      return core::kParameterError;
    }
  }

  if (source.baseUrl != nullptr && *source.baseUrl != '\0') {
    baseUrl_ = source.baseUrl;
    if (core::checkUrl(baseUrl_) != core::kOk) {
      return core::kParameterError;
    }
  }
  if (source.headers != nullptr) {
    headers_ = cloneHeaders(*source.headers);
  }
  if (source.cookies != nullptr) {
    cookies_ = cloneRequestCookies(*source.cookies);
  }
  if (source.requestConfiguration != nullptr) {
    if (ConfigurationCopy::create(*source.requestConfiguration, &requestConfiguration_) != core::kOk) {
      return core::kParameterError;
    }
    core::RequestOptions checked;
    if (toRequestOptions(requestConfiguration_->get(), std::string(), &checked) != core::kOk) {
      return core::kParameterError;
    }
  }
  const Rcp_ConnectionConfiguration& connections = source.connectionConfiguration;
  if (connections.maxConnectionsPerHost < 0 || connections.maxTotalConnections < 0 ||
      connections.maxCacheConnections < 0) {
    return core::kParameterError;
  }

  config_ = source;
  config_.interceptors.interceptors = interceptors_.empty() ? nullptr : interceptors_.data();
  config_.syncInterceptors.interceptors = syncInterceptors_.empty() ? nullptr : syncInterceptors_.data();
  config_.baseUrl = baseUrl_.empty() ? nullptr : baseUrl_.c_str();
  config_.headers = headers_.get();
  config_.cookies = cookies_.get();
  config_.requestConfiguration = requestConfiguration_ ? requestConfiguration_->get() : nullptr;
  return core::kOk;
}

core::SessionOptions SessionConfigurationCopy::sessionOptions() const {
  core::SessionOptions options;
  const Rcp_ConnectionConfiguration& connections = config_.connectionConfiguration;
  if (connections.maxConnectionsPerHost > 0) {
    options.maxConnectionsPerHost = connections.maxConnectionsPerHost;
  }
  if (connections.maxTotalConnections > 0) {
    options.maxTotalConnections = connections.maxTotalConnections;
  }
  options.maxIdleConnections = connections.maxCacheConnections;
  return options;
}

}  // namespace rcp::capi
