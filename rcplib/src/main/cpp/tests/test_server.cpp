#include "test_server.h"

#include <dirent.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include <gtest/gtest.h>

extern char** environ;

namespace rcp::test {

namespace {

std::string jsonField(const std::string& json, const std::string& key) {
  const std::string marker = "\"" + key + "\":\"";
  const size_t start = json.find(marker);
  if (start == std::string::npos) return std::string();
  const size_t valueStart = start + marker.size();
  const size_t end = json.find('"', valueStart);
  return json.substr(valueStart, end - valueStart);
}

class ServerProcess {
 public:
  ServerProcess() {
    int toChild[2];
    int fromChild[2];
    if (pipe(toChild) != 0 || pipe(fromChild) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, toChild[0], 0);
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1);
    posix_spawn_file_actions_addclose(&actions, toChild[1]);
    posix_spawn_file_actions_addclose(&actions, fromChild[0]);
    const char* argv[] = {RCP_NODE_EXECUTABLE, RCP_TEST_SERVER_SCRIPT, nullptr};
    if (posix_spawn(&pid_, RCP_NODE_EXECUTABLE, &actions, nullptr, const_cast<char**>(argv), environ) != 0) {
      throw std::runtime_error("cannot start the test server");
    }
    posix_spawn_file_actions_destroy(&actions);
    close(toChild[0]);
    close(fromChild[1]);
    stdinFd_ = toChild[1];
    // The server prints one JSON line with its URLs once it listens.
    std::string line;
    char c;
    while (read(fromChild[0], &c, 1) == 1 && c != '\n') line.push_back(c);
    close(fromChild[0]);
    info_.http = jsonField(line, "http");
    info_.h2c = jsonField(line, "h2c");
    info_.https = jsonField(line, "https");
    info_.hostile = jsonField(line, "hostile");
    info_.caFile = jsonField(line, "caFile");
    if (info_.http.empty()) throw std::runtime_error("test server printed no URLs: " + line);
  }

  ~ServerProcess() {
    close(stdinFd_);  // EOF on stdin tells the server to exit
    int status = 0;
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) return;
      usleep(50 * 1000);
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
  }

  const TestServer& info() const { return info_; }

 private:
  pid_t pid_ = -1;
  int stdinFd_ = -1;
  TestServer info_;
};

ServerProcess* g_server = nullptr;
std::once_flag g_once;

class ServerEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    delete g_server;
    g_server = nullptr;
  }
};

[[maybe_unused]] ::testing::Environment* const g_environment =
    ::testing::AddGlobalTestEnvironment(new ServerEnvironment);

int countEntries(const char* path) {
  DIR* dir = opendir(path);
  if (dir == nullptr) return -1;
  int n = 0;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.') ++n;
  }
  closedir(dir);
  return n;
}

}  // namespace

const TestServer& TestServer::get() {
  std::call_once(g_once, [] { g_server = new ServerProcess(); });
  return g_server->info();
}

int openFdCount() { return countEntries("/proc/self/fd") - 1; }  // minus opendir's own fd
int threadCount() { return countEntries("/proc/self/task"); }

}  // namespace rcp::test
