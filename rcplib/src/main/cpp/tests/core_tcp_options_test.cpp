// TransferConfiguration.tcp reaches the socket: the client end of a loopback
// connection, found among this process's descriptors, is read back with
// getsockopt while the scripted server holds the request.
#include <arpa/inet.h>
#include <dirent.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstdlib>
#include <mutex>
#include <string>

#include "core/configuration_layer.h"
#include "engine_fetch.h"
#include "scripted_server.h"

namespace rcp {
namespace {

using core::ConfigurationLayer;
using test::ScriptedConnection;
using test::ScriptedServer;

struct SocketOptions {
  bool found = false;
  int keepAlive = -1;
  int keepIdleSec = -1;
  int keepIntervalSec = -1;
  int keepCount = -1;
  unsigned int userTimeoutMs = 0;
};

bool sameEndpoint(const sockaddr_in& a, const sockaddr_in& b) {
  return a.sin_family == b.sin_family && a.sin_port == b.sin_port && a.sin_addr.s_addr == b.sin_addr.s_addr;
}

// The descriptor of the client end of the connection whose server end is
// `serverFd`: the socket whose local address is the server's peer and whose
// peer is the server's local address. -1 when none is open.
int clientEndOf(int serverFd) {
  sockaddr_in serverLocal{};
  sockaddr_in serverPeer{};
  socklen_t length = sizeof serverLocal;
  if (getsockname(serverFd, reinterpret_cast<sockaddr*>(&serverLocal), &length) != 0) return -1;
  length = sizeof serverPeer;
  if (getpeername(serverFd, reinterpret_cast<sockaddr*>(&serverPeer), &length) != 0) return -1;
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  int found = -1;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    const int fd = std::atoi(entry->d_name);
    sockaddr_in local{};
    sockaddr_in peer{};
    socklen_t l = sizeof local;
    socklen_t p = sizeof peer;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &l) == 0 && l == sizeof local &&
        getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &p) == 0 && p == sizeof peer &&
        sameEndpoint(local, serverPeer) && sameEndpoint(peer, serverLocal)) {
      found = fd;
      break;
    }
  }
  closedir(dir);
  return found;
}

SocketOptions readOptions(int fd) {
  SocketOptions o;
  socklen_t length = sizeof(int);
  o.found = getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &o.keepAlive, &length) == 0;
  length = sizeof(int);
  getsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &o.keepIdleSec, &length);
  length = sizeof(int);
  getsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &o.keepIntervalSec, &length);
  length = sizeof(int);
  getsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &o.keepCount, &length);
  length = sizeof(unsigned int);
  getsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &o.userTimeoutMs, &length);
  return o;
}

// Runs one GET with the options `own` resolves to (over no session layer)
// and returns what the client's socket carried while the server held it.
SocketOptions optionsOnTheWire(const ConfigurationLayer& own) {
  std::string detail;
  EXPECT_EQ(core::checkConfigurationLayer(own, &detail), core::kOk) << detail;
  std::mutex mutex;
  SocketOptions seen;
  ScriptedServer server([&mutex, &seen](ScriptedConnection& c, int) {
    if (c.readRequestHead().empty()) return;
    const int client = clientEndOf(c.fd());
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (client >= 0) seen = readOptions(client);
    }
    c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
  });
  auto session = test::newSession();
  core::Request request = test::getRequest(server.url());
  core::resolveOptions(&own, nullptr, &request.options);
  auto rec = test::runFetch(*session, std::move(request));
  EXPECT_EQ(rec->code(), core::kOk) << rec->message();
  session->close();
  std::lock_guard<std::mutex> lock(mutex);
  return seen;
}

TEST(TcpOptions, every_member_reaches_the_socket) {
  ConfigurationLayer layer;
  layer.tcp = ConfigurationLayer::Tcp{11, 7, 4, 1234};
  const SocketOptions o = optionsOnTheWire(layer);
  ASSERT_TRUE(o.found);
  EXPECT_EQ(o.keepAlive, 1);
  EXPECT_EQ(o.keepIdleSec, 11);
  EXPECT_EQ(o.keepIntervalSec, 7);
  EXPECT_EQ(o.keepCount, 4);
  EXPECT_EQ(o.userTimeoutMs, 1234u);
}

TEST(TcpOptions, one_keep_alive_member_starts_probing_with_the_kits_defaults_for_the_others) {
  ConfigurationLayer layer;
  layer.transferTimeoutMs = 45000;
  layer.tcp = ConfigurationLayer::Tcp{};
  layer.tcp->keepCount = 3;
  const SocketOptions o = optionsOnTheWire(layer);
  ASSERT_TRUE(o.found);
  EXPECT_EQ(o.keepAlive, 1);
  EXPECT_EQ(o.keepIdleSec, 7200);
  EXPECT_EQ(o.keepIntervalSec, 75);
  EXPECT_EQ(o.keepCount, 3);
  EXPECT_EQ(o.userTimeoutMs, 45000u);  // the kit's default: the transfer timeout
}

TEST(TcpOptions, a_user_timeout_alone_does_not_start_probing) {
  ConfigurationLayer layer;
  layer.tcp = ConfigurationLayer::Tcp{};
  layer.tcp->userTimeoutMs = 3600000;
  const SocketOptions o = optionsOnTheWire(layer);
  ASSERT_TRUE(o.found);
  EXPECT_EQ(o.keepAlive, 0);
  EXPECT_EQ(o.userTimeoutMs, 3600000u);
}

TEST(TcpOptions, without_tcp_the_socket_is_left_as_the_os_makes_it) {
  const SocketOptions o = optionsOnTheWire(ConfigurationLayer{});
  ASSERT_TRUE(o.found);
  EXPECT_EQ(o.keepAlive, 0);
  EXPECT_EQ(o.userTimeoutMs, 0u);
}

}  // namespace
}  // namespace rcp
