// The C++ side of napi/boundary_table.h: each enum of the table as a C++ enum
// whose members carry their C++ names (kEventData, kHttpVersionAuto, ...),
// each record's slot indexes (NativeEventSlot::token ... NativeEventSlot::kCount,
// NativeFetchCallSlot::url, ...), and EnumMembers<E>, the member list generic
// code walks (module exports, reading a member from JavaScript).
#pragma once

#include <cstddef>
#include <cstdint>

#include "napi/boundary_table.h"
#include "napi/js_values.h"
#include "napi/node_api_platform.h"

namespace rcp::napi {

#define RCP_BOUNDARY_ENUMERATOR(cppName, jsName, value, doc) cppName = value,
#define RCP_BOUNDARY_DECLARE_ENUM(Name, MEMBERS, doc) enum Name : uint32_t { MEMBERS(RCP_BOUNDARY_ENUMERATOR) };
RCP_BOUNDARY_ENUMS(RCP_BOUNDARY_DECLARE_ENUM)
#undef RCP_BOUNDARY_DECLARE_ENUM
#undef RCP_BOUNDARY_ENUMERATOR

// NameSlot::field is the field's position among the call's arguments; NameSlot::kCount is their number.
#define RCP_BOUNDARY_SLOT(name, tsType, presence, doc) name,
#define RCP_BOUNDARY_DECLARE_SLOTS(Name, FIELDS, shape, doc, functionDoc) \
  struct Name##Slot {                                                     \
    enum : size_t { FIELDS(RCP_BOUNDARY_SLOT) kCount };                   \
  };
RCP_BOUNDARY_RECORDS(RCP_BOUNDARY_DECLARE_SLOTS)
#undef RCP_BOUNDARY_DECLARE_SLOTS
#undef RCP_BOUNDARY_SLOT

// EnumMembers<E>::kJsName is the name the module exports E under; kValues[i]
// is a member, exported as kJsNames[i].
template <typename Enum>
struct EnumMembers;

#define RCP_BOUNDARY_MEMBER_VALUE(cppName, jsName, value, doc) cppName,
#define RCP_BOUNDARY_MEMBER_NAME(cppName, jsName, value, doc) #jsName,
#define RCP_BOUNDARY_DESCRIBE_ENUM(Name, MEMBERS, doc)                             \
  template <>                                                                      \
  struct EnumMembers<Name> {                                                       \
    static constexpr const char* kJsName = #Name;                                  \
    static constexpr Name kValues[] = {MEMBERS(RCP_BOUNDARY_MEMBER_VALUE)};        \
    static constexpr const char* kJsNames[] = {MEMBERS(RCP_BOUNDARY_MEMBER_NAME)}; \
    static constexpr size_t kCount = sizeof kValues / sizeof kValues[0];           \
  };
RCP_BOUNDARY_ENUMS(RCP_BOUNDARY_DESCRIBE_ENUM)
#undef RCP_BOUNDARY_DESCRIBE_ENUM
#undef RCP_BOUNDARY_MEMBER_NAME
#undef RCP_BOUNDARY_MEMBER_VALUE

// Whether `value` is one of E's members (a number read from JavaScript may be anything).
template <typename Enum>
constexpr bool isMember(int64_t value) {
  for (Enum member : EnumMembers<Enum>::kValues) {
    if (static_cast<int64_t>(member) == value) return true;
  }
  return false;
}

// Reads a member of Enum: false when `value` is not a number that is one.
template <typename Enum>
bool readMember(napi_env env, napi_value value, Enum* out) {
  int64_t number = 0;
  if (!readInteger(env, value, 0, 4294967295.0, &number) || !isMember<Enum>(number)) return false;
  *out = static_cast<Enum>(number);
  return true;
}

// Every WantBits member at once: the largest valid eventMask.
#define RCP_BOUNDARY_OR_MEMBER(cppName, jsName, value, doc) | cppName
constexpr uint32_t kAllWantBits = 0u RCP_WANT_BITS_MEMBERS(RCP_BOUNDARY_OR_MEMBER);
// Every DebugKind member at once: the largest valid infoToCollect.
constexpr uint32_t kAllDebugKindBits = 0u RCP_DEBUG_KIND_MEMBERS(RCP_BOUNDARY_OR_MEMBER);
#undef RCP_BOUNDARY_OR_MEMBER

}  // namespace rcp::napi
