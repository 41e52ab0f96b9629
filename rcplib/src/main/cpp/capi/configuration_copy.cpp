// Deep copy of the C configuration structs into objects that own every string and list they point to.
#include "capi/configuration_copy.h"

#include <cstring>

#include "capi/c_enum.h"
#include "capi/c_text.h"
#include "capi/configuration.h"
#include "capi/objects.h"
#include "core/errors.h"

namespace rcp::capi {
namespace {

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
      return copyChain(
          source.dnsConfiguration.dnsRules->data.dnsServers, &dnsServers_, &rule.data.dnsServers,
          [](Rcp_DnsServers* node) { return hasNul(node->ipAndPort.ip) ? core::kOk : core::kParameterError; });
    case RCP_DNS_RULE_STATIC:
      return copyChain(source.dnsConfiguration.dnsRules->data.staticDnsRule, &staticRules_, &rule.data.staticDnsRule,
                       [this](Rcp_StaticDnsRule* node) {
                         if (!hasNul(node->staticDnsRule.host)) {
                           return core::kParameterError;
                         }
                         return copyChain(node->staticDnsRule.ipAddresses, &addresses_,
                                          &node->staticDnsRule.ipAddresses, [](Rcp_IpAddress* address) {
                                            return hasNul(address->ipAddress) ? core::kOk : core::kParameterError;
                                          });
                       });
    default:
      // Dynamic rules are a function pointer; unknown types are rejected by toConfigurationLayer.
      return core::kOk;
  }
}

// ---------------------------------------------------------------------------
// SessionConfigurationCopy

// Rcp_Response always carries timeInfo, so every fetch of a C API session collects it.
SessionConfigurationCopy::SessionConfigurationCopy() { defaults_.alwaysCollectTimeInfo = true; }

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
    defaults_.baseUrl = source.baseUrl;
  }
  if (source.headers != nullptr) {
    headers_ = cloneHeaders(*source.headers);
    defaults_.headers = headerList(*headers_);
  }
  if (source.cookies != nullptr) {
    cookies_ = cloneRequestCookies(*source.cookies);
    defaults_.cookies = cookieList(*cookies_);
  }
  std::string detail;  // the C API answers with codes only
  if (core::checkSessionDefaults(defaults_, &detail) != core::kOk) {
    return core::kParameterError;
  }
  if (source.requestConfiguration != nullptr) {
    core::ConfigurationLayer layer;
    // Rcp_CreateSession documents 401 for any invalid configuration.
    if (ConfigurationCopy::create(*source.requestConfiguration, &requestConfiguration_) != core::kOk ||
        toConfigurationLayer(requestConfiguration_->value(), &layer) != core::kOk) {
      return core::kParameterError;
    }
    requestLayer_ = std::move(layer);
  }
  const Rcp_ConnectionConfiguration& connections = source.connectionConfiguration;
  if (connections.maxConnectionsPerHost < 0 || connections.maxTotalConnections < 0 ||
      connections.maxCacheConnections < 0) {
    return core::kParameterError;
  }

  config_ = source;
  config_.interceptors.interceptors = interceptors_.empty() ? nullptr : interceptors_.data();
  config_.syncInterceptors.interceptors = syncInterceptors_.empty() ? nullptr : syncInterceptors_.data();
  config_.baseUrl = defaults_.baseUrl.empty() ? nullptr : defaults_.baseUrl.c_str();
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
