// Compiled configuration layers as JavaScript values. compileLayer() turns a
// NativeConfigurationLayer object (one rcp.Configuration translated member by
// member, see index.d.ts) into a checked core::ConfigurationLayer and wraps a
// shared pointer to it in a small tagged object. The object's finalizer drops
// that pointer, so the layer lives exactly as long as JavaScript holds the
// object (or a fetch being built holds its own pointer), with no table to
// keep by hand. Stacking layers is the engine's job (core/configuration_layer.h).
#pragma once

#include <memory>

#include "core/configuration_layer.h"
#include "napi/node_api_platform.h"

namespace rcp::napi {

// The layer held by `value` when it is an object compileLayer() returned, else
// null. JavaScript thread only.
std::shared_ptr<const core::ConfigurationLayer> compiledLayerOf(napi_env env, napi_value value);

}  // namespace rcp::napi
