// Deep copies of the C configuration structs: a session keeps its
// configuration, an interceptor's request copy keeps the request's.
#pragma once

#include <rcp/rcp.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/configuration_layer.h"
#include "core/request_builder.h"
#include "core/session.h"

namespace rcp::capi {

// Owns a deep copy of an Rcp_Configuration: every string and list it points
// to. Not copyable, because the struct points into the object itself.
class ConfigurationCopy {
 public:
  // Returns kOk, or kParameterError for cyclic or over-long lists and fixed
  // char arrays without a NUL.
  static uint32_t create(const Rcp_Configuration& source, std::unique_ptr<ConfigurationCopy>* out);

  ConfigurationCopy(const ConfigurationCopy&) = delete;
  ConfigurationCopy& operator=(const ConfigurationCopy&) = delete;

  Rcp_Configuration* get() { return &config_; }
  const Rcp_Configuration& value() const { return config_; }

 private:
  ConfigurationCopy() = default;
  uint32_t copyFrom(const Rcp_Configuration& source);
  void copySecurity(Rcp_SecurityConfiguration* security);
  char* keep(const char* text);

  Rcp_Configuration config_{};
  std::deque<std::string> strings_;
  std::deque<Rcp_Urls> urls_;
  std::deque<Rcp_DnsRule> dnsRules_;
  std::deque<Rcp_DnsServers> dnsServers_;
  std::deque<Rcp_StaticDnsRule> staticRules_;
  std::deque<Rcp_IpAddress> addresses_;
};

// Owns a deep copy of an Rcp_SessionConfiguration (interceptor arrays, base
// URL, default headers and cookies, request configuration); this is what
// Rcp_GetSessionConfiguration returns. It also holds the configuration's
// translation into the engine's rule set (core/request_builder.h), made and
// checked once, here: the session's defaults and its requestConfiguration as
// a configuration layer.
class SessionConfigurationCopy {
 public:
  // `source` may be NULL (all defaults). Returns kOk or kParameterError.
  static uint32_t create(const Rcp_SessionConfiguration* source, std::unique_ptr<SessionConfigurationCopy>* out);

  SessionConfigurationCopy(const SessionConfigurationCopy&) = delete;
  SessionConfigurationCopy& operator=(const SessionConfigurationCopy&) = delete;

  const Rcp_SessionConfiguration& value() const { return config_; }
  const core::SessionDefaults& defaults() const { return defaults_; }
  // The requestConfiguration as a layer, or nullptr when there is none.
  const core::ConfigurationLayer* requestLayer() const { return requestLayer_ ? &*requestLayer_ : nullptr; }
  const Rcp_Configuration* requestConfiguration() const {
    return requestConfiguration_ ? &requestConfiguration_->value() : nullptr;
  }
  const std::vector<Rcp_Interceptor>& interceptors() const { return interceptors_; }
  const std::vector<Rcp_SyncInterceptor>& syncInterceptors() const { return syncInterceptors_; }
  const Rcp_SessionListener& listener() const { return config_.sessionListener; }
  core::SessionOptions sessionOptions() const;

 private:
  SessionConfigurationCopy();
  uint32_t copyFrom(const Rcp_SessionConfiguration& source);

  Rcp_SessionConfiguration config_{};
  std::vector<Rcp_Interceptor> interceptors_;
  std::vector<Rcp_SyncInterceptor> syncInterceptors_;
  std::unique_ptr<Rcp_Headers> headers_;
  std::unique_ptr<Rcp_RequestCookies> cookies_;
  std::unique_ptr<ConfigurationCopy> requestConfiguration_;
  core::SessionDefaults defaults_;
  std::optional<core::ConfigurationLayer> requestLayer_;
};

// Longest interceptor array a session accepts.
constexpr int kMaxInterceptors = 1024;

}  // namespace rcp::capi
