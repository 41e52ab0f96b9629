#include "handed_out.h"

#include <map>
#include <mutex>
#include <utility>

namespace rcp::capi {
namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::pair<HandedOutKind, const void*>, std::unique_ptr<HandedOutBlock>> blocks;
};

Registry& registry() {
  // Never destroyed: responses may be freed by application code that runs
  // during static destruction.
  static Registry* instance = new Registry();
  return *instance;
}

}  // namespace

void keepHandedOut(HandedOutKind kind, const void* publicPointer, std::unique_ptr<HandedOutBlock> block) {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.blocks[{kind, publicPointer}] = std::move(block);
}

bool releaseHandedOut(HandedOutKind kind, const void* publicPointer) {
  std::unique_ptr<HandedOutBlock> doomed;
  {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    auto it = r.blocks.find({kind, publicPointer});
    if (it == r.blocks.end()) {
      return false;
    }
    doomed = std::move(it->second);
    r.blocks.erase(it);
  }
  // Destroyed outside the lock: a block's destructor may free nested blocks.
  return true;
}

}  // namespace rcp::capi
