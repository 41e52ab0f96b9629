// The sink through which the engine reports one fetch. The engine calls it on
// its loop thread, never while holding an engine lock, so an implementation
// may call back into the engine (fetch, cancel, close) from any method.
// Implementations decide where results go: the C API calls the user's function
// pointers directly, the Node-API module queues them for the JavaScript thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "http_types.h"

namespace rcp::core {

struct Outcome {
  uint32_t code = 0;                   // kOk or an error code from errors.h
  std::string message;                 // readable detail; never contains credentials
  std::unique_ptr<Response> response;  // set when code == kOk; may be set on HTTP-level errors
};

class TransferEvents {
 public:
  virtual ~TransferEvents() = default;

  // When true, body bytes are passed to onData() instead of being buffered into
  // Response::body (and the memory cap does not apply).
  virtual bool streamsBody() const { return false; }
  // Returns the number of bytes consumed; returning less than `length` aborts
  // the transfer with kWriteError.
  virtual size_t onData(const char* /*data*/, size_t length) { return length; }
  virtual void onStatusCode(long /*statusCode*/) {}
  virtual void onHeaders(const HeaderList& /*headers*/) {}
  virtual void onUploadProgress(uint64_t /*total*/, uint64_t /*sent*/) {}
  virtual void onDownloadProgress(uint64_t /*total*/, uint64_t /*received*/) {}
  virtual void onDataEnd() {}
  // Called just before onComplete() when the fetch ends because of a cancel or a close.
  virtual void onCanceled() {}
  // Called exactly once per accepted fetch; nothing is called after it.
  virtual void onComplete(Outcome outcome) = 0;

  // Which events the sink wants; the engine skips the work for the others.
  virtual bool wantsProgress() const { return false; }
  virtual bool wantsHeaders() const { return false; }
};

}  // namespace rcp::core
