#include "napi/fetch_events.h"

#include <utility>

namespace rcp::napi {

PendingEvent FetchEvents::event(EventType type) const {
  PendingEvent e;
  e.token = token_;
  e.type = type;
  return e;
}

size_t FetchEvents::onData(const char* data, size_t length) {
  PendingEvent e = event(kEventData);
  // The engine reuses its receive buffer once this returns, so the chunk is copied.
  e.chunk.assign(data, length);
  inbox_->push(std::move(e));
  return length;
}

void FetchEvents::onStatusCode(long statusCode) {
  if ((eventMask_ & kWantStatus) == 0) return;
  PendingEvent e = event(kEventStatus);
  e.statusCode = statusCode;
  inbox_->push(std::move(e));
}

void FetchEvents::onHeaders(const core::HeaderList& headers) {
  if ((eventMask_ & kWantHeaders) == 0) return;
  PendingEvent e = event(kEventHeaders);
  e.headers = headers;
  inbox_->push(std::move(e));
}

void FetchEvents::onUploadProgress(uint64_t total, uint64_t sent) { pushProgress(kEventUploadProgress, total, sent); }

void FetchEvents::onDownloadProgress(uint64_t total, uint64_t received) {
  pushProgress(kEventDownloadProgress, total, received);
}

void FetchEvents::pushProgress(EventType type, uint64_t total, uint64_t transferred) {
  if ((eventMask_ & kWantProgress) == 0) return;
  PendingEvent e = event(type);
  e.total = total;
  e.transferred = transferred;
  inbox_->push(std::move(e));
}

void FetchEvents::onDataEnd() { inbox_->push(event(kEventDataEnd)); }

void FetchEvents::onCanceled() { inbox_->push(event(kEventCanceled)); }

void FetchEvents::onComplete(core::Outcome outcome) {
  PendingEvent e = event(kEventComplete);
  e.outcome = std::move(outcome);
  e.withTimeInfo = withTimeInfo_;
  e.bodyStreamed = streamsBody();
  inbox_->push(std::move(e));
}

}  // namespace rcp::napi
