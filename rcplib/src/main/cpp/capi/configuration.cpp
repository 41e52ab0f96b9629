// Conversion of an Rcp_Configuration into the engine's core::RequestOptions.
#include "capi/configuration.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstdlib>

#include "capi/c_enum.h"
#include "capi/c_text.h"
#include "capi/objects.h"
#include "core/errors.h"
#include "core/validation.h"

namespace rcp::capi {
namespace {

std::string textOf(const char* text) { return text == nullptr ? std::string() : std::string(text); }

bool isIpLiteral(const std::string& text) {
  in_addr v4{};
  in6_addr v6{};
  return inet_pton(AF_INET, text.c_str(), &v4) == 1 || inet_pton(AF_INET6, text.c_str(), &v6) == 1;
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
  std::string authority =
      url.substr(authorityStart, authorityEnd == std::string::npos ? std::string::npos : authorityEnd - authorityStart);
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

core::DnsServer dnsServerOf(const Rcp_IpAndPort& server) { return core::DnsServer{server.ip, server.port}; }

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
    case RCP_HTTP_VERSION_AUTO: out->httpVersion = core::RequestOptions::HttpVersion::Auto; break;
    case RCP_HTTP_VERSION_1_1: out->httpVersion = core::RequestOptions::HttpVersion::Http1Only; break;
    case RCP_HTTP_VERSION_2_PRIOR_KNOWLEDGE:
      out->httpVersion = core::RequestOptions::HttpVersion::Http2PriorKnowledge;
      break;
    default: return core::kParameterError;
  }
  out->forbidCleartext = transfer.forbidCleartext;
  out->decodeContent = !transfer.disableContentDecoding;
  return core::kOk;
}

uint32_t convertSecurity(const Rcp_SecurityConfiguration& security, core::RequestOptions* out) {
  switch (rawEnum(security.remoteValidationType)) {
    case RCP_REMOTE_VALIDATION_SYSTEM: out->validation = core::RequestOptions::Validation::System; break;
    case RCP_REMOTE_VALIDATION_SKIP: out->validation = core::RequestOptions::Validation::Skip; break;
    case RCP_REMOTE_VALIDATION_CERTIFICATE_AUTHORITY:
      out->validation = core::RequestOptions::Validation::CustomCa;
      out->caContent = textOf(security.certificateAuthority.content);
      out->caFile = textOf(security.certificateAuthority.filePath);
      out->caFolder = textOf(security.certificateAuthority.folderPath);
      break;
    default: return core::kParameterError;
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
    case RCP_PROXY_SYSTEM: out->proxy = core::RequestOptions::Proxy::System; return core::kOk;
    case RCP_PROXY_NO_PROXY: out->proxy = core::RequestOptions::Proxy::None; return core::kOk;
    case RCP_PROXY_CUSTOM: break;
    default: return core::kParameterError;
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
        out->dnsServers.push_back(dnsServerOf(node->ipAndPort));
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

}  // namespace rcp::capi
