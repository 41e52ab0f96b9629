// compileOptions(): a NativeRequestOptions object becomes a core::RequestOptions
// once, held by a tagged JavaScript object that the garbage collector frees
// (request_options.h), so a fetch passes that object instead of every field.
#include "napi/request_options.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/request.h"
#include "napi/boundary.h"
#include "napi/js_values.h"
#include "napi/module_exports.h"
#include "napi/type_tags.h"

namespace rcp::napi {

namespace {

constexpr double kMaxInt32 = 2147483647.0;
// The largest integer a double holds exactly (2^53 - 1).
constexpr double kMaxSafeInteger = 9007199254740991.0;

bool isIpLiteral(const std::string& text) {
  in_addr v4{};
  in6_addr v6{};
  return inet_pton(AF_INET, text.c_str(), &v4) == 1 || inet_pton(AF_INET6, text.c_str(), &v6) == 1;
}

// Parses "host:port:address[,address...]"; an IPv6 address may be bracketed.
bool parseStaticDnsRule(const std::string& text, core::StaticDnsRule* out) {
  const size_t hostEnd = text.find(':');
  if (hostEnd == std::string::npos || hostEnd == 0) return false;
  const size_t portEnd = text.find(':', hostEnd + 1);
  if (portEnd == std::string::npos) return false;
  const std::string port = text.substr(hostEnd + 1, portEnd - hostEnd - 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return false;
  const unsigned long portNumber = std::stoul(port);
  if (portNumber > 65535) return false;
  core::StaticDnsRule rule;
  rule.host = text.substr(0, hostEnd);
  rule.port = static_cast<uint16_t>(portNumber);
  size_t start = portEnd + 1;
  while (true) {
    const size_t comma = text.find(',', start);
    std::string address = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (address.size() >= 2 && address.front() == '[' && address.back() == ']') {
      address = address.substr(1, address.size() - 2);
    }
    if (!isIpLiteral(address)) return false;
    rule.addresses.push_back(std::move(address));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  *out = std::move(rule);
  return true;
}

// The engine's value of each enum of napi/boundary_table.h that NativeRequestOptions carries. A
// member added to the table without a case here fails the build (-Wswitch -Werror).
using Options = core::RequestOptions;

Options::HttpVersion engineValue(HttpVersion value) {
  switch (value) {
    case kHttpVersionAuto: return Options::HttpVersion::Auto;
    case kHttpVersionHttp1Only: return Options::HttpVersion::Http1Only;
    case kHttpVersionHttp2PriorKnowledge: return Options::HttpVersion::Http2PriorKnowledge;
  }
  return Options::HttpVersion::Auto;
}

Options::Validation engineValue(Validation value) {
  switch (value) {
    case kValidationSystem: return Options::Validation::System;
    case kValidationSkip: return Options::Validation::Skip;
    case kValidationCustomCa: return Options::Validation::CustomCa;
  }
  return Options::Validation::System;
}

Options::AuthType engineValue(AuthType value) {
  switch (value) {
    case kAuthTypeNone: return Options::AuthType::None;
    case kAuthTypeAuto: return Options::AuthType::Auto;
    case kAuthTypeBasic: return Options::AuthType::Basic;
    case kAuthTypeNtlm: return Options::AuthType::Ntlm;
    case kAuthTypeDigest: return Options::AuthType::Digest;
  }
  return Options::AuthType::None;
}

Options::Proxy engineValue(ProxyMode value) {
  switch (value) {
    case kProxySystem: return Options::Proxy::System;
    case kProxyNone: return Options::Proxy::None;
    case kProxyCustom: return Options::Proxy::Custom;
  }
  return Options::Proxy::System;
}

// Reads the properties of one NativeRequestOptions object. Any missing or
// malformed property clears `ok`; the caller then rejects the whole object.
class OptionsReader {
 public:
  OptionsReader(napi_env env, napi_value object) : env_(env), object_(object) {}

  bool ok() const { return ok_; }

  int64_t integer(const char* name, double max) {
    int64_t value = 0;
    if (!readInteger(env_, property(name), 0, max, &value)) ok_ = false;
    return value;
  }
  // A member of Enum; an integer that is not one clears `ok`.
  template <typename Enum>
  Enum member(const char* name) {
    Enum value = EnumMembers<Enum>::kValues[0];
    if (!readMember(env_, property(name), &value)) ok_ = false;
    return value;
  }
  uint32_t timeoutMs(const char* name) { return static_cast<uint32_t>(integer(name, core::kMaxTimeoutMs)); }
  bool flag(const char* name) {
    bool value = false;
    if (!readBool(env_, property(name), &value)) ok_ = false;
    return value;
  }
  // Strings reach libcurl as C strings, so an embedded NUL would silently cut them.
  std::string text(const char* name) {
    std::string value;
    if (!readString(env_, property(name), &value) || containsNul(value)) ok_ = false;
    return value;
  }
  // `forbidden` lists characters libcurl would take as list separators.
  std::vector<std::string> texts(const char* name, const char* forbidden) {
    std::vector<std::string> values;
    if (!readStringArray(env_, property(name), &values)) {
      ok_ = false;
      return values;
    }
    for (const std::string& value : values) {
      if (value.empty() || containsNul(value) || value.find_first_of(forbidden) != std::string::npos) ok_ = false;
    }
    return values;
  }
  void reject() { ok_ = false; }

 private:
  napi_value property(const char* name) { return namedProperty(env_, object_, name); }

  napi_env env_;
  napi_value object_;
  bool ok_ = true;
};

std::unique_ptr<core::RequestOptions> convertOptions(napi_env env, napi_value object) {
  if (typeOf(env, object) != napi_object) return nullptr;
  auto out = std::make_unique<Options>();
  OptionsReader in(env, object);

  out->connectTimeoutMs = in.timeoutMs("connectTimeoutMs");
  out->transferTimeoutMs = in.timeoutMs("transferTimeoutMs");
  out->inactivityTimeoutMs = in.timeoutMs("inactivityTimeoutMs");
  out->autoRedirect = in.flag("autoRedirect");
  out->maxRedirects = static_cast<uint32_t>(in.integer("maxRedirects", kMaxInt32));
  const int64_t maxBodyBytes = in.integer("maxBodyBytes", kMaxSafeInteger);
  // On 32-bit targets a larger cap than memory can hold means "no cap".
  out->maxBodyBytes = static_cast<uint64_t>(maxBodyBytes) > std::numeric_limits<size_t>::max()
                          ? std::numeric_limits<size_t>::max()
                          : static_cast<size_t>(maxBodyBytes);
  out->httpVersion = engineValue(in.member<HttpVersion>("httpVersion"));
  out->forbidCleartext = in.flag("forbidCleartext");
  out->decodeContent = in.flag("decodeContent");

  out->validation = engineValue(in.member<Validation>("validation"));
  out->caContent = in.text("caContent");
  out->caFile = in.text("caFile");
  out->caFolder = in.text("caFolder");
  out->clientCertContent = in.text("clientCertContent");
  out->clientCertFile = in.text("clientCertFile");
  out->clientCertType = in.text("clientCertType");
  if (out->clientCertType != "" && out->clientCertType != "PEM" && out->clientCertType != "DER" &&
      out->clientCertType != "P12") {
    in.reject();
  }
  out->clientKey = in.text("clientKey");
  out->clientKeyPassword = in.text("clientKeyPassword");
  out->authType = engineValue(in.member<AuthType>("authType"));
  out->authUser = in.text("authUser");
  out->authPassword = in.text("authPassword");
  out->pinnedPublicKeys = in.texts("pinnedPublicKeys", ";");
  for (const std::string& pin : out->pinnedPublicKeys) {
    if (pin.compare(0, 8, "sha256//") != 0) in.reject();
  }

  out->proxy = engineValue(in.member<ProxyMode>("proxy"));
  out->proxyUrl = in.text("proxyUrl");
  if (out->proxy == Options::Proxy::Custom && out->proxyUrl.empty()) in.reject();
  out->proxyTunnelAlways = in.flag("proxyTunnelAlways");
  out->proxyExclusions = in.texts("proxyExclusions", ",");

  for (const std::string& rule : in.texts("staticDns", "")) {
    core::StaticDnsRule parsed;
    if (!parseStaticDnsRule(rule, &parsed)) {
      in.reject();
      break;
    }
    out->staticDns.push_back(std::move(parsed));
  }
  out->dnsServers = in.texts("dnsServers", ",");
  out->dohUrl = in.text("dohUrl");
  out->dohSkipVerify = in.flag("dohSkipVerify");
  out->collectTimeInfo = in.flag("collectTimeInfo");

  if (!in.ok()) return nullptr;
  return out;
}

using SharedOptions = std::shared_ptr<const core::RequestOptions>;

void finalizeCompiledOptions(napi_env /*env*/, void* data, void* /*hint*/) {
  // Fetches already started hold their own copy; this only drops JavaScript's.
  std::unique_ptr<SharedOptions> owned(static_cast<SharedOptions*>(data));
}

// A plain object tagged kCompiledOptionsTag and wrapping `options`; null when
// the runtime refused (an exception may then be pending).
napi_value wrapCompiledOptions(napi_env env, std::unique_ptr<core::RequestOptions> options) {
  napi_value object = nullptr;
  if (napi_create_object(env, &object) != napi_ok ||
      napi_type_tag_object(env, object, &kCompiledOptionsTag) != napi_ok) {
    return nullptr;
  }
  auto holder = std::make_unique<SharedOptions>(std::move(options));
  // No result reference: the object alone decides how long the options live.
  if (napi_wrap(env, object, holder.get(), finalizeCompiledOptions, nullptr, nullptr) != napi_ok) return nullptr;
  holder.release();  // finalizeCompiledOptions frees it
  return object;
}

}  // namespace

std::shared_ptr<const core::RequestOptions> compiledOptionsOf(napi_env env, napi_value value) {
  void* native = nullptr;
  if (value == nullptr || typeOf(env, value) != napi_object || !hasTypeTag(env, value, kCompiledOptionsTag) ||
      napi_unwrap(env, value, &native) != napi_ok || native == nullptr) {
    return nullptr;
  }
  return *static_cast<const SharedOptions*>(native);
}

napi_value jsCompileOptions(napi_env env, napi_callback_info info) {
  CallArguments<1> call = callArguments<1>(env, info);
  std::unique_ptr<core::RequestOptions> options = convertOptions(env, call.values[0]);
  if (!options) return undefinedValue(env);
  napi_value compiled = wrapCompiledOptions(env, std::move(options));
  return compiled != nullptr ? compiled : undefinedValue(env);
}

}  // namespace rcp::napi
