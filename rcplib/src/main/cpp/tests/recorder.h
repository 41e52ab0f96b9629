// A TransferEvents sink for tests: records every event and lets the test wait
// for completion. Thread-safe; the engine calls it on its loop thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/transfer_events.h"

namespace rcp::test {

class Recorder : public core::TransferEvents {
 public:
  // Optional hooks run inside the engine callbacks (to test re-entrancy).
  std::function<void(const core::Outcome&)> onCompleteHook;
  std::function<void()> onDataHook;
  std::function<void()> onHeadersHook;
  bool stream = false;

  bool streamsBody() const override { return stream; }
  bool wantsProgress() const override { return true; }
  bool wantsHeaders() const override { return true; }

  size_t onData(const char* data, size_t length) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      streamed_.append(data, length);
    }
    if (onDataHook) onDataHook();
    return length;
  }
  void onStatusCode(long status) override {
    std::lock_guard<std::mutex> lock(mutex_);
    statusEvents_.push_back(status);
  }
  void onHeaders(const core::HeaderList&) override {
    headerEvents_.fetch_add(1);
    if (onHeadersHook) onHeadersHook();
  }
  void onDownloadProgress(uint64_t, uint64_t) override { downloadProgress_.fetch_add(1); }
  void onUploadProgress(uint64_t, uint64_t) override { uploadProgress_.fetch_add(1); }
  void onDataEnd() override { dataEnd_.fetch_add(1); }
  void onCanceled() override { canceled_.fetch_add(1); }
  void onComplete(core::Outcome outcome) override {
    if (onCompleteHook) onCompleteHook(outcome);
    std::lock_guard<std::mutex> lock(mutex_);
    ++completions_;
    outcome_ = std::move(outcome);
    cv_.notify_all();
  }

  // Waits up to `timeout` for the completion; returns false on time-out.
  bool wait(std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, timeout, [this] { return completions_ > 0; });
  }
  int completions() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return completions_;
  }
  uint32_t code() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return outcome_.code;
  }
  std::string message() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return outcome_.message;
  }
  const core::Response* response() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return outcome_.response.get();
  }
  std::string streamed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return streamed_;
  }
  std::vector<long> statusEvents() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return statusEvents_;
  }
  int canceledEvents() const { return canceled_.load(); }
  int dataEndEvents() const { return dataEnd_.load(); }
  int headerEvents() const { return headerEvents_.load(); }
  int downloadProgressEvents() const { return downloadProgress_.load(); }
  int uploadProgressEvents() const { return uploadProgress_.load(); }

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  int completions_ = 0;
  core::Outcome outcome_;
  std::string streamed_;
  std::vector<long> statusEvents_;
  std::atomic<int> canceled_{0};
  std::atomic<int> dataEnd_{0};
  std::atomic<int> headerEvents_{0};
  std::atomic<int> downloadProgress_{0};
  std::atomic<int> uploadProgress_{0};
};

}  // namespace rcp::test
