// Request-body encoders for HTML-style forms: application/x-www-form-urlencoded
// and multipart/form-data. Pure functions over strings: no libcurl, no I/O
// (file parts are streamed later by the engine as BodySegment::File), no
// locks. Every input, however hostile, yields either a well-formed body or an
// error code; field names, file names and content types can never break out
// of their header line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "request.h"

namespace rcp::core {

constexpr const char* kFormUrlEncodedContentType = "application/x-www-form-urlencoded";
constexpr const char* kMultipartContentTypePrefix = "multipart/form-data; boundary=";
constexpr const char* kDefaultFilePartContentType = "application/octet-stream";
// RFC 2046 section 5.1.1: a boundary is 1 to 70 characters.
constexpr size_t kMaxMultipartBoundaryLength = 70;

// One name/value pair of a urlencoded form. A repeated name is sent once per value.
struct FormField {
  std::string name;
  std::string value;
};

// Percent-encodes one form name or value: RFC 3986 unreserved characters
// (A-Z a-z 0-9 - . _ ~) are kept, a space becomes '+', every other byte
// becomes %XX with upper-case hex digits.
std::string encodeFormComponent(const std::string& text);

// "name=value&name2=value2" in the given order, both sides encoded with
// encodeFormComponent. An empty list gives an empty string.
std::string encodeUrlEncodedForm(const std::vector<FormField>& fields);

// One part of a multipart/form-data body.
struct MultipartPart {
  enum class Source {
    Text,   // a plain form field: `data`, no filename, no Content-Type
    Bytes,  // a file part whose content is `data`
    File,   // a file part streamed from `filePath` when the request is sent
    Pull,   // a file part whose content is produced by `pull` while sending
  };
  Source source = Source::Text;
  std::string name;
  std::string data;      // Text, Bytes
  std::string filePath;  // File
  // Pull: same contract as BodySegment::pull (bytes written, 0 = end, < 0 = error).
  std::function<long(char* out, size_t capacity)> pull;
  // File parts: sent as filename="..." when non-empty. A File part without a
  // name uses the last component of filePath.
  std::string fileName;
  // File parts: the part's Content-Type; empty means application/octet-stream.
  // Ignored for Text parts.
  std::string contentType;
};

// True for 1..70 RFC 2046 "bchars" (letters, digits, ' ( ) + _ , - . / : = ?
// and space) that do not end with a space.
bool isValidMultipartBoundary(const std::string& boundary);

// A fresh random boundary (38 characters, letters and digits after a fixed
// prefix), valid per isValidMultipartBoundary.
std::string generateMultipartBoundary();

// Makes a name or file name safe inside a quoted Content-Disposition
// parameter the way HTML forms do: '"' becomes %22, CR %0D, LF %0A, NUL %00.
std::string escapeMultipartParameter(const std::string& text);

// Encodes `parts` into `out` (replacing its segments and defaultContentType).
// An empty `boundary` means a random one. Returns kOk, or kParameterError when
// the boundary is invalid, a content type holds CR, LF or NUL, a Pull part has
// no function, or a File part has no path. On error `out` is left untouched.
uint32_t encodeMultipartForm(const std::vector<MultipartPart>& parts, const std::string& boundary, RequestBody* out);

}  // namespace rcp::core
