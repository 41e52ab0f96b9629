// Rcp_Headers: the header collection functions of <rcp/rcp.h>.
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

void appendToFields(const Rcp_Headers& headers, const std::string& name, const std::string& value);

// Builds the indexed fields from a flat list taken over by headersFromList.
// Every reader and writer of `fields` calls this first.
void ensureIndexed(const Rcp_Headers& headers) {
  if (headers.unindexed.empty()) return;
  core::HeaderList list;
  list.swap(headers.unindexed);
  for (const core::Header& header : list) appendToFields(headers, header.name, header.value);
}

Rcp_Headers::Field* findField(const Rcp_Headers& headers, const std::string& name) {
  ensureIndexed(headers);
  for (const auto& field : headers.fields) {
    if (core::equalsIgnoreCase(field->name, name)) {
      return field.get();
    }
  }
  return nullptr;
}

// Rebuilds the Rcp_HeaderValue chain after `values` changed.
void relinkValues(Rcp_Headers::Field* field) {
  field->valueList.clear();
  for (std::string& value : field->values) {
    field->valueList.push_back(Rcp_HeaderValue{value.data(), nullptr});
  }
  for (size_t i = 0; i + 1 < field->valueList.size(); ++i) {
    field->valueList[i].next = &field->valueList[i + 1];
  }
}

Rcp_Headers::Field* fieldFor(const Rcp_Headers& headers, const std::string& name) {
  Rcp_Headers::Field* field = findField(headers, name);
  if (field == nullptr) {
    auto created = std::make_unique<Rcp_Headers::Field>();
    created->name = name;
    field = created.get();
    headers.fields.push_back(std::move(created));
  }
  return field;
}

void appendToFields(const Rcp_Headers& headers, const std::string& name, const std::string& value) {
  Rcp_Headers::Field* field = fieldFor(headers, name);
  field->values.push_back(value);
  relinkValues(field);
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
  Rcp_Headers::Field* field = fieldFor(*headers, name);
  field->values.clear();
  field->values.push_back(value);
  relinkValues(field);
  return core::kOk;
}

void appendHeader(Rcp_Headers* headers, const std::string& name, const std::string& value) {
  appendToFields(*headers, name, value);
}

core::HeaderList headerList(const Rcp_Headers& headers) {
  ensureIndexed(headers);
  core::HeaderList list;
  for (const auto& field : headers.fields) {
    for (const std::string& value : field->values) {
      list.push_back(core::Header{field->name, value});
    }
  }
  return list;
}

std::unique_ptr<Rcp_Headers> headersFromList(const core::HeaderList& list) {
  auto headers = std::make_unique<Rcp_Headers>();
  for (const core::Header& header : list) {
    appendHeader(headers.get(), header.name, header.value);
  }
  return headers;
}

std::unique_ptr<Rcp_Headers> headersFromList(core::HeaderList&& list) {
  auto headers = std::make_unique<Rcp_Headers>();
  headers->unindexed = std::move(list);
  return headers;
}

std::unique_ptr<Rcp_Headers> cloneHeaders(const Rcp_Headers& headers) {
  return headersFromList(headerList(headers));
}

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
    if (field == nullptr || field->valueList.empty()) {
      return nullptr;
    }
    return &field->valueList.front();
  });
}

RCP_EXPORT Rcp_HeaderEntry* Rcp_GetHeaderEntries(Rcp_Headers* headers) {
  return guardValue<Rcp_HeaderEntry*>(__func__, nullptr, [&]() -> Rcp_HeaderEntry* {
    if (headers == nullptr) {
      return nullptr;
    }
    rcp::capi::ensureIndexed(*headers);
    if (headers->fields.empty()) {
      return nullptr;
    }
    auto block = std::make_unique<rcp::capi::HeaderEntriesBlock>();
    for (const auto& field : headers->fields) {
      block->strings.push_back(field->name);
      Rcp_HeaderEntry entry{block->strings.back().data(), nullptr, nullptr};
      Rcp_HeaderValue* previous = nullptr;
      for (const std::string& value : field->values) {
        block->strings.push_back(value);
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
