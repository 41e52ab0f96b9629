// One level of request configuration, and the one rule that stacks levels
// into the options a request runs with.
//
// A request runs with its own configuration over its session's
// requestConfiguration over the kit's defaults. Each level is a
// ConfigurationLayer: a member that is set wins over the levels below it; a
// member that is not set inherits. Groups that only make sense together (the
// server validation with its CA, a client certificate with its key, a proxy
// with its exclusions, the DNS rules) are taken whole from one level.
//
// The API layers only translate their types into layers:
//  - ArkTS: a member the application left out (or set to null) is not set.
//  - C: a struct cannot leave a member out, so every member is set, except the
//    numbers the kit documents as "0 = the default" (timeouts, redirect and
//    body limits), which are not set when 0. A request's Rcp_Configuration
//    therefore replaces the session's in all but those numbers and the two
//    members a layer has no "off" value for (a credential without a username,
//    a DNS-over-HTTPS URL that is empty), which are not set either.
//
// Tracing: verbose and infoToCollect are two members, stacked one by one. The
// kit documents them as two members with their own defaults (false, nothing),
// verbose turning itself on when infoToCollect selects something; rcplib
// collects what infoToCollect selects whether or not verbose is set, so a
// request may ask for debug information without changing its session's
// logging, or the other way round. infoToCollect is one member, its flags
// together: the kit's InfoToCollect is one object whose flags default to
// false, so a level that gives one replaces the whole selection below it
// ({ incomingHeader: true } over a session's { textual: true } collects only
// incoming headers).
//
// TCP: tcp is one group, taken whole from one level. The kit's
// TcpConfiguration is one object whose members have their own defaults
// (keepIdleSec 7200, keepIntervalSec 75, keepCnt 9, userTimeoutMs the
// transfer timeout) and whose keep-alive probing starts when any of its three
// keep-alive members is given, so a level that gives a TcpConfiguration
// replaces the one below it ({ keepCnt: 3 } over a session's
// { keepIdleSec: 10 } probes after 7200 s, 3 times).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "request.h"

namespace rcp::core {

// The largest body cap a layer may ask for: 2^53 - 1, the largest integer an
// ArkTS number holds exactly.
constexpr uint64_t kMaxBodyBytesLimit = 9007199254740991ULL;

// How a per-request function (ProxySetting::useProxyFor, DnsRules::dynamicRule)
// says it could not answer: it sets a code other than 0 (an errors.h code)
// with a message, and the request fails with them instead of being sent. A
// function that leaves it alone answered.
struct RuleFailure {
  uint32_t code = 0;
  std::string detail;
};

// The ranges of the kit's TcpConfiguration members (each starts at 1).
constexpr uint32_t kMaxTcpKeepIdleSec = 7200;
constexpr uint32_t kMaxTcpKeepIntervalSec = 75;
constexpr uint32_t kMaxTcpKeepCount = 9;
constexpr uint32_t kMaxTcpUserTimeoutMs = 3600000;

struct ConfigurationLayer {
  // Transfer. Timeouts are milliseconds up to kMaxTimeoutMs; 0 = no limit.
  std::optional<uint32_t> connectTimeoutMs;
  std::optional<uint32_t> transferTimeoutMs;
  std::optional<uint32_t> inactivityTimeoutMs;
  std::optional<bool> autoRedirect;
  std::optional<uint32_t> maxRedirects;  // 1..kMaxTimeoutMs
  std::optional<uint64_t> maxBodyBytes;  // 0..kMaxBodyBytesLimit
  std::optional<RequestOptions::HttpVersion> httpVersion;
  std::optional<bool> decodeContent;
  struct Tcp {
    std::optional<uint32_t> keepIdleSec;      // 1..kMaxTcpKeepIdleSec
    std::optional<uint32_t> keepIntervalSec;  // 1..kMaxTcpKeepIntervalSec
    std::optional<uint32_t> keepCount;        // 1..kMaxTcpKeepCount
    std::optional<uint32_t> userTimeoutMs;    // 1..kMaxTcpUserTimeoutMs
  };
  std::optional<Tcp> tcp;

  // Security
  struct ServerValidation {
    RequestOptions::Validation kind = RequestOptions::Validation::System;
    std::string caContent;  // CustomCa: PEM text, a file or a folder (at least one)
    std::string caFile;
    std::string caFolder;
  };
  std::optional<ServerValidation> serverValidation;
  struct ClientCertificate {
    std::string content;  // PEM text, or
    std::string file;     // a path
    std::string type;     // "PEM", "DER", "P12", or empty for PEM
    std::string key;      // path or PEM text
    std::string keyPassword;
  };
  std::optional<ClientCertificate> clientCertificate;
  struct Authentication {
    std::string user;
    std::string password;
    RequestOptions::AuthType type = RequestOptions::AuthType::Auto;
  };
  std::optional<Authentication> authentication;
  // SHA-256 hashes of pinned public keys, base64, without the "sha256//" prefix.
  std::optional<std::vector<std::string>> pinnedKeyHashes;
  std::optional<bool> forbidCleartext;

  // Proxy
  struct ProxySetting {
    RequestOptions::Proxy kind = RequestOptions::Proxy::System;
    std::string url;  // Custom: the proxy's URL
    bool tunnelAlways = false;
    // Hosts that bypass the proxy, each a host name or a URL (its host is used).
    std::vector<std::string> exclusions;
    // Asked with the request's URL when it is sent; false = no proxy for it
    // (the C API's exclusion function, the ArkTS DynamicExclusionRule).
    // Empty = not asked.
    std::function<bool(const std::string& url, RuleFailure* failure)> useProxyFor;
  };
  std::optional<ProxySetting> proxy;

  // DNS
  struct DnsRules {
    std::vector<DnsServer> servers;
    std::vector<StaticDnsRule> staticRules;
    // Asked with the request's host and port when it is sent; returns the
    // addresses to use (none = resolve normally). Empty = not asked.
    std::function<std::vector<std::string>(const std::string& host, uint16_t port, RuleFailure* failure)> dynamicRule;
  };
  std::optional<DnsRules> dnsRules;
  // The kit's happyEyeballOnDnsRule, stacked alone (its own member with its
  // own default, false): whether every address the static DNS rules give a
  // host is tried, or only the last one.
  std::optional<bool> happyEyeballs;
  struct DnsOverHttps {
    std::string url;
    bool skipVerify = false;
  };
  std::optional<DnsOverHttps> dnsOverHttps;

  // Tracing
  std::optional<bool> collectTimeInfo;
  std::optional<bool> verbose;
  std::optional<uint32_t> infoToCollect;  // debugKindBit()s (http_types.h); 0 = nothing
};

// Checks the values of one level: ranges, required parts, IP literals.
// Returns kOk, kParameterError or kBadDnsRule (an address that is not an IP
// literal), with a message naming the member in *detail.
uint32_t checkConfigurationLayer(const ConfigurationLayer& layer, std::string* detail);

// The per-request functions of the levels that won (see ProxySetting and
// DnsRules); the request builder calls them with the request's URL.
struct PerRequestRules {
  std::function<bool(const std::string& url, RuleFailure* failure)> useProxyFor;
  std::function<std::vector<std::string>(const std::string& host, uint16_t port, RuleFailure* failure)> dynamicDns;
};

// The options of `own` over `inherited` over the defaults of RequestOptions.
// Either may be null. Both must have passed checkConfigurationLayer. Proxy
// exclusions given as URLs become their hosts. `rules`, if not null, receives
// the per-request functions of the winning levels.
void resolveOptions(const ConfigurationLayer* own, const ConfigurationLayer* inherited, RequestOptions* out,
                    PerRequestRules* rules = nullptr);

// The host of a proxy exclusion: the entry itself, or the host of a URL
// ("http://example.com:80/" gives "example.com"). Returns false for a URL
// without a host.
bool exclusionHost(const std::string& entry, std::string* host);

// Host and port of an absolute http(s) URL ("[::1]" gives "::1"; the port
// defaults to the scheme's). Returns false when there is no host.
bool urlHostAndPort(const std::string& url, std::string* host, uint16_t* port);

// True when `text` is an IPv4 or IPv6 address literal (no brackets).
bool isIpLiteral(const std::string& text);

}  // namespace rcp::core
