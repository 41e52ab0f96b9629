// One fetch in progress: the libcurl easy handle, its callbacks and the
// response being assembled. Created and configured on the caller's thread,
// then owned and touched only by the loop thread.
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <new>
#include <string>

#include "debug_trace.h"
#include "errors.h"
#include "loop.h"
#include "request.h"
#include "response_head.h"
#include "transfer_events.h"

namespace rcp::core {

class SessionImpl;

struct CurlEasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct FileCloser {
  void operator()(FILE* file) const { std::fclose(file); }
};

class Transfer : public TimerClient {
 public:
  Transfer(uint64_t serial, Request request, std::shared_ptr<TransferEvents> events);
  ~Transfer() override;

  // Configures `easy` (a fresh or recycled handle; the transfer owns it from
  // here) for this request. Returns kOk or an error code with a message; on
  // error the fetch is rejected synchronously.
  uint32_t prepare(CURL* easy, std::string* message);

  // Hands the easy handle back for reuse once it is out of the multi handle;
  // the transfer must not be used for I/O afterwards.
  CURL* releaseEasy() {
    if (debug_ && easy_) DebugTrace::detach(easy_.get());
    return easy_.release();
  }

  // Turns the finished libcurl result into the outcome reported to the caller.
  Outcome finish(CURLcode result);

  // The final response's status and header events wait here when its block
  // could still turn out not to be final (a redirect libcurl may follow, an
  // authentication challenge it may answer). They are delivered before the
  // first body byte, or by the session once the transfer has finished.
  bool responseEventsPending() const { return responseEventsPending_; }
  // Marks them delivered and returns the status; the caller delivers.
  long takePendingResponseEvents() {
    responseEventsPending_ = false;
    responseEventsFired_ = true;
    return head_.status();
  }
  const HeaderList& responseFields() const { return head_.fields(); }
  bool wantsHeaders() const { return wantsHeaders_; }

  // The connection this transfer used, when libcurl keeps it for reuse and it
  // carries HTTP/1.x (whose framing a stray byte breaks); else CURL_SOCKET_BAD.
  curl_socket_t reusableHttp1Socket() const;

  CURL* easy() const { return easy_.get(); }
  const Request& request() const { return request_; }
  const std::shared_ptr<TransferEvents>& events() const { return events_; }
  uint64_t serial() const { return serial_; }

  // Inactivity timer (inactivityTimeoutMs).
  void armInactivityTimer(SessionImpl* session);
  // True when no byte moved for the configured time; otherwise re-arms itself.
  bool inactivityExpired();
  void onTimer() override;

  bool attached = false;  // added to the session's multi handle
  bool settled = false;   // onComplete has been (or is being) delivered

 private:
  // libcurl's callbacks. No exception may unwind into libcurl: each runs its
  // body through guarded(), which turns an allocation failure into this
  // fetch's out-of-memory outcome (and anything else into an internal error)
  // and makes libcurl stop the transfer.
  static size_t onWrite(char* data, size_t size, size_t count, void* self) noexcept;
  static size_t onHeader(char* data, size_t size, size_t count, void* self) noexcept;
  static size_t onRead(char* out, size_t size, size_t count, void* self) noexcept;
  static int onSeek(void* self, curl_off_t offset, int origin) noexcept;
  static int onProgress(void* self, curl_off_t dlTotal, curl_off_t dlNow, curl_off_t ulTotal,
                        curl_off_t ulNow) noexcept;
  template <typename Result, typename Body>
  Result guarded(Result onException, Body&& body) noexcept {
    try {
      return body();
    } catch (const std::bad_alloc&) {
      failOnException(kOutOfMemory, "Out of memory while handling the transfer.");
    } catch (...) {
      failOnException(kInternalError, "Internal error while handling the transfer.");
    }
    return onException;
  }
  void failOnException(uint32_t code, const char* message) noexcept;

  // A response block ended: deliver, defer or refuse it.
  bool onBlockEnd();
  // True when the connection of the current request can only be HTTP/1.x.
  bool speaksOnlyHttp1() const;
  // Delivers the final response's status and header events (from a libcurl
  // callback). Returns false when a callback settled the transfer.
  bool deliverResponseEvents();
  uint32_t configureBody(std::string* message);
  uint32_t configureSecurity();
  uint32_t configureNetwork(std::string* message);
  void fail(uint32_t code, std::string message);
  // Bytes moved on the wire. Only transfers with an inactivity limit pay for
  // reading the clock.
  void touch() {
    if (request_.options.inactivityTimeoutMs > 0) lastActivity_ = Clock::now();
  }

  const uint64_t serial_;
  Request request_;
  std::shared_ptr<TransferEvents> events_;
  // Only when the request asks for debug information or verbose logging.
  // Declared before easy_ so that it outlives the handle that calls it.
  std::unique_ptr<DebugTrace> debug_;
  std::unique_ptr<CURL, CurlEasyDeleter> easy_;
  std::unique_ptr<curl_slist, CurlSlistDeleter> headerList_;
  std::unique_ptr<curl_slist, CurlSlistDeleter> resolveList_;
  std::unique_ptr<FILE, FileCloser> downloadFile_;
  std::unique_ptr<FILE, FileCloser> uploadFile_;  // file segment being read
  char errorBuffer_[CURL_ERROR_SIZE] = {};

  // Response assembly
  std::unique_ptr<Response> response_;
  ResponseHead head_;
  bool streams_ = false;
  bool wantsHeaders_ = false;
  bool wantsProgress_ = false;
  bool responseEventsPending_ = false;
  bool responseEventsFired_ = false;

  // Request body streaming
  size_t segmentIndex_ = 0;
  size_t segmentOffset_ = 0;

  // Progress (reported only when it changes)
  curl_off_t lastDlNow_ = -1, lastDlTotal_ = -1, lastUlNow_ = -1, lastUlTotal_ = -1;

  // Errors found inside callbacks win over libcurl's generic code.
  uint32_t failCode_ = 0;
  std::string failMessage_;

  SessionImpl* session_ = nullptr;
  Clock::time_point lastActivity_;
};

}  // namespace rcp::core
