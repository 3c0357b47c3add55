// The built `chipgate serve` binary as a child process of a test: started on a free loopback port
// (its --port-file says which) and waited for by state, never by duration.
#pragma once

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/test_support.h"

namespace chipgate::testing {

// Starts the binary serving `db` on a free loopback port, with `extra` arguments (e.g. --rules);
// the pid and the port. `tag` names the port file in `dir` (one per instance).
inline std::pair<int, int> StartServe(const TempDir& dir, const std::string& db,
                                      const std::string& tag,
                                      const std::vector<std::string>& extra = {}) {
  std::string port_file = dir.path() + "/port-" + tag;
  std::vector<std::string> args = {"serve",       "--db",        db,       "--listen",
                                   "127.0.0.1:0", "--port-file", port_file};
  args.insert(args.end(), extra.begin(), extra.end());
  int pid = StartChipgate(args, dir.path());
  REQUIRE(pid > 0);
  std::string port;
  while (port.empty() || port.back() != '\n') {
    int status = 0;
    REQUIRE(waitpid(pid, &status, WNOHANG) == 0);  // still running
    port = ReadFile(port_file);
    std::this_thread::yield();
  }
  return {pid, std::stoi(port)};
}

}  // namespace chipgate::testing
