// A transfer's life on the loop thread: libcurl's callbacks, the response
// being assembled, its events and its outcome. How the request becomes libcurl
// options is in transfer_setup.cpp.
#include "transfer.h"

#include <cerrno>
#include <cstring>

#include "cookies.h"
#include "errors.h"
#include "session_impl.h"
#include "text.h"

namespace rcp::core {

namespace {

std::string httpVersionName(long version) {
  switch (version) {
    case CURL_HTTP_VERSION_1_0: return "1.0";
    case CURL_HTTP_VERSION_1_1: return "1.1";
    case CURL_HTTP_VERSION_2_0: return "2";
    case CURL_HTTP_VERSION_3: return "3";
    default: return "unknown";
  }
}

double millis(CURL* easy, CURLINFO info) {
  curl_off_t micros = 0;
  curl_easy_getinfo(easy, info, &micros);
  return static_cast<double>(micros) / 1000.0;
}

// libcurl 7.x reports a header line over its 100 KiB limit as out of memory;
// 8.6 and later as "too large".
bool isOversizedHeaderResult(CURLcode result) {
#if LIBCURL_VERSION_NUM >= 0x080600
  if (result == CURLE_TOO_LARGE) return true;
#endif
  return result == CURLE_OUT_OF_MEMORY;
}

}  // namespace

Transfer::Transfer(uint64_t serial, Request request, std::shared_ptr<TransferEvents> events)
    : serial_(serial), request_(std::move(request)), events_(std::move(events)) {}

Transfer::~Transfer() {
  // Only ever armed on the loop thread, so only destroyed armed there.
  EventLoop::instance().cancelTimer(this);
}

void Transfer::fail(uint32_t code, std::string message) {
  if (failCode_ != 0) return;
  failCode_ = code;
  failMessage_ = std::move(message);
}

void Transfer::failOnException(uint32_t code, const char* message) noexcept {
  if (failCode_ != 0) return;
  failCode_ = code;
  try {
    failMessage_ = message;
  } catch (...) {
    // Out of memory for the message too: the code alone is reported.
  }
}

size_t Transfer::onWrite(char* data, size_t size, size_t count, void* self) noexcept {
  auto* t = static_cast<Transfer*>(self);
  return t->guarded(size_t{0}, [&]() -> size_t {
    const size_t length = size * count;
    if (t->settled || t->failCode_ != 0) return 0;  // canceled or failed: make libcurl stop
    // libcurl only hands over the body of the response it returns, so a
    // deferred block is final once its body starts.
    if (t->responseEventsPending_ && !t->deliverResponseEvents()) return 0;
    if (t->streams_) {
      const size_t taken = t->events_->onData(data, length);
      if (t->settled) return 0;  // the data callback canceled or closed
      if (taken != length) {
        t->fail(kWriteError, "The data callback did not consume the received data.");
        return 0;
      }
      return length;
    }
    if (t->downloadFile_) {
      if (std::fwrite(data, 1, length, t->downloadFile_.get()) != length) {
        t->fail(kWriteError, std::string("Cannot write the download file: ") + std::strerror(errno));
        return 0;
      }
      return length;
    }
    std::string& body = t->response_->body;
    if (body.size() + length > t->request_.options.maxBodyBytes) {
      t->fail(kWriteError, "The response body exceeds the in-memory limit of " +
                               std::to_string(t->request_.options.maxBodyBytes) +
                               " bytes; raise maxBodySize or stream the body with a data callback.");
      return 0;
    }
    body.append(data, length);
    return length;
  });
}

size_t Transfer::onHeader(char* data, size_t size, size_t count, void* self) noexcept {
  auto* t = static_cast<Transfer*>(self);
  return t->guarded(size_t{0}, [&]() -> size_t {
    const size_t length = size * count;
    if (t->settled || t->failCode_ != 0) return 0;
    t->touch();
    ResponseHead::Line kind = ResponseHead::Line::Dropped;
    std::string message;
    const uint32_t rc = t->head_.feed(data, length, &kind, &message);
    if (rc != kOk) {
      t->fail(rc, std::move(message));
      return 0;
    }
    if (kind == ResponseHead::Line::StatusLine) {
      // Events of an earlier block that turned out not to be final are dropped.
      t->responseEventsPending_ = false;
      if (t->head_.majorVersion() >= 2 && t->speaksOnlyHttp1()) {
        t->fail(kUnsupportedProtocol, "The server sent an HTTP/2 or HTTP/3 status line on an HTTP/1.x connection.");
        return 0;
      }
      const long status = t->head_.status();
      // libcurl follows a Location on any 3xx; only these five redirect
      // (RFC 9110 15.4), so a 304 or 300 carrying one is the final response.
      const bool redirectStatus = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
      if (status >= 300 && status < 400 && !redirectStatus && t->request_.options.autoRedirect) {
        curl_easy_setopt(t->easy_.get(), CURLOPT_FOLLOWLOCATION, 0L);
      }
      return length;
    }
    if (kind == ResponseHead::Line::BlockEnd) return t->onBlockEnd() ? length : 0;
    return length;
  });
}

bool Transfer::speaksOnlyHttp1() const {
  const RequestOptions& o = request_.options;
  if (o.httpVersion == RequestOptions::HttpVersion::Http1Only) return true;
  if (o.httpVersion == RequestOptions::HttpVersion::Http2PriorKnowledge) return false;
  // Otherwise HTTP/2 only comes by ALPN, so a cleartext connection (of the
  // URL being fetched now, after any redirect) is HTTP/1.x.
  char* url = nullptr;
  if (curl_easy_getinfo(easy_.get(), CURLINFO_EFFECTIVE_URL, &url) != CURLE_OK || url == nullptr) return false;
  return !startsWithIgnoreCase(url, "https://");
}

bool Transfer::onBlockEnd() {
  const long status = head_.status();
  if (status == 101) {
    // rcplib never asks to switch protocols (no Upgrade header is sent).
    fail(kWeirdServerReply, "The server switched protocols without being asked (101).");
    return false;
  }
  if (status >= 100 && status < 200) return true;  // interim: not the response
  if (responseEventsFired_) return true;           // delivered already: only one block is final
  const RequestOptions& o = request_.options;
  const bool mayBeFollowed = o.autoRedirect && head_.hasLocation() &&
                             (status == 301 || status == 302 || status == 303 || status == 307 || status == 308);
  const bool mayBeAnswered = o.authType != RequestOptions::AuthType::None && (status == 401 || status == 407);
  responseEventsPending_ = true;
  if (mayBeFollowed || mayBeAnswered) return true;  // decided by the body or the end of the transfer
  return deliverResponseEvents();
}

bool Transfer::deliverResponseEvents() {
  const long status = takePendingResponseEvents();
  events_->onStatusCode(status);
  if (!settled && wantsHeaders_) events_->onHeaders(head_.fields());
  return !settled;
}

curl_socket_t Transfer::reusableHttp1Socket() const {
  CURL* e = easy_.get();
  long version = 0;
  if (e == nullptr || curl_easy_getinfo(e, CURLINFO_HTTP_VERSION, &version) != CURLE_OK) return CURL_SOCKET_BAD;
  if (version != CURL_HTTP_VERSION_1_0 && version != CURL_HTTP_VERSION_1_1) return CURL_SOCKET_BAD;
  curl_socket_t fd = CURL_SOCKET_BAD;
  // The socket of the connection libcurl kept after this transfer (it reports
  // none when the connection was closed).
  if (curl_easy_getinfo(e, CURLINFO_ACTIVESOCKET, &fd) != CURLE_OK) return CURL_SOCKET_BAD;
  return fd;
}

size_t Transfer::onRead(char* out, size_t size, size_t count, void* self) noexcept {
  auto* t = static_cast<Transfer*>(self);
  return t->guarded(size_t{CURL_READFUNC_ABORT}, [&]() -> size_t {
    if (t->settled) return CURL_READFUNC_ABORT;
    const size_t capacity = size * count;
    const auto& segments = t->request_.body.segments;
    while (t->segmentIndex_ < segments.size()) {
      const BodySegment& s = segments[t->segmentIndex_];
      size_t produced = 0;
      if (s.kind == BodySegment::Kind::Bytes) {
        const size_t left = s.bytes.size() - t->segmentOffset_;
        produced = left < capacity ? left : capacity;
        std::memcpy(out, s.bytes.data() + t->segmentOffset_, produced);
      } else if (s.kind == BodySegment::Kind::File) {
        if (!t->uploadFile_) {
          t->uploadFile_.reset(std::fopen(s.filePath.c_str(), "rb"));
          if (!t->uploadFile_) {
            t->fail(kReadError, "Cannot open upload file: " + s.filePath);
            return CURL_READFUNC_ABORT;
          }
        }
        produced = std::fread(out, 1, capacity, t->uploadFile_.get());
        if (produced == 0 && std::ferror(t->uploadFile_.get())) {
          t->fail(kReadError, "Cannot read upload file: " + s.filePath);
          return CURL_READFUNC_ABORT;
        }
        if (produced == 0) t->uploadFile_.reset();
      } else {
        const long n = s.pull(out, capacity);
        if (t->settled) return CURL_READFUNC_ABORT;
        if (n < 0 || static_cast<size_t>(n) > capacity) {
          t->fail(kReadError, "The request body callback failed.");
          return CURL_READFUNC_ABORT;
        }
        produced = static_cast<size_t>(n);
      }
      if (produced > 0) {
        t->segmentOffset_ += produced;
        return produced;
      }
      ++t->segmentIndex_;
      t->segmentOffset_ = 0;
    }
    return 0;  // end of body
  });
}

int Transfer::onSeek(void* self, curl_off_t offset, int origin) noexcept {
  auto* t = static_cast<Transfer*>(self);
  return t->guarded(int{CURL_SEEKFUNC_FAIL}, [&]() -> int {
    // Only rewinding to the start is needed (redirects that resend the body).
    if (offset != 0 || origin != SEEK_SET || t->request_.body.hasPullSegments()) return CURL_SEEKFUNC_CANTSEEK;
    t->segmentIndex_ = 0;
    t->segmentOffset_ = 0;
    t->uploadFile_.reset();
    return CURL_SEEKFUNC_OK;
  });
}

int Transfer::onProgress(void* self, curl_off_t dlTotal, curl_off_t dlNow, curl_off_t ulTotal,
                         curl_off_t ulNow) noexcept {
  auto* t = static_cast<Transfer*>(self);
  return t->guarded(1, [&]() -> int {
    if (t->settled) return 1;
    // libcurl counts body bytes as they arrive, before content decoding: the
    // inactivity limit watches the wire, not what decodes from it.
    if (ulNow != t->lastUlNow_ || dlNow != t->lastDlNow_) t->touch();
    if (!t->wantsProgress_) {
      t->lastUlNow_ = ulNow;
      t->lastDlNow_ = dlNow;
      return 0;
    }
    if (ulNow != t->lastUlNow_ || ulTotal != t->lastUlTotal_) {
      t->lastUlNow_ = ulNow;
      t->lastUlTotal_ = ulTotal;
      if (ulTotal > 0 || ulNow > 0) {
        t->events_->onUploadProgress(static_cast<uint64_t>(ulTotal), static_cast<uint64_t>(ulNow));
      }
    }
    if (t->settled) return 1;
    if (dlNow != t->lastDlNow_ || dlTotal != t->lastDlTotal_) {
      t->lastDlNow_ = dlNow;
      t->lastDlTotal_ = dlTotal;
      if (dlTotal > 0 || dlNow > 0) {
        t->events_->onDownloadProgress(static_cast<uint64_t>(dlTotal), static_cast<uint64_t>(dlNow));
      }
    }
    return t->settled ? 1 : 0;
  });
}

void Transfer::armInactivityTimer(SessionImpl* session) {
  session_ = session;
  touch();
  const uint32_t ms = request_.options.inactivityTimeoutMs;
  if (ms > 0) EventLoop::instance().setTimer(this, lastActivity_ + std::chrono::milliseconds(ms));
}

bool Transfer::inactivityExpired() {
  const auto limit = std::chrono::milliseconds(request_.options.inactivityTimeoutMs);
  const auto deadline = lastActivity_ + limit;
  if (Clock::now() >= deadline) return true;
  EventLoop::instance().setTimer(this, deadline);
  return false;
}

void Transfer::onTimer() {
  if (session_ != nullptr) session_->onInactivityTimer(serial_);
}

Outcome Transfer::finish(CURLcode result) {
  Outcome outcome;
  CURL* e = easy_.get();
  if (failCode_ != 0) {
    outcome.code = failCode_;
    outcome.message = failMessage_;
    return outcome;
  }
  if (result != CURLE_OK) {
    outcome.code = codeFromCurl(result);
    outcome.message = errorBuffer_[0] != '\0' ? errorBuffer_ : curl_easy_strerror(result);
    if (isOversizedHeaderResult(result) && head_.readingBlock()) {
      // libcurl refuses a header line over its limit as if memory ran out;
      // it is the server's oversized header, reported like an oversized block.
      outcome.code = kReceiveError;
      outcome.message = "The server sent a response header line or block larger than allowed. " + outcome.message;
    }
    // A redirect to plain http:// refused because cleartext is forbidden is
    // reported as such, not as an unsupported protocol.
    const long status = head_.status();
    if (result == CURLE_UNSUPPORTED_PROTOCOL && request_.options.forbidCleartext && status >= 300 && status < 400) {
      // The refused redirect's headers are the last block libcurl reported.
      for (const Header& h : head_.fields()) {
        if (h.name == "location" && h.value.size() >= 7 && equalsIgnoreCase(h.value.substr(0, 7), "http://")) {
          outcome.code = kCleartextForbidden;
          outcome.message = "A redirect to plain http:// was refused: cleartext is forbidden for this request.";
        }
      }
    }
    return outcome;
  }
  if (head_.readingBlock()) {
    // libcurl takes a connection closed inside a header block for the end of
    // a response with no body; it is a truncated response.
    outcome.code = kPartialFile;
    outcome.message = "The connection closed before the response's header block ended.";
    return outcome;
  }
  if (downloadFile_ && std::fflush(downloadFile_.get()) != 0) {
    outcome.code = kWriteError;
    outcome.message = std::string("Cannot write the download file: ") + std::strerror(errno);
    return outcome;
  }
  downloadFile_.reset();
  std::unique_ptr<Response> r = std::move(response_);
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &r->statusCode);
  r->reasonPhrase = head_.reason();
  r->headers = head_.takeFields();
  char* effective = nullptr;
  if (curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective != nullptr) {
    r->effectiveUrl = effective;
  }
  long version = 0;
  curl_easy_getinfo(e, CURLINFO_HTTP_VERSION, &version);
  r->httpVersion = httpVersionName(version);
  r->cookies = parseSetCookies(r->headers);
  if (!request_.downloadPath.empty()) r->downloadedTo = request_.downloadPath;
  if (debug_) r->debugInfo = debug_->take(e);
  if (request_.options.collectTimeInfo) {
    TimeInfo& ti = r->timeInfo;
    ti.nameLookupMs = millis(e, CURLINFO_NAMELOOKUP_TIME_T);
    ti.connectMs = millis(e, CURLINFO_CONNECT_TIME_T);
    ti.tlsHandshakeMs = millis(e, CURLINFO_APPCONNECT_TIME_T);
    ti.preTransferMs = millis(e, CURLINFO_PRETRANSFER_TIME_T);
    ti.startTransferMs = millis(e, CURLINFO_STARTTRANSFER_TIME_T);
    ti.totalMs = millis(e, CURLINFO_TOTAL_TIME_T);
    ti.redirectMs = millis(e, CURLINFO_REDIRECT_TIME_T);
  }
  outcome.response = std::move(r);
  return outcome;
}

}  // namespace rcp::core
