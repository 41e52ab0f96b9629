// The C API's value objects: headers, request cookies, forms and multipart
// forms (argument checks, injection refusal, copying, ownership of lists).
#include <gtest/gtest.h>
#include <rcp/rcp.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

std::vector<std::string> headerValues(Rcp_Headers* headers, const char* name) {
  std::vector<std::string> values;
  for (Rcp_HeaderValue* value = Rcp_GetHeaderValue(headers, name); value != nullptr; value = value->next) {
    values.push_back(value->value);
  }
  return values;
}

Rcp_FormFieldValue stringValue(const char* text) {
  Rcp_FormFieldValue value{};
  value.type = RCP_FORM_VALUE_TYPE_STRING;
  value.data.varStr = Rcp_Buffer{text, static_cast<uint32_t>(std::strlen(text))};
  return value;
}

TEST(CapiHeaders, set_replaces_and_get_is_case_insensitive) {
  Rcp_Headers* headers = Rcp_CreateHeaders();
  ASSERT_NE(headers, nullptr);
  EXPECT_EQ(Rcp_SetHeaderValue(headers, "Accept", "text/html"), 0u);
  EXPECT_EQ(Rcp_SetHeaderValue(headers, "accept", "application/json"), 0u);
  EXPECT_EQ(headerValues(headers, "ACCEPT"), std::vector<std::string>{"application/json"});
  EXPECT_EQ(Rcp_GetHeaderValue(headers, "missing"), nullptr);
  Rcp_DestroyHeaders(headers);
}

TEST(CapiHeaders, null_arguments_are_parameter_errors) {
  Rcp_Headers* headers = Rcp_CreateHeaders();
  EXPECT_EQ(Rcp_SetHeaderValue(nullptr, "a", "b"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetHeaderValue(headers, nullptr, "b"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetHeaderValue(headers, "a", nullptr), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetHeaderValue(headers, "", "b"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_GetHeaderValue(nullptr, "a"), nullptr);
  EXPECT_EQ(Rcp_GetHeaderValue(headers, nullptr), nullptr);
  EXPECT_EQ(Rcp_GetHeaderEntries(nullptr), nullptr);
  Rcp_DestroyHeaders(nullptr);
  Rcp_DestroyHeaderEntries(nullptr);
  Rcp_DestroyHeaders(headers);
}

TEST(CapiHeaders, injection_is_refused) {
  Rcp_Headers* headers = Rcp_CreateHeaders();
  EXPECT_EQ(Rcp_SetHeaderValue(headers, "X-A", "ok\r\nX-Evil: 1"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetHeaderValue(headers, "X-A", "line\nbreak"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetHeaderValue(headers, "X-A\r\nX-Evil", "1"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetHeaderValue(headers, "Bad Name", "1"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetHeaderValue(headers, "Bad:Name", "1"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_GetHeaderEntries(headers), nullptr);  // nothing was stored
  EXPECT_EQ(Rcp_SetHeaderValue(headers, "X-Empty", ""), 0u);
  Rcp_DestroyHeaders(headers);
}

TEST(CapiHeaders, entries_are_an_independent_list_in_insertion_order) {
  Rcp_Headers* headers = Rcp_CreateHeaders();
  ASSERT_EQ(Rcp_SetHeaderValue(headers, "B-First", "1"), 0u);
  ASSERT_EQ(Rcp_SetHeaderValue(headers, "a-second", "2"), 0u);
  Rcp_HeaderEntry* entries = Rcp_GetHeaderEntries(headers);
  Rcp_DestroyHeaders(headers);  // the list must survive its collection
  ASSERT_NE(entries, nullptr);
  EXPECT_STREQ(entries->key, "B-First");
  ASSERT_NE(entries->value, nullptr);
  EXPECT_STREQ(entries->value->value, "1");
  EXPECT_EQ(entries->value->next, nullptr);
  ASSERT_NE(entries->next, nullptr);
  EXPECT_STREQ(entries->next->key, "a-second");
  EXPECT_STREQ(entries->next->value->value, "2");
  EXPECT_EQ(entries->next->next, nullptr);
  Rcp_DestroyHeaderEntries(entries);
  Rcp_DestroyHeaderEntries(entries);  // a second free of the same list is ignored
}

TEST(CapiCookies, set_get_replace_and_entries) {
  Rcp_RequestCookies* cookies = Rcp_CreateRequestCookies();
  ASSERT_NE(cookies, nullptr);
  EXPECT_EQ(Rcp_SetRequestCookieValue(cookies, "session", "abc"), 0u);
  EXPECT_EQ(Rcp_SetRequestCookieValue(cookies, "theme", "dark"), 0u);
  EXPECT_EQ(Rcp_SetRequestCookieValue(cookies, "session", "xyz"), 0u);
  EXPECT_STREQ(Rcp_GetRequestCookieValue(cookies, "session"), "xyz");
  EXPECT_EQ(Rcp_GetRequestCookieValue(cookies, "Session"), nullptr);  // cookie names are case-sensitive
  Rcp_RequestCookieEntry* entries = Rcp_GetRequestCookieEntries(cookies);
  ASSERT_NE(entries, nullptr);
  EXPECT_STREQ(entries->key, "session");
  EXPECT_STREQ(entries->value, "xyz");
  ASSERT_NE(entries->next, nullptr);
  EXPECT_STREQ(entries->next->key, "theme");
  EXPECT_EQ(entries->next->next, nullptr);
  Rcp_DestroyRequestCookieEntries(entries);
  Rcp_DestroyRequestCookies(cookies);
}

TEST(CapiCookies, null_and_injection_are_parameter_errors) {
  Rcp_RequestCookies* cookies = Rcp_CreateRequestCookies();
  EXPECT_EQ(Rcp_SetRequestCookieValue(nullptr, "a", "b"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetRequestCookieValue(cookies, nullptr, "b"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetRequestCookieValue(cookies, "a", nullptr), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetRequestCookieValue(cookies, "a", "b; admin=1"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetRequestCookieValue(cookies, "a", "b\r\nX: y"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetRequestCookieValue(cookies, "a=b", "c"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetRequestCookieValue(cookies, "", "c"), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_GetRequestCookieEntries(cookies), nullptr);
  EXPECT_EQ(Rcp_GetRequestCookieValue(nullptr, "a"), nullptr);
  EXPECT_EQ(Rcp_GetResponseCookieAttrValue(nullptr, "a"), nullptr);
  EXPECT_EQ(Rcp_GetResponseCookieAttrEntries(nullptr), nullptr);
  Rcp_DestroyResponseCookieAttrEntries(nullptr);
  Rcp_DestroyRequestCookies(cookies);
}

TEST(CapiForms, values_are_copied_and_chained) {
  Rcp_Form* form = Rcp_CreateForm();
  ASSERT_NE(form, nullptr);
  char text[] = "first";
  Rcp_FormFieldValue second{};
  second.type = RCP_FORM_VALUE_TYPE_INT64;
  second.data.varInt64 = -5;
  Rcp_FormFieldValue first = stringValue(text);
  first.next = &second;
  ASSERT_EQ(Rcp_SetFormValue(form, "k", &first), 0u);
  std::strcpy(text, "XXXXX");  // the form keeps its own copy

  Rcp_FormFieldValue* stored = Rcp_GetFormValue(form, "k");
  ASSERT_NE(stored, nullptr);
  ASSERT_EQ(stored->type, RCP_FORM_VALUE_TYPE_STRING);
  EXPECT_EQ(std::string(stored->data.varStr.buffer, stored->data.varStr.length), "first");
  ASSERT_NE(stored->next, nullptr);
  EXPECT_EQ(stored->next->data.varInt64, -5);
  EXPECT_EQ(stored->next->next, nullptr);
  EXPECT_EQ(Rcp_GetFormValue(form, "other"), nullptr);
  Rcp_DestroyForm(form);
}

TEST(CapiForms, bad_arguments_are_parameter_errors) {
  Rcp_Form* form = Rcp_CreateForm();
  Rcp_FormFieldValue value = stringValue("v");
  EXPECT_EQ(Rcp_SetFormValue(nullptr, "k", &value), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetFormValue(form, nullptr, &value), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetFormValue(form, "", &value), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetFormValue(form, "k", nullptr), RCP_ERR_PARAMETER);
  Rcp_FormFieldValue broken{};
  broken.type = RCP_FORM_VALUE_TYPE_STRING;
  broken.data.varStr = Rcp_Buffer{nullptr, 4};
  EXPECT_EQ(Rcp_SetFormValue(form, "k", &broken), RCP_ERR_PARAMETER);
  Rcp_FormFieldValue unknown{};
  const int unknownType = 99;  // what C code can store; C++ cannot name it as an enum value
  std::memcpy(&unknown.type, &unknownType, sizeof(unknownType));
  EXPECT_EQ(Rcp_SetFormValue(form, "k", &unknown), RCP_ERR_PARAMETER);
  Rcp_FormFieldValue cyclic = stringValue("loop");
  cyclic.next = &cyclic;
  EXPECT_EQ(Rcp_SetFormValue(form, "k", &cyclic), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_GetFormValue(form, "k"), nullptr);
  Rcp_DestroyForm(form);
}

TEST(CapiMultipartForms, values_are_copied_and_checked) {
  Rcp_MultipartForm* form = Rcp_CreateMultipartForm();
  ASSERT_NE(form, nullptr);
  Rcp_MultipartFormFieldValue file{};
  file.type = RCP_TYPE_FORM_FIELD_FILE_VALUE;
  std::strcpy(file.data.formFileValue.contentType, "image/png");
  std::strcpy(file.data.formFileValue.remoteFileName, "a.png");
  file.data.formFileValue.contentOrPathOrCb.type = RCP_FILE_VALUE_TYPE_CONTENT;
  char bytes[] = {'P', 'N', 'G', '\0', 'x'};
  file.data.formFileValue.contentOrPathOrCb.data.content = Rcp_Buffer{bytes, sizeof(bytes)};
  ASSERT_EQ(Rcp_SetMultipartFormValue(form, "upload", &file), 0u);
  bytes[0] = 'Z';

  Rcp_MultipartFormFieldValue* stored = Rcp_GetMultipartFormValue(form, "upload");
  ASSERT_NE(stored, nullptr);
  const Rcp_Buffer& content = stored->data.formFileValue.contentOrPathOrCb.data.content;
  EXPECT_EQ(std::string(content.buffer, content.length), std::string("PNG\0x", 5));
  EXPECT_STREQ(stored->data.formFileValue.remoteFileName, "a.png");

  Rcp_MultipartFormFieldValue injected = file;
  std::strcpy(injected.data.formFileValue.contentType, "text/plain\r\nX-Evil: 1");
  EXPECT_EQ(Rcp_SetMultipartFormValue(form, "upload", &injected), RCP_ERR_PARAMETER);
  Rcp_MultipartFormFieldValue unterminated = file;
  std::memset(unterminated.data.formFileValue.remoteFileName, 'a', RCP_MAX_FILENAME_LEN);
  EXPECT_EQ(Rcp_SetMultipartFormValue(form, "upload", &unterminated), RCP_ERR_PARAMETER);
  Rcp_MultipartFormFieldValue emptyPath = file;
  emptyPath.data.formFileValue.contentOrPathOrCb.type = RCP_FILE_VALUE_TYPE_PATH;
  emptyPath.data.formFileValue.contentOrPathOrCb.data.path[0] = '\0';
  EXPECT_EQ(Rcp_SetMultipartFormValue(form, "upload", &emptyPath), RCP_ERR_PARAMETER);
  Rcp_MultipartFormFieldValue noCallback = file;
  noCallback.data.formFileValue.contentOrPathOrCb.type = RCP_FILE_VALUE_TYPE_CALLBACK;
  noCallback.data.formFileValue.contentOrPathOrCb.data.callback = nullptr;
  EXPECT_EQ(Rcp_SetMultipartFormValue(form, "upload", &noCallback), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetMultipartFormValue(form, nullptr, &file), RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetMultipartFormValue(nullptr, "k", &file), RCP_ERR_PARAMETER);

  // Refused values leave the stored one untouched.
  stored = Rcp_GetMultipartFormValue(form, "upload");
  ASSERT_NE(stored, nullptr);
  EXPECT_STREQ(stored->data.formFileValue.contentType, "image/png");
  Rcp_DestroyMultipartForm(form);
}

TEST(CapiRequests, create_sets_id_url_and_get_method) {
  Rcp_Request* a = Rcp_CreateRequest("http://example.com/a");
  Rcp_Request* b = Rcp_CreateRequest("http://example.com/b");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_STREQ(a->url, "http://example.com/a");
  EXPECT_STREQ(a->method, RCP_METHOD_GET);
  EXPECT_GT(std::strlen(a->id), 0u);
  EXPECT_LT(std::strlen(a->id), static_cast<size_t>(RCP_MAX_REQUEST_ID_LEN));
  EXPECT_STRNE(a->id, b->id);
  EXPECT_EQ(a->headers, nullptr);
  EXPECT_EQ(a->content, nullptr);
  EXPECT_EQ(a->configuration, nullptr);
  EXPECT_EQ(Rcp_CreateRequest(nullptr), nullptr);
  Rcp_DestroyRequest(a);
  Rcp_DestroyRequest(b);
  Rcp_DestroyRequest(nullptr);
}

size_t ignoreBinary(void*, Rcp_Buffer* buffer) { return buffer->length; }
void ignoreStatus(void*, uint32_t) {}

TEST(CapiRequests, per_request_callbacks_check_their_arguments) {
  Rcp_Request* request = Rcp_CreateRequest("http://example.com/");
  EXPECT_EQ(Rcp_SetRequestOnBinaryDataRecvCallback(request, Rcp_OnBinaryReceiveCallback{ignoreBinary, nullptr}), 0u);
  EXPECT_EQ(Rcp_SetRequestOnBinaryDataRecvCallback(request, Rcp_OnBinaryReceiveCallback{nullptr, nullptr}),
            RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetRequestOnBinaryDataRecvCallback(nullptr, Rcp_OnBinaryReceiveCallback{ignoreBinary, nullptr}),
            RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetRequestOnStatusCodeReceiveCallback(request, Rcp_OnStatusCodeReceiveCallback{ignoreStatus, nullptr}),
            0u);
  EXPECT_EQ(Rcp_SetRequestOnStatusCodeReceiveCallback(request, Rcp_OnStatusCodeReceiveCallback{nullptr, nullptr}),
            RCP_ERR_PARAMETER);
  EXPECT_EQ(Rcp_SetRequestConnectOnly(request, true), 0u);
  EXPECT_EQ(Rcp_SetRequestConnectOnly(nullptr, true), RCP_ERR_INVALID_PARAMETER);
  Rcp_DestroyRequest(request);
}

TEST(CapiErrors, every_code_has_a_message) {
  for (uint32_t code : {RCP_ERR_PARAMETER, RCP_ERR_SESSION_CLOSED, RCP_ERR_REQUEST_CANCELED, RCP_ERR_SESSION_LIMIT,
                        RCP_ERR_TIMEOUT, 123456u}) {
    const char* message = Rcp_GetErrorMessage(code);
    ASSERT_NE(message, nullptr);
    EXPECT_GT(std::strlen(message), 0u);
  }
  EXPECT_STRNE(Rcp_GetErrorMessage(RCP_ERR_SESSION_CLOSED), Rcp_GetErrorMessage(RCP_ERR_REQUEST_CANCELED));
}

}  // namespace
