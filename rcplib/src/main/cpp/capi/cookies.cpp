// Rcp_RequestCookies and Rcp_CookieAttributes: the cookie functions of <rcp/rcp.h>.
#include <deque>
#include <memory>
#include <string>

#include "capi/api_guard.h"
#include "capi/handed_out.h"
#include "capi/objects.h"
#include "core/errors.h"
#include "core/text.h"
#include "core/validation.h"

namespace rcp::capi {
namespace {

Rcp_RequestCookies::Cookie* findCookie(const Rcp_RequestCookies& cookies, const std::string& name) {
  for (const auto& cookie : cookies.cookies) {
    if (cookie->name == name) {
      return cookie.get();
    }
  }
  return nullptr;
}

const core::CookieAttribute* findAttribute(const Rcp_CookieAttributes& attributes, const std::string& name) {
  for (const core::CookieAttribute& attribute : attributes.attributes) {
    if (core::equalsIgnoreCase(attribute.name, name)) {
      return &attribute;
    }
  }
  return nullptr;
}

struct CookieEntriesBlock : HandedOutBlock {
  std::deque<std::string> strings;
  std::deque<Rcp_RequestCookieEntry> entries;
};

// Points into the response's strings; the list itself is independent.
struct CookieAttributeEntriesBlock : HandedOutBlock {
  std::deque<Rcp_CookieAttributeEntry> entries;
};

}  // namespace

uint32_t setRequestCookie(Rcp_RequestCookies* cookies, const std::string& name, const std::string& value) {
  if (cookies == nullptr || !core::isValidCookieName(name) || !core::isValidCookieValue(value)) {
    return core::kParameterError;
  }
  Rcp_RequestCookies::Cookie* cookie = findCookie(*cookies, name);
  if (cookie == nullptr) {
    auto created = std::make_unique<Rcp_RequestCookies::Cookie>();
    created->name = name;
    cookie = created.get();
    cookies->cookies.push_back(std::move(created));
  }
  cookie->value = value;
  return core::kOk;
}

std::unique_ptr<Rcp_RequestCookies> cloneRequestCookies(const Rcp_RequestCookies& cookies) {
  auto copy = std::make_unique<Rcp_RequestCookies>();
  for (const auto& cookie : cookies.cookies) {
    copy->cookies.push_back(std::make_unique<Rcp_RequestCookies::Cookie>(*cookie));
  }
  return copy;
}

std::vector<core::NameValue> cookieList(const Rcp_RequestCookies& cookies) {
  std::vector<core::NameValue> list;
  list.reserve(cookies.cookies.size());
  for (const auto& cookie : cookies.cookies) {
    list.push_back(core::NameValue{cookie->name, cookie->value});
  }
  return list;
}

}  // namespace rcp::capi

using rcp::capi::guardCode;
using rcp::capi::guardValue;
using rcp::capi::guardVoid;

extern "C" {

RCP_EXPORT Rcp_RequestCookies* Rcp_CreateRequestCookies(void) {
  return guardValue<Rcp_RequestCookies*>(__func__, nullptr,
                                         [] { return std::make_unique<Rcp_RequestCookies>().release(); });
}

RCP_EXPORT void Rcp_DestroyRequestCookies(Rcp_RequestCookies* cookies) {
  // The application hands back what Rcp_CreateRequestCookies gave it.
  std::unique_ptr<Rcp_RequestCookies> owned(cookies);
}

RCP_EXPORT uint32_t Rcp_SetRequestCookieValue(Rcp_RequestCookies* cookies, const char* name, const char* value) {
  return guardCode(__func__, [&] {
    if (cookies == nullptr || name == nullptr || value == nullptr) {
      return rcp::core::kParameterError;
    }
    return rcp::capi::setRequestCookie(cookies, name, value);
  });
}

RCP_EXPORT char* Rcp_GetRequestCookieValue(Rcp_RequestCookies* cookies, const char* name) {
  return guardValue<char*>(__func__, nullptr, [&]() -> char* {
    if (cookies == nullptr || name == nullptr) {
      return nullptr;
    }
    Rcp_RequestCookies::Cookie* cookie = rcp::capi::findCookie(*cookies, name);
    return cookie == nullptr ? nullptr : cookie->value.data();
  });
}

RCP_EXPORT Rcp_RequestCookieEntry* Rcp_GetRequestCookieEntries(Rcp_RequestCookies* cookies) {
  return guardValue<Rcp_RequestCookieEntry*>(__func__, nullptr, [&]() -> Rcp_RequestCookieEntry* {
    if (cookies == nullptr || cookies->cookies.empty()) {
      return nullptr;
    }
    auto block = std::make_unique<rcp::capi::CookieEntriesBlock>();
    for (const auto& cookie : cookies->cookies) {
      block->strings.push_back(cookie->name);
      char* key = block->strings.back().data();
      block->strings.push_back(cookie->value);
      char* value = block->strings.back().data();
      block->entries.push_back(Rcp_RequestCookieEntry{key, value, nullptr});
    }
    for (size_t i = 0; i + 1 < block->entries.size(); ++i) {
      block->entries[i].next = &block->entries[i + 1];
    }
    Rcp_RequestCookieEntry* head = &block->entries.front();
    rcp::capi::keepHandedOut(rcp::capi::HandedOutKind::CookieEntries, head, std::move(block));
    return head;
  });
}

RCP_EXPORT void Rcp_DestroyRequestCookieEntries(Rcp_RequestCookieEntry* cookieEntry) {
  guardVoid(__func__, [&] {
    if (cookieEntry != nullptr) {
      rcp::capi::releaseHandedOut(rcp::capi::HandedOutKind::CookieEntries, cookieEntry);
    }
  });
}

RCP_EXPORT const char* Rcp_GetResponseCookieAttrValue(Rcp_CookieAttributes* cookieAttributes, const char* name) {
  return guardValue<const char*>(__func__, nullptr, [&]() -> const char* {
    if (cookieAttributes == nullptr || name == nullptr) {
      return nullptr;
    }
    const rcp::core::CookieAttribute* attribute = rcp::capi::findAttribute(*cookieAttributes, name);
    return attribute == nullptr ? nullptr : attribute->value.c_str();
  });
}

RCP_EXPORT Rcp_CookieAttributeEntry* Rcp_GetResponseCookieAttrEntries(Rcp_CookieAttributes* cookieAttributes) {
  return guardValue<Rcp_CookieAttributeEntry*>(__func__, nullptr, [&]() -> Rcp_CookieAttributeEntry* {
    if (cookieAttributes == nullptr || cookieAttributes->attributes.empty()) {
      return nullptr;
    }
    auto block = std::make_unique<rcp::capi::CookieAttributeEntriesBlock>();
    for (const rcp::core::CookieAttribute& attribute : cookieAttributes->attributes) {
      block->entries.push_back(Rcp_CookieAttributeEntry{attribute.name.c_str(), attribute.value.c_str(), nullptr});
    }
    for (size_t i = 0; i + 1 < block->entries.size(); ++i) {
      block->entries[i].next = &block->entries[i + 1];
    }
    Rcp_CookieAttributeEntry* head = &block->entries.front();
    rcp::capi::keepHandedOut(rcp::capi::HandedOutKind::CookieAttributeEntries, head, std::move(block));
    return head;
  });
}

RCP_EXPORT void Rcp_DestroyResponseCookieAttrEntries(Rcp_CookieAttributeEntry* cookieAttrEntry) {
  guardVoid(__func__, [&] {
    if (cookieAttrEntry != nullptr) {
      rcp::capi::releaseHandedOut(rcp::capi::HandedOutKind::CookieAttributeEntries, cookieAttrEntry);
    }
  });
}

}  // extern "C"
