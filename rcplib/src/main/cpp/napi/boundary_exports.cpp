// The module's named constants, all from napi/boundary_table.h: each enum as a
// frozen object of its members (HttpVersion: { AUTO: 0, HTTP1_ONLY: 1, ... }),
// and the members of the enums in the FLAT table once more as plain numbers
// (EVENT_DATA).
#include <string>
#include <vector>

#include "napi/boundary.h"
#include "napi/js_values.h"
#include "napi/module_exports.h"

namespace rcp::napi {

namespace {

napi_property_descriptor valueProperty(const char* name, napi_value value) {
  return {name, nullptr, nullptr, nullptr, nullptr, value, napi_enumerable, nullptr};
}

// A frozen object holding every member of Enum under its JavaScript name; null when the runtime refused.
template <typename Enum>
napi_value makeEnumObject(napi_env env) {
  using Members = EnumMembers<Enum>;
  napi_property_descriptor members[Members::kCount];
  for (size_t i = 0; i < Members::kCount; ++i) {
    members[i] = valueProperty(Members::kJsNames[i], makeNumber(env, Members::kValues[i]));
  }
  napi_value object = nullptr;
  if (napi_create_object(env, &object) != napi_ok ||
      napi_define_properties(env, object, Members::kCount, members) != napi_ok ||
      napi_object_freeze(env, object) != napi_ok) {
    return nullptr;
  }
  return object;
}

// Collects the exports; the names of the flat constants are kept here until they are defined.
class BoundaryExports {
 public:
  explicit BoundaryExports(napi_env env) : env_(env) {}

  template <typename Enum>
  void addEnum() {
    napi_value object = makeEnumObject<Enum>(env_);
    if (object == nullptr) ok_ = false;
    properties_.push_back(valueProperty(EnumMembers<Enum>::kJsName, object));
  }

  template <typename Enum>
  void addFlat(const char* prefix) {
    using Members = EnumMembers<Enum>;
    for (size_t i = 0; i < Members::kCount; ++i) {
      flatNames_.push_back(std::string(prefix) + Members::kJsNames[i]);
      flatValues_.push_back(makeNumber(env_, Members::kValues[i]));
    }
  }

  bool define(napi_value exports) {
    if (!ok_) return false;
    // Pointers into flatNames_ are taken only now, after its last push_back.
    for (size_t i = 0; i < flatNames_.size(); ++i) {
      properties_.push_back(valueProperty(flatNames_[i].c_str(), flatValues_[i]));
    }
    return napi_define_properties(env_, exports, properties_.size(), properties_.data()) == napi_ok;
  }

 private:
  napi_env env_;
  bool ok_ = true;
  std::vector<napi_property_descriptor> properties_;
  std::vector<std::string> flatNames_;
  std::vector<napi_value> flatValues_;
};

}  // namespace

bool defineBoundaryExports(napi_env env, napi_value exports) {
  BoundaryExports out(env);
#define RCP_BOUNDARY_ADD_ENUM(Name, MEMBERS, doc) out.addEnum<Name>();
  RCP_BOUNDARY_ENUMS(RCP_BOUNDARY_ADD_ENUM)
#undef RCP_BOUNDARY_ADD_ENUM
#define RCP_BOUNDARY_ADD_FLAT(Name, prefix) out.addFlat<Name>(prefix);
  RCP_BOUNDARY_FLAT_EXPORTS(RCP_BOUNDARY_ADD_FLAT)
#undef RCP_BOUNDARY_ADD_FLAT
  return out.define(exports);
}

}  // namespace rcp::napi
