// The C API's value objects behind the opaque types of <rcp/rcp.h>: header
// collections, forms, multipart forms, request cookies and response cookie
// attributes, plus the conversions between them and core values.
//
// Pointers handed to the application (Rcp_HeaderValue lists, stored form
// values, cookie value strings) point into these objects, so every member
// that backs such a pointer lives in a container that never moves its
// elements (std::deque grown at the back, or heap nodes).
#pragma once

#include <rcp/rcp.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/form.h"
#include "core/http_types.h"
#include "core/request_builder.h"

struct Rcp_Headers {
  // One stored value. `link` is its node in the list Rcp_GetHeaderValue
  // returns (link.value points at `text`); `next` is the same chain seen from
  // here, so the whole text (an embedded NUL included) stays reachable.
  struct Value {
    std::string text;
    Rcp_HeaderValue link{};
    Value* next = nullptr;
  };
  struct Field {
    std::string name;  // spelling of the first set
    Value* first = nullptr;
    Value* last = nullptr;  // where the next value is linked, so appending is O(1)
  };
  // Built from N header lines in O(N log N): one tree lookup and one O(1)
  // append per line (a run of one name skips the lookup). Server-sent names
  // reach it, so no step may depend on how many lines came before.
  struct Index {
    std::deque<Field> fields;  // insertion order; a deque so byFoldedName's pointers stay valid
    // Ordered, not hashed: names come from servers, and a tree's O(log n)
    // holds for any names, where a hash table degrades on chosen collisions.
    std::map<std::string, Field*> byFoldedName;  // lower-case name
    // Backing store of every value, grown at the back only. A set reuses the
    // field's first node and leaves the rest unused until the collection is
    // destroyed; only received headers have several values, so that is bounded.
    std::deque<Value> values;
  };
  // All mutable: received headers stay a flat list until the application
  // first reads them (see ensureIndexed in headers.cpp), so headers that are
  // never read cost no index at all.
  mutable std::unique_ptr<Index> index;
  mutable rcp::core::HeaderList unindexed;
  // Read in place, not copied: the engine's list, which outlives the
  // collection (an onHeaderReceive callback's, valid during the call only).
  mutable const rcp::core::HeaderList* borrowed = nullptr;
};

struct Rcp_RequestCookies {
  struct Cookie {
    std::string name;
    std::string value;
  };
  std::vector<std::unique_ptr<Cookie>> cookies;  // insertion order
};

struct Rcp_CookieAttributes {
  std::vector<rcp::core::CookieAttribute> attributes;  // in the order sent
};

struct Rcp_Form {
  struct Field {
    std::string key;
    std::deque<std::string> strings;        // backing store of varStr values
    std::deque<Rcp_FormFieldValue> values;  // linked by `next`
  };
  std::vector<std::unique_ptr<Field>> fields;  // order of first set
};

struct Rcp_MultipartForm {
  struct Field {
    std::string key;
    std::deque<std::string> strings;                 // backing store of varStr and content values
    std::deque<Rcp_MultipartFormFieldValue> values;  // linked by `next`
  };
  std::vector<std::unique_ptr<Field>> fields;  // order of first set
};

namespace rcp::capi {

// Longest value list (`next` chains) the API walks; longer or cyclic lists
// are parameter errors rather than endless loops.
constexpr size_t kMaxListLength = 100000;

// --- headers ---
// Validates and stores; returns kOk, kParameterError.
uint32_t setHeader(Rcp_Headers* headers, const std::string& name, const std::string& value);
// Adds one more value without validation (received headers are already parsed).
void appendHeader(Rcp_Headers* headers, const std::string& name, const std::string& value);
core::HeaderList headerList(const Rcp_Headers& headers);
// Takes the list over; it is indexed only when first read.
std::unique_ptr<Rcp_Headers> headersFromList(core::HeaderList&& list);
// Reads `list` in place, indexing it only when first read; `list` must
// outlive the collection.
std::unique_ptr<Rcp_Headers> headersBorrowing(const core::HeaderList& list);
std::unique_ptr<Rcp_Headers> cloneHeaders(const Rcp_Headers& headers);

// --- cookies ---
uint32_t setRequestCookie(Rcp_RequestCookies* cookies, const std::string& name, const std::string& value);
std::unique_ptr<Rcp_RequestCookies> cloneRequestCookies(const Rcp_RequestCookies& cookies);
std::vector<core::NameValue> cookieList(const Rcp_RequestCookies& cookies);

// --- forms ---
// Text form of one urlencoded/multipart field value, e.g. "true", "42", "0.1".
std::string formValueText(const Rcp_FormFieldValue& value);
// The shortest text that reads back as `value` ("NaN", "Infinity" for the specials).
std::string formatDouble(double value);
std::vector<core::FormField> formFields(const Rcp_Form& form);
std::vector<core::MultipartPart> multipartParts(const Rcp_MultipartForm& form);
std::unique_ptr<Rcp_Form> cloneForm(const Rcp_Form& form);
std::unique_ptr<Rcp_MultipartForm> cloneMultipartForm(const Rcp_MultipartForm& form);
// Adapts an application body callback to core::BodySegment::pull: -1 (or any
// negative value, or more bytes than asked for) fails the request, 0 ends it.
std::function<long(char* out, size_t capacity)> pullFromCallback(Rcp_GetDataCallback callback);

}  // namespace rcp::capi
