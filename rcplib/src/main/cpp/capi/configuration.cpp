// Translation of an Rcp_Configuration into a core::ConfigurationLayer.
#include "capi/configuration.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "capi/c_enum.h"
#include "capi/c_text.h"
#include "capi/objects.h"
#include "core/errors.h"

namespace rcp::capi {
namespace {

using Layer = core::ConfigurationLayer;
using Options = core::RequestOptions;

std::string textOf(const char* text) { return text == nullptr ? std::string() : std::string(text); }

// "0 = the default": not set, so the level below (or the default) applies.
std::optional<uint32_t> unlessZero(uint32_t value) {
  return value != 0 ? std::optional<uint32_t>(value) : std::nullopt;
}

// Copies an application-owned address list. Returns kParameterError for an
// over-long or cyclic list or an entry without a NUL.
uint32_t addressesOf(const Rcp_IpAddress* head, std::vector<std::string>* out) {
  size_t count = 0;
  for (const Rcp_IpAddress* node = head; node != nullptr; node = node->next) {
    if (++count > kMaxListLength || !hasNul(node->ipAddress)) {
      return core::kParameterError;
    }
    out->emplace_back(node->ipAddress);
  }
  return core::kOk;
}

uint32_t translateTransfer(const Rcp_TransferConfiguration& transfer, Layer* out) {
  out->connectTimeoutMs = unlessZero(transfer.timeout.connectMs);
  out->transferTimeoutMs = unlessZero(transfer.timeout.transferMs);
  out->inactivityTimeoutMs = unlessZero(transfer.timeout.inactivityMs);
  // Any uint32_t is a redirect limit in C; one above the rule set's largest
  // means the same as the largest (no fetch follows 2^31 redirects).
  out->maxRedirects = unlessZero(std::min(transfer.maxAutoRedirects, core::kMaxTimeoutMs));
  if (transfer.maxBodySize != 0) {
    out->maxBodyBytes = transfer.maxBodySize;
  }
  out->autoRedirect = transfer.autoRedirect;
  out->forbidCleartext = transfer.forbidCleartext;
  out->decodeContent = !transfer.disableContentDecoding;
  switch (rawEnum(transfer.httpVersion)) {
    case RCP_HTTP_VERSION_AUTO: out->httpVersion = Options::HttpVersion::Auto; return core::kOk;
    case RCP_HTTP_VERSION_1_1: out->httpVersion = Options::HttpVersion::Http1Only; return core::kOk;
    case RCP_HTTP_VERSION_2_PRIOR_KNOWLEDGE:
      out->httpVersion = Options::HttpVersion::Http2PriorKnowledge;
      return core::kOk;
  }
  return core::kParameterError;
}

// Both members set, as every member of a C struct: a request's all-false
// infoToCollect replaces its session's selection.
void translateTracing(const Rcp_TracingConfiguration& tracing, Layer* out) {
  using core::DebugKind;
  using core::debugKindBit;
  const Rcp_InfoToCollect& info = tracing.infoToCollect;
  uint32_t kinds = 0;
  kinds |= info.textual ? debugKindBit(DebugKind::Text) : 0;
  kinds |= info.incomingHeader ? debugKindBit(DebugKind::HeaderIn) : 0;
  kinds |= info.outgoingHeader ? debugKindBit(DebugKind::HeaderOut) : 0;
  kinds |= info.incomingData ? debugKindBit(DebugKind::DataIn) : 0;
  kinds |= info.outgoingData ? debugKindBit(DebugKind::DataOut) : 0;
  kinds |= info.incomingSslData ? debugKindBit(DebugKind::SslDataIn) : 0;
  kinds |= info.outgoingSslData ? debugKindBit(DebugKind::SslDataOut) : 0;
  out->infoToCollect = kinds;
  out->verbose = tracing.verbose;
}

uint32_t translateSecurity(const Rcp_SecurityConfiguration& security, Layer* out) {
  Layer::ServerValidation validation;
  switch (rawEnum(security.remoteValidationType)) {
    case RCP_REMOTE_VALIDATION_SYSTEM: validation.kind = Options::Validation::System; break;
    case RCP_REMOTE_VALIDATION_SKIP: validation.kind = Options::Validation::Skip; break;
    case RCP_REMOTE_VALIDATION_CERTIFICATE_AUTHORITY:
      validation.kind = Options::Validation::CustomCa;
      validation.caContent = textOf(security.certificateAuthority.content);
      validation.caFile = textOf(security.certificateAuthority.filePath);
      validation.caFolder = textOf(security.certificateAuthority.folderPath);
      break;
    default: return core::kParameterError;
  }
  out->serverValidation = std::move(validation);

  // Without content or a file: set, and empty (no client certificate).
  const Rcp_ClientCertificate& certificate = security.certificate;
  Layer::ClientCertificate client;
  client.content = textOf(certificate.content);
  client.file = textOf(certificate.filePath);
  if (!client.content.empty() || !client.file.empty()) {
    switch (rawEnum(certificate.type)) {
      case RCP_CERT_PEM: client.type = "PEM"; break;
      case RCP_CERT_DER: client.type = "DER"; break;
      case RCP_CERT_P12: client.type = "P12"; break;
      default: return core::kParameterError;
    }
    client.key = textOf(certificate.key);
    client.keyPassword = textOf(certificate.keyPassword);
  }
  out->clientCertificate = std::move(client);

  const Rcp_ServerAuthentication& auth = security.serverAuthentication;
  if (auth.credential.username == nullptr || *auth.credential.username == '\0') {
    return core::kOk;  // no credential: not set
  }
  Layer::Authentication authentication{auth.credential.username, textOf(auth.credential.password),
                                       Options::AuthType::Auto};
  switch (rawEnum(auth.authenticationType)) {
    case RCP_AUTHENTICATION_AUTO: authentication.type = Options::AuthType::Auto; break;
    case RCP_AUTHENTICATION_BASIC: authentication.type = Options::AuthType::Basic; break;
    case RCP_AUTHENTICATION_NTLM: authentication.type = Options::AuthType::Ntlm; break;
    case RCP_AUTHENTICATION_DIGEST: authentication.type = Options::AuthType::Digest; break;
    default: return core::kParameterError;
  }
  out->authentication = std::move(authentication);
  return core::kOk;
}

uint32_t translateProxy(const Rcp_ProxyConfiguration& proxy, Layer* out) {
  Layer::ProxySetting setting;
  switch (rawEnum(proxy.proxyType)) {
    case RCP_PROXY_SYSTEM: setting.kind = Options::Proxy::System; break;
    case RCP_PROXY_NO_PROXY: setting.kind = Options::Proxy::None; break;
    case RCP_PROXY_CUSTOM: setting.kind = Options::Proxy::Custom; break;
    default: return core::kParameterError;
  }
  if (setting.kind != Options::Proxy::Custom) {
    out->proxy = std::move(setting);  // customProxy is not read
    return core::kOk;
  }
  const Rcp_WebProxy& custom = proxy.customProxy;
  setting.url = textOf(custom.url);
  switch (rawEnum(custom.createTunnel)) {
    case RCP_PROXY_TUNNEL_AUTO: setting.tunnelAlways = false; break;
    case RCP_PROXY_TUNNEL_ALWAYS: setting.tunnelAlways = true; break;
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
          setting.exclusions.emplace_back(node->url);
        }
      }
      break;
    }
    case RCP_EXCLUSION_USE_CALLBACK:
      if (Rcp_ExclusionFunction useProxy = custom.exclusions.data.exclusionFunction) {
        setting.useProxyFor = [useProxy](const std::string& url, core::RuleFailure*) { return useProxy(url.c_str()); };
      }
      break;
    default: return core::kParameterError;
  }
  out->proxy = std::move(setting);
  return core::kOk;
}

uint32_t translateDns(const Rcp_DnsConfiguration& dns, Layer* out) {
  if (dns.dnsOverHttps.url != nullptr && *dns.dnsOverHttps.url != '\0') {
    out->dnsOverHttps = Layer::DnsOverHttps{dns.dnsOverHttps.url, dns.dnsOverHttps.skipCertificatesValidation};
  }
  Layer::DnsRules rules;  // none: the system resolver
  if (dns.dnsRules != nullptr) {
    const Rcp_DnsRule& rule = *dns.dnsRules;
    size_t count = 0;
    switch (rawEnum(rule.type)) {
      case RCP_DNS_RULE_DNS_SERVERS:
        for (const Rcp_DnsServers* node = rule.data.dnsServers; node != nullptr; node = node->next) {
          if (++count > kMaxListLength || !hasNul(node->ipAndPort.ip)) {
            return core::kParameterError;
          }
          rules.servers.push_back(core::DnsServer{node->ipAndPort.ip, node->ipAndPort.port});
        }
        break;
      case RCP_DNS_RULE_STATIC:
        for (const Rcp_StaticDnsRule* node = rule.data.staticDnsRule; node != nullptr; node = node->next) {
          const Rcp_StaticDnsRuleItem& item = node->staticDnsRule;
          if (++count > kMaxListLength || !hasNul(item.host)) {
            return core::kParameterError;
          }
          core::StaticDnsRule translated{item.host, item.port, {}};
          const uint32_t code = addressesOf(item.ipAddresses, &translated.addresses);
          if (code != core::kOk) {
            return code;
          }
          rules.staticRules.push_back(std::move(translated));
        }
        break;
      case RCP_DNS_RULE_DYNAMIC:
        if (Rcp_DynamicDnsRuleFunction dynamic = rule.data.dynamicDnsRule) {
          rules.dynamicRule = [dynamic](const std::string& host, uint16_t port, core::RuleFailure*) {
            std::vector<std::string> addresses;
            if (addressesOf(dynamic(host.c_str(), port), &addresses) != core::kOk) {
              // An answer that cannot be read is no address: the fetch fails with kBadDnsRule.
              return std::vector<std::string>{std::string()};
            }
            return addresses;
          };
        }
        break;
      default: return core::kParameterError;
    }
  }
  out->dnsRules = std::move(rules);
  return core::kOk;
}

}  // namespace

uint32_t toConfigurationLayer(const Rcp_Configuration& config, core::ConfigurationLayer* out) {
  *out = core::ConfigurationLayer{};
  uint32_t code = translateTransfer(config.transferConfiguration, out);
  translateTracing(config.tracingConfiguration, out);
  if (code == core::kOk) {
    code = translateSecurity(config.securityConfiguration, out);
  }
  if (code == core::kOk) {
    code = translateProxy(config.proxyConfiguration, out);
  }
  if (code == core::kOk) {
    code = translateDns(config.dnsConfiguration, out);
  }
  if (code == core::kOk) {
    std::string detail;  // the C API answers with codes only
    code = core::checkConfigurationLayer(*out, &detail);
  }
  return code;
}

}  // namespace rcp::capi
