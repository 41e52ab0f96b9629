// The hash of the C API's name indexes (header names). The names come from
// servers, so the hash is keyed with a secret drawn once per process: a
// server that cannot know the key cannot choose names that all land in one
// bucket and turn an O(1) lookup into a scan.
#pragma once

#include <cstddef>
#include <string>

namespace rcp::capi {

// SipHash-1-3 of the bytes of `text` under the process's key.
struct KeyedHash {
  size_t operator()(const std::string& text) const noexcept;
};

}  // namespace rcp::capi
