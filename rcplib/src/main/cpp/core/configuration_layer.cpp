#include "configuration_layer.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstdlib>

#include "errors.h"

namespace rcp::core {
namespace {

bool hasNul(const std::string& text) { return text.find('\0') != std::string::npos; }

uint32_t fail(uint32_t code, const char* message, std::string* detail) {
  if (detail != nullptr) *detail = message;
  return code;
}

// The value of the first level that sets it, else `fallback`.
template <typename T>
const T& pick(const std::optional<T>* own, const std::optional<T>* inherited, const T& fallback) {
  if (own != nullptr && own->has_value()) return **own;
  if (inherited != nullptr && inherited->has_value()) return **inherited;
  return fallback;
}

// The group of the first level that sets it, else null.
template <typename T>
const T* pickGroup(const std::optional<T>* own, const std::optional<T>* inherited) {
  if (own != nullptr && own->has_value()) return &**own;
  if (inherited != nullptr && inherited->has_value()) return &**inherited;
  return nullptr;
}

uint32_t checkTransfer(const ConfigurationLayer& layer, std::string* detail) {
  if ((layer.connectTimeoutMs && *layer.connectTimeoutMs > kMaxTimeoutMs) ||
      (layer.transferTimeoutMs && *layer.transferTimeoutMs > kMaxTimeoutMs) ||
      (layer.inactivityTimeoutMs && *layer.inactivityTimeoutMs > kMaxTimeoutMs)) {
    return fail(kParameterError, "a timeout must be an integer in 0..2147483647 milliseconds", detail);
  }
  if (layer.maxRedirects && (*layer.maxRedirects < 1 || *layer.maxRedirects > kMaxTimeoutMs)) {
    return fail(kParameterError, "transfer.maxAutoRedirects must be an integer in 1..2147483647", detail);
  }
  if (layer.maxBodyBytes && *layer.maxBodyBytes > kMaxBodyBytesLimit) {
    return fail(kParameterError, "transfer.maxBodySize must be an integer in 0..9007199254740991", detail);
  }
  if (const auto& tcp = layer.tcp) {
    auto outside = [](const std::optional<uint32_t>& v, uint32_t max) { return v && (*v < 1 || *v > max); };
    if (outside(tcp->keepIdleSec, kMaxTcpKeepIdleSec)) {
      return fail(kParameterError, "transfer.tcp.keepIdleSec must be an integer in 1..7200", detail);
    }
    if (outside(tcp->keepIntervalSec, kMaxTcpKeepIntervalSec)) {
      return fail(kParameterError, "transfer.tcp.keepIntervalSec must be an integer in 1..75", detail);
    }
    if (outside(tcp->keepCount, kMaxTcpKeepCount)) {
      return fail(kParameterError, "transfer.tcp.keepCnt must be an integer in 1..9", detail);
    }
    if (outside(tcp->userTimeoutMs, kMaxTcpUserTimeoutMs)) {
      return fail(kParameterError, "transfer.tcp.userTimeoutMs must be an integer in 1..3600000", detail);
    }
  }
  return kOk;
}

uint32_t checkTracing(const ConfigurationLayer& layer, std::string* detail) {
  if (layer.infoToCollect && (*layer.infoToCollect & ~kAllDebugKinds) != 0) {
    return fail(kParameterError, "tracing.infoToCollect selects a kind of debug information rcplib does not know",
                detail);
  }
  return kOk;
}

uint32_t checkSecurity(const ConfigurationLayer& layer, std::string* detail) {
  if (const auto& v = layer.serverValidation; v && v->kind == RequestOptions::Validation::CustomCa) {
    if (v->caContent.empty() && v->caFile.empty() && v->caFolder.empty()) {
      return fail(kParameterError, "a CertificateAuthority needs content, filePath or folderPath", detail);
    }
    if (hasNul(v->caFile) || hasNul(v->caFolder)) {
      return fail(kParameterError, "a CertificateAuthority path holds a NUL character", detail);
    }
  }
  if (const auto& c = layer.clientCertificate) {
    if (!c->type.empty() && c->type != "PEM" && c->type != "DER" && c->type != "P12") {
      return fail(kParameterError, "certificate.type must be 'PEM', 'DER' or 'P12'", detail);
    }
    if (hasNul(c->file) || hasNul(c->key) || hasNul(c->keyPassword)) {
      return fail(kParameterError, "a client certificate path, key or password holds a NUL character", detail);
    }
  }
  if (const auto& a = layer.authentication) {
    if (a->user.empty() || hasNul(a->user) || hasNul(a->password)) {
      return fail(kParameterError, "serverAuthentication.credential needs a username and a password without NUL",
                  detail);
    }
  }
  if (const auto& pins = layer.pinnedKeyHashes) {
    for (const std::string& hash : *pins) {
      if (hash.empty() || hash.find_first_of(";\r\n") != std::string::npos || hasNul(hash)) {
        return fail(kParameterError, "a pinned public key needs a base64 SHA-256 hash", detail);
      }
    }
  }
  return kOk;
}

uint32_t checkProxy(const ConfigurationLayer::ProxySetting& proxy, std::string* detail) {
  if (proxy.kind != RequestOptions::Proxy::Custom) return kOk;
  if (proxy.url.empty() || hasNul(proxy.url)) {
    return fail(kParameterError, "a custom proxy needs a URL", detail);
  }
  for (const std::string& entry : proxy.exclusions) {
    std::string host;
    if (hasNul(entry) || entry.find(',') != std::string::npos || !exclusionHost(entry, &host)) {
      return fail(kParameterError, "a proxy exclusion must be a host name or a URL with a host", detail);
    }
  }
  return kOk;
}

uint32_t checkDns(const ConfigurationLayer& layer, std::string* detail) {
  if (const auto& rules = layer.dnsRules) {
    for (const DnsServer& server : rules->servers) {
      if (server.ip.empty()) return fail(kParameterError, "a DNS server needs an ip", detail);
      if (!isIpLiteral(server.ip)) return fail(kBadDnsRule, "a DNS server's ip must be an IP address", detail);
    }
    for (const StaticDnsRule& rule : rules->staticRules) {
      if (rule.host.empty() || hasNul(rule.host) || rule.host.find_first_of(":,") != std::string::npos ||
          rule.port == 0 || rule.addresses.empty()) {
        return fail(kParameterError, "a static DNS rule needs a host, a port (1..65535) and at least one address",
                    detail);
      }
      for (const std::string& address : rule.addresses) {
        if (!isIpLiteral(address)) {
          return fail(kBadDnsRule, "a static DNS rule's addresses must be IP addresses", detail);
        }
      }
    }
  }
  if (const auto& doh = layer.dnsOverHttps) {
    if (doh->url.empty() || hasNul(doh->url)) return fail(kParameterError, "dnsOverHttps needs a URL", detail);
  }
  return kOk;
}

}  // namespace

bool isIpLiteral(const std::string& text) {
  in_addr v4{};
  in6_addr v6{};
  return !hasNul(text) && (inet_pton(AF_INET, text.c_str(), &v4) == 1 || inet_pton(AF_INET6, text.c_str(), &v6) == 1);
}

bool urlHostAndPort(const std::string& url, std::string* host, uint16_t* port) {
  const size_t schemeEnd = url.find("://");
  if (schemeEnd == std::string::npos) return false;
  const bool https = schemeEnd == 5 && (url[4] == 's' || url[4] == 'S');
  const size_t authorityStart = schemeEnd + 3;
  const size_t authorityEnd = url.find_first_of("/?#", authorityStart);
  std::string authority =
      url.substr(authorityStart, authorityEnd == std::string::npos ? std::string::npos : authorityEnd - authorityStart);
  const size_t at = authority.rfind('@');
  if (at != std::string::npos) authority.erase(0, at + 1);
  std::string portText;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string::npos) return false;
    *host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') portText = authority.substr(close + 2);
  } else {
    const size_t colon = authority.rfind(':');
    *host = authority.substr(0, colon);
    if (colon != std::string::npos) portText = authority.substr(colon + 1);
  }
  unsigned long value = https ? 443 : 80;
  if (!portText.empty()) {
    if (portText.size() > 5 || portText.find_first_not_of("0123456789") != std::string::npos) return false;
    value = std::strtoul(portText.c_str(), nullptr, 10);
    if (value > 65535) return false;
  }
  *port = static_cast<uint16_t>(value);
  return !host->empty();
}

bool exclusionHost(const std::string& entry, std::string* host) {
  uint16_t port = 0;
  if (entry.find("://") == std::string::npos) {
    *host = entry;
  } else if (!urlHostAndPort(entry, host, &port)) {
    return false;
  }
  // A host name, an IPv4 address or an IPv6 address (bracketed when bare); a
  // leading '.' or '*' matches subdomains, as libcurl's no-proxy list reads it.
  for (const char c : *host) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                         c == '-' || c == '_' || c == ':' || c == '[' || c == ']' || c == '*' || c == '%';
    if (!allowed) return false;
  }
  return !host->empty();
}

uint32_t checkConfigurationLayer(const ConfigurationLayer& layer, std::string* detail) {
  uint32_t code = checkTransfer(layer, detail);
  if (code == kOk) code = checkTracing(layer, detail);
  if (code == kOk) code = checkSecurity(layer, detail);
  if (code == kOk && layer.proxy) code = checkProxy(*layer.proxy, detail);
  if (code == kOk) code = checkDns(layer, detail);
  return code;
}

void resolveOptions(const ConfigurationLayer* own, const ConfigurationLayer* inherited, RequestOptions* out,
                    PerRequestRules* rules) {
  using Layer = ConfigurationLayer;
  const RequestOptions defaults;
  *out = RequestOptions{};
  // The member `m` of each level, or null when the level is missing.
  auto member = [](const Layer* layer, auto Layer::*m) { return layer == nullptr ? nullptr : &(layer->*m); };
  auto value = [&](auto Layer::*m, const auto& fallback) {
    return pick(member(own, m), member(inherited, m), fallback);
  };

  out->connectTimeoutMs = value(&Layer::connectTimeoutMs, defaults.connectTimeoutMs);
  out->transferTimeoutMs = value(&Layer::transferTimeoutMs, defaults.transferTimeoutMs);
  out->inactivityTimeoutMs = value(&Layer::inactivityTimeoutMs, defaults.inactivityTimeoutMs);
  out->autoRedirect = value(&Layer::autoRedirect, defaults.autoRedirect);
  out->maxRedirects = value(&Layer::maxRedirects, defaults.maxRedirects);
  out->maxBodyBytes = static_cast<size_t>(value(&Layer::maxBodyBytes, static_cast<uint64_t>(defaults.maxBodyBytes)));
  out->httpVersion = value(&Layer::httpVersion, defaults.httpVersion);
  out->decodeContent = value(&Layer::decodeContent, defaults.decodeContent);
  out->forbidCleartext = value(&Layer::forbidCleartext, defaults.forbidCleartext);
  out->collectTimeInfo = value(&Layer::collectTimeInfo, false);
  out->verbose = value(&Layer::verbose, defaults.verbose);
  out->debugKinds = value(&Layer::infoToCollect, defaults.debugKinds);
  out->happyEyeballs = value(&Layer::happyEyeballs, defaults.happyEyeballs);

  if (const Layer::Tcp* tcp = pickGroup(member(own, &Layer::tcp), member(inherited, &Layer::tcp))) {
    out->tcpSet = true;
    out->tcpKeepAlive = tcp->keepIdleSec || tcp->keepIntervalSec || tcp->keepCount;
    out->tcpKeepIdleSec = tcp->keepIdleSec.value_or(defaults.tcpKeepIdleSec);
    out->tcpKeepIntervalSec = tcp->keepIntervalSec.value_or(defaults.tcpKeepIntervalSec);
    out->tcpKeepCount = tcp->keepCount.value_or(defaults.tcpKeepCount);
    // The kit's default is the transfer timeout (0 = no limit: the OS default).
    out->tcpUserTimeoutMs = tcp->userTimeoutMs.value_or(out->transferTimeoutMs);
  }
  if (const Layer::ServerValidation* v =
          pickGroup(member(own, &Layer::serverValidation), member(inherited, &Layer::serverValidation))) {
    out->validation = v->kind;
    if (v->kind == RequestOptions::Validation::CustomCa) {
      out->caContent = v->caContent;
      out->caFile = v->caFile;
      out->caFolder = v->caFolder;
    }
  }
  if (const Layer::ClientCertificate* c =
          pickGroup(member(own, &Layer::clientCertificate), member(inherited, &Layer::clientCertificate))) {
    out->clientCertContent = c->content;
    out->clientCertFile = c->file;
    out->clientCertType = c->type;
    out->clientKey = c->key;
    out->clientKeyPassword = c->keyPassword;
  }
  if (const Layer::Authentication* a =
          pickGroup(member(own, &Layer::authentication), member(inherited, &Layer::authentication))) {
    out->authUser = a->user;
    out->authPassword = a->password;
    out->authType = a->type;
  }
  if (const std::vector<std::string>* pins =
          pickGroup(member(own, &Layer::pinnedKeyHashes), member(inherited, &Layer::pinnedKeyHashes))) {
    out->pinnedPublicKeys.reserve(pins->size());
    for (const std::string& hash : *pins) out->pinnedPublicKeys.push_back("sha256//" + hash);
  }
  if (const Layer::ProxySetting* p = pickGroup(member(own, &Layer::proxy), member(inherited, &Layer::proxy))) {
    out->proxy = p->kind;
    if (p->kind == RequestOptions::Proxy::Custom) {
      out->proxyUrl = p->url;
      out->proxyTunnelAlways = p->tunnelAlways;
      for (const std::string& entry : p->exclusions) {
        std::string host;
        if (exclusionHost(entry, &host)) out->proxyExclusions.push_back(std::move(host));
      }
      if (rules != nullptr) rules->useProxyFor = p->useProxyFor;
    }
  }
  if (const Layer::DnsRules* d = pickGroup(member(own, &Layer::dnsRules), member(inherited, &Layer::dnsRules))) {
    out->dnsServers = d->servers;
    out->staticDns = d->staticRules;
    if (rules != nullptr) rules->dynamicDns = d->dynamicRule;
  }
  if (const Layer::DnsOverHttps* doh =
          pickGroup(member(own, &Layer::dnsOverHttps), member(inherited, &Layer::dnsOverHttps))) {
    out->dohUrl = doh->url;
    out->dohSkipVerify = doh->skipVerify;
  }
}

}  // namespace rcp::core
