// Rcp_Headers: the header collection functions of <rcp/rcp.h>.
#include <deque>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "capi/api_guard.h"
#include "capi/handed_out.h"
#include "capi/objects.h"
#include "core/errors.h"
#include "core/text.h"
#include "core/validation.h"

namespace rcp::capi {
namespace {

using Index = Rcp_Headers::Index;
using Field = Rcp_Headers::Field;
using Value = Rcp_Headers::Value;

Field& fieldFor(Index& index, const std::string& name);
void appendValue(Index& index, Field& field, std::string value);

// Appends every line to the index. From a list the collection owns the
// values are moved out; from a borrowed one they are copied.
template <typename Lines>
void indexLines(Index& index, Lines& lines) {
  // Lines of one name tend to come in runs (Set-Cookie, floods): a run
  // reuses its field instead of folding and hashing the name again.
  Field* field = nullptr;
  const std::string* fieldLine = nullptr;
  for (auto& header : lines) {
    if (field == nullptr || header.name != *fieldLine) {
      field = &fieldFor(index, header.name);
      fieldLine = &header.name;
    }
    if constexpr (std::is_const_v<Lines>) {
      appendValue(index, *field, header.value);
    } else {
      appendValue(index, *field, std::move(header.value));
    }
  }
}

// The index, built on first use from the flat list the collection was made
// from. Every reader and writer calls this first.
Index& ensureIndexed(const Rcp_Headers& headers) {
  if (!headers.index) headers.index = std::make_unique<Index>();
  if (headers.borrowed != nullptr) {
    const core::HeaderList* lines = headers.borrowed;
    headers.borrowed = nullptr;
    indexLines(*headers.index, *lines);
  }
  if (!headers.unindexed.empty()) {
    core::HeaderList lines;
    lines.swap(headers.unindexed);
    indexLines(*headers.index, lines);
  }
  return *headers.index;
}

Field* findField(const Rcp_Headers& headers, const std::string& name) {
  Index& index = ensureIndexed(headers);
  auto it = index.byFoldedName.find(core::lowercased(name));
  return it == index.byFoldedName.end() ? nullptr : it->second;
}

Field& fieldFor(Index& index, const std::string& name) {
  auto inserted = index.byFoldedName.try_emplace(core::lowercased(name), nullptr);
  if (inserted.second) {
    try {
      index.fields.push_back(Field{name, nullptr, nullptr});
    } catch (...) {
      index.byFoldedName.erase(inserted.first);  // no entry may point at nothing
      throw;
    }
    inserted.first->second = &index.fields.back();
  }
  return *inserted.first->second;
}

// Links a new value after the field's last one: O(1), whatever the count.
void appendValue(Index& index, Field& field, std::string value) {
  Value& added = index.values.emplace_back();
  added.text = std::move(value);
  added.link.value = added.text.data();
  if (field.last == nullptr) {
    field.first = &added;
  } else {
    field.last->next = &added;
    field.last->link.next = &added.link;
  }
  field.last = &added;
}

// The list returned by Rcp_GetHeaderEntries, independent of the collection.
struct HeaderEntriesBlock : HandedOutBlock {
  std::deque<std::string> strings;
  std::deque<Rcp_HeaderValue> values;
  std::deque<Rcp_HeaderEntry> entries;
};

}  // namespace

uint32_t setHeader(Rcp_Headers* headers, const std::string& name, const std::string& value) {
  if (headers == nullptr || !core::isValidHeaderName(name) || !core::isValidHeaderValue(value)) {
    return core::kParameterError;
  }
  Index& index = ensureIndexed(*headers);
  Field& field = fieldFor(index, name);
  if (field.first == nullptr) {
    appendValue(index, field, value);
    return core::kOk;
  }
  // Replacing reuses the first node, so setting one name again and again
  // does not grow the collection.
  Value& only = *field.first;
  only.text = value;
  only.link.value = only.text.data();
  only.link.next = nullptr;
  only.next = nullptr;
  field.last = &only;
  return core::kOk;
}

void appendHeader(Rcp_Headers* headers, const std::string& name, const std::string& value) {
  Index& index = ensureIndexed(*headers);
  appendValue(index, fieldFor(index, name), value);
}

core::HeaderList headerList(const Rcp_Headers& headers) {
  const Index& index = ensureIndexed(headers);
  core::HeaderList list;
  for (const Field& field : index.fields) {
    for (const Value* value = field.first; value != nullptr; value = value->next) {
      list.push_back(core::Header{field.name, value->text});
    }
  }
  return list;
}

std::unique_ptr<Rcp_Headers> headersBorrowing(const core::HeaderList& list) {
  auto headers = std::make_unique<Rcp_Headers>();
  headers->borrowed = &list;
  return headers;
}

std::unique_ptr<Rcp_Headers> headersFromList(core::HeaderList&& list) {
  auto headers = std::make_unique<Rcp_Headers>();
  headers->unindexed = std::move(list);
  return headers;
}

std::unique_ptr<Rcp_Headers> cloneHeaders(const Rcp_Headers& headers) { return headersFromList(headerList(headers)); }

}  // namespace rcp::capi

using rcp::capi::guardCode;
using rcp::capi::guardValue;
using rcp::capi::guardVoid;

extern "C" {

RCP_EXPORT Rcp_Headers* Rcp_CreateHeaders(void) {
  return guardValue<Rcp_Headers*>(__func__, nullptr, [] { return std::make_unique<Rcp_Headers>().release(); });
}

RCP_EXPORT void Rcp_DestroyHeaders(Rcp_Headers* headers) {
  // The application hands back what Rcp_CreateHeaders gave it.
  std::unique_ptr<Rcp_Headers> owned(headers);
}

RCP_EXPORT uint32_t Rcp_SetHeaderValue(Rcp_Headers* headers, const char* name, const char* value) {
  return guardCode(__func__, [&] {
    if (headers == nullptr || name == nullptr || value == nullptr) {
      return rcp::core::kParameterError;
    }
    return rcp::capi::setHeader(headers, name, value);
  });
}

RCP_EXPORT Rcp_HeaderValue* Rcp_GetHeaderValue(Rcp_Headers* headers, const char* name) {
  return guardValue<Rcp_HeaderValue*>(__func__, nullptr, [&]() -> Rcp_HeaderValue* {
    if (headers == nullptr || name == nullptr) {
      return nullptr;
    }
    Rcp_Headers::Field* field = rcp::capi::findField(*headers, name);
    return field == nullptr || field->first == nullptr ? nullptr : &field->first->link;
  });
}

RCP_EXPORT Rcp_HeaderEntry* Rcp_GetHeaderEntries(Rcp_Headers* headers) {
  return guardValue<Rcp_HeaderEntry*>(__func__, nullptr, [&]() -> Rcp_HeaderEntry* {
    if (headers == nullptr) {
      return nullptr;
    }
    const Rcp_Headers::Index& index = rcp::capi::ensureIndexed(*headers);
    if (index.fields.empty()) {
      return nullptr;
    }
    auto block = std::make_unique<rcp::capi::HeaderEntriesBlock>();
    for (const Rcp_Headers::Field& field : index.fields) {
      block->strings.push_back(field.name);
      Rcp_HeaderEntry entry{block->strings.back().data(), nullptr, nullptr};
      Rcp_HeaderValue* previous = nullptr;
      for (const Rcp_Headers::Value* value = field.first; value != nullptr; value = value->next) {
        block->strings.push_back(value->text);
        block->values.push_back(Rcp_HeaderValue{block->strings.back().data(), nullptr});
        Rcp_HeaderValue* node = &block->values.back();
        if (previous == nullptr) {
          entry.value = node;
        } else {
          previous->next = node;
        }
        previous = node;
      }
      block->entries.push_back(entry);
    }
    for (size_t i = 0; i + 1 < block->entries.size(); ++i) {
      block->entries[i].next = &block->entries[i + 1];
    }
    Rcp_HeaderEntry* head = &block->entries.front();
    rcp::capi::keepHandedOut(rcp::capi::HandedOutKind::HeaderEntries, head, std::move(block));
    return head;
  });
}

RCP_EXPORT void Rcp_DestroyHeaderEntries(Rcp_HeaderEntry* headerEntry) {
  guardVoid(__func__, [&] {
    if (headerEntry != nullptr) {
      rcp::capi::releaseHandedOut(rcp::capi::HandedOutKind::HeaderEntries, headerEntry);
    }
  });
}

}  // extern "C"
