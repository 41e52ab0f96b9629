#include "capi/request_conversion.h"

#include <cstring>
#include <vector>

#include "capi/c_enum.h"
#include "capi/objects.h"
#include "capi/request_box.h"
#include "core/errors.h"
#include "core/form.h"
#include "core/text.h"
#include "core/validation.h"

namespace rcp::capi {
namespace {

constexpr const char* kStringContentType = "text/plain;charset=UTF-8";

bool containsName(const std::vector<std::string>& names, const std::string& name) {
  for (const std::string& existing : names) {
    if (core::equalsIgnoreCase(existing, name)) {
      return true;
    }
  }
  return false;
}

// Request headers first, then the session's headers whose names the request
// does not set.
uint32_t mergedHeaders(const Rcp_Headers* requestHeaders, const Rcp_Headers* sessionHeaders, core::HeaderList* out) {
  if (requestHeaders != nullptr) {
    *out = headerList(*requestHeaders);
  }
  std::vector<std::string> requestNames;
  for (const core::Header& header : *out) {
    requestNames.push_back(header.name);
  }
  if (sessionHeaders != nullptr) {
    for (core::Header& header : headerList(*sessionHeaders)) {
      if (!containsName(requestNames, header.name)) {
        out->push_back(std::move(header));
      }
    }
  }
  for (const core::Header& header : *out) {
    if (!core::isValidHeaderName(header.name) || !core::isValidHeaderValue(header.value)) {
      return core::kParameterError;
    }
  }
  return core::kOk;
}

// "a=b; c=d" from the request's cookies and the session's cookies whose names
// the request does not set.
uint32_t cookieHeaderValue(const Rcp_RequestCookies* requestCookies, const Rcp_RequestCookies* sessionCookies,
                           std::string* out) {
  std::vector<const Rcp_RequestCookies::Cookie*> merged;
  if (requestCookies != nullptr) {
    for (const auto& cookie : requestCookies->cookies) {
      merged.push_back(cookie.get());
    }
  }
  if (sessionCookies != nullptr) {
    for (const auto& cookie : sessionCookies->cookies) {
      bool overridden = false;
      if (requestCookies != nullptr) {
        for (const auto& own : requestCookies->cookies) {
          overridden = overridden || own->name == cookie->name;
        }
      }
      if (!overridden) {
        merged.push_back(cookie.get());
      }
    }
  }
  for (const Rcp_RequestCookies::Cookie* cookie : merged) {
    if (!core::isValidCookieName(cookie->name) || !core::isValidCookieValue(cookie->value)) {
      return core::kParameterError;
    }
    if (!out->empty()) {
      *out += "; ";
    }
    *out += cookie->name + "=" + cookie->value;
  }
  return core::kOk;
}

void addCookieHeader(const std::string& cookies, core::HeaderList* headers) {
  for (core::Header& header : *headers) {
    if (core::equalsIgnoreCase(header.name, "cookie")) {
      header.value = header.value.empty() ? cookies : header.value + "; " + cookies;
      return;
    }
  }
  headers->push_back(core::Header{"Cookie", cookies});
}

void removeHeaders(const char* name, core::HeaderList* headers) {
  std::vector<core::Header> kept;
  for (core::Header& header : *headers) {
    if (!core::equalsIgnoreCase(header.name, name)) {
      kept.push_back(std::move(header));
    }
  }
  *headers = std::move(kept);
}

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

}  // namespace

uint32_t rangeText(const Rcp_TransferRange* ranges, std::string* out) {
  out->clear();
  size_t count = 0;
  for (const Rcp_TransferRange* range = ranges; range != nullptr; range = range->next) {
    if (++count > kMaxListLength) {
      return core::kParameterError;
    }
    const bool hasFrom = range->from != 0 || range->hasZeroFrom;
    const bool hasTo = range->to != 0 || range->hasZeroTo;
    if (!hasFrom && !hasTo) {
      continue;
    }
    if ((hasFrom && range->from < 0) || (hasTo && range->to < 0) || (hasFrom && hasTo && range->from > range->to) ||
        (!hasFrom && range->to == 0)) {
      return core::kParameterError;  // negative, inverted, or the unsatisfiable "-0"
    }
    if (!out->empty()) {
      *out += ',';
    }
    if (hasFrom) {
      *out += std::to_string(range->from) + "-";
    } else {
      *out += "-";
    }
    if (hasTo) {
      *out += std::to_string(range->to);
    }
  }
  return core::kOk;
}

uint32_t prepareFetch(const SessionConfigurationCopy& session, const Rcp_Request& request, PreparedFetch* out,
                      PreparePurpose purpose) {
  if (request.url == nullptr) {
    return core::kParameterError;
  }
  std::string url = request.url;
  if (!session.baseUrl().empty()) {
    std::string resolved;
    if (!core::resolveUrl(session.baseUrl(), url, &resolved)) {
      return core::kMalformedUrl;
    }
    url = std::move(resolved);
  }
  uint32_t code = core::checkUrl(url);
  if (code != core::kOk) {
    return code;
  }

  core::Request& target = out->request;
  target = core::Request{};
  target.url = url;
  target.id.assign(request.id, strnlen(request.id, sizeof(request.id)));
  target.method = request.method == nullptr ? RCP_METHOD_GET : request.method;
  if (!core::isValidMethod(target.method)) {
    return core::kParameterError;
  }

  code = mergedHeaders(request.headers, session.headers(), &target.headers);
  if (code != core::kOk) {
    return code;
  }
  std::string cookies;
  code = cookieHeaderValue(request.cookies, session.cookies(), &cookies);
  if (code != core::kOk) {
    return code;
  }
  if (!cookies.empty()) {
    addCookieHeader(cookies, &target.headers);
  }
  code = rangeText(request.transferRange, &target.range);
  if (code != core::kOk) {
    return code;
  }
  if (!target.range.empty()) {
    removeHeaders("range", &target.headers);
  }

  if (request.content != nullptr) {
    code = encodeContent(*request.content, &target.body);
    if (code != core::kOk) {
      return code;
    }
  }

  const Rcp_Configuration* config =
      request.configuration != nullptr ? request.configuration : session.requestConfiguration();
  code = toRequestOptions(config, purpose == PreparePurpose::Send ? url : std::string(), &target.options);
  if (code != core::kOk) {
    return code;
  }

  out->callbacks = FetchCallbacks{};
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
