#include "form.h"

#include <random>

#include "errors.h"

namespace rcp::core {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

bool isUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

bool isBoundaryChar(unsigned char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
    return true;
  }
  switch (c) {
    case '\'':
    case '(':
    case ')':
    case '+':
    case '_':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case '=':
    case '?':
    case ' ': return true;
    default: return false;
  }
}

// A boundary made only of letters, digits and "'+_-." needs no quotes in the
// Content-Type parameter; the RFC 2045 tspecials among bchars do.
bool boundaryNeedsQuotes(const std::string& boundary) {
  for (unsigned char c : boundary) {
    switch (c) {
      case '(':
      case ')':
      case ',':
      case '/':
      case ':':
      case '=':
      case '?':
      case ' ': return true;
      default: break;
    }
  }
  return false;
}

bool hasLineBreakOrNul(const std::string& text) {
  return text.find_first_of(std::string("\r\n\0", 3)) != std::string::npos;
}

std::string lastPathComponent(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Collects body bytes and merges adjacent byte runs into one segment, so the
// engine sees as few segments as possible.
class BodyBuilder {
 public:
  void appendBytes(const std::string& bytes) {
    if (bytes.empty()) {
      return;
    }
    if (segments_.empty() || segments_.back().kind != BodySegment::Kind::Bytes) {
      segments_.emplace_back();
    }
    segments_.back().bytes += bytes;
  }
  void appendFile(const std::string& path) {
    BodySegment segment;
    segment.kind = BodySegment::Kind::File;
    segment.filePath = path;
    segments_.push_back(std::move(segment));
  }
  void appendPull(const std::function<long(char*, size_t)>& pull) {
    BodySegment segment;
    segment.kind = BodySegment::Kind::Pull;
    segment.pull = pull;
    segments_.push_back(std::move(segment));
  }
  std::vector<BodySegment> take() { return std::move(segments_); }

 private:
  std::vector<BodySegment> segments_;
};

}  // namespace

std::string encodeFormComponent(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (isUnreserved(c)) {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHexDigits[c >> 4];
      out += kHexDigits[c & 0x0F];
    }
  }
  return out;
}

std::string encodeUrlEncodedForm(const std::vector<FormField>& fields) {
  std::string out;
  for (const FormField& field : fields) {
    if (!out.empty()) {
      out += '&';
    }
    out += encodeFormComponent(field.name);
    out += '=';
    out += encodeFormComponent(field.value);
  }
  return out;
}

bool isValidMultipartBoundary(const std::string& boundary) {
  if (boundary.empty() || boundary.size() > kMaxMultipartBoundaryLength || boundary.back() == ' ') {
    return false;
  }
  for (unsigned char c : boundary) {
    if (!isBoundaryChar(c)) {
      return false;
    }
  }
  return true;
}

std::string generateMultipartBoundary() {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  // Seeded once per thread from the OS so concurrent encoders need no lock.
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_int_distribution<size_t> pick(0, sizeof(kAlphabet) - 2);
  std::string boundary = "----rcplibFormBoundary";
  for (int i = 0; i < 16; ++i) {
    boundary += kAlphabet[pick(generator)];
  }
  return boundary;
}

std::string escapeMultipartParameter(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '"': out += "%22"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case '\0': out += "%00"; break;
      default: out += c; break;
    }
  }
  return out;
}

uint32_t encodeMultipartForm(const std::vector<MultipartPart>& parts, const std::string& boundary, RequestBody* out) {
  if (out == nullptr) {
    return kParameterError;
  }
  const std::string chosen = boundary.empty() ? generateMultipartBoundary() : boundary;
  if (!isValidMultipartBoundary(chosen)) {
    return kParameterError;
  }
  const std::string delimiter = "--" + chosen;

  BodyBuilder body;
  for (const MultipartPart& part : parts) {
    const bool isFilePart = part.source != MultipartPart::Source::Text;
    if (isFilePart && hasLineBreakOrNul(part.contentType)) {
      return kParameterError;
    }
    if (part.source == MultipartPart::Source::Pull && !part.pull) {
      return kParameterError;
    }
    if (part.source == MultipartPart::Source::File && part.filePath.empty()) {
      return kParameterError;
    }

    std::string head =
        delimiter + "\r\nContent-Disposition: form-data; name=\"" + escapeMultipartParameter(part.name) + "\"";
    if (isFilePart) {
      std::string fileName = part.fileName;
      if (fileName.empty() && part.source == MultipartPart::Source::File) {
        fileName = lastPathComponent(part.filePath);
      }
      if (!fileName.empty()) {
        head += "; filename=\"" + escapeMultipartParameter(fileName) + "\"";
      }
      head += "\r\nContent-Type: ";
      head += part.contentType.empty() ? kDefaultFilePartContentType : part.contentType;
    }
    head += "\r\n\r\n";
    body.appendBytes(head);

    switch (part.source) {
      case MultipartPart::Source::Text:
      case MultipartPart::Source::Bytes: body.appendBytes(part.data); break;
      case MultipartPart::Source::File: body.appendFile(part.filePath); break;
      case MultipartPart::Source::Pull: body.appendPull(part.pull); break;
    }
    body.appendBytes("\r\n");
  }
  body.appendBytes(delimiter + "--\r\n");

  out->segments = body.take();
  out->defaultContentType =
      std::string(kMultipartContentTypePrefix) + (boundaryNeedsQuotes(chosen) ? "\"" + chosen + "\"" : chosen);
  return kOk;
}

}  // namespace rcp::core
