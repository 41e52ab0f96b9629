#include "debug_trace.h"

#include <string>
#include <utility>

#include "log.h"

namespace rcp::core {

namespace {

// The kinds libcurl's debug callback reports; the others are read at the end.
constexpr uint32_t kCallbackKinds = debugKindBit(DebugKind::Text) | debugKindBit(DebugKind::HeaderIn) |
                                    debugKindBit(DebugKind::HeaderOut) | debugKindBit(DebugKind::DataIn) |
                                    debugKindBit(DebugKind::DataOut) | debugKindBit(DebugKind::SslDataIn) |
                                    debugKindBit(DebugKind::SslDataOut);

// "ip:port", "[ip]:port" for IPv6; empty when libcurl knows no address.
std::string addressText(CURL* easy, CURLINFO ipInfo, CURLINFO portInfo) {
  char* ip = nullptr;
  long port = 0;
  if (curl_easy_getinfo(easy, ipInfo, &ip) != CURLE_OK || ip == nullptr || *ip == '\0' ||
      curl_easy_getinfo(easy, portInfo, &port) != CURLE_OK) {
    return std::string();
  }
  const std::string host(ip);
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

bool DebugTrace::attach(CURL* easy) {
  if (!verbose_ && (kinds_ & kCallbackKinds) == 0) return true;  // only summary kinds: no callback needed
  return curl_easy_setopt(easy, CURLOPT_DEBUGFUNCTION, &DebugTrace::onDebug) == CURLE_OK &&
         curl_easy_setopt(easy, CURLOPT_DEBUGDATA, static_cast<void*>(this)) == CURLE_OK &&
         curl_easy_setopt(easy, CURLOPT_VERBOSE, 1L) == CURLE_OK;
}

void DebugTrace::detach(CURL* easy) noexcept {
  curl_easy_setopt(easy, CURLOPT_VERBOSE, 0L);
  curl_easy_setopt(easy, CURLOPT_DEBUGFUNCTION, static_cast<curl_debug_callback>(nullptr));
  curl_easy_setopt(easy, CURLOPT_DEBUGDATA, static_cast<void*>(nullptr));
}

int DebugTrace::onDebug(CURL* /*easy*/, curl_infotype type, char* data, size_t size, void* self) noexcept {
  auto* trace = static_cast<DebugTrace*>(self);
  if (trace == nullptr) return 0;
  DebugKind kind = DebugKind::Text;
  switch (type) {
    case CURLINFO_TEXT:
      if (trace->verbose_) logVerbose(data, size);
      break;
    case CURLINFO_HEADER_IN: kind = DebugKind::HeaderIn; break;
    case CURLINFO_HEADER_OUT: kind = DebugKind::HeaderOut; break;
    case CURLINFO_DATA_IN: kind = DebugKind::DataIn; break;
    case CURLINFO_DATA_OUT: kind = DebugKind::DataOut; break;
    case CURLINFO_SSL_DATA_IN: kind = DebugKind::SslDataIn; break;
    case CURLINFO_SSL_DATA_OUT: kind = DebugKind::SslDataOut; break;
    default: return 0;
  }
  if ((trace->kinds_ & debugKindBit(kind)) != 0) trace->record(kind, data, size);
  return 0;  // libcurl requires 0
}

void DebugTrace::record(DebugKind kind, const char* data, size_t size) noexcept {
  if (truncated_) return;
  size_t keep = size;
  const size_t room = kMaxDebugInfoBytes - kept_;
  if (size > room || kDebugEntryOverhead > room - size) {
    // What fits of this entry is kept; nothing after it.
    keep = room > kDebugEntryOverhead ? room - kDebugEntryOverhead : 0;
    truncated_ = true;
  }
  try {
    if (keep > 0 || !truncated_) {
      entries_.push_back(DebugEntry{kind, std::string(data, keep)});
      kept_ += kDebugEntryOverhead + keep;
    }
    if (truncated_) entries_.push_back(DebugEntry{DebugKind::Text, kDebugTruncatedText});
  } catch (...) {
    // Out of memory: recording stops; the transfer goes on with what was kept.
    truncated_ = true;
  }
}

void DebugTrace::appendSummary(DebugKind kind, std::vector<DebugEntry>* out, CURL* easy) {
  if ((kinds_ & debugKindBit(kind)) == 0) return;
  std::string text;
  if (kind == DebugKind::SrcAddr) text = addressText(easy, CURLINFO_LOCAL_IP, CURLINFO_LOCAL_PORT);
  if (kind == DebugKind::DstAddr) text = addressText(easy, CURLINFO_PRIMARY_IP, CURLINFO_PRIMARY_PORT);
  if (kind == DebugKind::RedirectCount) {
    long count = 0;
    if (curl_easy_getinfo(easy, CURLINFO_REDIRECT_COUNT, &count) == CURLE_OK) text = std::to_string(count);
  }
  if (!text.empty()) out->push_back(DebugEntry{kind, std::move(text)});
}

std::vector<DebugEntry> DebugTrace::take(CURL* easy) {
  std::vector<DebugEntry> out = std::move(entries_);
  entries_.clear();
  appendSummary(DebugKind::SrcAddr, &out, easy);
  appendSummary(DebugKind::DstAddr, &out, easy);
  appendSummary(DebugKind::RedirectCount, &out, easy);
  return out;
}

}  // namespace rcp::core
