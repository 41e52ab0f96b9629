#include "napi/configuration_layers.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.h"
#include "napi/boundary.h"
#include "napi/js_values.h"
#include "napi/layer_functions.h"
#include "napi/module_exports.h"
#include "napi/type_tags.h"

namespace rcp::napi {

namespace {

using Layer = core::ConfigurationLayer;
using Options = core::RequestOptions;

// Reads the members of one object of a NativeConfigurationLayer. A member that
// is undefined or null is not set; one of the wrong type fails the whole layer
// with a message naming it (the ArkTS layer checks types first, so this only
// catches a broken translation).
class MemberReader {
 public:
  MemberReader(napi_env env, napi_value object, std::string* error) : env_(env), object_(object), error_(error) {}

  // The member's value, or null when it is not set.
  napi_value get(const char* name) {
    napi_value value = namedProperty(env_, object_, name);
    const napi_valuetype type = typeOf(env_, value);
    return type == napi_undefined || type == napi_null ? nullptr : value;
  }
  template <typename T>
  void integer(const char* name, double max, std::optional<T>* out) {
    napi_value value = get(name);
    int64_t number = 0;
    if (value == nullptr) return;
    if (!readInteger(env_, value, 0, max, &number)) return fail(name, "an integer in range");
    *out = static_cast<T>(number);
  }
  void flag(const char* name, std::optional<bool>* out) {
    napi_value value = get(name);
    bool flag = false;
    if (value == nullptr) return;
    if (!readBool(env_, value, &flag)) return fail(name, "a boolean");
    *out = flag;
  }
  // An optional member of a boundary enum (napi/boundary_table.h).
  template <typename E>
  void member(const char* name, std::optional<E>* out) {
    napi_value value = get(name);
    E read{};
    if (value == nullptr) return;
    if (!readMember(env_, value, &read)) return fail(name, EnumMembers<E>::kJsName);
    *out = read;
  }
  // A required member of a boundary enum.
  template <typename E>
  E required(const char* name) {
    E read{};
    if (!readMember(env_, namedProperty(env_, object_, name), &read)) fail(name, EnumMembers<E>::kJsName);
    return read;
  }
  // A required string member of a group; NUL is refused (libcurl takes C strings).
  std::string text(const char* name) {
    std::string value;
    if (!readString(env_, namedProperty(env_, object_, name), &value) || containsNul(value)) {
      fail(name, "a string without NUL");
    }
    return value;
  }
  bool boolean(const char* name) {
    bool value = false;
    if (!readBool(env_, namedProperty(env_, object_, name), &value)) fail(name, "a boolean");
    return value;
  }
  std::vector<std::string> texts(const char* name) {
    std::vector<std::string> values;
    if (!readStringArray(env_, namedProperty(env_, object_, name), &values)) fail(name, "an array of strings");
    return values;
  }
  uint32_t number(const char* name, double max) {
    int64_t value = 0;
    if (!readInteger(env_, namedProperty(env_, object_, name), 0, max, &value)) fail(name, "an integer in range");
    return static_cast<uint32_t>(value);
  }
  // Calls `read` with a reader of the array's i-th object, for each element.
  template <typename F>
  void objects(const char* name, F read) {
    napi_value array = namedProperty(env_, object_, name);
    uint32_t length = 0;
    if (!isArray(env_, array) || napi_get_array_length(env_, array, &length) != napi_ok) {
      return fail(name, "an array of objects");
    }
    for (uint32_t i = 0; i < length && ok(); ++i) {
      napi_value element = nullptr;
      if (napi_get_element(env_, array, i, &element) != napi_ok || typeOf(env_, element) != napi_object) {
        return fail(name, "an array of objects");
      }
      MemberReader item(env_, element, error_);
      read(item);
    }
  }
  // Calls `read` with a reader of the member's object when the member is set.
  template <typename F>
  void group(const char* name, F read) {
    napi_value value = get(name);
    if (value == nullptr) return;
    if (typeOf(env_, value) != napi_object) return fail(name, "an object");
    MemberReader inner(env_, value, error_);
    read(inner);
  }
  // An optional function member, or null when it is not set (or not a function).
  napi_value function(const char* name) {
    napi_value value = get(name);
    if (value != nullptr && !isFunction(env_, value)) {
      fail(name, "a function");
      return nullptr;
    }
    return value;
  }
  // Fails the layer when a function member could not be held.
  template <typename F>
  void held(const char* name, const F& function) {
    if (!function) fail(name, "a function the runtime can hold");
  }
  napi_env env() const { return env_; }
  bool ok() const { return error_->empty(); }

 private:
  void fail(const char* name, const char* what) {
    if (ok()) *error_ = std::string("configuration member ") + name + " must be " + what;
  }

  napi_env env_;
  napi_value object_;
  std::string* error_;
};

// The engine's value of each boundary enum member; a member added to the table
// without a case here fails to compile (-Wswitch).
Options::HttpVersion engineValue(HttpVersion version) {
  switch (version) {
    case kHttpVersionAuto: break;
    case kHttpVersionHttp1Only: return Options::HttpVersion::Http1Only;
    case kHttpVersionHttp2PriorKnowledge: return Options::HttpVersion::Http2PriorKnowledge;
  }
  return Options::HttpVersion::Auto;
}

Options::Validation engineValue(Validation validation) {
  switch (validation) {
    case kValidationSystem: break;
    case kValidationSkip: return Options::Validation::Skip;
    case kValidationCustomCa: return Options::Validation::CustomCa;
  }
  return Options::Validation::System;
}

Options::AuthType engineValue(AuthType type) {
  switch (type) {
    case kAuthTypeAuto: break;
    case kAuthTypeBasic: return Options::AuthType::Basic;
    case kAuthTypeNtlm: return Options::AuthType::Ntlm;
    case kAuthTypeDigest: return Options::AuthType::Digest;
  }
  return Options::AuthType::Auto;
}

Options::Proxy engineValue(ProxyMode mode) {
  switch (mode) {
    case kProxySystem: break;
    case kProxyNone: return Options::Proxy::None;
    case kProxyCustom: return Options::Proxy::Custom;
  }
  return Options::Proxy::System;
}

core::DebugKind engineValue(DebugKind kind) {
  switch (kind) {
    case kDebugText: break;
    case kDebugHeaderIn: return core::DebugKind::HeaderIn;
    case kDebugHeaderOut: return core::DebugKind::HeaderOut;
    case kDebugDataIn: return core::DebugKind::DataIn;
    case kDebugDataOut: return core::DebugKind::DataOut;
    case kDebugSslDataIn: return core::DebugKind::SslDataIn;
    case kDebugSslDataOut: return core::DebugKind::SslDataOut;
    case kDebugSrcAddr: return core::DebugKind::SrcAddr;
    case kDebugDstAddr: return core::DebugKind::DstAddr;
    case kDebugRedirectCount: return core::DebugKind::RedirectCount;
  }
  return core::DebugKind::Text;
}

void readTracing(MemberReader& in, Layer* out) {
  in.flag("verbose", &out->verbose);
  std::optional<uint32_t> bits;
  in.integer("infoToCollect", kAllDebugKindBits, &bits);
  if (!bits || (*bits & ~kAllDebugKindBits) != 0) return;
  uint32_t kinds = 0;
  for (DebugKind member : EnumMembers<DebugKind>::kValues) {
    if ((*bits & member) != 0) kinds |= core::debugKindBit(engineValue(member));
  }
  out->infoToCollect = kinds;
}

void readTransfer(MemberReader& in, Layer* out) {
  in.integer("connectTimeoutMs", core::kMaxTimeoutMs, &out->connectTimeoutMs);
  in.integer("transferTimeoutMs", core::kMaxTimeoutMs, &out->transferTimeoutMs);
  in.integer("inactivityTimeoutMs", core::kMaxTimeoutMs, &out->inactivityTimeoutMs);
  in.flag("autoRedirect", &out->autoRedirect);
  in.integer("maxRedirects", core::kMaxTimeoutMs, &out->maxRedirects);
  in.integer("maxBodyBytes", static_cast<double>(core::kMaxBodyBytesLimit), &out->maxBodyBytes);
  std::optional<HttpVersion> version;
  in.member("httpVersion", &version);
  if (version) out->httpVersion = engineValue(*version);
  in.flag("decodeContent", &out->decodeContent);
  in.flag("forbidCleartext", &out->forbidCleartext);
  in.flag("collectTimeInfo", &out->collectTimeInfo);
  // Ranges are the engine's check (checkConfigurationLayer), which names the member and its range.
  in.group("tcp", [out](MemberReader& t) {
    Layer::Tcp tcp;
    t.integer("keepIdleSec", core::kMaxTimeoutMs, &tcp.keepIdleSec);
    t.integer("keepIntervalSec", core::kMaxTimeoutMs, &tcp.keepIntervalSec);
    t.integer("keepCount", core::kMaxTimeoutMs, &tcp.keepCount);
    t.integer("userTimeoutMs", core::kMaxTimeoutMs, &tcp.userTimeoutMs);
    out->tcp = tcp;
  });
}

void readSecurity(MemberReader& in, Layer* out) {
  in.group("serverValidation", [out](MemberReader& v) {
    Layer::ServerValidation validation;
    validation.kind = engineValue(v.required<Validation>("kind"));
    validation.caContent = v.text("caContent");
    validation.caFile = v.text("caFile");
    validation.caFolder = v.text("caFolder");
    out->serverValidation = std::move(validation);
  });
  in.group("clientCertificate", [out](MemberReader& c) {
    out->clientCertificate = Layer::ClientCertificate{c.text("content"), c.text("file"), c.text("type"), c.text("key"),
                                                      c.text("keyPassword")};
  });
  in.group("authentication", [out](MemberReader& a) {
    Layer::Authentication authentication;
    authentication.user = a.text("user");
    authentication.password = a.text("password");
    authentication.type = engineValue(a.required<AuthType>("type"));
    out->authentication = std::move(authentication);
  });
  if (in.get("pinnedKeyHashes") != nullptr) out->pinnedKeyHashes = in.texts("pinnedKeyHashes");
}

void readNetwork(MemberReader& in, Layer* out) {
  in.group("proxy", [out](MemberReader& p) {
    Layer::ProxySetting proxy;
    proxy.kind = engineValue(p.required<ProxyMode>("kind"));
    proxy.url = p.text("url");
    proxy.tunnelAlways = p.boolean("tunnelAlways");
    proxy.exclusions = p.texts("exclusions");
    if (napi_value rule = p.function("useProxyFor")) {
      proxy.useProxyFor = exclusionRuleOf(p.env(), rule);
      p.held("useProxyFor", proxy.useProxyFor);
    }
    out->proxy = std::move(proxy);
  });
  in.group("dnsRules", [out](MemberReader& d) {
    Layer::DnsRules rules;
    d.objects("servers", [&rules](MemberReader& s) {
      rules.servers.push_back(core::DnsServer{s.text("ip"), static_cast<uint16_t>(s.number("port", 65535))});
    });
    d.objects("staticRules", [&rules](MemberReader& r) {
      rules.staticRules.push_back(
          core::StaticDnsRule{r.text("host"), static_cast<uint16_t>(r.number("port", 65535)), r.texts("addresses")});
    });
    if (napi_value rule = d.function("dynamicRule")) {
      rules.dynamicRule = dynamicDnsRuleOf(d.env(), rule);
      d.held("dynamicRule", rules.dynamicRule);
    }
    out->dnsRules = std::move(rules);
  });
  in.flag("happyEyeballs", &out->happyEyeballs);
  in.group("dnsOverHttps", [out](MemberReader& d) {
    out->dnsOverHttps = Layer::DnsOverHttps{d.text("url"), d.boolean("skipVerify")};
  });
}

using SharedLayer = std::shared_ptr<const Layer>;

void finalizeCompiledLayer(napi_env /*env*/, void* data, void* /*hint*/) {
  // Requests already built hold their own resolved options; this only drops
  // JavaScript's. On the JavaScript thread: the references to the layer's
  // functions (layer_functions.h) are deleted here when this was the last holder.
  std::unique_ptr<SharedLayer> owned(static_cast<SharedLayer*>(data));
}

// A plain object tagged kCompiledLayerTag and wrapping `layer`; null when the
// runtime refused (an exception may then be pending).
napi_value wrapCompiledLayer(napi_env env, SharedLayer layer) {
  napi_value object = nullptr;
  if (napi_create_object(env, &object) != napi_ok || napi_type_tag_object(env, object, &kCompiledLayerTag) != napi_ok) {
    return nullptr;
  }
  auto holder = std::make_unique<SharedLayer>(std::move(layer));
  // No result reference: the object alone decides how long the layer lives.
  if (napi_wrap(env, object, holder.get(), finalizeCompiledLayer, nullptr, nullptr) != napi_ok) return nullptr;
  holder.release();  // finalizeCompiledLayer frees it
  return object;
}

napi_value compileResult(napi_env env, uint32_t code, const std::string& detail, napi_value layer) {
  return makeCodeResult(env, code, detail, "layer", layer);
}

}  // namespace

std::shared_ptr<const core::ConfigurationLayer> compiledLayerOf(napi_env env, napi_value value) {
  void* native = nullptr;
  if (value == nullptr || typeOf(env, value) != napi_object || !hasTypeTag(env, value, kCompiledLayerTag) ||
      napi_unwrap(env, value, &native) != napi_ok || native == nullptr) {
    return nullptr;
  }
  return *static_cast<const SharedLayer*>(native);
}

napi_value jsCompileLayer(napi_env env, napi_callback_info info) {
  CallArguments<1> call = callArguments<1>(env, info);
  if (typeOf(env, call.values[0]) != napi_object) {
    return compileResult(env, core::kParameterError, "a configuration layer must be an object", nullptr);
  }
  auto layer = std::make_shared<Layer>();
  std::string detail;
  MemberReader in(env, call.values[0], &detail);
  readTransfer(in, layer.get());
  readTracing(in, layer.get());
  readSecurity(in, layer.get());
  readNetwork(in, layer.get());
  if (!detail.empty()) return compileResult(env, core::kParameterError, detail, nullptr);
  const uint32_t code = core::checkConfigurationLayer(*layer, &detail);
  if (code != core::kOk) return compileResult(env, code, detail, nullptr);
  napi_value compiled = wrapCompiledLayer(env, std::move(layer));
  if (compiled == nullptr) return compileResult(env, core::kOutOfMemory, "the layer could not be wrapped", nullptr);
  return compileResult(env, core::kOk, std::string(), compiled);
}

}  // namespace rcp::napi
