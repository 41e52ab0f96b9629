#include "napi/session_binding.h"

#include <utility>
#include <vector>

#include "core/errors.h"
#include "napi/entry_guard.h"
#include "napi/event_objects.h"
#include "napi/fetch_events.h"
#include "napi/js_values.h"
#include "napi/type_tags.h"

namespace rcp::napi {

namespace {

// What the thread-safe function carries as its context: the inbox, shared
// with the binding and the fetch sinks, so whichever goes last frees it.
using InboxHolder = std::shared_ptr<EventInbox>;

}  // namespace

SessionBinding::SessionBinding(napi_env env, std::shared_ptr<EnvState> state, std::shared_ptr<core::Session> session,
                               core::SessionDefaults defaults)
    : env_(env),
      state_(std::move(state)),
      session_(std::move(session)),
      defaults_(std::move(defaults)),
      inbox_(std::make_shared<EventInbox>()) {}

SessionBinding::~SessionBinding() {
  close();
  if (handler_ != nullptr) napi_delete_reference(env_, handler_);
  if (factory_ != nullptr) napi_delete_reference(env_, factory_);
  if (wrapper_ != nullptr) napi_delete_reference(env_, wrapper_);
}

uint32_t SessionBinding::attach(napi_env env, napi_value object, napi_value handler, napi_value factory,
                                const core::SessionOptions& options, core::SessionDefaults defaults) {
  std::shared_ptr<EnvState> state = EnvState::of(env);
  if (!state) return core::kInternalError;
  uint32_t error = core::kOk;
  std::shared_ptr<core::Session> session = core::Session::create(options, &error);
  if (!session) return error;
  // From here on, the binding's destructor closes the session on every failure path.
  std::unique_ptr<SessionBinding> binding(new SessionBinding(env, state, std::move(session), std::move(defaults)));

  auto holder = std::make_unique<InboxHolder>(binding->inbox_);
  napi_value resourceName = makeString(env, "rcp.session.events");
  napi_threadsafe_function wakeUp = nullptr;
  // No JavaScript function: deliverQueued finds the handler through the binding.
  if (napi_create_threadsafe_function(env, nullptr, nullptr, resourceName, 0, 1, holder.get(), finalizeInbox,
                                      holder.get(), deliverQueued, &wakeUp) != napi_ok) {
    return core::kInternalError;
  }
  holder.release();  // finalizeInbox frees it
  binding->inbox_->setWakeUp(wakeUp);
  // An idle session must not keep the event loop alive.
  binding->inbox_->keepEventLoopAlive(env, false);

  if (napi_create_reference(env, handler, 0, &binding->handler_) != napi_ok ||
      napi_create_reference(env, factory, 0, &binding->factory_) != napi_ok ||
      napi_create_reference(env, object, 0, &binding->wrapper_) != napi_ok) {
    return core::kInternalError;
  }
  // Tagged so that SessionBinding::of() never unwraps another kind of wrapped object.
  if (napi_type_tag_object(env, object, &kSessionTag) != napi_ok) return core::kInternalError;
  // No result reference: some runtimes make it strong, which would pin the object forever.
  if (napi_wrap(env, object, binding.get(), finalizeWrapper, nullptr, nullptr) != napi_ok) {
    return core::kInternalError;
  }
  SessionBinding* attached = binding.release();  // finalizeWrapper deletes it
  attached->inbox_->setOwner(attached);
  state->addSession(attached);
  return core::kOk;
}

SessionBinding* SessionBinding::of(napi_env env, napi_value object) {
  void* native = nullptr;
  if (object == nullptr || typeOf(env, object) != napi_object || !hasTypeTag(env, object, kSessionTag) ||
      napi_unwrap(env, object, &native) != napi_ok) {
    return nullptr;
  }
  return static_cast<SessionBinding*>(native);
}

uint32_t SessionBinding::fetch(core::Request request, double token, uint32_t eventMask, std::string* detail) {
  if (closed_) return core::kSessionClosed;
  const bool withTimeInfo = request.options.collectTimeInfo;
  auto events = std::make_shared<FetchEvents>(inbox_, token, eventMask, withTimeInfo);
  const uint32_t code = session_->fetch(std::move(request), std::move(events), detail);
  if (code != core::kOk) return code;
  ++undelivered_;
  updateKeepAlive();
  return core::kOk;
}

uint32_t SessionBinding::cancel(const std::string& requestId) {
  return closed_ ? core::kSessionClosed : session_->cancel(requestId);
}

uint32_t SessionBinding::cancelAll() { return closed_ ? core::kSessionClosed : session_->cancelAll(); }

uint32_t SessionBinding::close() {
  if (closed_) return core::kSessionClosed;
  closed_ = true;
  // Shut first: every fetch the engine cancels below would otherwise queue an
  // event (a thousand in flight, a thousand events) that nobody will read.
  inbox_->shut();
  // The engine settles everything on its loop before returning: no event of
  // this session is pushed after this line.
  session_->close();
  inbox_->setOwner(nullptr);
  undelivered_ = 0;
  updateKeepAlive();
  inbox_->releaseWakeUp();
  state_->removeSession(this);
  return core::kOk;
}

void SessionBinding::updateKeepAlive() {
  const bool keep = undelivered_ > 0 && !closed_;
  if (keep == keptAlive_) return;
  keptAlive_ = keep;
  if (keep) {
    napi_reference_ref(env_, handler_, nullptr);
    napi_reference_ref(env_, factory_, nullptr);
    napi_reference_ref(env_, wrapper_, nullptr);
  } else {
    napi_reference_unref(env_, handler_, nullptr);
    napi_reference_unref(env_, factory_, nullptr);
    napi_reference_unref(env_, wrapper_, nullptr);
  }
  inbox_->keepEventLoopAlive(env_, keep);
}

void SessionBinding::deliverQueued(napi_env env, napi_value /*unusedCallback*/, void* context, void* /*unusedData*/) {
  // A null env means the runtime is draining the function during teardown,
  // possibly after finalizeInbox freed `context`: touch nothing.
  if (env == nullptr) return;
  try {
    const InboxHolder inbox = *static_cast<InboxHolder*>(context);
    SessionBinding* binding = inbox->owner();
    if (binding == nullptr) {
      inbox->takeAll();  // the session is closed: its events are dropped
      return;
    }
    binding->deliver(env);
  } catch (...) {
    // No JavaScript caller to throw to: the runtime called this on its own.
    reportCurrentException("rcp: delivering a session's events");
  }
}

void SessionBinding::deliver(napi_env env) {
  std::vector<PendingEvent> batch = inbox_->takeAll();
  if (batch.empty()) return;
  // A local handle on the session object keeps it (and so this binding) from
  // being finalized while the handler runs, even if the handler closes it.
  napi_value self = nullptr;
  napi_get_reference_value(env, wrapper_, &self);
  napi_value handler = nullptr;
  napi_get_reference_value(env, handler_, &handler);
  napi_value factory = nullptr;
  napi_get_reference_value(env, factory_, &factory);
  size_t completions = 0;
  for (const PendingEvent& event : batch) completions += event.type == kEventComplete ? 1 : 0;
  undelivered_ = completions < undelivered_ ? undelivered_ - completions : 0;
  if (handler != nullptr && factory != nullptr && self != nullptr) {
    const napi_value undefined = undefinedValue(env);
    napi_value events = nullptr;
    napi_create_array_with_length(env, batch.size(), &events);
    uint32_t count = 0;
    for (PendingEvent& event : batch) {
      napi_value object = makeEventObject(env, factory, undefined, std::move(event));
      if (object == nullptr) {
        reportPendingException(env);
        continue;
      }
      napi_set_element(env, events, count++, object);
    }
    batch.clear();
    if (napi_call_function(env, undefined, handler, 1, &events, nullptr) == napi_pending_exception) {
      reportPendingException(env);
    }
  }
  // The handler may have closed the session or started new fetches.
  updateKeepAlive();
}

void SessionBinding::reportPendingException(napi_env env) {
  // A throwing handler or factory is a bug to surface, not to swallow: report
  // it as an uncaught exception (the runtimes' default for exceptions left
  // pending here differs), and carry on with the bookkeeping.
  napi_value error = nullptr;
  if (napi_get_and_clear_last_exception(env, &error) == napi_ok && error != nullptr) {
    napi_fatal_exception(env, error);
  }
}

void SessionBinding::finalizeInbox(napi_env /*env*/, void* data, void* /*hint*/) {
  std::unique_ptr<InboxHolder> holder(static_cast<InboxHolder*>(data));
  (*holder)->forgetWakeUp();
}

void SessionBinding::finalizeWrapper(napi_env /*env*/, void* data, void* /*hint*/) {
  // Garbage collection of an idle, unclosed session: the destructor closes
  // the engine session (a short wait for its loop) and calls no JavaScript.
  std::unique_ptr<SessionBinding> binding(static_cast<SessionBinding*>(data));
}

}  // namespace rcp::napi
