// Picks the Node-API header of the runtime this module is built for: the
// OpenHarmony NDK's <napi/native_api.h> inside librcp.so, or Node's
// <node_api.h> for the host addon rcp.node. Everything else in napi/ includes
// this file and uses only the functions both runtimes export (see
// tools/native/ohos-napi-symbols-levels.tsv).
#pragma once

#if defined(RCP_NODE_ADDON)
#include <node_api.h>
#elif defined(RCP_PLATFORM_OHOS)
#include <napi/native_api.h>
#else
#error "Define RCP_NODE_ADDON (host addon) or RCP_PLATFORM_OHOS (librcp.so) to build the Node-API module."
#endif
