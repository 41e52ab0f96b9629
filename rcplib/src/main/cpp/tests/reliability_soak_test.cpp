// Soak: 10,000 create/fetch/close cycles through the C API with a mix of
// successes, HTTP error statuses, transport errors, cancels and closes with
// the fetch in flight. Every fetch must settle exactly once with its expected
// code, and afterwards the process must be back at its baseline:
//   - open file descriptors: exactly the baseline count;
//   - threads: exactly the baseline count;
//   - resident memory: at most kRssGrowthBoundKib above the baseline (plain
//     builds only: the sanitizers' shadow memory and quarantine make RSS
//     meaningless there, and LeakSanitizer checks for leaks instead).
// The baseline is taken after kWarmUpCycles, once allocator pools and
// libcurl's process-wide state exist.
#include <gtest/gtest.h>
#include <rcp/rcp.h>

#include <cstdlib>
#include <string>

#include "reliability_support.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define RCP_SOAK_UNDER_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define RCP_SOAK_UNDER_SANITIZER 1
#endif

namespace rcp::test::reliability {
namespace {

#ifdef RCP_SOAK_UNDER_SANITIZER
constexpr bool kUnderSanitizer = true;
#else
constexpr bool kUnderSanitizer = false;
#endif

constexpr int kFullCycles = 10000;
// Sanitizer builds run several times slower; they soak a fifth of the cycles.
constexpr int kSanitizerCycles = 2000;
constexpr int kWarmUpCycles = 200;
constexpr long kRssGrowthBoundKib = 8 * 1024;

constexpr uint32_t kCouldntConnect = 1007900007;
constexpr uint32_t kSendError = 1007900055;  // CURLE_SEND_ERROR
constexpr uint32_t kRecvError = 1007900056;
constexpr uint32_t kCanceled = 1007900992;

// RCP_SOAK_CYCLES overrides the count (the valgrind run uses it).
int soakCycles() {
  if (const char* text = std::getenv("RCP_SOAK_CYCLES")) {
    const int cycles = std::atoi(text);
    if (cycles > 0 && cycles <= 1000000) return cycles;
  }
  return kUnderSanitizer ? kSanitizerCycles : kFullCycles;
}

enum class Kind { Success, HttpErrorStatus, Refused, ServerReset, Canceled, ClosedInFlight, Count };

Kind kindOfCycle(int cycle) {
  switch (cycle % 10) {
    case 5: return Kind::HttpErrorStatus;
    case 6: return Kind::Refused;
    case 7: return Kind::ServerReset;
    case 8: return Kind::Canceled;
    case 9: return Kind::ClosedInFlight;
    default: return Kind::Success;
  }
}

// One create/fetch/close cycle; returns false (after recording failures) when
// the fetch did not end as its kind requires.
bool runCycle(Kind kind, const std::string& refused) {
  const std::string& http = ServerDirectory::get().http;
  std::string url;
  switch (kind) {
    case Kind::Success: url = http + "/bytes/256"; break;
    case Kind::HttpErrorStatus: url = http + "/status/503"; break;
    case Kind::Refused: url = refused; break;
    case Kind::ServerReset: url = http + "/reset-before-headers"; break;
    case Kind::Canceled:
    case Kind::ClosedInFlight: url = http + "/hang"; break;
    case Kind::Count: break;
  }
  uint32_t created = 1;
  Rcp_Session* session = Rcp_CreateSession(nullptr, &created);
  if (session == nullptr) {
    ADD_FAILURE() << "create failed with " << created;
    return false;
  }
  ResultSlot slot;
  const Rcp_ResponseCallbackObject callback = slot.callbackObject();
  RequestPtr request = newRequest(url);
  const uint32_t started = Rcp_Fetch(session, request.get(), &callback);
  if (kind == Kind::Canceled) Rcp_CancelRequest(session, request.get());
  if (kind != Kind::ClosedInFlight) slot.wait();
  const uint32_t closed = Rcp_CloseSession(&session);
  // Close settles what is in flight before it returns, so the count is final here.
  bool ok = started == 0 && closed == 0 && slot.calls() == 1;
  switch (kind) {
    case Kind::Success: ok = ok && slot.code() == 0 && slot.status() == 200 && slot.body().size() == 256; break;
    case Kind::HttpErrorStatus: ok = ok && slot.code() == 0 && slot.status() == 503; break;
    case Kind::Refused: ok = ok && slot.code() == kCouldntConnect; break;
    // The reset can reach the client while it is still writing the request
    // (send error) or once it waits for the answer (receive error): both are
    // the peer's reset, and which one wins is up to the wire, not to rcplib.
    case Kind::ServerReset: ok = ok && (slot.code() == kRecvError || slot.code() == kSendError); break;
    case Kind::Canceled:
    case Kind::ClosedInFlight: ok = ok && slot.code() == kCanceled; break;
    case Kind::Count: break;
  }
  if (!ok) {
    ADD_FAILURE() << "kind " << static_cast<int>(kind) << ": started " << started << ", closed " << closed << ", calls "
                  << slot.calls() << ", code " << slot.code() << ", status " << slot.status();
  }
  return ok;
}

TEST(ReliabilitySoak, create_fetch_close_cycles_return_fds_threads_and_memory_to_baseline) {
  warmUp();
  const std::string refused = refusedUrl();
  for (int cycle = 0; cycle < kWarmUpCycles; ++cycle) ASSERT_TRUE(runCycle(kindOfCycle(cycle), refused));
  const ResourceCounts baseline = ResourceCounts::now();
  const long baselineKib = residentKib();

  const int cycles = soakCycles();
  int planned[static_cast<int>(Kind::Count)] = {};
  int succeeded[static_cast<int>(Kind::Count)] = {};
  int failures = 0;
  for (int cycle = 0; cycle < cycles && failures < 10; ++cycle) {
    const Kind kind = kindOfCycle(cycle);
    ++planned[static_cast<int>(kind)];
    if (runCycle(kind, refused)) {
      ++succeeded[static_cast<int>(kind)];
    } else {
      ++failures;
    }
  }
  EXPECT_EQ(failures, 0);
  for (int kind = 0; kind < static_cast<int>(Kind::Count); ++kind) {
    EXPECT_GT(planned[kind], 0) << "kind " << kind << " never ran";
    EXPECT_EQ(succeeded[kind], planned[kind]) << "kind " << kind;
  }

  const bool settled = ResourceCounts::settleTo(baseline);
  const ResourceCounts after = ResourceCounts::now();
  EXPECT_TRUE(settled);
  EXPECT_EQ(after.fds, baseline.fds);
  EXPECT_EQ(after.threads, baseline.threads);
  const long growthKib = residentKib() - baselineKib;
  RecordProperty("cycles", cycles);
  RecordProperty("rss_growth_kib", static_cast<int>(growthKib));
  if (!kUnderSanitizer) {
    EXPECT_LE(growthKib, kRssGrowthBoundKib)
        << "resident memory grew by " << growthKib << " KiB over " << cycles << " cycles";
  }
}

}  // namespace
}  // namespace rcp::test::reliability
