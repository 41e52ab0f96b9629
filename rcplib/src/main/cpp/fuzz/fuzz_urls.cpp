// Fuzz target: URL checking and base-address joining (core/validation).
//  - checkUrl answers only with its documented codes, and what it accepts has
//    the http or https scheme and no spaces or control characters.
//  - resolveUrl joins any base and reference without crashing; an empty base
//    returns the reference unchanged, and joining is stable: resolving the
//    result against the same base again changes nothing.
#include <fuzzer/FuzzedDataProvider.h>

#include <cctype>
#include <cstdint>
#include <string>

#include "core/errors.h"
#include "core/validation.h"
#include "fuzz_check.h"

namespace {

std::string lowercasedPrefix(const std::string& text, size_t length) {
  std::string prefix = text.substr(0, length);
  for (char& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return prefix;
}

void checkAcceptedUrl(const std::string& url) {
  const uint32_t code = rcp::core::checkUrl(url);
  FUZZ_CHECK(code == rcp::core::kOk || code == rcp::core::kParameterError || code == rcp::core::kMalformedUrl ||
             code == rcp::core::kUnsupportedProtocol || code == rcp::core::kOutOfMemory);
  FUZZ_CHECK((code == rcp::core::kParameterError) == url.empty());
  if (code != rcp::core::kOk) return;
  // Like browsers, libcurl's parser also takes "http:/host"; the scheme is what matters.
  FUZZ_CHECK(lowercasedPrefix(url, 5) == "http:" || lowercasedPrefix(url, 6) == "https:");
  for (unsigned char c : url) FUZZ_CHECK(c > 0x20 && c != 0x7f);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  const std::string base = input.ConsumeRandomLengthString(1024);
  const std::string reference = input.ConsumeRemainingBytesAsString();

  checkAcceptedUrl(base);
  checkAcceptedUrl(reference);

  std::string unchanged = "untouched";
  FUZZ_CHECK(rcp::core::resolveUrl(std::string(), reference, &unchanged));
  FUZZ_CHECK(unchanged == reference);

  std::string resolved = "untouched";
  if (!rcp::core::resolveUrl(base, reference, &resolved)) {
    FUZZ_CHECK(resolved == "untouched");  // failure leaves the output alone
    return 0;
  }
  checkAcceptedUrl(resolved);
  if (rcp::core::checkUrl(resolved) == rcp::core::kOk) {
    std::string again;
    FUZZ_CHECK(rcp::core::resolveUrl(base, resolved, &again));
    FUZZ_CHECK(again == resolved);
  }
  return 0;
}
