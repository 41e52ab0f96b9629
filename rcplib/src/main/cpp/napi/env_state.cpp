#include "napi/env_state.h"

#include <vector>

#include "napi/session_binding.h"

namespace rcp::napi {

namespace {

using SharedState = std::shared_ptr<EnvState>;

void freeInstanceData(napi_env env, void* data, void* /*hint*/) {
  // Drops the environment's reference; sessions finalized later keep their own.
  std::unique_ptr<SharedState> owned(static_cast<SharedState*>(data));
  (*owned)->deleteReferences(env);
}

void onEnvironmentCleanup(void* arg) {
  // The hook runs exactly once, so it also frees its own reference.
  std::unique_ptr<SharedState> owned(static_cast<SharedState*>(arg));
  (*owned)->closeAllSessions();
}

}  // namespace

std::shared_ptr<EnvState> EnvState::install(napi_env env) {
  auto state = std::make_shared<EnvState>();
  auto instanceData = std::make_unique<SharedState>(state);
  if (napi_set_instance_data(env, instanceData.get(), freeInstanceData, nullptr) != napi_ok) return nullptr;
  instanceData.release();
  auto hookData = std::make_unique<SharedState>(state);
  if (napi_add_env_cleanup_hook(env, onEnvironmentCleanup, hookData.get()) != napi_ok) return nullptr;
  hookData.release();
  return state;
}

std::shared_ptr<EnvState> EnvState::of(napi_env env) {
  void* data = nullptr;
  if (napi_get_instance_data(env, &data) != napi_ok || data == nullptr) return nullptr;
  return *static_cast<SharedState*>(data);
}

void EnvState::deleteReferences(napi_env env) {
  if (sessionClass != nullptr) napi_delete_reference(env, sessionClass);
  if (handlerKey != nullptr) napi_delete_reference(env, handlerKey);
  if (factoryKey != nullptr) napi_delete_reference(env, factoryKey);
  sessionClass = nullptr;
  handlerKey = nullptr;
  factoryKey = nullptr;
}

void EnvState::closeAllSessions() {
  // close() removes each session from the set, so work on a copy.
  const std::vector<SessionBinding*> open(openSessions_.begin(), openSessions_.end());
  for (SessionBinding* session : open) session->close();
}

}  // namespace rcp::napi
