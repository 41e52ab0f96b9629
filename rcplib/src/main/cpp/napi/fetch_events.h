// The engine's sink for one fetch started from JavaScript: turns each engine
// callback into a PendingEvent tagged with the fetch's token and queues it in
// the session's inbox. Runs on the engine's loop thread; never touches
// JavaScript values.
#pragma once

#include <cstdint>
#include <memory>

#include "core/transfer_events.h"
#include "napi/event_inbox.h"

namespace rcp::napi {

class FetchEvents : public core::TransferEvents {
 public:
  FetchEvents(std::shared_ptr<EventInbox> inbox, double token, uint32_t eventMask, bool withTimeInfo)
      : inbox_(std::move(inbox)), token_(token), eventMask_(eventMask), withTimeInfo_(withTimeInfo) {}

  bool streamsBody() const override { return (eventMask_ & kWantData) != 0; }
  bool wantsProgress() const override { return (eventMask_ & kWantProgress) != 0; }
  bool wantsHeaders() const override { return (eventMask_ & kWantHeaders) != 0; }

  size_t onData(const char* data, size_t length) override;
  void onStatusCode(long statusCode) override;
  void onHeaders(const core::HeaderList& headers) override;
  void onUploadProgress(uint64_t total, uint64_t sent) override;
  void onDownloadProgress(uint64_t total, uint64_t received) override;
  void onDataEnd() override;
  void onCanceled() override;
  void onComplete(core::Outcome outcome) override;

 private:
  PendingEvent event(EventType type) const;
  void pushProgress(EventType type, uint64_t total, uint64_t transferred);

  const std::shared_ptr<EventInbox> inbox_;
  const double token_;
  const uint32_t eventMask_;
  const bool withTimeInfo_;
};

}  // namespace rcp::napi
