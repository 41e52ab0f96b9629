// The response head as libcurl hands it over: one header line per call, for
// every response block of a fetch (interim 1xx, followed redirects, auth
// challenges, the final response) and then any trailer fields.
//
// The parser decides what each line is by where it stands, never by how it
// looks alone:
//  1. Only the first line of a block is a status line. A field line whose name
//     happens to start with "HTTP/" is a field line (and, not being a token,
//     is dropped).
//  2. After a block's empty line, a status line starts the next block; any
//     other line is a trailer field (RFC 9110 6.5) and never joins the fields.
//  3. Field names must be tokens; other lines (junk) are dropped. Names are
//     lower-cased, values trimmed. An obsolete line folding (a line starting
//     with a space or tab) continues the previous field's value, joined by one
//     space (RFC 9112 5.2); folding Content-Length is a framing error.
//  4. Content-Length (RFC 9112 6.3): every value of every Content-Length line of
//     a block must be the same decimal number below 2^63; a comma list of
//     identical values is that value. Anything else is kWeirdServerReply.
// Work per line is linear in the line's length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "http_types.h"

namespace rcp::core {

class ResponseHead {
 public:
  // What the last line fed was.
  enum class Line {
    StatusLine,  // started a new block: status() and reason() are its own, fields() is empty
    Field,       // a field of the current block (or the continuation of one)
    BlockEnd,    // the empty line ending the current block
    Trailer,     // a trailer field after the final block: discarded
    Dropped,     // not a field (bad name, folding, junk): discarded
  };

  ResponseHead() { fields_.reserve(16); }  // typical responses carry fewer: no regrowth

  // Feeds one line (with or without its CRLF). Returns kOk, or
  // kWeirdServerReply with *message set when the line breaks the framing rules
  // (the transfer must then stop).
  uint32_t feed(const char* data, size_t length, Line* kind, std::string* message);

  long status() const { return status_; }
  // The major version of the current block's status line ("HTTP/1.1" -> 1).
  int majorVersion() const { return majorVersion_; }
  const std::string& reason() const { return reason_; }
  // Fields of the current (after BlockEnd: the last) block, in arrival order.
  const HeaderList& fields() const { return fields_; }
  HeaderList takeFields() { return std::move(fields_); }
  // True from the start until the empty line of a block, and again from the
  // next status line: libcurl is still reading a header block.
  bool readingBlock() const { return !blockEnded_; }
  // True when the current block carries a non-empty Location field.
  bool hasLocation() const { return hasLocation_; }

 private:
  uint32_t checkContentLength(const char* begin, const char* end, std::string* message);

  long status_ = 0;
  int majorVersion_ = 0;
  std::string reason_;
  HeaderList fields_;
  bool firstLine_ = true;    // the next line is the first of the fetch
  bool blockEnded_ = false;  // the current block's empty line was seen
  bool hasLocation_ = false;
  bool lastWasField_ = false;   // the previous line was a field of this block (folding continues it)
  int64_t contentLength_ = -1;  // of the current block; -1 = none yet
};

}  // namespace rcp::core
