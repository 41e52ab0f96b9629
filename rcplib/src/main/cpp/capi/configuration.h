// An Rcp_Configuration as one level of configuration (core/configuration_layer.h).
//
// A C struct cannot leave a member out, so the translation sets every member
// of the layer, except:
//  - the numbers the kit documents as "0 = the default" (timeout.connectMs,
//    timeout.transferMs, timeout.inactivityMs, maxAutoRedirects, maxBodySize),
//    which are not set when 0: a request's configuration then takes them from
//    its session's requestConfiguration, else from the defaults;
//  - the two members the rule set has no "off" value for, a server credential
//    without a username and a dnsOverHttps URL that is NULL or empty, which
//    are not set either.
// tracingConfiguration's verbose and infoToCollect are set like the rest
// (collectTimeInfo is not read: an Rcp_Response always carries timeInfo).
// The proxy exclusion function becomes ProxySetting::useProxyFor and the
// dynamic DNS rule DnsRules::dynamicRule; the engine asks them when a request
// is sent (core::buildRequest).
#pragma once

#include <rcp/rcp.h>

#include <cstdint>

#include "core/configuration_layer.h"

namespace rcp::capi {

// Translates `config` into `out` and checks it (checkConfigurationLayer).
// Returns kOk, kParameterError (an enum value outside its enum, an over-long
// or cyclic list, a fixed char array without a NUL, or a value the rule set
// refuses) or kBadDnsRule (an address that is not an IP literal).
uint32_t toConfigurationLayer(const Rcp_Configuration& config, core::ConfigurationLayer* out);

}  // namespace rcp::capi
