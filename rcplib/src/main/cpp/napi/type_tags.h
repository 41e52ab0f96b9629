// The type tags of the two kinds of JavaScript objects that carry a native
// pointer (napi_wrap): a NativeSession and a compiled configuration layer. Each
// object is tagged when it is made and checked before it is unwrapped, so one
// kind handed where the other is expected is refused instead of reinterpreted.
#pragma once

#include "napi/node_api_platform.h"

namespace rcp::napi {

// Arbitrary constants; they only have to differ from each other and from any
// other module's tags.
constexpr napi_type_tag kSessionTag = {0x7263705f73657373ULL, 0x696f6e5f76310001ULL};
constexpr napi_type_tag kCompiledLayerTag = {0x7263705f6f707473ULL, 0x5f636f6d70010002ULL};

// True when `value` is an object tagged with `tag`.
inline bool hasTypeTag(napi_env env, napi_value value, const napi_type_tag& tag) {
  bool tagged = false;
  return napi_check_object_type_tag(env, value, &tag, &tagged) == napi_ok && tagged;
}

}  // namespace rcp::napi
