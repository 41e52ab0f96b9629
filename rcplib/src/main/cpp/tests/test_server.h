// The shared Node test server (tools/testserver), started once per test binary.
#pragma once

#include <string>

namespace rcp::test {

struct TestServer {
  std::string http;     // HTTP/1.1 keep-alive base URL
  std::string h2c;      // cleartext HTTP/2 (prior knowledge) base URL
  std::string https;    // TLS with h2 and http/1.1 by ALPN, certificate from caFile
  std::string hostile;  // raw HTTP/1.1 listener serving misbehaviour cases (GET /cases lists them)
  std::string caFile;

  // Starts the server on first use; it is stopped when the test program ends.
  static const TestServer& get();
};

// Counts of this process's open file descriptors and threads (from /proc).
int openFdCount();
int threadCount();

}  // namespace rcp::test
