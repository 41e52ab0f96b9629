// Form bodies byte for byte: the core encoders (urlencoded, multipart) and
// the C API's conversion of Rcp_Form / Rcp_MultipartForm values into them.
#include <gtest/gtest.h>
#include <rcp/rcp.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <set>
#include <string>

#include "capi/objects.h"
#include "core/errors.h"
#include "core/form.h"

namespace {

using rcp::core::BodySegment;
using rcp::core::FormField;
using rcp::core::MultipartPart;
using rcp::core::RequestBody;

std::string bytesOf(const RequestBody& body) {
  std::string all;
  for (const BodySegment& segment : body.segments) {
    EXPECT_EQ(segment.kind, BodySegment::Kind::Bytes);
    all += segment.bytes;
  }
  return all;
}

MultipartPart textPart(const std::string& name, const std::string& value) {
  MultipartPart part;
  part.name = name;
  part.data = value;
  return part;
}

TEST(FormEncoding, urlencoded_keeps_unreserved_and_encodes_the_rest) {
  EXPECT_EQ(rcp::core::encodeFormComponent("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(rcp::core::encodeFormComponent("a b&c=d+e/f?"), "a+b%26c%3Dd%2Be%2Ff%3F");
  EXPECT_EQ(rcp::core::encodeFormComponent(std::string("\r\n\0\xff", 4)), "%0D%0A%00%FF");
  EXPECT_EQ(rcp::core::encodeFormComponent("\xc3\xa9"), "%C3%A9");
  EXPECT_EQ(rcp::core::encodeUrlEncodedForm({}), "");
  EXPECT_EQ(rcp::core::encodeUrlEncodedForm({FormField{"q", "two words"}, FormField{"q", "x"}, FormField{"", ""}}),
            "q=two+words&q=x&=");
}

TEST(FormEncoding, multipart_text_and_file_parts_exact_bytes) {
  MultipartPart file;
  file.source = MultipartPart::Source::Bytes;
  file.name = "doc";
  file.fileName = "a.txt";
  file.contentType = "text/plain";
  file.data = "hello";
  RequestBody body;
  ASSERT_EQ(rcp::core::encodeMultipartForm({textPart("name", "Ann"), file}, "XyZ", &body), rcp::core::kOk);
  EXPECT_EQ(bytesOf(body), "--XyZ\r\n"
                           "Content-Disposition: form-data; name=\"name\"\r\n"
                           "\r\n"
                           "Ann\r\n"
                           "--XyZ\r\n"
                           "Content-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\n"
                           "Content-Type: text/plain\r\n"
                           "\r\n"
                           "hello\r\n"
                           "--XyZ--\r\n");
  EXPECT_EQ(body.defaultContentType, "multipart/form-data; boundary=XyZ");
  ASSERT_EQ(body.segments.size(), 1u);  // adjacent bytes are merged
}

TEST(FormEncoding, multipart_empty_form_is_only_the_close_delimiter) {
  RequestBody body;
  ASSERT_EQ(rcp::core::encodeMultipartForm({}, "b", &body), rcp::core::kOk);
  EXPECT_EQ(bytesOf(body), "--b--\r\n");
}

TEST(FormEncoding, multipart_names_cannot_inject_headers) {
  MultipartPart file;
  file.source = MultipartPart::Source::Bytes;
  file.name = "a\"\r\nX-Evil: 1";
  file.fileName = std::string("x\".txt\r\n\0", 9);
  RequestBody body;
  ASSERT_EQ(rcp::core::encodeMultipartForm({file}, "B", &body), rcp::core::kOk);
  const std::string bytes = bytesOf(body);
  EXPECT_NE(bytes.find("name=\"a%22%0D%0AX-Evil: 1\"; filename=\"x%22.txt%0D%0A%00\"\r\n"), std::string::npos);
  EXPECT_EQ(bytes.find("\r\nX-Evil"), std::string::npos);
  EXPECT_NE(bytes.find("Content-Type: application/octet-stream\r\n"), std::string::npos);

  MultipartPart badType = file;
  badType.contentType = "text/plain\r\nX-Evil: 1";
  RequestBody untouched;
  untouched.defaultContentType = "before";
  EXPECT_EQ(rcp::core::encodeMultipartForm({badType}, "B", &untouched), rcp::core::kParameterError);
  EXPECT_EQ(untouched.defaultContentType, "before");
}

TEST(FormEncoding, multipart_streams_files_and_callbacks_as_segments) {
  MultipartPart file;
  file.source = MultipartPart::Source::File;
  file.name = "f";
  file.filePath = "/data/storage/photo.jpg";
  MultipartPart pulled;
  pulled.source = MultipartPart::Source::Pull;
  pulled.name = "p";
  pulled.pull = [](char*, size_t) -> long { return 0; };
  RequestBody body;
  ASSERT_EQ(rcp::core::encodeMultipartForm({file, pulled}, "B", &body), rcp::core::kOk);
  ASSERT_EQ(body.segments.size(), 5u);
  EXPECT_EQ(body.segments[0].bytes, "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"photo.jpg\"\r\n"
                                    "Content-Type: application/octet-stream\r\n\r\n");
  EXPECT_EQ(body.segments[1].kind, BodySegment::Kind::File);
  EXPECT_EQ(body.segments[1].filePath, "/data/storage/photo.jpg");
  EXPECT_EQ(body.segments[2].bytes, "\r\n--B\r\nContent-Disposition: form-data; name=\"p\"\r\n"
                                    "Content-Type: application/octet-stream\r\n\r\n");
  EXPECT_EQ(body.segments[3].kind, BodySegment::Kind::Pull);
  EXPECT_EQ(body.segments[4].bytes, "\r\n--B--\r\n");

  MultipartPart noFunction = pulled;
  noFunction.pull = nullptr;
  EXPECT_EQ(rcp::core::encodeMultipartForm({noFunction}, "B", &body), rcp::core::kParameterError);
  MultipartPart noPath = file;
  noPath.filePath.clear();
  EXPECT_EQ(rcp::core::encodeMultipartForm({noPath}, "B", &body), rcp::core::kParameterError);
  EXPECT_EQ(rcp::core::encodeMultipartForm({}, "B", nullptr), rcp::core::kParameterError);
}

TEST(FormEncoding, boundary_rules) {
  EXPECT_TRUE(rcp::core::isValidMultipartBoundary("simple"));
  EXPECT_TRUE(rcp::core::isValidMultipartBoundary("with space'()+_,-./:=?end"));
  EXPECT_TRUE(rcp::core::isValidMultipartBoundary(std::string(70, 'a')));
  EXPECT_FALSE(rcp::core::isValidMultipartBoundary(std::string(71, 'a')));
  EXPECT_FALSE(rcp::core::isValidMultipartBoundary(""));
  EXPECT_FALSE(rcp::core::isValidMultipartBoundary("ends with space "));
  EXPECT_FALSE(rcp::core::isValidMultipartBoundary("has\"quote"));
  EXPECT_FALSE(rcp::core::isValidMultipartBoundary("has\r\nbreak"));

  RequestBody body;
  EXPECT_EQ(rcp::core::encodeMultipartForm({}, "bad\"boundary", &body), rcp::core::kParameterError);
  ASSERT_EQ(rcp::core::encodeMultipartForm({}, "needs quotes=yes", &body), rcp::core::kOk);
  EXPECT_EQ(body.defaultContentType, "multipart/form-data; boundary=\"needs quotes=yes\"");
}

TEST(FormEncoding, generated_boundaries_are_valid_and_distinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string boundary = rcp::core::generateMultipartBoundary();
    EXPECT_TRUE(rcp::core::isValidMultipartBoundary(boundary)) << boundary;
    EXPECT_LE(boundary.size(), 46u);  // also within the ArkTS MultipartForm limit
    seen.insert(boundary);
  }
  EXPECT_EQ(seen.size(), 100u);
  RequestBody body;
  ASSERT_EQ(rcp::core::encodeMultipartForm({textPart("a", "b")}, "", &body), rcp::core::kOk);
  const std::string prefix = "multipart/form-data; boundary=";
  ASSERT_EQ(body.defaultContentType.compare(0, prefix.size(), prefix), 0);
  const std::string boundary = body.defaultContentType.substr(prefix.size());
  EXPECT_EQ(bytesOf(body).compare(0, boundary.size() + 2, "--" + boundary), 0);
}

TEST(FormEncoding, c_form_values_become_text) {
  EXPECT_EQ(rcp::capi::formatDouble(0.1), "0.1");
  EXPECT_EQ(rcp::capi::formatDouble(-2.5), "-2.5");
  EXPECT_EQ(rcp::capi::formatDouble(100), "100");
  EXPECT_EQ(rcp::capi::formatDouble(-0.0), "0");
  EXPECT_EQ(rcp::capi::formatDouble(std::nan("")), "NaN");
  EXPECT_EQ(rcp::capi::formatDouble(-std::numeric_limits<double>::infinity()), "-Infinity");

  Rcp_Form* form = Rcp_CreateForm();
  Rcp_FormFieldValue flag{};
  flag.type = RCP_FORM_VALUE_TYPE_BOOL;
  flag.data.varBool = 1;
  Rcp_FormFieldValue big{};
  big.type = RCP_FORM_VALUE_TYPE_INT64;
  big.data.varInt64 = 9007199254740993LL;
  Rcp_FormFieldValue small{};
  small.type = RCP_FORM_VALUE_TYPE_INT32;
  small.data.varInt32 = -7;
  small.next = &big;
  Rcp_FormFieldValue ratio{};
  ratio.type = RCP_FORM_VALUE_TYPE_DOUBLE;
  ratio.data.varDouble = 1.5;
  Rcp_FormFieldValue words{};
  words.type = RCP_FORM_VALUE_TYPE_STRING;
  words.data.varStr = Rcp_Buffer{"a&b c", 5};
  ASSERT_EQ(Rcp_SetFormValue(form, "flag", &flag), 0u);
  ASSERT_EQ(Rcp_SetFormValue(form, "n", &small), 0u);
  ASSERT_EQ(Rcp_SetFormValue(form, "ratio", &ratio), 0u);
  ASSERT_EQ(Rcp_SetFormValue(form, "w", &words), 0u);
  flag.data.varBool = 0;
  ASSERT_EQ(Rcp_SetFormValue(form, "flag", &flag), 0u);  // replaced in place: order is kept
  EXPECT_EQ(rcp::core::encodeUrlEncodedForm(rcp::capi::formFields(*form)),
            "flag=false&n=-7&n=9007199254740993&ratio=1.5&w=a%26b+c");
  Rcp_DestroyForm(form);
}

int fixedChunk(char* out, uint32_t size) {
  const char text[] = "chunk";
  if (size < 5) {
    return -1;
  }
  std::memcpy(out, text, 5);
  return 5;
}

TEST(FormEncoding, c_multipart_values_become_parts) {
  Rcp_MultipartForm* form = Rcp_CreateMultipartForm();
  Rcp_MultipartFormFieldValue text{};
  text.type = RCP_TYPE_FORM_FIELD_VALUE;
  text.data.formValue.type = RCP_FORM_VALUE_TYPE_INT32;
  text.data.formValue.data.varInt32 = 42;
  Rcp_MultipartFormFieldValue path{};
  path.type = RCP_TYPE_FORM_FIELD_FILE_VALUE;
  path.data.formFileValue.contentOrPathOrCb.type = RCP_FILE_VALUE_TYPE_PATH;
  std::strcpy(path.data.formFileValue.contentOrPathOrCb.data.path, "/tmp/x/report.pdf");
  std::strcpy(path.data.formFileValue.contentType, "application/pdf");
  Rcp_MultipartFormFieldValue callback{};
  callback.type = RCP_TYPE_FORM_FIELD_FILE_VALUE;
  callback.data.formFileValue.contentOrPathOrCb.type = RCP_FILE_VALUE_TYPE_CALLBACK;
  callback.data.formFileValue.contentOrPathOrCb.data.callback = fixedChunk;
  std::strcpy(callback.data.formFileValue.remoteFileName, "stream.bin");
  path.next = &callback;
  ASSERT_EQ(Rcp_SetMultipartFormValue(form, "answer", &text), 0u);
  ASSERT_EQ(Rcp_SetMultipartFormValue(form, "files", &path), 0u);

  std::vector<MultipartPart> parts = rcp::capi::multipartParts(*form);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].source, MultipartPart::Source::Text);
  EXPECT_EQ(parts[0].name, "answer");
  EXPECT_EQ(parts[0].data, "42");
  EXPECT_EQ(parts[1].source, MultipartPart::Source::File);
  EXPECT_EQ(parts[1].name, "files");
  EXPECT_EQ(parts[1].filePath, "/tmp/x/report.pdf");
  EXPECT_EQ(parts[1].contentType, "application/pdf");
  EXPECT_EQ(parts[2].source, MultipartPart::Source::Pull);
  EXPECT_EQ(parts[2].fileName, "stream.bin");
  char buffer[16];
  EXPECT_EQ(parts[2].pull(buffer, sizeof(buffer)), 5);
  EXPECT_EQ(std::string(buffer, 5), "chunk");
  EXPECT_EQ(parts[2].pull(buffer, 2), -1);  // the callback's -1 fails the request
  Rcp_DestroyMultipartForm(form);
}

TEST(FormEncoding, callback_returning_more_than_asked_is_an_error) {
  auto pull = rcp::capi::pullFromCallback([](char*, uint32_t size) { return static_cast<int>(size) + 1; });
  char buffer[4];
  EXPECT_EQ(pull(buffer, sizeof(buffer)), -1);
}

}  // namespace
