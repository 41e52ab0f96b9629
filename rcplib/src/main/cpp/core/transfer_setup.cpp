// How a Request becomes libcurl options on a transfer's easy handle: the
// method, headers and body, TLS and authentication, proxy and DNS. The
// transfer's life (callbacks, events, outcome) is in transfer.cpp.
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "errors.h"
#include "text.h"
#include "transfer.h"

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

// libcurl before 8.0.0 breaks a reused HTTP/2 prior-knowledge (h2c)
// connection: every request after the first fails with an HTTP/2 framing
// error (curl issue 10634). With such a libcurl each h2c request gets its own
// connection instead.
bool h2cReuseBroken() {
  static const bool broken = curl_version_info(CURLVERSION_NOW)->version_num < 0x080000;
  return broken;
}

// The TCP options libcurl 7.88 has no setting for (CURLOPT_TCP_KEEPCNT came
// in 8.9.0), set on each new connection's socket. An option the OS lacks is
// left as the OS makes it: the connection still opens.
int setTcpOptions(void* clientp, curl_socket_t fd, curlsocktype purpose) noexcept {
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKOPT_OK;
  const RequestOptions& o = *static_cast<const RequestOptions*>(clientp);
#ifdef TCP_KEEPCNT
  if (o.tcpKeepAlive) {
    const int count = static_cast<int>(o.tcpKeepCount);
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
  }
#endif
#ifdef TCP_USER_TIMEOUT
  if (o.tcpUserTimeoutMs > 0) {
    const unsigned int timeout = o.tcpUserTimeoutMs;
    setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &timeout, sizeof timeout);
  }
#endif
  return CURL_SOCKOPT_OK;
}

}  // namespace

uint32_t Transfer::prepare(CURL* easy, std::string* message) {
  easy_.reset(easy);
  CURL* e = easy_.get();
  if (e == nullptr) return kOutOfMemory;
  const RequestOptions& o = request_.options;
  streams_ = events_->streamsBody();
  wantsHeaders_ = events_->wantsHeaders();
  response_ = std::make_unique<Response>();

  bool ok = set(e, CURLOPT_PRIVATE, static_cast<void*>(this)) && set(e, CURLOPT_URL, request_.url.c_str()) &&
            set(e, CURLOPT_ERRORBUFFER, errorBuffer_) && set(e, CURLOPT_NOSIGNAL, 1L) &&
            // Teardown must never wait for resolver threads (anchors lesson 6).
            set(e, CURLOPT_QUICK_EXIT, 1L) && set(e, CURLOPT_WRITEFUNCTION, &Transfer::onWrite) &&
            set(e, CURLOPT_WRITEDATA, this) && set(e, CURLOPT_HEADERFUNCTION, &Transfer::onHeader) &&
            set(e, CURLOPT_HEADERDATA, this) &&
            // A proxy's CONNECT answer is not the response.
            set(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L) && set(e, CURLOPT_FOLLOWLOCATION, o.autoRedirect ? 1L : 0L) &&
            set(e, CURLOPT_MAXREDIRS, static_cast<long>(o.maxRedirects)) &&
            set(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connectTimeoutMs)) &&
            set(e, CURLOPT_TIMEOUT_MS, static_cast<long>(o.transferTimeoutMs)) &&
            set(e, CURLOPT_PROTOCOLS_STR, o.forbidCleartext ? "https" : "http,https") &&
            set(e, CURLOPT_REDIR_PROTOCOLS_STR, o.forbidCleartext ? "https" : "http,https");
  if (!ok) return kOutOfMemory;
  if (o.forbidCleartext && !startsWithIgnoreCase(request_.url, "https://")) {
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
  const bool multiplexKnownEarly = (h2c && !h2cReuseBroken()) || (o.httpVersion == RequestOptions::HttpVersion::Auto &&
                                                                  startsWithIgnoreCase(request_.url, "https://"));
  if (multiplexKnownEarly && !set(e, CURLOPT_PIPEWAIT, 1L)) return kOutOfMemory;
  if (h2c && h2cReuseBroken() && (!set(e, CURLOPT_FRESH_CONNECT, 1L) || !set(e, CURLOPT_FORBID_REUSE, 1L))) {
    return kOutOfMemory;
  }
  if (o.decodeContent && !set(e, CURLOPT_ACCEPT_ENCODING, "")) return kOutOfMemory;
  if (o.tcpSet) {
    if (o.tcpKeepAlive &&
        (!set(e, CURLOPT_TCP_KEEPALIVE, 1L) || !set(e, CURLOPT_TCP_KEEPIDLE, static_cast<long>(o.tcpKeepIdleSec)) ||
         !set(e, CURLOPT_TCP_KEEPINTVL, static_cast<long>(o.tcpKeepIntervalSec)))) {
      return kOutOfMemory;
    }
    if (!set(e, CURLOPT_SOCKOPTFUNCTION, &setTcpOptions) ||
        !set(e, CURLOPT_SOCKOPTDATA, static_cast<void*>(const_cast<RequestOptions*>(&o)))) {
      return kOutOfMemory;
    }
  }

  if (!request_.range.empty() && !set(e, CURLOPT_RANGE, request_.range.c_str())) return kOutOfMemory;

  if (o.verbose || o.debugKinds != 0) {
    debug_ = std::make_unique<DebugTrace>(o.debugKinds, o.verbose);
    if (!debug_->attach(e)) return kOutOfMemory;
  }

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
    ok = ok && append(body.defaultContentType.empty() ? "Content-Type:" : "Content-Type: " + body.defaultContentType);
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
      if (!body.hasPullSegments()) {
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
      ok = set(e, CURLOPT_CAINFO, "/etc/ssl/certs/cacert.pem") && set(e, CURLOPT_CAPATH, "/etc/security/certificates");
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
    case RequestOptions::Proxy::System: break;  // libcurl reads the *_proxy environment variables
    case RequestOptions::Proxy::None: ok = set(e, CURLOPT_PROXY, ""); break;
    case RequestOptions::Proxy::Custom: {
      ok = set(e, CURLOPT_PROXY, o.proxyUrl.c_str()) && set(e, CURLOPT_HTTPPROXYTUNNEL, o.proxyTunnelAlways ? 1L : 0L);
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
    // One CURLOPT_RESOLVE entry per host and port: the addresses of all its
    // rules, in order, or only the last of them without Happy Eyeballs.
    std::vector<std::pair<std::string, std::vector<std::string>>> targets;
    for (const StaticDnsRule& rule : o.staticDns) {
      const std::string target = rule.host + ":" + std::to_string(rule.port);
      auto it = std::find_if(targets.begin(), targets.end(), [&target](const auto& t) { return t.first == target; });
      if (it == targets.end()) it = targets.insert(targets.end(), {target, {}});
      it->second.insert(it->second.end(), rule.addresses.begin(), rule.addresses.end());
    }
    curl_slist* list = nullptr;
    for (auto& [target, addresses] : targets) {
      if (!o.happyEyeballs && addresses.size() > 1) addresses.erase(addresses.begin(), addresses.end() - 1);
      std::string entry = target + ":";
      for (size_t i = 0; i < addresses.size(); ++i) {
        if (i > 0) entry += ',';
        const std::string& a = addresses[i];
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
    for (const DnsServer& server : o.dnsServers) {
      if (!servers.empty()) servers += ',';
      const bool v6 = server.ip.find(':') != std::string::npos;
      servers += v6 && server.port != 0 ? "[" + server.ip + "]" : server.ip;
      if (server.port != 0) servers += ":" + std::to_string(server.port);
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

}  // namespace rcp::core
