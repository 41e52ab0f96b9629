// The engine-facing side of one C fetch: a core::TransferEvents that calls
// the application's event callbacks and, at the end, builds the Rcp_Response
// and calls the response callback.
#pragma once

#include <rcp/rcp.h>

#include <atomic>
#include <memory>

#include "capi/request_conversion.h"
#include "core/transfer_events.h"

namespace rcp::capi {

// What a session's fetches report back to the session while it closes.
struct SessionActivity {
  std::atomic<bool> closing{false};
  // Fetches that ended with 1007900992 while the session was closing.
  std::atomic<int> canceledByClose{0};
};

class CApiTransferEvents final : public core::TransferEvents {
 public:
  // `responseRequest` becomes response->request; `target` receives the result.
  CApiTransferEvents(const FetchCallbacks& callbacks, const Rcp_Request* responseRequest,
                     const Rcp_ResponseCallbackObject& target, std::shared_ptr<SessionActivity> activity);

  bool streamsBody() const override;
  size_t onData(const char* data, size_t length) override;
  void onStatusCode(long statusCode) override;
  void onHeaders(const core::HeaderList& headers) override;
  void onUploadProgress(uint64_t total, uint64_t sent) override;
  void onDownloadProgress(uint64_t total, uint64_t received) override;
  void onDataEnd() override;
  void onCanceled() override;
  void onComplete(core::Outcome outcome) override;
  bool wantsProgress() const override;
  bool wantsHeaders() const override;

 private:
  const FetchCallbacks callbacks_;
  const Rcp_Request* const responseRequest_;
  const Rcp_ResponseCallbackObject target_;
  const std::shared_ptr<SessionActivity> activity_;
};

}  // namespace rcp::capi
