#include "capi/request_copy.h"

#include <cstring>

#include "capi/c_enum.h"
#include "core/errors.h"

namespace rcp::capi {

uint32_t RequestCopy::create(const Rcp_Request& source, std::unique_ptr<RequestCopy>* out) {
  std::unique_ptr<RequestCopy> copy(new RequestCopy());
  uint32_t code = copy->copyFrom(source);
  if (code == core::kOk) {
    *out = std::move(copy);
  }
  return code;
}

uint32_t RequestCopy::copyFrom(const Rcp_Request& source) {
  Rcp_Request& request = box_.request;
  std::memcpy(request.id, source.id, sizeof(request.id));
  request.id[sizeof(request.id) - 1] = '\0';
  box_.url = source.url == nullptr ? std::string() : std::string(source.url);
  request.url = box_.url.data();
  method_ = source.method == nullptr ? RCP_METHOD_GET : source.method;
  request.method = method_.c_str();

  if (source.headers != nullptr) {
    headers_ = cloneHeaders(*source.headers);
    request.headers = headers_.get();
  }
  if (source.cookies != nullptr) {
    cookies_ = cloneRequestCookies(*source.cookies);
    request.cookies = cookies_.get();
  }
  if (source.content != nullptr) {
    content_ = *source.content;
    switch (rawEnum(content_.type)) {
      case RCP_CONTENT_TYPE_STRING:
        if (content_.data.contentStr.buffer != nullptr) {
          contentBytes_.assign(content_.data.contentStr.buffer, content_.data.contentStr.length);
        }
        content_.data.contentStr.buffer = contentBytes_.data();
        break;
      case RCP_CONTENT_TYPE_FORM:
        if (content_.data.form != nullptr) {
          form_ = cloneForm(*content_.data.form);
          content_.data.form = form_.get();
        }
        break;
      case RCP_CONTENT_TYPE_MULTIPARTFORM:
        if (content_.data.multipartForm != nullptr) {
          multipartForm_ = cloneMultipartForm(*content_.data.multipartForm);
          content_.data.multipartForm = multipartForm_.get();
        }
        break;
      case RCP_CONTENT_TYPE_GETCALLBACK: break;
    }
    request.content = &content_;
  }
  if (source.configuration != nullptr) {
    uint32_t code = ConfigurationCopy::create(*source.configuration, &configuration_);
    if (code != core::kOk) {
      return code;
    }
    request.configuration = configuration_->get();
  }
  size_t count = 0;
  for (const Rcp_TransferRange* range = source.transferRange; range != nullptr; range = range->next) {
    if (++count > kMaxListLength) {
      return core::kParameterError;
    }
    ranges_.push_back(*range);
    ranges_.back().next = nullptr;
    if (ranges_.size() > 1) {
      ranges_[ranges_.size() - 2].next = &ranges_.back();
    }
  }
  request.transferRange = ranges_.empty() ? nullptr : &ranges_.front();

  if (const RequestBox* sourceBox = requestBoxOf(&source)) {
    box_.binaryReceive = sourceBox->binaryReceive;
    box_.statusCodeReceive = sourceBox->statusCodeReceive;
    box_.connectOnly = sourceBox->connectOnly;
  }
  return core::kOk;
}

}  // namespace rcp::capi
