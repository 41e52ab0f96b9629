#include "response_head.h"

#include <cstring>

#include "errors.h"
#include "validation.h"

namespace rcp::core {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// `name` (lower-case) is exactly `literal`: the length decides most lines.
template <size_t N>
bool isName(const std::string& name, const char (&literal)[N]) {
  return name.size() == N - 1 && std::memcmp(name.data(), literal, N - 1) == 0;
}

bool startsWithHttpSlash(const char* begin, const char* end) {
  return end - begin >= 5 && std::memcmp(begin, "HTTP/", 5) == 0;
}

}  // namespace

uint32_t ResponseHead::feed(const char* data, size_t length, Line* kind, std::string* message) {
  const char* begin = data;
  const char* end = data + length;
  while (end > begin && (end[-1] == '\n' || end[-1] == '\r')) --end;

  const bool atBlockStart = firstLine_ || blockEnded_;
  if (atBlockStart && startsWithHttpSlash(begin, end)) {
    // A new block: libcurl accepted this as a status line before handing it over.
    firstLine_ = false;
    blockEnded_ = false;
    hasLocation_ = false;
    contentLength_ = -1;
    lastWasField_ = false;
    fields_.clear();
    reason_.clear();
    status_ = 0;
    majorVersion_ = begin + 5 < end && isDigit(begin[5]) ? begin[5] - '0' : 0;
    const char* space = static_cast<const char*>(std::memchr(begin, ' ', static_cast<size_t>(end - begin)));
    if (space != nullptr) {
      const char* p = space + 1;
      long code = 0;
      int digits = 0;
      for (; p < end && isDigit(*p) && digits < 3; ++p, ++digits) code = code * 10 + (*p - '0');
      status_ = code;
      if (p < end && *p == ' ') reason_.assign(p + 1, end);
    }
    *kind = Line::StatusLine;
    return kOk;
  }
  if (begin == end) {
    lastWasField_ = false;
    if (!firstLine_ && !blockEnded_) {
      blockEnded_ = true;
      *kind = Line::BlockEnd;
    } else {
      *kind = Line::Dropped;  // the empty line closing the trailer section
    }
    return kOk;
  }
  if (atBlockStart && !firstLine_) {
    *kind = Line::Trailer;
    return kOk;
  }
  firstLine_ = false;

  if (isSpace(*begin)) {
    if (!lastWasField_) {
      *kind = Line::Dropped;
      return kOk;
    }
    Header& previous = fields_.back();
    if (previous.name == "content-length") {
      *message = "The server folded a Content-Length line.";
      return kWeirdServerReply;
    }
    const char* valueBegin = begin;
    const char* valueEnd = end;
    while (valueBegin < valueEnd && isSpace(*valueBegin)) ++valueBegin;
    while (valueEnd > valueBegin && isSpace(valueEnd[-1])) --valueEnd;
    if (valueBegin != valueEnd) {
      if (!previous.value.empty()) previous.value += ' ';
      previous.value.append(valueBegin, valueEnd);
      if (previous.name == "location") hasLocation_ = true;
    }
    *kind = Line::Field;
    return kOk;
  }
  lastWasField_ = false;

  // name ":" OWS value OWS, the name a token (RFC 9112 5).
  const char* colon = static_cast<const char*>(std::memchr(begin, ':', static_cast<size_t>(end - begin)));
  if (colon == nullptr || colon == begin) {
    *kind = Line::Dropped;
    return kOk;
  }
  // Checked and lower-cased in one pass: this runs for every line received.
  Header header;
  header.name.assign(begin, colon);
  for (char& c : header.name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (!isTokenChar(u)) {
      *kind = Line::Dropped;
      return kOk;
    }
    if (u >= 'A' && u <= 'Z') c = static_cast<char>(u - 'A' + 'a');
  }
  const char* valueBegin = colon + 1;
  const char* valueEnd = end;
  while (valueBegin < valueEnd && isSpace(*valueBegin)) ++valueBegin;
  while (valueEnd > valueBegin && isSpace(valueEnd[-1])) --valueEnd;

  if (isName(header.name, "content-length")) {
    const uint32_t rc = checkContentLength(valueBegin, valueEnd, message);
    if (rc != kOk) return rc;
  } else if (isName(header.name, "location") && valueBegin != valueEnd) {
    hasLocation_ = true;
  }
  header.value.assign(valueBegin, valueEnd);
  fields_.push_back(std::move(header));
  lastWasField_ = true;
  *kind = Line::Field;
  return kOk;
}

uint32_t ResponseHead::checkContentLength(const char* begin, const char* end, std::string* message) {
  // 1#( 1*DIGIT ) with OWS around the commas; every element the same number.
  constexpr int64_t kLimit = INT64_MAX / 10;
  const char* p = begin;
  while (true) {
    while (p < end && isSpace(*p)) ++p;
    if (p == end || !isDigit(*p)) break;
    int64_t value = 0;
    for (; p < end && isDigit(*p); ++p) {
      const int digit = *p - '0';
      if (value > kLimit || (value == kLimit && digit > INT64_MAX % 10)) {
        *message = "The server sent a Content-Length too large to be real.";
        return kWeirdServerReply;
      }
      value = value * 10 + digit;
    }
    if (contentLength_ >= 0 && contentLength_ != value) {
      *message = "The server sent conflicting Content-Length values.";
      return kWeirdServerReply;
    }
    contentLength_ = value;
    while (p < end && isSpace(*p)) ++p;
    if (p == end) return kOk;
    if (*p != ',') break;
    ++p;
  }
  *message = "The server sent an invalid Content-Length.";
  return kWeirdServerReply;
}

}  // namespace rcp::core
