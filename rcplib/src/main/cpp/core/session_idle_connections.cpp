// Idle HTTP/1.x connections of a session, watched for bytes nobody asked
// for: one that receives any is made unusable before libcurl can reuse it
// (see watchIdleConnection in session_impl.h). Loop thread only.
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

#include "session_impl.h"

namespace rcp::core {

void SessionImpl::watchIdleConnection(curl_socket_t fd) {
  idleHttp1_.insert(fd);
  EventLoop::instance().watchFd(fd, EPOLLIN | EPOLLRDHUP, this);
}

void SessionImpl::retireIdleConnection(curl_socket_t fd) {
  idleHttp1_.erase(fd);
  EventLoop& loop = EventLoop::instance();
  loop.unwatchFd(fd);
  // libcurl owns the descriptor, so it is not closed here: it is pointed at a
  // socket whose peer is gone. The TCP connection closes now; libcurl's next
  // look at the connection finds it at end-of-file, drops it and closes the
  // descriptor as usual (and writes to it fail with EPIPE, never SIGPIPE:
  // libcurl sends with MSG_NOSIGNAL).
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) == 0) {
    ::close(pair[1]);
    if (dup3(pair[0], fd, O_CLOEXEC) < 0) shutdown(fd, SHUT_RDWR);
    ::close(pair[0]);
  } else {
    shutdown(fd, SHUT_RDWR);  // out of descriptors: at least end the connection
  }
}

}  // namespace rcp::core
