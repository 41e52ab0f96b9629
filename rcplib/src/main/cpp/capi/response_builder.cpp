#include "capi/response_builder.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <utility>

#include "capi/handed_out.h"
#include "capi/objects.h"

namespace rcp::capi {
namespace {

struct ResponseBlock : HandedOutBlock {
  Rcp_Response response{};
  core::Response data;  // owns the body, URL and cookie strings the response points at
  std::unique_ptr<Rcp_Headers> headers;
  Rcp_TimeInfo timeInfo{};
  std::deque<Rcp_ResponseCookies> cookies;
  std::deque<Rcp_CookieAttributes> cookieAttributes;
  std::deque<Rcp_DebugInfo> debugInfo;
  Rcp_ResponseCallbackObject callbackCopy{};
};

void destroyBuiltResponse(Rcp_Response* response) {
  if (response != nullptr) {
    releaseHandedOut(HandedOutKind::Response, response);
  }
}

Rcp_StatusCode statusCodeOf(long status) {
  return status >= 0 && status <= RCP_STATUS_CODE_RANGE_END_ ? static_cast<Rcp_StatusCode>(status) : RCP_NONE;
}

void linkCookies(ResponseBlock* block) {
  for (core::ResponseCookie& cookie : block->data.cookies) {
    // Moved, not copied: nothing else reads them, and a response may carry
    // hundreds of kilobytes of attributes.
    block->cookieAttributes.push_back(Rcp_CookieAttributes{std::move(cookie.attributes)});
    Rcp_ResponseCookies node{};
    node.name = cookie.name.data();
    node.value = cookie.value.data();
    node.domain = cookie.domain.data();
    node.path = cookie.path.data();
    node.expires = cookie.expires.data();
    node.maxAge = cookie.hasMaxAge && cookie.maxAge > 0 ? static_cast<uint64_t>(cookie.maxAge) : 0;
    node.secure = cookie.secure;
    node.httpOnly = cookie.httpOnly;
    node.sameSite = cookie.sameSite.data();
    node.rawSize = cookie.raw.size();
    node.originString = cookie.raw.data();
    node.cookieAttributes = &block->cookieAttributes.back();
    if (!block->cookies.empty()) {
      block->cookies.push_back(node);
      block->cookies[block->cookies.size() - 2].next = &block->cookies.back();
    } else {
      block->cookies.push_back(node);
    }
  }
}

// The C event of an engine kind; false for the kinds the C API cannot ask for.
bool debugEventOf(core::DebugKind kind, Rcp_DebugEvent* out) {
  switch (kind) {
    case core::DebugKind::Text: *out = RCP_DEBUG_EVENT_TEXT; return true;
    case core::DebugKind::HeaderIn: *out = RCP_DEBUG_EVENT_HEADER_IN; return true;
    case core::DebugKind::HeaderOut: *out = RCP_DEBUG_EVENT_HEADER_OUT; return true;
    case core::DebugKind::DataIn: *out = RCP_DEBUG_EVENT_DATA_IN; return true;
    case core::DebugKind::DataOut: *out = RCP_DEBUG_EVENT_DATA_OUT; return true;
    case core::DebugKind::SslDataIn: *out = RCP_DEBUG_EVENT_SSL_DATA_IN; return true;
    case core::DebugKind::SslDataOut: *out = RCP_DEBUG_EVENT_SSL_DATA_OUT; return true;
    case core::DebugKind::SrcAddr:
    case core::DebugKind::DstAddr:
    case core::DebugKind::RedirectCount: break;
  }
  return false;
}

// The entries as an Rcp_DebugInfo chain pointing into the block's own copy.
void linkDebugInfo(ResponseBlock* block) {
  Rcp_DebugInfo* previous = nullptr;
  for (const core::DebugEntry& entry : block->data.debugInfo) {
    Rcp_DebugInfo node{};
    if (!debugEventOf(entry.kind, &node.type)) continue;
    node.data.buffer = entry.data.data();
    node.data.length = static_cast<uint32_t>(entry.data.size());  // at most core::kMaxDebugInfoBytes
    block->debugInfo.push_back(node);
    if (previous != nullptr) previous->next = &block->debugInfo.back();
    previous = &block->debugInfo.back();
  }
}

}  // namespace

Rcp_Response* buildResponse(core::Response response, const Rcp_Request* request,
                            const Rcp_ResponseCallbackObject& deliveredThrough) {
  auto block = std::make_unique<ResponseBlock>();
  block->data = std::move(response);
  block->headers = headersFromList(std::move(block->data.headers));
  block->callbackCopy = deliveredThrough;

  const core::TimeInfo& time = block->data.timeInfo;
  block->timeInfo.totalTime = time.totalMs;
  block->timeInfo.nameLookUpTime = time.nameLookupMs;
  block->timeInfo.connectTime = time.connectMs;
  block->timeInfo.preTransferTime = time.preTransferMs;
  block->timeInfo.startTransferTime = time.startTransferMs;
  block->timeInfo.redirectTime = time.redirectMs;
  block->timeInfo.tlsHandshakeTime = time.tlsHandshakeMs;

  linkCookies(block.get());
  linkDebugInfo(block.get());

  Rcp_Response& out = block->response;
  out.request = request;
  out.effectiveUrl = block->data.effectiveUrl.data();
  out.statusCode = statusCodeOf(block->data.statusCode);
  out.headers = block->headers.get();
  const size_t bodyLength = block->data.body.size();
  out.body.buffer = block->data.body.c_str();
  out.body.length = bodyLength > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(bodyLength);
  out.debugInfo = block->debugInfo.empty() ? nullptr : &block->debugInfo.front();
  out.timeInfo = &block->timeInfo;
  out.cookies = block->cookies.empty() ? nullptr : &block->cookies.front();
  out.responseCallback = &block->callbackCopy;
  out.destroyResponse = destroyBuiltResponse;
  out.responsePrivate = nullptr;
  out.reasonPhrase = block->data.reasonPhrase.c_str();
  out.httpVersion = block->data.httpVersion.c_str();

  Rcp_Response* handedOut = &block->response;
  keepHandedOut(HandedOutKind::Response, handedOut, std::move(block));
  return handedOut;
}

}  // namespace rcp::capi
