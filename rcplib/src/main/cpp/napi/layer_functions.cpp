#include "napi/layer_functions.h"

#include <memory>
#include <utility>

#include "core/errors.h"
#include "napi/js_values.h"

namespace rcp::napi {

namespace {

// Owns a reference to a JavaScript function; JavaScript thread only.
class FunctionReference {
 public:
  FunctionReference(napi_env env, napi_ref ref) : env_(env), ref_(ref) {}
  ~FunctionReference() { napi_delete_reference(env_, ref_); }
  FunctionReference(const FunctionReference&) = delete;
  FunctionReference& operator=(const FunctionReference&) = delete;

  // Calls the function with `args` in the caller's handle scope. Returns the
  // result, or null with *failure set (a throw, or a runtime that refused).
  napi_value call(size_t argc, const napi_value* args, const char* rule, core::RuleFailure* failure) const {
    napi_value function = nullptr;
    napi_value result = nullptr;
    if (napi_get_reference_value(env_, ref_, &function) == napi_ok && function != nullptr &&
        napi_call_function(env_, undefinedValue(env_), function, argc, args, &result) == napi_ok) {
      return result;
    }
    *failure = core::RuleFailure{core::kAbortedByCallback, std::string(rule) + " threw: " + takeThrown()};
    return nullptr;
  }

  napi_env env() const { return env_; }

 private:
  // The message of the pending exception, which is cleared.
  std::string takeThrown() const {
    bool pending = false;
    napi_value thrown = nullptr;
    if (napi_is_exception_pending(env_, &pending) != napi_ok || !pending ||
        napi_get_and_clear_last_exception(env_, &thrown) != napi_ok || thrown == nullptr) {
      return "the call failed";
    }
    std::string message;
    const napi_valuetype type = typeOf(env_, thrown);
    if (type == napi_string) {
      readString(env_, thrown, &message);
    } else if (type == napi_object) {
      // Reading `message` may run a getter that throws in turn: clear that too.
      napi_value value = nullptr;
      if (napi_get_named_property(env_, thrown, "message", &value) != napi_ok) {
        napi_get_and_clear_last_exception(env_, &value);
      } else {
        readString(env_, value, &message);
      }
    }
    return message.empty() ? std::string("a value without a message") : message;
  }

  napi_env env_;
  napi_ref ref_;
};

std::shared_ptr<FunctionReference> referenceTo(napi_env env, napi_value function) {
  napi_ref ref = nullptr;
  if (napi_create_reference(env, function, 1, &ref) != napi_ok) return nullptr;
  return std::make_shared<FunctionReference>(env, ref);
}

// Opens and closes a handle scope around one call of a rule.
class HandleScope {
 public:
  explicit HandleScope(napi_env env) : env_(env) { napi_open_handle_scope(env_, &scope_); }
  ~HandleScope() {
    if (scope_ != nullptr) napi_close_handle_scope(env_, scope_);
  }
  HandleScope(const HandleScope&) = delete;
  HandleScope& operator=(const HandleScope&) = delete;

 private:
  napi_env env_;
  napi_handle_scope scope_ = nullptr;
};

// Clears an exception reading a result left pending (a getter that threw).
void clearPending(napi_env env) {
  bool pending = false;
  napi_value thrown = nullptr;
  if (napi_is_exception_pending(env, &pending) == napi_ok && pending) napi_get_and_clear_last_exception(env, &thrown);
}

constexpr const char* kExclusionRule = "the proxy's DynamicExclusionRule";
constexpr const char* kDnsRule = "the DynamicDnsRule";

}  // namespace

std::function<bool(const std::string& url, core::RuleFailure* failure)> exclusionRuleOf(napi_env env,
                                                                                        napi_value function) {
  std::shared_ptr<FunctionReference> rule = referenceTo(env, function);
  if (rule == nullptr) return nullptr;
  return [rule](const std::string& url, core::RuleFailure* failure) {
    const napi_env env = rule->env();
    HandleScope scope(env);
    napi_value argument = makeString(env, url);
    napi_value result = rule->call(1, &argument, kExclusionRule, failure);
    bool useProxy = true;
    if (result != nullptr && !readBool(env, result, &useProxy)) {
      *failure = core::RuleFailure{core::kParameterError, std::string(kExclusionRule) + " must return a boolean"};
    }
    return useProxy;
  };
}

std::function<std::vector<std::string>(const std::string& host, uint16_t port, core::RuleFailure* failure)>
dynamicDnsRuleOf(napi_env env, napi_value function) {
  std::shared_ptr<FunctionReference> rule = referenceTo(env, function);
  if (rule == nullptr) return nullptr;
  return [rule](const std::string& host, uint16_t port, core::RuleFailure* failure) {
    const napi_env env = rule->env();
    HandleScope scope(env);
    napi_value arguments[2] = {makeString(env, host), makeNumber(env, port)};
    napi_value result = rule->call(2, arguments, kDnsRule, failure);
    std::vector<std::string> addresses;
    if (result != nullptr && !readStringArray(env, result, &addresses)) {
      clearPending(env);
      *failure = core::RuleFailure{core::kParameterError, std::string(kDnsRule) + " must return an array of strings"};
      addresses.clear();
    }
    return addresses;
  };
}

}  // namespace rcp::napi
