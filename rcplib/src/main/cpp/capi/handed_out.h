// Memory that the C API hands to the application and takes back through a
// Rcp_Destroy* function or destroyResponse (entry lists, responses). Each
// block is registered under the pointer the application receives, so freeing
// an unknown or already-freed pointer is ignored instead of corrupting memory.
#pragma once

#include <memory>

namespace rcp::capi {

enum class HandedOutKind { HeaderEntries, CookieEntries, CookieAttributeEntries, Response };

// Base of every block handed out; the derived type owns the memory behind the
// public pointer.
class HandedOutBlock {
 public:
  virtual ~HandedOutBlock() = default;
};

// Keeps `block` alive until releaseHandedOut(kind, publicPointer).
void keepHandedOut(HandedOutKind kind, const void* publicPointer, std::unique_ptr<HandedOutBlock> block);

// Destroys the block registered under `publicPointer`. Returns false (and does
// nothing) when there is none.
bool releaseHandedOut(HandedOutKind kind, const void* publicPointer);

}  // namespace rcp::capi
