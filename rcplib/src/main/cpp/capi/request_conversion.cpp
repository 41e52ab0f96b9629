#include "capi/request_conversion.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "capi/c_enum.h"
#include "capi/configuration.h"
#include "capi/objects.h"
#include "capi/request_box.h"
#include "core/errors.h"
#include "core/form.h"

namespace rcp::capi {
namespace {

constexpr const char* kStringContentType = "text/plain;charset=UTF-8";

uint32_t encodeContent(const Rcp_RequestContent& content, core::RequestBody* body) {
  core::BodySegment segment;
  switch (rawEnum(content.type)) {
    case RCP_CONTENT_TYPE_STRING: {
      const Rcp_Buffer& text = content.data.contentStr;
      if (text.buffer == nullptr && text.length != 0) {
        return core::kParameterError;
      }
      segment.bytes = text.buffer == nullptr ? std::string() : std::string(text.buffer, text.length);
      body->segments.push_back(std::move(segment));
      body->defaultContentType = kStringContentType;
      return core::kOk;
    }
    case RCP_CONTENT_TYPE_FORM:
      if (content.data.form == nullptr) {
        return core::kParameterError;
      }
      segment.bytes = core::encodeUrlEncodedForm(formFields(*content.data.form));
      body->segments.push_back(std::move(segment));
      body->defaultContentType = core::kFormUrlEncodedContentType;
      return core::kOk;
    case RCP_CONTENT_TYPE_MULTIPARTFORM:
      if (content.data.multipartForm == nullptr) {
        return core::kParameterError;
      }
      return core::encodeMultipartForm(multipartParts(*content.data.multipartForm), std::string(), body);
    case RCP_CONTENT_TYPE_GETCALLBACK:
      if (content.data.getDataCallback == nullptr) {
        return core::kParameterError;
      }
      segment.kind = core::BodySegment::Kind::Pull;
      segment.pull = pullFromCallback(content.data.getDataCallback);
      body->segments.push_back(std::move(segment));
      body->defaultContentType = core::kDefaultFilePartContentType;
      return core::kOk;
  }
  return core::kParameterError;
}

// Each Rcp_TransferRange as a ByteRange: a bound is set when it is non-zero
// or its hasZero flag says so.
uint32_t byteRanges(const Rcp_TransferRange* ranges, std::vector<core::ByteRange>* out) {
  size_t count = 0;
  for (const Rcp_TransferRange* range = ranges; range != nullptr; range = range->next) {
    if (++count > kMaxListLength) {
      return core::kParameterError;
    }
    core::ByteRange translated;
    if (range->from != 0 || range->hasZeroFrom) {
      translated.from = range->from;
    }
    if (range->to != 0 || range->hasZeroTo) {
      translated.to = range->to;
    }
    out->push_back(translated);
  }
  return core::kOk;
}

}  // namespace

uint32_t prepareFetch(const SessionConfigurationCopy& session, const Rcp_Request& request, PreparedFetch* out,
                      core::BuildPurpose purpose) {
  core::RequestDraft draft;
  draft.id.assign(request.id, strnlen(request.id, sizeof(request.id)));
  if (request.url != nullptr) {
    draft.url = request.url;
  }
  draft.method = request.method != nullptr ? request.method : RCP_METHOD_GET;  // NULL means GET
  if (request.headers != nullptr) {
    draft.headers = headerList(*request.headers);
  }
  if (request.cookies != nullptr) {
    draft.cookies = cookieList(*request.cookies);
  }
  uint32_t code = byteRanges(request.transferRange, &draft.ranges);
  if (code == core::kOk && request.content != nullptr) {
    code = encodeContent(*request.content, &draft.body);
  }
  core::ConfigurationLayer own;
  if (code == core::kOk && request.configuration != nullptr) {
    code = toConfigurationLayer(*request.configuration, &own);
  }
  if (code != core::kOk) {
    return code;
  }
  std::string detail;  // the C API answers with codes only
  code = core::buildRequest(session.defaults(), std::move(draft), request.configuration != nullptr ? &own : nullptr,
                            session.requestLayer(), purpose, &out->request, &detail);
  if (code != core::kOk) {
    return code;
  }

  out->callbacks = FetchCallbacks{};
  const Rcp_Configuration* config =
      request.configuration != nullptr ? request.configuration : session.requestConfiguration();
  if (config != nullptr) {
    out->callbacks.events = config->tracingConfiguration.httpEventsHandler;
  }
  if (const RequestBox* box = requestBoxOf(&request)) {
    out->callbacks.binaryReceive = box->binaryReceive;
    out->callbacks.statusCodeReceive = box->statusCodeReceive;
  }
  return core::kOk;
}

}  // namespace rcp::capi
