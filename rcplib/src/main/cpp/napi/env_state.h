// What the module keeps per JavaScript environment (the main thread, each
// worker): the NativeSession class and the sessions still open, which the
// environment's cleanup hook closes when the environment ends so that no
// engine event is aimed at a dead runtime. Compiled request options are not
// kept here: the garbage collector owns them (configuration_layers.h).
#pragma once

#include <memory>
#include <unordered_set>

#include "napi/node_api_platform.h"

namespace rcp::napi {

class SessionBinding;

class EnvState {
 public:
  // Creates the state of `env`, stores it as the environment's instance data
  // and registers the cleanup hook. Returns null when the runtime refused.
  static std::shared_ptr<EnvState> install(napi_env env);
  // The state installed for `env`, or null.
  static std::shared_ptr<EnvState> of(napi_env env);

  EnvState() = default;
  EnvState(const EnvState&) = delete;
  EnvState& operator=(const EnvState&) = delete;

  void addSession(SessionBinding* session) { openSessions_.insert(session); }
  void removeSession(SessionBinding* session) { openSessions_.erase(session); }
  // Closes every open session of the environment (its cleanup hook).
  void closeAllSessions();

  // The environment's own references, deleted when its instance data is freed.
  void deleteReferences(napi_env env);
  napi_ref sessionClass = nullptr;  // the NativeSession constructor
  napi_ref handlerKey = nullptr;    // symbol under which a session keeps its handler
  napi_ref factoryKey = nullptr;    // symbol under which a session keeps its event factory

 private:
  std::unordered_set<SessionBinding*> openSessions_;
};

}  // namespace rcp::napi
