#include "transfer.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "cookies.h"
#include "errors.h"
#include "session_impl.h"
#include "text.h"

namespace rcp::core {

namespace {

// Options whose setting can only fail for lack of memory or support.
template <typename T>
bool set(CURL* easy, CURLoption option, T value) {
  return curl_easy_setopt(easy, option, value) == CURLE_OK;
}

bool hasHeader(const HeaderList& headers, const char* name) {
  for (const Header& h : headers) {
    if (equalsIgnoreCase(h.name, name)) return true;
  }
  return false;
}

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

bool isHttpsUrl(const std::string& url) {
  static const char kScheme[] = "https://";
  if (url.size() < sizeof kScheme - 1) return false;
  return equalsIgnoreCase(url.substr(0, sizeof kScheme - 1), kScheme);
}

// libcurl before 8.0.0 breaks a reused HTTP/2 prior-knowledge (h2c)
// connection: every request after the first fails with an HTTP/2 framing
// error (curl issue 10634). With such a libcurl each h2c request gets its own
// connection instead.
bool h2cReuseBroken() {
  static const bool broken = curl_version_info(CURLVERSION_NOW)->version_num < 0x080000;
  return broken;
}

// libcurl 7.x reports a header line over its 100 KiB limit as out of memory;
// 8.6 and later as "too large".
bool isOversizedHeaderResult(CURLcode result) {
#if LIBCURL_VERSION_NUM >= 0x080600
  if (result == CURLE_TOO_LARGE) return true;
#endif
  return result == CURLE_OUT_OF_MEMORY;
}

bool segmentsHavePull(const RequestBody& body) {
  for (const BodySegment& s : body.segments) {
    if (s.kind == BodySegment::Kind::Pull) return true;
  }
  return false;
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

uint32_t Transfer::prepare(CURL* easy, std::string* message) {
  easy_.reset(easy);
  CURL* e = easy_.get();
  if (e == nullptr) return kOutOfMemory;
  const RequestOptions& o = request_.options;
  streams_ = events_->streamsBody();
  wantsHeaders_ = events_->wantsHeaders();
  response_ = std::make_unique<Response>();

  bool ok = set(e, CURLOPT_PRIVATE, static_cast<void*>(this)) &&
            set(e, CURLOPT_URL, request_.url.c_str()) &&
            set(e, CURLOPT_ERRORBUFFER, errorBuffer_) &&
            set(e, CURLOPT_NOSIGNAL, 1L) &&
            // Teardown must never wait for resolver threads (anchors lesson 6).
            set(e, CURLOPT_QUICK_EXIT, 1L) &&
            set(e, CURLOPT_WRITEFUNCTION, &Transfer::onWrite) && set(e, CURLOPT_WRITEDATA, this) &&
            set(e, CURLOPT_HEADERFUNCTION, &Transfer::onHeader) && set(e, CURLOPT_HEADERDATA, this) &&
            // A proxy's CONNECT answer is not the response.
            set(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L) &&
            set(e, CURLOPT_FOLLOWLOCATION, o.autoRedirect ? 1L : 0L) &&
            set(e, CURLOPT_MAXREDIRS, static_cast<long>(o.maxRedirects)) &&
            set(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connectTimeoutMs)) &&
            set(e, CURLOPT_TIMEOUT_MS, static_cast<long>(o.transferTimeoutMs)) &&
            set(e, CURLOPT_PROTOCOLS_STR, o.forbidCleartext ? "https" : "http,https") &&
            set(e, CURLOPT_REDIR_PROTOCOLS_STR, o.forbidCleartext ? "https" : "http,https");
  if (!ok) return kOutOfMemory;
  if (o.forbidCleartext && !isHttpsUrl(request_.url)) {
    *message = errorMessage(kCleartextForbidden);
    return kCleartextForbidden;
  }

  long version = CURL_HTTP_VERSION_2TLS;
  if (o.httpVersion == RequestOptions::HttpVersion::Http1Only) version = CURL_HTTP_VERSION_1_1;
  if (o.httpVersion == RequestOptions::HttpVersion::Http2PriorKnowledge) {
    version = CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE;
  }
  if (!set(e, CURLOPT_HTTP_VERSION, version)) return kOutOfMemory;
  // Prefer waiting for a multiplexed HTTP/2 connection over opening a parallel
  // one, but only where the handshake settles the protocol early (ALPN, or
  // prior knowledge): on cleartext HTTP/1.1 it would queue behind a slow response.
  const bool h2c = o.httpVersion == RequestOptions::HttpVersion::Http2PriorKnowledge;
  const bool multiplexKnownEarly =
      (h2c && !h2cReuseBroken()) ||
      (o.httpVersion == RequestOptions::HttpVersion::Auto && isHttpsUrl(request_.url));
  if (multiplexKnownEarly && !set(e, CURLOPT_PIPEWAIT, 1L)) return kOutOfMemory;
  if (h2c && h2cReuseBroken() && (!set(e, CURLOPT_FRESH_CONNECT, 1L) || !set(e, CURLOPT_FORBID_REUSE, 1L))) {
    return kOutOfMemory;
  }
  if (o.decodeContent && !set(e, CURLOPT_ACCEPT_ENCODING, "")) return kOutOfMemory;

  if (!request_.range.empty() && !set(e, CURLOPT_RANGE, request_.range.c_str())) return kOutOfMemory;

  wantsProgress_ = events_->wantsProgress();
  if (wantsProgress_ || o.inactivityTimeoutMs > 0) {
    if (!set(e, CURLOPT_NOPROGRESS, 0L) || !set(e, CURLOPT_XFERINFOFUNCTION, &Transfer::onProgress) ||
        !set(e, CURLOPT_XFERINFODATA, this)) {
      return kOutOfMemory;
    }
  }

  if (!request_.downloadPath.empty()) {
    downloadFile_.reset(std::fopen(request_.downloadPath.c_str(), "wb"));
    if (!downloadFile_) {
      *message = std::string("Cannot open file for writing: ") + std::strerror(errno);
      return kCannotOpenFile;
    }
  }

  uint32_t rc = configureBody(message);
  if (rc != kOk) return rc;
  rc = configureSecurity();
  if (rc != kOk) return rc;
  return configureNetwork(message);
}

uint32_t Transfer::configureBody(std::string* message) {
  CURL* e = easy_.get();
  const std::string& method = request_.method;
  const RequestBody& body = request_.body;
  curl_slist* headers = nullptr;
  auto append = [&headers](const std::string& line) {
    curl_slist* next = curl_slist_append(headers, line.c_str());
    if (next == nullptr) return false;
    headers = next;
    return true;
  };
  bool ok = true;
  for (const Header& h : request_.headers) {
    // "Name;" is libcurl's spelling of a header with an empty value.
    ok = ok && append(h.value.empty() ? h.name + ";" : h.name + ": " + h.value);
  }
  // libcurl would otherwise add "Expect: 100-continue" for large bodies and
  // stall a second on servers that ignore it.
  if (!body.empty() && !hasHeader(request_.headers, "expect")) ok = ok && append("Expect:");
  if (!body.empty() && !hasHeader(request_.headers, "content-type")) {
    // An empty "Content-Type:" stops libcurl adding its form default.
    ok = ok && append(body.defaultContentType.empty() ? "Content-Type:"
                                                      : "Content-Type: " + body.defaultContentType);
  }
  headerList_.reset(headers);
  if (!ok) return kOutOfMemory;
  if (headers != nullptr && !set(e, CURLOPT_HTTPHEADER, headers)) return kOutOfMemory;

  if (method == "HEAD") {
    if (!set(e, CURLOPT_NOBODY, 1L)) return kOutOfMemory;
  } else if (body.empty()) {
    if (method == "GET") {
      if (!set(e, CURLOPT_HTTPGET, 1L)) return kOutOfMemory;
    } else if (!set(e, CURLOPT_CUSTOMREQUEST, method.c_str())) {
      return kOutOfMemory;
    }
  } else {
    if (!set(e, CURLOPT_POST, 1L)) return kOutOfMemory;
    if (method != "POST" && !set(e, CURLOPT_CUSTOMREQUEST, method.c_str())) return kOutOfMemory;
    if (body.segments.size() == 1 && body.segments[0].kind == BodySegment::Kind::Bytes) {
      // Fast path: libcurl reads the bytes in place, no callback per chunk.
      const std::string& bytes = body.segments[0].bytes;
      if (!set(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(bytes.size())) ||
          !set(e, CURLOPT_POSTFIELDS, bytes.data())) {
        return kOutOfMemory;
      }
    } else {
      curl_off_t total = -1;  // unknown: chunked upload
      if (!segmentsHavePull(body)) {
        total = 0;
        for (const BodySegment& s : body.segments) {
          if (s.kind == BodySegment::Kind::Bytes) {
            total += static_cast<curl_off_t>(s.bytes.size());
          } else {
            struct stat st {};
            if (stat(s.filePath.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
              *message = "Cannot read upload file: " + s.filePath;
              return kCannotOpenFile;
            }
            total += static_cast<curl_off_t>(st.st_size);
          }
        }
      }
      if (!set(e, CURLOPT_POSTFIELDSIZE_LARGE, total) || !set(e, CURLOPT_READFUNCTION, &Transfer::onRead) ||
          !set(e, CURLOPT_READDATA, this) || !set(e, CURLOPT_SEEKFUNCTION, &Transfer::onSeek) ||
          !set(e, CURLOPT_SEEKDATA, this)) {
        return kOutOfMemory;
      }
    }
  }
  return kOk;
}

uint32_t Transfer::configureSecurity() {
  CURL* e = easy_.get();
  const RequestOptions& o = request_.options;
  bool ok = true;
  switch (o.validation) {
    case RequestOptions::Validation::System:
#ifdef RCP_PLATFORM_OHOS
      // The device's trust store: a bundle plus the hashed system directory.
      ok = set(e, CURLOPT_CAINFO, "/etc/ssl/certs/cacert.pem") &&
           set(e, CURLOPT_CAPATH, "/etc/security/certificates");
#endif
      break;
    case RequestOptions::Validation::Skip:
      ok = set(e, CURLOPT_SSL_VERIFYPEER, 0L) && set(e, CURLOPT_SSL_VERIFYHOST, 0L);
      break;
    case RequestOptions::Validation::CustomCa:
      if (!o.caContent.empty()) {
        curl_blob blob{const_cast<char*>(o.caContent.data()), o.caContent.size(), CURL_BLOB_COPY};
        ok = ok && set(e, CURLOPT_CAINFO_BLOB, &blob);
      }
      if (!o.caFile.empty()) ok = ok && set(e, CURLOPT_CAINFO, o.caFile.c_str());
      if (!o.caFolder.empty()) ok = ok && set(e, CURLOPT_CAPATH, o.caFolder.c_str());
      break;
  }
  if (!o.clientCertContent.empty()) {
    curl_blob blob{const_cast<char*>(o.clientCertContent.data()), o.clientCertContent.size(), CURL_BLOB_COPY};
    ok = ok && set(e, CURLOPT_SSLCERT_BLOB, &blob);
  } else if (!o.clientCertFile.empty()) {
    ok = ok && set(e, CURLOPT_SSLCERT, o.clientCertFile.c_str());
  }
  if (!o.clientCertType.empty()) ok = ok && set(e, CURLOPT_SSLCERTTYPE, o.clientCertType.c_str());
  if (!o.clientKey.empty()) {
    if (o.clientKey.find("-----BEGIN") != std::string::npos) {
      curl_blob blob{const_cast<char*>(o.clientKey.data()), o.clientKey.size(), CURL_BLOB_COPY};
      ok = ok && set(e, CURLOPT_SSLKEY_BLOB, &blob);
    } else {
      ok = ok && set(e, CURLOPT_SSLKEY, o.clientKey.c_str());
    }
  }
  if (!o.clientKeyPassword.empty()) ok = ok && set(e, CURLOPT_KEYPASSWD, o.clientKeyPassword.c_str());
  if (o.authType != RequestOptions::AuthType::None) {
    long mask = CURLAUTH_ANY;
    if (o.authType == RequestOptions::AuthType::Basic) mask = CURLAUTH_BASIC;
    if (o.authType == RequestOptions::AuthType::Digest) mask = CURLAUTH_DIGEST;
    if (o.authType == RequestOptions::AuthType::Ntlm) mask = CURLAUTH_NTLM;
    ok = ok && set(e, CURLOPT_HTTPAUTH, mask) && set(e, CURLOPT_USERNAME, o.authUser.c_str()) &&
         set(e, CURLOPT_PASSWORD, o.authPassword.c_str());
  }
  if (!o.pinnedPublicKeys.empty()) {
    std::string pins;
    for (const std::string& pin : o.pinnedPublicKeys) {
      if (!pins.empty()) pins += ';';
      pins += pin;
    }
    ok = ok && set(e, CURLOPT_PINNEDPUBLICKEY, pins.c_str());
  }
  return ok ? kOk : kOutOfMemory;
}

uint32_t Transfer::configureNetwork(std::string* message) {
  CURL* e = easy_.get();
  const RequestOptions& o = request_.options;
  bool ok = true;
  switch (o.proxy) {
    case RequestOptions::Proxy::System:
      break;  // libcurl reads the *_proxy environment variables
    case RequestOptions::Proxy::None:
      ok = set(e, CURLOPT_PROXY, "");
      break;
    case RequestOptions::Proxy::Custom: {
      ok = set(e, CURLOPT_PROXY, o.proxyUrl.c_str()) &&
           set(e, CURLOPT_HTTPPROXYTUNNEL, o.proxyTunnelAlways ? 1L : 0L);
      std::string exclusions;
      for (const std::string& host : o.proxyExclusions) {
        if (!exclusions.empty()) exclusions += ',';
        exclusions += host;
      }
      if (!exclusions.empty()) ok = ok && set(e, CURLOPT_NOPROXY, exclusions.c_str());
      break;
    }
  }
  if (!o.staticDns.empty()) {
    curl_slist* list = nullptr;
    for (const StaticDnsRule& rule : o.staticDns) {
      std::string entry = rule.host + ":" + std::to_string(rule.port) + ":";
      for (size_t i = 0; i < rule.addresses.size(); ++i) {
        if (i > 0) entry += ',';
        const std::string& a = rule.addresses[i];
        entry += a.find(':') != std::string::npos ? "[" + a + "]" : a;
      }
      curl_slist* next = curl_slist_append(list, entry.c_str());
      if (next == nullptr) {
        curl_slist_free_all(list);
        return kOutOfMemory;
      }
      list = next;
    }
    resolveList_.reset(list);
    ok = ok && set(e, CURLOPT_RESOLVE, list);
  }
  if (!o.dnsServers.empty()) {
    std::string servers;
    for (const std::string& s : o.dnsServers) {
      if (!servers.empty()) servers += ',';
      servers += s;
    }
    const CURLcode rc = curl_easy_setopt(e, CURLOPT_DNS_SERVERS, servers.c_str());
    if (rc != CURLE_OK) {
      *message = "Custom DNS servers are not supported by this libcurl build.";
      return codeFromCurl(rc);
    }
  }
  if (!o.dohUrl.empty()) {
    ok = ok && set(e, CURLOPT_DOH_URL, o.dohUrl.c_str()) &&
         set(e, CURLOPT_DOH_SSL_VERIFYPEER, o.dohSkipVerify ? 0L : 1L) &&
         set(e, CURLOPT_DOH_SSL_VERIFYHOST, o.dohSkipVerify ? 0L : 2L);
  }
  return ok ? kOk : kOutOfMemory;
}

size_t Transfer::onWrite(char* data, size_t size, size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
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
}

size_t Transfer::onHeader(char* data, size_t size, size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
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
    const bool redirectStatus =
        status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    if (status >= 300 && status < 400 && !redirectStatus && t->request_.options.autoRedirect) {
      curl_easy_setopt(t->easy_.get(), CURLOPT_FOLLOWLOCATION, 0L);
    }
    return length;
  }
  if (kind == ResponseHead::Line::BlockEnd) return t->onBlockEnd() ? length : 0;
  return length;
}

bool Transfer::speaksOnlyHttp1() const {
  const RequestOptions& o = request_.options;
  if (o.httpVersion == RequestOptions::HttpVersion::Http1Only) return true;
  if (o.httpVersion == RequestOptions::HttpVersion::Http2PriorKnowledge) return false;
  // Otherwise HTTP/2 only comes by ALPN, so a cleartext connection (of the
  // URL being fetched now, after any redirect) is HTTP/1.x.
  char* url = nullptr;
  if (curl_easy_getinfo(easy_.get(), CURLINFO_EFFECTIVE_URL, &url) != CURLE_OK || url == nullptr) return false;
  return !isHttpsUrl(url);
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

size_t Transfer::onRead(char* out, size_t size, size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
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
}

int Transfer::onSeek(void* self, curl_off_t offset, int origin) {
  auto* t = static_cast<Transfer*>(self);
  // Only rewinding to the start is needed (redirects that resend the body).
  if (offset != 0 || origin != SEEK_SET || segmentsHavePull(t->request_.body)) return CURL_SEEKFUNC_CANTSEEK;
  t->segmentIndex_ = 0;
  t->segmentOffset_ = 0;
  t->uploadFile_.reset();
  return CURL_SEEKFUNC_OK;
}

int Transfer::onProgress(void* self, curl_off_t dlTotal, curl_off_t dlNow, curl_off_t ulTotal, curl_off_t ulNow) {
  auto* t = static_cast<Transfer*>(self);
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
