// The bad-input matrix of the C API: every public function of <rcp/rcp.h>
// with NULL, empty, malformed, injecting, out-of-range and stale arguments.
// Each row names the function and the input and expects the code the header
// documents; the suites run under ASan/UBSan, so "never a crash" is checked
// by every row too. Rows that accept their input start real fetches against
// a refused loopback port, so they settle at once.
#include <gtest/gtest.h>
#include <rcp/rcp.h>

#include <atomic>
#include <climits>
#include <cmath>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "reliability_support.h"

namespace rcp::test::reliability {
namespace {

constexpr uint32_t kOk = 0;
constexpr uint32_t kParameter = 401;
constexpr uint32_t kUnsupportedProtocol = 1007900001;
constexpr uint32_t kMalformedUrl = 1007900003;
constexpr uint32_t kBadDnsRule = 1007900049;
constexpr uint32_t kInvalidParameter = 1007900401;
constexpr uint32_t kCanceled = 1007900992;
constexpr uint32_t kSessionClosed = 1007900993;

// What a row observed when its function returns a pointer or nothing.
constexpr uint32_t kReturnedNull = 0xFFFF0001;
constexpr uint32_t kReturnedObject = 0xFFFF0002;
constexpr uint32_t kReturned = 0xFFFF0003;  // a void function came back

constexpr uint32_t kTooLargeTimeoutMs = 0x80000000u;

template <typename T>
uint32_t pointerResult(T* pointer) {
  return pointer == nullptr ? kReturnedNull : kReturnedObject;
}

struct Row {
  const char* function;
  const char* input;
  std::function<uint32_t()> call;
  uint32_t expected;
};

void expectRows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.function) + " with " + row.input);
    EXPECT_EQ(row.call(), row.expected);
  }
}

// A handle value that was never a session, and one that points at real memory.
Rcp_Session* const kMadeUpHandle = reinterpret_cast<Rcp_Session*>(uintptr_t{0x10});
Rcp_Session* realMemoryHandle() {
  static int someObject = 0;
  return reinterpret_cast<Rcp_Session*>(&someObject);
}

// Fills a fixed-size char array completely, leaving no terminating NUL.
template <size_t N>
void fillWithoutNul(char (&field)[N]) {
  std::memset(field, 'a', N);
}

// Writes an out-of-range value into a C enum member, as C code may.
template <typename Enum>
void setRawEnum(Enum* field, int value) {
  static_assert(sizeof(Enum) == sizeof(int), "C enums are int-sized");
  std::memcpy(field, &value, sizeof value);
}

// Counts the response callbacks of every accepted fetch in this file.
class CallbackCounter {
 public:
  Rcp_ResponseCallbackObject object() { return Rcp_ResponseCallbackObject{&CallbackCounter::count, this}; }
  int calls() const { return calls_.load(); }

 private:
  static void count(void* self, Rcp_Response* response, uint32_t) {
    if (response != nullptr) response->destroyResponse(response);
    static_cast<CallbackCounter*>(self)->calls_.fetch_add(1);
  }
  std::atomic<int> calls_{0};
};

// Starts a fetch of a fresh request for `url` after `edit` changed it, and
// returns Rcp_Fetch's code.
uint32_t fetchWith(Rcp_Session* session, CallbackCounter* counter, const std::string& url,
                   const std::function<void(Rcp_Request*)>& edit) {
  RequestPtr request = newRequest(url);
  edit(request.get());
  const Rcp_ResponseCallbackObject callback = counter->object();
  return Rcp_Fetch(session, request.get(), &callback);
}

int dataCallback(char*, uint32_t) { return 0; }
size_t binaryCallback(void*, Rcp_Buffer* buffer) { return buffer->length; }
void statusCallback(void*, uint32_t) {}
Rcp_IpAddress* badDynamicAddress(const char*, uint16_t) {
  static Rcp_IpAddress address{"not-an-address", nullptr};
  return &address;
}
Rcp_IpAddress* noDynamicAddress(const char*, uint16_t) { return nullptr; }
uint32_t passThrough(Rcp_Request* request, const Rcp_RequestHandler* next, const Rcp_ResponseCallbackObject* cb) {
  return Rcp_CallNextRequestHandler(request, next, cb);
}

// ---------------------------------------------------------------------------

TEST(ReliabilityBadInput, header_functions) {
  HeadersPtr headers(Rcp_CreateHeaders());
  HeadersPtr empty(Rcp_CreateHeaders());
  const std::string megabyte(1 << 20, 'v');
  Rcp_HeaderEntry notAList{nullptr, nullptr, nullptr};
  Rcp_Headers* h = headers.get();
  expectRows({
      {"Rcp_SetHeaderValue", "NULL headers", [] { return Rcp_SetHeaderValue(nullptr, "a", "b"); }, kParameter},
      {"Rcp_SetHeaderValue", "NULL name", [h] { return Rcp_SetHeaderValue(h, nullptr, "b"); }, kParameter},
      {"Rcp_SetHeaderValue", "NULL value", [h] { return Rcp_SetHeaderValue(h, "a", nullptr); }, kParameter},
      {"Rcp_SetHeaderValue", "empty name", [h] { return Rcp_SetHeaderValue(h, "", "b"); }, kParameter},
      {"Rcp_SetHeaderValue", "space in name", [h] { return Rcp_SetHeaderValue(h, "Bad Name", "b"); }, kParameter},
      {"Rcp_SetHeaderValue", "colon in name", [h] { return Rcp_SetHeaderValue(h, "X:Y", "b"); }, kParameter},
      {"Rcp_SetHeaderValue", "CR LF in name", [h] { return Rcp_SetHeaderValue(h, "X\r\nEvil", "b"); }, kParameter},
      {"Rcp_SetHeaderValue", "non-ASCII name", [h] { return Rcp_SetHeaderValue(h, "X-\xc3\xa9", "b"); }, kParameter},
      {"Rcp_SetHeaderValue", "CR LF in value", [h] { return Rcp_SetHeaderValue(h, "X", "a\r\nEvil: 1"); }, kParameter},
      {"Rcp_SetHeaderValue", "LF in value", [h] { return Rcp_SetHeaderValue(h, "X", "a\nb"); }, kParameter},
      {"Rcp_SetHeaderValue", "CR in value", [h] { return Rcp_SetHeaderValue(h, "X", "a\rb"); }, kParameter},
      {"Rcp_SetHeaderValue", "empty value", [h] { return Rcp_SetHeaderValue(h, "X-Empty", ""); }, kOk},
      {"Rcp_SetHeaderValue", "UTF-8 value", [h] { return Rcp_SetHeaderValue(h, "X-Text", "\xe4\xbd\xa0\xe5\xa5\xbd"); },
       kOk},
      {"Rcp_SetHeaderValue", "1 MiB value", [h, &megabyte] { return Rcp_SetHeaderValue(h, "X-Big", megabyte.c_str()); },
       kOk},
      {"Rcp_GetHeaderValue", "NULL headers", [] { return pointerResult(Rcp_GetHeaderValue(nullptr, "a")); },
       kReturnedNull},
      {"Rcp_GetHeaderValue", "NULL name", [h] { return pointerResult(Rcp_GetHeaderValue(h, nullptr)); }, kReturnedNull},
      {"Rcp_GetHeaderValue", "absent name", [h] { return pointerResult(Rcp_GetHeaderValue(h, "absent")); },
       kReturnedNull},
      {"Rcp_GetHeaderValue", "name refused earlier", [h] { return pointerResult(Rcp_GetHeaderValue(h, "X:Y")); },
       kReturnedNull},
      {"Rcp_GetHeaderEntries", "NULL", [] { return pointerResult(Rcp_GetHeaderEntries(nullptr)); }, kReturnedNull},
      {"Rcp_GetHeaderEntries", "empty collection",
       [&empty] { return pointerResult(Rcp_GetHeaderEntries(empty.get())); }, kReturnedNull},
      {"Rcp_DestroyHeaderEntries", "NULL", [] { return Rcp_DestroyHeaderEntries(nullptr), kReturned; }, kReturned},
      {"Rcp_DestroyHeaderEntries", "a pointer that is not a list",
       [&notAList] { return Rcp_DestroyHeaderEntries(&notAList), kReturned; }, kReturned},
      {"Rcp_DestroyHeaderEntries", "a list destroyed twice",
       [h] {
         Rcp_HeaderEntry* entries = Rcp_GetHeaderEntries(h);
         Rcp_DestroyHeaderEntries(entries);
         Rcp_DestroyHeaderEntries(entries);
         return kReturned;
       },
       kReturned},
      {"Rcp_DestroyHeaders", "NULL", [] { return Rcp_DestroyHeaders(nullptr), kReturned; }, kReturned},
  });
  // Refused values left the collection as it was.
  EXPECT_EQ(Rcp_GetHeaderValue(h, "X"), nullptr);
  EXPECT_STREQ(Rcp_GetHeaderValue(h, "X-Empty")->value, "");
}

TEST(ReliabilityBadInput, cookie_functions) {
  CookiesPtr cookies(Rcp_CreateRequestCookies());
  CookiesPtr empty(Rcp_CreateRequestCookies());
  Rcp_RequestCookieEntry notAList{nullptr, nullptr, nullptr};
  Rcp_CookieAttributeEntry notAnAttributeList{nullptr, nullptr, nullptr};
  Rcp_RequestCookies* c = cookies.get();
  expectRows({
      {"Rcp_SetRequestCookieValue", "NULL cookies", [] { return Rcp_SetRequestCookieValue(nullptr, "a", "b"); },
       kParameter},
      {"Rcp_SetRequestCookieValue", "NULL name", [c] { return Rcp_SetRequestCookieValue(c, nullptr, "b"); },
       kParameter},
      {"Rcp_SetRequestCookieValue", "NULL value", [c] { return Rcp_SetRequestCookieValue(c, "a", nullptr); },
       kParameter},
      {"Rcp_SetRequestCookieValue", "empty name", [c] { return Rcp_SetRequestCookieValue(c, "", "b"); }, kParameter},
      {"Rcp_SetRequestCookieValue", "space in name", [c] { return Rcp_SetRequestCookieValue(c, "a b", "b"); },
       kParameter},
      {"Rcp_SetRequestCookieValue", "'=' in name", [c] { return Rcp_SetRequestCookieValue(c, "a=b", "b"); },
       kParameter},
      {"Rcp_SetRequestCookieValue", "CR LF in name", [c] { return Rcp_SetRequestCookieValue(c, "a\r\n", "b"); },
       kParameter},
      {"Rcp_SetRequestCookieValue", "';' in value", [c] { return Rcp_SetRequestCookieValue(c, "a", "x; admin=1"); },
       kParameter},
      {"Rcp_SetRequestCookieValue", "',' in value", [c] { return Rcp_SetRequestCookieValue(c, "a", "x,y"); },
       kParameter},
      {"Rcp_SetRequestCookieValue", "CR LF in value", [c] { return Rcp_SetRequestCookieValue(c, "a", "x\r\nEvil: 1"); },
       kParameter},
      {"Rcp_SetRequestCookieValue", "LF in value", [c] { return Rcp_SetRequestCookieValue(c, "a", "x\ny"); },
       kParameter},
      {"Rcp_SetRequestCookieValue", "empty value", [c] { return Rcp_SetRequestCookieValue(c, "a", ""); }, kOk},
      {"Rcp_GetRequestCookieValue", "NULL cookies",
       [] { return pointerResult(Rcp_GetRequestCookieValue(nullptr, "a")); }, kReturnedNull},
      {"Rcp_GetRequestCookieValue", "NULL name", [c] { return pointerResult(Rcp_GetRequestCookieValue(c, nullptr)); },
       kReturnedNull},
      {"Rcp_GetRequestCookieEntries", "NULL", [] { return pointerResult(Rcp_GetRequestCookieEntries(nullptr)); },
       kReturnedNull},
      {"Rcp_GetRequestCookieEntries", "empty collection",
       [&empty] { return pointerResult(Rcp_GetRequestCookieEntries(empty.get())); }, kReturnedNull},
      {"Rcp_DestroyRequestCookieEntries", "a pointer that is not a list",
       [&notAList] { return Rcp_DestroyRequestCookieEntries(&notAList), kReturned; }, kReturned},
      {"Rcp_DestroyRequestCookies", "NULL", [] { return Rcp_DestroyRequestCookies(nullptr), kReturned; }, kReturned},
      {"Rcp_GetResponseCookieAttrValue", "NULL attributes",
       [] { return pointerResult(Rcp_GetResponseCookieAttrValue(nullptr, "Path")); }, kReturnedNull},
      {"Rcp_GetResponseCookieAttrEntries", "NULL",
       [] { return pointerResult(Rcp_GetResponseCookieAttrEntries(nullptr)); }, kReturnedNull},
      {"Rcp_DestroyResponseCookieAttrEntries", "a pointer that is not a list",
       [&notAnAttributeList] { return Rcp_DestroyResponseCookieAttrEntries(&notAnAttributeList), kReturned; },
       kReturned},
  });
  EXPECT_STREQ(Rcp_GetRequestCookieValue(c, "a"), "");
}

TEST(ReliabilityBadInput, response_cookie_attribute_functions_on_a_real_response) {
  SessionOwner session;
  RequestPtr request = newRequest(ServerDirectory::get().http + "/set-cookie");
  uint32_t code = 1;
  Rcp_Response* response = Rcp_FetchSync(session.get(), request.get(), &code);
  ASSERT_EQ(code, 0u);
  ASSERT_NE(response, nullptr);
  ASSERT_NE(response->cookies, nullptr);
  Rcp_CookieAttributes* attributes = response->cookies->cookieAttributes;
  expectRows({
      {"Rcp_GetResponseCookieAttrValue", "NULL name",
       [attributes] { return pointerResult(Rcp_GetResponseCookieAttrValue(attributes, nullptr)); }, kReturnedNull},
      {"Rcp_GetResponseCookieAttrValue", "absent name",
       [attributes] { return pointerResult(Rcp_GetResponseCookieAttrValue(attributes, "Nope")); }, kReturnedNull},
      {"Rcp_GetResponseCookieAttrValue", "flag attribute in another case",
       [attributes] { return pointerResult(Rcp_GetResponseCookieAttrValue(attributes, "SECURE")); }, kReturnedObject},
      {"Rcp_DestroyResponseCookieAttrEntries", "a list destroyed twice",
       [attributes] {
         Rcp_CookieAttributeEntry* entries = Rcp_GetResponseCookieAttrEntries(attributes);
         Rcp_DestroyResponseCookieAttrEntries(entries);
         Rcp_DestroyResponseCookieAttrEntries(entries);
         return kReturned;
       },
       kReturned},
  });
  response->destroyResponse(response);
}

TEST(ReliabilityBadInput, form_functions) {
  Rcp_Form* form = Rcp_CreateForm();
  Rcp_FormFieldValue good{};
  good.type = RCP_FORM_VALUE_TYPE_INT32;
  good.data.varInt32 = 7;
  ASSERT_EQ(Rcp_SetFormValue(form, "kept", &good), 0u);
  expectRows({
      {"Rcp_SetFormValue", "NULL form", [&] { return Rcp_SetFormValue(nullptr, "k", &good); }, kParameter},
      {"Rcp_SetFormValue", "NULL key", [&] { return Rcp_SetFormValue(form, nullptr, &good); }, kParameter},
      {"Rcp_SetFormValue", "empty key", [&] { return Rcp_SetFormValue(form, "", &good); }, kParameter},
      {"Rcp_SetFormValue", "NULL value", [&] { return Rcp_SetFormValue(form, "k", nullptr); }, kParameter},
      {"Rcp_SetFormValue", "type 99",
       [&] {
         Rcp_FormFieldValue v = good;
         setRawEnum(&v.type, 99);
         return Rcp_SetFormValue(form, "kept", &v);
       },
       kParameter},
      {"Rcp_SetFormValue", "type -1",
       [&] {
         Rcp_FormFieldValue v = good;
         setRawEnum(&v.type, -1);
         return Rcp_SetFormValue(form, "kept", &v);
       },
       kParameter},
      {"Rcp_SetFormValue", "string with NULL buffer and length 4",
       [&] {
         Rcp_FormFieldValue v{};
         v.type = RCP_FORM_VALUE_TYPE_STRING;
         v.data.varStr = Rcp_Buffer{nullptr, 4};
         return Rcp_SetFormValue(form, "kept", &v);
       },
       kParameter},
      {"Rcp_SetFormValue", "a bad second value in the chain",
       [&] {
         Rcp_FormFieldValue second = good;
         setRawEnum(&second.type, 42);
         Rcp_FormFieldValue first = good;
         first.next = &second;
         return Rcp_SetFormValue(form, "kept", &first);
       },
       kParameter},
      {"Rcp_SetFormValue", "a chain that loops back on itself",
       [&] {
         Rcp_FormFieldValue loop = good;
         loop.next = &loop;
         return Rcp_SetFormValue(form, "kept", &loop);
       },
       kParameter},
      {"Rcp_SetFormValue", "string with NULL buffer and length 0",
       [&] {
         Rcp_FormFieldValue v{};
         v.type = RCP_FORM_VALUE_TYPE_STRING;
         return Rcp_SetFormValue(form, "empty", &v);
       },
       kOk},
      {"Rcp_SetFormValue", "NaN and infinite doubles",
       [&] {
         Rcp_FormFieldValue infinite{};
         infinite.type = RCP_FORM_VALUE_TYPE_DOUBLE;
         infinite.data.varDouble = INFINITY;
         Rcp_FormFieldValue nan = infinite;
         nan.data.varDouble = NAN;
         nan.next = &infinite;
         return Rcp_SetFormValue(form, "numbers", &nan);
       },
       kOk},
      {"Rcp_GetFormValue", "NULL form", [] { return pointerResult(Rcp_GetFormValue(nullptr, "k")); }, kReturnedNull},
      {"Rcp_GetFormValue", "NULL key", [&] { return pointerResult(Rcp_GetFormValue(form, nullptr)); }, kReturnedNull},
      {"Rcp_GetFormValue", "absent key", [&] { return pointerResult(Rcp_GetFormValue(form, "absent")); },
       kReturnedNull},
      {"Rcp_DestroyForm", "NULL", [] { return Rcp_DestroyForm(nullptr), kReturned; }, kReturned},
  });
  // Refused values left the earlier one in place.
  ASSERT_NE(Rcp_GetFormValue(form, "kept"), nullptr);
  EXPECT_EQ(Rcp_GetFormValue(form, "kept")->data.varInt32, 7);
  EXPECT_EQ(Rcp_GetFormValue(form, "kept")->next, nullptr);
  Rcp_DestroyForm(form);
}

TEST(ReliabilityBadInput, multipart_form_functions) {
  Rcp_MultipartForm* form = Rcp_CreateMultipartForm();
  auto fileValue = [](Rcp_ContentOrPathOrCallbackType type) {
    Rcp_MultipartFormFieldValue v;
    std::memset(&v, 0, sizeof v);
    v.type = RCP_TYPE_FORM_FIELD_FILE_VALUE;
    v.data.formFileValue.contentOrPathOrCb.type = type;
    if (type == RCP_FILE_VALUE_TYPE_CONTENT) v.data.formFileValue.contentOrPathOrCb.data.content = Rcp_Buffer{"abc", 3};
    if (type == RCP_FILE_VALUE_TYPE_PATH) std::strcpy(v.data.formFileValue.contentOrPathOrCb.data.path, "/tmp/x");
    if (type == RCP_FILE_VALUE_TYPE_CALLBACK) v.data.formFileValue.contentOrPathOrCb.data.callback = dataCallback;
    return v;
  };
  using Edit = std::function<void(Rcp_MultipartFormFieldValue*)>;
  auto setEdited = [&](Rcp_ContentOrPathOrCallbackType type, const Edit& edit) {
    Rcp_MultipartFormFieldValue v = fileValue(type);
    edit(&v);
    return Rcp_SetMultipartFormValue(form, "file", &v);
  };
  Rcp_MultipartFormFieldValue good = fileValue(RCP_FILE_VALUE_TYPE_CONTENT);
  expectRows({
      {"Rcp_SetMultipartFormValue", "NULL form", [&] { return Rcp_SetMultipartFormValue(nullptr, "k", &good); },
       kParameter},
      {"Rcp_SetMultipartFormValue", "NULL key", [&] { return Rcp_SetMultipartFormValue(form, nullptr, &good); },
       kParameter},
      {"Rcp_SetMultipartFormValue", "empty key", [&] { return Rcp_SetMultipartFormValue(form, "", &good); },
       kParameter},
      {"Rcp_SetMultipartFormValue", "NULL value", [&] { return Rcp_SetMultipartFormValue(form, "k", nullptr); },
       kParameter},
      {"Rcp_SetMultipartFormValue", "value type 2",
       [&] { return setEdited(RCP_FILE_VALUE_TYPE_CONTENT, [](auto* v) { setRawEnum(&v->type, 2); }); }, kParameter},
      {"Rcp_SetMultipartFormValue", "form field with type 99",
       [&] {
         return setEdited(RCP_FILE_VALUE_TYPE_CONTENT, [](auto* v) {
           v->type = RCP_TYPE_FORM_FIELD_VALUE;
           setRawEnum(&v->data.formValue.type, 99);
         });
       },
       kParameter},
      {"Rcp_SetMultipartFormValue", "content type without a NUL",
       [&] {
         return setEdited(RCP_FILE_VALUE_TYPE_CONTENT,
                          [](auto* v) { fillWithoutNul(v->data.formFileValue.contentType); });
       },
       kParameter},
      {"Rcp_SetMultipartFormValue", "CR LF in the content type",
       [&] {
         return setEdited(RCP_FILE_VALUE_TYPE_CONTENT,
                          [](auto* v) { std::strcpy(v->data.formFileValue.contentType, "text/plain\r\nX-Evil: 1"); });
       },
       kParameter},
      {"Rcp_SetMultipartFormValue", "file name without a NUL",
       [&] {
         return setEdited(RCP_FILE_VALUE_TYPE_CONTENT,
                          [](auto* v) { fillWithoutNul(v->data.formFileValue.remoteFileName); });
       },
       kParameter},
      {"Rcp_SetMultipartFormValue", "content kind 3",
       [&] {
         return setEdited(RCP_FILE_VALUE_TYPE_CONTENT,
                          [](auto* v) { setRawEnum(&v->data.formFileValue.contentOrPathOrCb.type, 3); });
       },
       kParameter},
      {"Rcp_SetMultipartFormValue", "content with NULL buffer and length 4",
       [&] {
         return setEdited(RCP_FILE_VALUE_TYPE_CONTENT, [](auto* v) {
           v->data.formFileValue.contentOrPathOrCb.data.content = Rcp_Buffer{nullptr, 4};
         });
       },
       kParameter},
      {"Rcp_SetMultipartFormValue", "empty path",
       [&] {
         return setEdited(RCP_FILE_VALUE_TYPE_PATH,
                          [](auto* v) { v->data.formFileValue.contentOrPathOrCb.data.path[0] = '\0'; });
       },
       kParameter},
      {"Rcp_SetMultipartFormValue", "path without a NUL",
       [&] {
         return setEdited(RCP_FILE_VALUE_TYPE_PATH,
                          [](auto* v) { fillWithoutNul(v->data.formFileValue.contentOrPathOrCb.data.path); });
       },
       kParameter},
      {"Rcp_SetMultipartFormValue", "NULL callback",
       [&] {
         return setEdited(RCP_FILE_VALUE_TYPE_CALLBACK,
                          [](auto* v) { v->data.formFileValue.contentOrPathOrCb.data.callback = nullptr; });
       },
       kParameter},
      {"Rcp_SetMultipartFormValue", "a chain that loops back on itself",
       [&] { return setEdited(RCP_FILE_VALUE_TYPE_CONTENT, [](auto* v) { v->next = v; }); }, kParameter},
      {"Rcp_SetMultipartFormValue", "quotes and CR LF in the file name (escaped, not refused)",
       [&] {
         return setEdited(RCP_FILE_VALUE_TYPE_CONTENT,
                          [](auto* v) { std::strcpy(v->data.formFileValue.remoteFileName, "a\"\r\nX-Evil: 1.txt"); });
       },
       kOk},
      {"Rcp_SetMultipartFormValue", "a path part", [&] { return setEdited(RCP_FILE_VALUE_TYPE_PATH, [](auto*) {}); },
       kOk},
      {"Rcp_GetMultipartFormValue", "NULL form", [] { return pointerResult(Rcp_GetMultipartFormValue(nullptr, "k")); },
       kReturnedNull},
      {"Rcp_GetMultipartFormValue", "NULL key", [&] { return pointerResult(Rcp_GetMultipartFormValue(form, nullptr)); },
       kReturnedNull},
      {"Rcp_DestroyMultipartForm", "NULL", [] { return Rcp_DestroyMultipartForm(nullptr), kReturned; }, kReturned},
  });
  Rcp_DestroyMultipartForm(form);
}

TEST(ReliabilityBadInput, request_functions) {
  // A request the application built itself: rcplib has no private data for it.
  Rcp_Request appBuilt;
  std::memset(&appBuilt, 0, sizeof appBuilt);
  RequestPtr ours = newRequest("http://127.0.0.1/");
  const Rcp_OnBinaryReceiveCallback binary{binaryCallback, nullptr};
  const Rcp_OnStatusCodeReceiveCallback status{statusCallback, nullptr};
  Rcp_Request* r = ours.get();
  expectRows({
      {"Rcp_CreateRequest", "NULL url", [] { return pointerResult(Rcp_CreateRequest(nullptr)); }, kReturnedNull},
      {"Rcp_CreateRequest", "empty url (checked when fetched)",
       [] {
         RequestPtr created(Rcp_CreateRequest(""));
         return pointerResult(created.get());
       },
       kReturnedObject},
      {"Rcp_DestroyRequest", "NULL", [] { return Rcp_DestroyRequest(nullptr), kReturned; }, kReturned},
      {"Rcp_DestroyRequest", "a request rcplib did not create",
       [&appBuilt] { return Rcp_DestroyRequest(&appBuilt), kReturned; }, kReturned},
      {"Rcp_SetRequestOnBinaryDataRecvCallback", "NULL request",
       [&] { return Rcp_SetRequestOnBinaryDataRecvCallback(nullptr, binary); }, kParameter},
      {"Rcp_SetRequestOnBinaryDataRecvCallback", "NULL function",
       [&] {
         return Rcp_SetRequestOnBinaryDataRecvCallback(r, Rcp_OnBinaryReceiveCallback{nullptr, nullptr});
       },
       kParameter},
      {"Rcp_SetRequestOnBinaryDataRecvCallback", "a request rcplib did not create",
       [&] { return Rcp_SetRequestOnBinaryDataRecvCallback(&appBuilt, binary); }, kParameter},
      {"Rcp_SetRequestOnStatusCodeReceiveCallback", "NULL request",
       [&] { return Rcp_SetRequestOnStatusCodeReceiveCallback(nullptr, status); }, kParameter},
      {"Rcp_SetRequestOnStatusCodeReceiveCallback", "NULL function",
       [&] {
         return Rcp_SetRequestOnStatusCodeReceiveCallback(r, Rcp_OnStatusCodeReceiveCallback{nullptr, nullptr});
       },
       kParameter},
      {"Rcp_SetRequestOnStatusCodeReceiveCallback", "a request rcplib did not create",
       [&] { return Rcp_SetRequestOnStatusCodeReceiveCallback(&appBuilt, status); }, kParameter},
      {"Rcp_SetRequestConnectOnly", "NULL request", [] { return Rcp_SetRequestConnectOnly(nullptr, true); },
       kInvalidParameter},
      {"Rcp_SetRequestConnectOnly", "a request rcplib did not create",
       [&] { return Rcp_SetRequestConnectOnly(&appBuilt, true); }, kInvalidParameter},
  });
}

TEST(ReliabilityBadInput, session_creation) {
  auto createWith = [](const std::function<void(Rcp_SessionConfiguration*, Rcp_Configuration*)>& edit) {
    Rcp_Configuration requestConfig;
    std::memset(&requestConfig, 0, sizeof requestConfig);
    Rcp_SessionConfiguration config;
    std::memset(&config, 0, sizeof config);
    edit(&config, &requestConfig);
    uint32_t code = 12345;
    Rcp_Session* session = Rcp_CreateSession(&config, &code);
    if (session != nullptr) Rcp_CloseSession(&session);
    return code;
  };
  Rcp_Interceptor nullIntercept{nullptr};
  Rcp_SyncInterceptor nullSyncIntercept{nullptr};
  Rcp_Interceptor passing{passThrough};
  Rcp_Urls loopingUrls{"http://proxy.example/", nullptr};
  loopingUrls.next = &loopingUrls;
  Rcp_IpAddress badAddress{"999.0.0.1", nullptr};
  Rcp_StaticDnsRule staticRule{};
  std::strcpy(staticRule.staticDnsRule.host, "example.test");
  staticRule.staticDnsRule.ipAddresses = &badAddress;
  Rcp_DnsRule dnsRule{};
  dnsRule.type = RCP_DNS_RULE_STATIC;
  dnsRule.data.staticDnsRule = &staticRule;
  expectRows({
      {"Rcp_CreateSession", "NULL configuration and NULL errCode",
       [] {
         Rcp_Session* session = Rcp_CreateSession(nullptr, nullptr);
         const uint32_t result = pointerResult(session);
         Rcp_CloseSession(&session);
         return result;
       },
       kReturnedObject},
      {"Rcp_CreateSession", "type RCP_SESSION_TYPE_MAX",
       [&] { return createWith([](auto* s, auto*) { s->type = RCP_SESSION_TYPE_MAX; }); }, kParameter},
      {"Rcp_CreateSession", "type 7", [&] { return createWith([](auto* s, auto*) { setRawEnum(&s->type, 7); }); },
       kParameter},
      {"Rcp_CreateSession", "interceptor count -1",
       [&] { return createWith([&](auto* s, auto*) {
               s->interceptors = {&passing, -1};
             }); }, kParameter},
      {"Rcp_CreateSession", "interceptor count 1 with a NULL array",
       [&] { return createWith([](auto* s, auto*) {
               s->interceptors = {nullptr, 1};
             }); }, kParameter},
      {"Rcp_CreateSession", "interceptor with a NULL function",
       [&] { return createWith([&](auto* s, auto*) {
               s->interceptors = {&nullIntercept, 1};
             }); }, kParameter},
      {"Rcp_CreateSession", "interceptor count INT_MAX",
       [&] { return createWith([&](auto* s, auto*) {
               s->interceptors = {&passing, INT_MAX};
             }); }, kParameter},
      {"Rcp_CreateSession", "sync interceptor with a NULL function",
       [&] { return createWith([&](auto* s, auto*) {
               s->syncInterceptors = {&nullSyncIntercept, 1};
             }); }, kParameter},
      {"Rcp_CreateSession", "sync interceptor count -5",
       [&] { return createWith([](auto* s, auto*) {
               s->syncInterceptors = {nullptr, -5};
             }); }, kParameter},
      {"Rcp_CreateSession", "ftp base URL",
       [&] { return createWith([](auto* s, auto*) { s->baseUrl = "ftp://127.0.0.1/"; }); }, kParameter},
      {"Rcp_CreateSession", "malformed base URL",
       [&] { return createWith([](auto* s, auto*) { s->baseUrl = "http://exa mple/"; }); }, kParameter},
      {"Rcp_CreateSession", "empty base URL (none)",
       [&] { return createWith([](auto* s, auto*) { s->baseUrl = ""; }); }, kOk},
      {"Rcp_CreateSession", "negative maxConnectionsPerHost",
       [&] { return createWith([](auto* s, auto*) { s->connectionConfiguration.maxConnectionsPerHost = -1; }); },
       kParameter},
      {"Rcp_CreateSession", "negative maxTotalConnections",
       [&] { return createWith([](auto* s, auto*) { s->connectionConfiguration.maxTotalConnections = LONG_MIN; }); },
       kParameter},
      {"Rcp_CreateSession", "negative maxCacheConnections",
       [&] { return createWith([](auto* s, auto*) { s->connectionConfiguration.maxCacheConnections = -3; }); },
       kParameter},
      {"Rcp_CreateSession", "LONG_MAX connection limits",
       [&] {
         return createWith([](auto* s, auto*) {
           s->connectionConfiguration = Rcp_ConnectionConfiguration{LONG_MAX, LONG_MAX, LONG_MAX};
         });
       },
       kOk},
      {"Rcp_CreateSession", "request configuration with a 2^31 ms timeout",
       [&] {
         return createWith([](auto* s, auto* r) {
           r->transferConfiguration.timeout.transferMs = kTooLargeTimeoutMs;
           s->requestConfiguration = r;
         });
       },
       kParameter},
      {"Rcp_CreateSession", "request configuration with HTTP version 9",
       [&] {
         return createWith([](auto* s, auto* r) {
           setRawEnum(&r->transferConfiguration.httpVersion, 9);
           s->requestConfiguration = r;
         });
       },
       kParameter},
      {"Rcp_CreateSession", "request configuration with a looping exclusion list",
       [&] {
         return createWith([&](auto* s, auto* r) {
           r->proxyConfiguration.proxyType = RCP_PROXY_CUSTOM;
           r->proxyConfiguration.customProxy.url = "http://127.0.0.1:1";
           r->proxyConfiguration.customProxy.exclusions.data.urls = &loopingUrls;
           s->requestConfiguration = r;
         });
       },
       kParameter},
      // customProxy is only read for RCP_PROXY_CUSTOM, so junk there must not be followed.
      {"Rcp_CreateSession", "system proxy with junk pointers in the unused customProxy",
       [&] {
         return createWith([](auto* s, auto* r) {
           r->proxyConfiguration.proxyType = RCP_PROXY_SYSTEM;
           r->proxyConfiguration.customProxy.url = reinterpret_cast<const char*>(uintptr_t{1});
           r->proxyConfiguration.customProxy.exclusions.type = RCP_EXCLUSION_USE_URL_ARRAY;
           r->proxyConfiguration.customProxy.exclusions.data.urls = reinterpret_cast<Rcp_Urls*>(uintptr_t{8});
           r->proxyConfiguration.customProxy.securityConfiguration.certificateAuthority.content =
               reinterpret_cast<char*>(uintptr_t{16});
           s->requestConfiguration = r;
         });
       },
       kOk},
      // The custom proxy's securityConfiguration is documented as ignored.
      {"Rcp_CreateSession", "custom proxy with junk pointers in its ignored securityConfiguration",
       [&] {
         return createWith([](auto* s, auto* r) {
           r->proxyConfiguration.proxyType = RCP_PROXY_CUSTOM;
           r->proxyConfiguration.customProxy.url = "http://127.0.0.1:1";
           r->proxyConfiguration.customProxy.securityConfiguration.certificate.key =
               reinterpret_cast<char*>(uintptr_t{24});
           s->requestConfiguration = r;
         });
       },
       kOk},
      // A server credential is used only with a username.
      {"Rcp_CreateSession", "server authentication with no username and a junk password pointer",
       [&] {
         return createWith([](auto* s, auto* r) {
           r->securityConfiguration.serverAuthentication.credential.password = reinterpret_cast<char*>(uintptr_t{32});
           s->requestConfiguration = r;
         });
       },
       kOk},
      {"Rcp_CreateSession", "request configuration with a static DNS rule to a non-address",
       [&] {
         return createWith([&](auto* s, auto* r) {
           r->dnsConfiguration.dnsRules = &dnsRule;
           s->requestConfiguration = r;
         });
       },
       kParameter},
  });
}

TEST(ReliabilityBadInput, session_functions_with_null_and_made_up_handles) {
  RequestPtr request = newRequest("http://127.0.0.1/");
  Rcp_Request* r = request.get();
  expectRows({
      {"Rcp_GetDefaultSession", "NULL", [] { return Rcp_GetDefaultSession(nullptr); }, kInvalidParameter},
      {"Rcp_GetSessionId", "NULL", [] { return pointerResult(Rcp_GetSessionId(nullptr)); }, kReturnedNull},
      {"Rcp_GetSessionId", "made-up handle", [] { return pointerResult(Rcp_GetSessionId(kMadeUpHandle)); },
       kReturnedNull},
      {"Rcp_GetSessionConfiguration", "NULL", [] { return pointerResult(Rcp_GetSessionConfiguration(nullptr)); },
       kReturnedNull},
      {"Rcp_GetSessionConfiguration", "pointer to unrelated memory",
       [] { return pointerResult(Rcp_GetSessionConfiguration(realMemoryHandle())); }, kReturnedNull},
      {"Rcp_CancelRequest", "NULL session", [r] { return Rcp_CancelRequest(nullptr, r); }, kParameter},
      {"Rcp_CancelRequest", "NULL request", [] { return Rcp_CancelRequest(kMadeUpHandle, nullptr); }, kParameter},
      {"Rcp_CancelRequest", "made-up handle", [r] { return Rcp_CancelRequest(kMadeUpHandle, r); }, kSessionClosed},
      {"Rcp_CancelSession", "NULL", [] { return Rcp_CancelSession(nullptr); }, kParameter},
      {"Rcp_CancelSession", "pointer to unrelated memory", [] { return Rcp_CancelSession(realMemoryHandle()); },
       kSessionClosed},
      {"Rcp_CloseSession", "NULL", [] { return Rcp_CloseSession(nullptr); }, kParameter},
      {"Rcp_CloseSession", "pointer to NULL",
       [] {
         Rcp_Session* none = nullptr;
         return Rcp_CloseSession(&none);
       },
       kParameter},
      {"Rcp_CloseSession", "made-up handle",
       [] {
         Rcp_Session* madeUp = kMadeUpHandle;
         return Rcp_CloseSession(&madeUp);
       },
       kSessionClosed},
      {"Rcp_Fetch", "made-up handle",
       [r] {
         CallbackCounter counter;
         const Rcp_ResponseCallbackObject callback = counter.object();
         return Rcp_Fetch(kMadeUpHandle, r, &callback);
       },
       kSessionClosed},
      {"Rcp_FetchSync", "made-up handle",
       [r] {
         uint32_t code = 0;
         Rcp_Response* response = Rcp_FetchSync(realMemoryHandle(), r, &code);
         return response == nullptr ? code : kReturnedObject;
       },
       kSessionClosed},
  });
}

TEST(ReliabilityBadInput, fetch_arguments_urls_methods_ranges_and_content) {
  const std::string refused = refusedUrl();
  SessionOwner session;
  Rcp_Session* s = session.get();
  CallbackCounter counter;
  const Rcp_ResponseCallbackObject callback = counter.object();
  auto fetch = [&](const std::function<void(Rcp_Request*)>& edit) { return fetchWith(s, &counter, refused, edit); };
  // The replaced members point at locals that outlive the call: Rcp_Fetch copies what it needs.
  auto withUrl = [&](std::string url) { return fetch([&url](Rcp_Request* r) { r->url = url.data(); }); };
  auto withMethod = [&](const char* method) { return fetch([method](Rcp_Request* r) { r->method = method; }); };
  auto withRange = [&](Rcp_TransferRange* range) {
    return fetch([range](Rcp_Request* r) { r->transferRange = range; });
  };
  auto withContent = [&](Rcp_RequestContent content) {
    return fetch([&content](Rcp_Request* r) { r->content = &content; });
  };
  Rcp_TransferRange inverted{10, false, 5, false, nullptr};
  Rcp_TransferRange negativeFrom{-1, false, 5, false, nullptr};
  Rcp_TransferRange negativeTo{0, false, -5, false, nullptr};
  Rcp_TransferRange minusZero{0, false, 0, true, nullptr};
  Rcp_TransferRange looping{1, false, 2, false, nullptr};
  looping.next = &looping;
  Rcp_TransferRange validRange{0, true, 99, false, nullptr};
  Rcp_RequestContent badKind{};
  setRawEnum(&badKind.type, 17);
  Rcp_RequestContent nullString{};
  nullString.type = RCP_CONTENT_TYPE_STRING;
  nullString.data.contentStr = Rcp_Buffer{nullptr, 3};
  Rcp_RequestContent emptyString{};
  emptyString.type = RCP_CONTENT_TYPE_STRING;
  Rcp_RequestContent nullForm{};
  nullForm.type = RCP_CONTENT_TYPE_FORM;
  Rcp_RequestContent nullMultipart{};
  nullMultipart.type = RCP_CONTENT_TYPE_MULTIPARTFORM;
  Rcp_RequestContent nullCallback{};
  nullCallback.type = RCP_CONTENT_TYPE_GETCALLBACK;
  const std::string hostPort = refused.substr(7, refused.size() - 8);
  int accepted = 0;
  auto counted = [&accepted](uint32_t code) {
    if (code == kOk) ++accepted;
    return code;
  };
  expectRows({
      {"Rcp_Fetch", "NULL session",
       [&] {
         RequestPtr r = newRequest(refused);
         return Rcp_Fetch(nullptr, r.get(), &callback);
       },
       kParameter},
      {"Rcp_Fetch", "NULL request", [&] { return Rcp_Fetch(s, nullptr, &callback); }, kParameter},
      {"Rcp_Fetch", "NULL callback object",
       [&] {
         RequestPtr r = newRequest(refused);
         return Rcp_Fetch(s, r.get(), nullptr);
       },
       kParameter},
      {"Rcp_Fetch", "NULL callback function",
       [&] {
         RequestPtr r = newRequest(refused);
         const Rcp_ResponseCallbackObject none{nullptr, nullptr};
         return Rcp_Fetch(s, r.get(), &none);
       },
       kParameter},
      {"Rcp_Fetch", "NULL url", [&] { return fetch([](Rcp_Request* r) { r->url = nullptr; }); }, kParameter},
      {"Rcp_Fetch", "empty url", [&] { return withUrl(""); }, kParameter},
      {"Rcp_Fetch", "no scheme", [&] { return withUrl("127.0.0.1/path"); }, kMalformedUrl},
      {"Rcp_Fetch", "scheme-relative url", [&] { return withUrl("//127.0.0.1/path"); }, kMalformedUrl},
      {"Rcp_Fetch", "relative url without a base URL", [&] { return withUrl("/path"); }, kMalformedUrl},
      {"Rcp_Fetch", "scheme only", [&] { return withUrl("http://"); }, kMalformedUrl},
      {"Rcp_Fetch", "empty host", [&] { return withUrl("http://:80/path"); }, kMalformedUrl},
      {"Rcp_Fetch", "empty host after credentials", [&] { return withUrl("http://user@/path"); }, kMalformedUrl},
      {"Rcp_Fetch", "space in host", [&] { return withUrl("http://exa mple/"); }, kMalformedUrl},
      {"Rcp_Fetch", "CR LF in url", [&] { return withUrl("http://127.0.0.1/\r\nX-Evil: 1"); }, kMalformedUrl},
      {"Rcp_Fetch", "tab in url", [&] { return withUrl("http://127.0.0.1/a\tb"); }, kMalformedUrl},
      {"Rcp_Fetch", "port 99999", [&] { return withUrl("http://127.0.0.1:99999/"); }, kMalformedUrl},
      {"Rcp_Fetch", "unclosed IPv6 bracket", [&] { return withUrl("http://[::1/"); }, kMalformedUrl},
      {"Rcp_Fetch", "9 MB url", [&] { return withUrl("http://127.0.0.1/" + std::string(9000000, 'a')); },
       kMalformedUrl},
      {"Rcp_Fetch", "ftp url", [&] { return withUrl("ftp://127.0.0.1/file"); }, kUnsupportedProtocol},
      {"Rcp_Fetch", "file url", [&] { return withUrl("file:///etc/passwd"); }, kUnsupportedProtocol},
      {"Rcp_Fetch", "javascript url", [&] { return withUrl("javascript://127.0.0.1/alert(1)"); }, kUnsupportedProtocol},
      {"Rcp_Fetch", "upper-case scheme", [&] { return counted(withUrl("HTTP://" + hostPort + "/")); }, kOk},
      {"Rcp_Fetch", "empty method", [&] { return withMethod(""); }, kParameter},
      {"Rcp_Fetch", "space in method", [&] { return withMethod("GE T"); }, kParameter},
      {"Rcp_Fetch", "CR LF in method", [&] { return withMethod("GET\r\nX-Evil: 1"); }, kParameter},
      {"Rcp_Fetch", "tab in method", [&] { return withMethod("G\tET"); }, kParameter},
      {"Rcp_Fetch", "'(' in method", [&] { return withMethod("(GET)"); }, kParameter},
      {"Rcp_Fetch", "'/' in method", [&] { return withMethod("GET/1"); }, kParameter},
      {"Rcp_Fetch", "33-character method", [&] { return withMethod("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG"); }, kParameter},
      {"Rcp_Fetch", "extension token method", [&] { return counted(withMethod("M-SEARCH")); }, kOk},
      {"Rcp_Fetch", "range from > to", [&] { return withRange(&inverted); }, kParameter},
      {"Rcp_Fetch", "negative range start", [&] { return withRange(&negativeFrom); }, kParameter},
      {"Rcp_Fetch", "negative range end", [&] { return withRange(&negativeTo); }, kParameter},
      {"Rcp_Fetch", "the unsatisfiable range -0", [&] { return withRange(&minusZero); }, kParameter},
      {"Rcp_Fetch", "a range list that loops back on itself", [&] { return withRange(&looping); }, kParameter},
      {"Rcp_Fetch", "range 0-99", [&] { return counted(withRange(&validRange)); }, kOk},
      {"Rcp_Fetch", "content kind 17", [&] { return withContent(badKind); }, kParameter},
      {"Rcp_Fetch", "string content with NULL buffer and length 3", [&] { return withContent(nullString); },
       kParameter},
      {"Rcp_Fetch", "NULL form", [&] { return withContent(nullForm); }, kParameter},
      {"Rcp_Fetch", "NULL multipart form", [&] { return withContent(nullMultipart); }, kParameter},
      {"Rcp_Fetch", "NULL body callback", [&] { return withContent(nullCallback); }, kParameter},
      {"Rcp_Fetch", "empty string content", [&] { return counted(withContent(emptyString)); }, kOk},
      {"Rcp_FetchSync", "NULL errCode",
       [&] {
         RequestPtr r = newRequest(refused);
         return pointerResult(Rcp_FetchSync(s, r.get(), nullptr));
       },
       kReturnedNull},
      {"Rcp_FetchSync", "NULL session",
       [&] {
         RequestPtr r = newRequest(refused);
         uint32_t code = 0;
         return Rcp_FetchSync(nullptr, r.get(), &code) == nullptr ? code : kReturnedObject;
       },
       kParameter},
      {"Rcp_FetchSync", "CR LF in method",
       [&] {
         RequestPtr r = newRequest(refused);
         r->method = "GET\r\n";
         uint32_t code = 0;
         return Rcp_FetchSync(s, r.get(), &code) == nullptr ? code : kReturnedObject;
       },
       kParameter},
  });
  EXPECT_EQ(session.close(), 0u);
  // Refused fetches call nothing back; each accepted one settles exactly once.
  EXPECT_EQ(counter.calls(), accepted);
  EXPECT_EQ(accepted, 4);
}

TEST(ReliabilityBadInput, fetch_configurations) {
  const std::string refused = refusedUrl();
  SessionOwner session;
  CallbackCounter counter;
  auto withConfig = [&](const std::function<void(Rcp_Configuration*)>& edit) {
    Rcp_Configuration config;
    std::memset(&config, 0, sizeof config);
    edit(&config);
    return fetchWith(session.get(), &counter, refused, [&config](Rcp_Request* r) { r->configuration = &config; });
  };
  auto timeouts = [](uint32_t connectMs, uint32_t transferMs, uint32_t inactivityMs) {
    return [=](Rcp_Configuration* c) {
      c->transferConfiguration.timeout = Rcp_Timeout{connectMs, transferMs, inactivityMs};
    };
  };
  Rcp_Urls loopingUrls{"http://a.example/", nullptr};
  loopingUrls.next = &loopingUrls;
  Rcp_IpAddress loopingAddresses{"127.0.0.1", nullptr};
  loopingAddresses.next = &loopingAddresses;
  Rcp_DnsRule rule{};
  Rcp_DnsServers server{};
  Rcp_StaticDnsRule staticRule{};
  Rcp_IpAddress address{};
  auto staticDns = [&](const char* host, const char* ip) {
    return [&, host, ip](Rcp_Configuration* c) {
      std::memset(&staticRule, 0, sizeof staticRule);
      std::strcpy(staticRule.staticDnsRule.host, host);
      staticRule.staticDnsRule.port = 443;
      std::strcpy(address.ipAddress, ip);
      address.next = nullptr;
      staticRule.staticDnsRule.ipAddresses = &address;
      rule.type = RCP_DNS_RULE_STATIC;
      rule.data.staticDnsRule = &staticRule;
      c->dnsConfiguration.dnsRules = &rule;
    };
  };
  int accepted = 0;
  auto counted = [&accepted](uint32_t code) {
    if (code == kOk) ++accepted;
    return code;
  };
  expectRows({
      {"Rcp_Fetch", "connect timeout 2^31 ms", [&] { return withConfig(timeouts(kTooLargeTimeoutMs, 0, 0)); },
       kParameter},
      {"Rcp_Fetch", "transfer timeout 2^31 ms", [&] { return withConfig(timeouts(0, kTooLargeTimeoutMs, 0)); },
       kParameter},
      {"Rcp_Fetch", "inactivity timeout 2^31 ms", [&] { return withConfig(timeouts(0, 0, kTooLargeTimeoutMs)); },
       kParameter},
      {"Rcp_Fetch", "every timeout UINT32_MAX",
       [&] { return withConfig(timeouts(UINT32_MAX, UINT32_MAX, UINT32_MAX)); }, kParameter},
      {"Rcp_Fetch", "every timeout 2^31-1 ms",
       [&] { return counted(withConfig(timeouts(0x7fffffffu, 0x7fffffffu, 0x7fffffffu))); }, kOk},
      {"Rcp_Fetch", "UINT32_MAX redirect and body limits",
       [&] {
         return counted(withConfig([](Rcp_Configuration* c) {
           c->transferConfiguration.maxAutoRedirects = UINT32_MAX;
           c->transferConfiguration.maxBodySize = UINT32_MAX;
         }));
       },
       kOk},
      {"Rcp_Fetch", "HTTP version 3",
       [&] { return withConfig([](Rcp_Configuration* c) { setRawEnum(&c->transferConfiguration.httpVersion, 3); }); },
       kParameter},
      {"Rcp_Fetch", "validation type 3",
       [&] {
         return withConfig([](Rcp_Configuration* c) { setRawEnum(&c->securityConfiguration.remoteValidationType, 3); });
       },
       kParameter},
      {"Rcp_Fetch", "client certificate of type 7",
       [&] {
         return withConfig([](Rcp_Configuration* c) {
           static char pem[] = "-----BEGIN CERTIFICATE-----";
           c->securityConfiguration.certificate.content = pem;
           setRawEnum(&c->securityConfiguration.certificate.type, 7);
         });
       },
       kParameter},
      {"Rcp_Fetch", "authentication type 9",
       [&] {
         return withConfig([](Rcp_Configuration* c) {
           static char user[] = "user";
           c->securityConfiguration.serverAuthentication.credential.username = user;
           setRawEnum(&c->securityConfiguration.serverAuthentication.authenticationType, 9);
         });
       },
       kParameter},
      {"Rcp_Fetch", "proxy type 3",
       [&] { return withConfig([](Rcp_Configuration* c) { setRawEnum(&c->proxyConfiguration.proxyType, 3); }); },
       kParameter},
      {"Rcp_Fetch", "custom proxy without URL",
       [&] { return withConfig([](Rcp_Configuration* c) { c->proxyConfiguration.proxyType = RCP_PROXY_CUSTOM; }); },
       kParameter},
      {"Rcp_Fetch", "custom proxy with tunnel mode 2",
       [&] {
         return withConfig([](Rcp_Configuration* c) {
           c->proxyConfiguration.proxyType = RCP_PROXY_CUSTOM;
           c->proxyConfiguration.customProxy.url = "http://127.0.0.1:1";
           setRawEnum(&c->proxyConfiguration.customProxy.createTunnel, 2);
         });
       },
       kParameter},
      {"Rcp_Fetch", "custom proxy with exclusion kind 2",
       [&] {
         return withConfig([](Rcp_Configuration* c) {
           c->proxyConfiguration.proxyType = RCP_PROXY_CUSTOM;
           c->proxyConfiguration.customProxy.url = "http://127.0.0.1:1";
           setRawEnum(&c->proxyConfiguration.customProxy.exclusions.type, 2);
         });
       },
       kParameter},
      {"Rcp_Fetch", "custom proxy with a looping exclusion list",
       [&] {
         return withConfig([&](Rcp_Configuration* c) {
           c->proxyConfiguration.proxyType = RCP_PROXY_CUSTOM;
           c->proxyConfiguration.customProxy.url = "http://127.0.0.1:1";
           c->proxyConfiguration.customProxy.exclusions.data.urls = &loopingUrls;
         });
       },
       kParameter},
      {"Rcp_Fetch", "DNS rule kind 3",
       [&] {
         return withConfig([&](Rcp_Configuration* c) {
           std::memset(&rule, 0, sizeof rule);
           setRawEnum(&rule.type, 3);
           c->dnsConfiguration.dnsRules = &rule;
         });
       },
       kParameter},
      {"Rcp_Fetch", "DNS server that is not an address",
       [&] {
         return withConfig([&](Rcp_Configuration* c) {
           std::memset(&server, 0, sizeof server);
           std::strcpy(server.ipAndPort.ip, "1.2.3");
           rule.type = RCP_DNS_RULE_DNS_SERVERS;
           rule.data.dnsServers = &server;
           c->dnsConfiguration.dnsRules = &rule;
         });
       },
       kBadDnsRule},
      {"Rcp_Fetch", "DNS server address without a NUL",
       [&] {
         return withConfig([&](Rcp_Configuration* c) {
           fillWithoutNul(server.ipAndPort.ip);
           server.next = nullptr;
           rule.type = RCP_DNS_RULE_DNS_SERVERS;
           rule.data.dnsServers = &server;
           c->dnsConfiguration.dnsRules = &rule;
         });
       },
       kParameter},
      {"Rcp_Fetch", "static DNS rule to a non-address", [&] { return withConfig(staticDns("a.test", "not-an-ip")); },
       kBadDnsRule},
      {"Rcp_Fetch", "static DNS rule with an empty host", [&] { return withConfig(staticDns("", "127.0.0.1")); },
       kParameter},
      {"Rcp_Fetch", "static DNS rule with port 0 (it would never match)",
       [&] {
         return withConfig([&](Rcp_Configuration* c) {
           staticDns("a.test", "127.0.0.1")(c);
           staticRule.staticDnsRule.port = 0;
         });
       },
       kParameter},
      {"Rcp_Fetch", "static DNS rule host without a NUL",
       [&] {
         return withConfig([&](Rcp_Configuration* c) {
           staticDns("x", "127.0.0.1")(c);
           fillWithoutNul(staticRule.staticDnsRule.host);
         });
       },
       kParameter},
      {"Rcp_Fetch", "static DNS rule with a looping address list",
       [&] {
         return withConfig([&](Rcp_Configuration* c) {
           staticDns("a.test", "127.0.0.1")(c);
           staticRule.staticDnsRule.ipAddresses = &loopingAddresses;
         });
       },
       kParameter},
      {"Rcp_Fetch", "dynamic DNS rule answering a non-address",
       [&] {
         return withConfig([&](Rcp_Configuration* c) {
           rule.type = RCP_DNS_RULE_DYNAMIC;
           rule.data.dynamicDnsRule = badDynamicAddress;
           c->dnsConfiguration.dnsRules = &rule;
         });
       },
       kBadDnsRule},
      {"Rcp_Fetch", "dynamic DNS rule answering nothing",
       [&] {
         return counted(withConfig([&](Rcp_Configuration* c) {
           rule.type = RCP_DNS_RULE_DYNAMIC;
           rule.data.dynamicDnsRule = noDynamicAddress;
           c->dnsConfiguration.dnsRules = &rule;
         }));
       },
       kOk},
  });
  EXPECT_EQ(session.close(), 0u);
  EXPECT_EQ(counter.calls(), accepted);
  EXPECT_EQ(accepted, 3);
}

TEST(ReliabilityBadInput, use_after_close) {
  warmUp();
  Rcp_Session* session = Rcp_CreateSession(nullptr, nullptr);
  ASSERT_NE(session, nullptr);
  Rcp_Session* staleCopy = session;
  ASSERT_EQ(Rcp_CloseSession(&session), 0u);
  EXPECT_EQ(session, nullptr);
  RequestPtr request = newRequest(ServerDirectory::get().http + "/json");
  Rcp_Request* r = request.get();
  CallbackCounter counter;
  const Rcp_ResponseCallbackObject callback = counter.object();
  expectRows({
      {"Rcp_Fetch", "closed session", [&] { return Rcp_Fetch(staleCopy, r, &callback); }, kSessionClosed},
      {"Rcp_FetchSync", "closed session",
       [&] {
         uint32_t code = 0;
         return Rcp_FetchSync(staleCopy, r, &code) == nullptr ? code : kReturnedObject;
       },
       kSessionClosed},
      {"Rcp_CancelRequest", "closed session", [&] { return Rcp_CancelRequest(staleCopy, r); }, kSessionClosed},
      {"Rcp_CancelSession", "closed session", [&] { return Rcp_CancelSession(staleCopy); }, kSessionClosed},
      {"Rcp_GetSessionId", "closed session", [&] { return pointerResult(Rcp_GetSessionId(staleCopy)); }, kReturnedNull},
      {"Rcp_GetSessionConfiguration", "closed session",
       [&] { return pointerResult(Rcp_GetSessionConfiguration(staleCopy)); }, kReturnedNull},
      {"Rcp_CloseSession", "closed session", [&] { return Rcp_CloseSession(&staleCopy); }, kSessionClosed},
  });
  EXPECT_EQ(counter.calls(), 0);
}

TEST(ReliabilityBadInput, a_request_reused_while_in_flight) {
  warmUp();
  SessionOwner first;
  SessionOwner second;
  RequestPtr request = newRequest(ServerDirectory::get().http + "/hang");
  Rcp_Request* r = request.get();
  CallbackCounter counter;
  const Rcp_ResponseCallbackObject callback = counter.object();
  expectRows({
      {"Rcp_Fetch", "a request not yet in flight", [&] { return Rcp_Fetch(first.get(), r, &callback); }, kOk},
      {"Rcp_Fetch", "the same request in flight on the same session",
       [&] { return Rcp_Fetch(first.get(), r, &callback); }, kParameter},
      {"Rcp_Fetch", "the same request on another session", [&] { return Rcp_Fetch(second.get(), r, &callback); }, kOk},
      {"Rcp_CancelRequest", "the request in flight", [&] { return Rcp_CancelRequest(first.get(), r); }, kOk},
      {"Rcp_Fetch", "the same request right after its cancel", [&] { return Rcp_Fetch(first.get(), r, &callback); },
       kOk},
  });
  EXPECT_EQ(first.close(), 0u);
  EXPECT_EQ(second.close(), 0u);
  // Three accepted fetches, three callbacks (all canceled), nothing more.
  EXPECT_EQ(counter.calls(), 3);
}

TEST(ReliabilityBadInput, interceptor_handlers) {
  RequestPtr request = newRequest("http://127.0.0.1/");
  Rcp_Request* r = request.get();
  CallbackCounter counter;
  const Rcp_ResponseCallbackObject callback = counter.object();
  const auto* madeUpHandler = reinterpret_cast<const Rcp_RequestHandler*>(uintptr_t{0x20});
  const auto* madeUpSyncHandler = reinterpret_cast<const Rcp_SyncRequestHandler*>(uintptr_t{0x30});
  expectRows({
      {"Rcp_CallNextRequestHandler", "NULL request",
       [&] { return Rcp_CallNextRequestHandler(nullptr, madeUpHandler, &callback); }, kParameter},
      {"Rcp_CallNextRequestHandler", "NULL handler", [&] { return Rcp_CallNextRequestHandler(r, nullptr, &callback); },
       kParameter},
      {"Rcp_CallNextRequestHandler", "NULL callback object",
       [&] { return Rcp_CallNextRequestHandler(r, madeUpHandler, nullptr); }, kParameter},
      {"Rcp_CallNextRequestHandler", "made-up handler",
       [&] { return Rcp_CallNextRequestHandler(r, madeUpHandler, &callback); }, kCanceled},
      {"Rcp_CallNextSyncRequestHandler", "NULL errCode",
       [&] { return pointerResult(Rcp_CallNextSyncRequestHandler(r, madeUpSyncHandler, nullptr)); }, kReturnedNull},
      {"Rcp_CallNextSyncRequestHandler", "NULL handler",
       [&] {
         uint32_t code = 0;
         return Rcp_CallNextSyncRequestHandler(r, nullptr, &code) == nullptr ? code : kReturnedObject;
       },
       kParameter},
      {"Rcp_CallNextSyncRequestHandler", "made-up handler",
       [&] {
         uint32_t code = 0;
         return Rcp_CallNextSyncRequestHandler(r, madeUpSyncHandler, &code) == nullptr ? code : kReturnedObject;
       },
       kCanceled},
  });
  EXPECT_EQ(counter.calls(), 0);
}

TEST(ReliabilityBadInput, error_messages_exist_for_any_code) {
  std::vector<uint32_t> codes{0, 201, 401, 12345, 0xFFFFFFFFu, 1007899999u};
  for (uint32_t code = 1007900000u; code <= 1007901000u; ++code) codes.push_back(code);
  for (uint32_t code : codes) {
    const char* message = Rcp_GetErrorMessage(code);
    ASSERT_NE(message, nullptr) << code;
    EXPECT_GT(std::strlen(message), 0u) << code;
  }
}

}  // namespace
}  // namespace rcp::test::reliability
