// Polling for changes and re-running (test_watch.h).
#include "cli/test_watch.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <tuple>

namespace chipgate::cli {
namespace fs = std::filesystem;
namespace {

// Set by the signal handler, read by the loop: the only state a handler may safely touch.
volatile std::sig_atomic_t g_stop = 0;

void OnStopSignal(int) { g_stop = 1; }

// What is compared between two polls: each file's path, modification time and size. Equal
// snapshots mean nothing changed that a re-run could see.
using Snapshot = std::vector<std::tuple<std::string, fs::file_time_type, uintmax_t>>;

// One file's entry; a file that vanished meanwhile is left out.
void Add(const fs::path& p, Snapshot& out) {
  std::error_code ec;
  auto time = fs::last_write_time(p, ec);
  if (ec) return;  // gone between listing and reading: the next poll sees it gone
  auto size = fs::file_size(p, ec);
  if (!ec) out.emplace_back(p.string(), time, size);
}

// Errors (a root removed while being edited) leave files out; the next poll compares again.
Snapshot Take(const std::vector<std::string>& roots) {
  Snapshot out;
  std::error_code ec;
  for (const auto& root : roots) {
    if (!fs::is_directory(root, ec)) {
      Add(root, out);
      continue;
    }
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec)) Add(it->path(), out);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Sleeps `ms` milliseconds or until a stop signal, whichever is first (a signal interrupts
// nanosleep, since the handlers are installed without SA_RESTART).
void Pause(int ms) {
  timespec left{ms / 1000, static_cast<long>(ms % 1000) * 1000000L};
  while (!g_stop && nanosleep(&left, &left) != 0) {
  }
}

}  // namespace

int WatchAndRerun(const std::vector<std::string>& roots, const std::function<void()>& run,
                  int poll_ms) {
  // The handlers are installed before the first run, so a signal during it is not lost.
  g_stop = 0;
  struct sigaction stop = {}, old_int = {}, old_term = {};
  stop.sa_handler = OnStopSignal;
  sigemptyset(&stop.sa_mask);
  sigaction(SIGINT, &stop, &old_int);
  sigaction(SIGTERM, &stop, &old_term);
  Snapshot seen = Take(roots);
  run();
  std::fflush(stdout);
  while (!g_stop) {
    Pause(poll_ms);
    Snapshot now = Take(roots);
    if (g_stop || now == seen) continue;
    // An editor may write a file in several steps: wait one more poll for it to settle, so one
    // save gives one run.
    Pause(poll_ms);
    seen = Take(roots);
    if (g_stop) break;
    std::printf("\n--- files changed: running the tests again ---\n");
    std::fflush(stdout);  // before the run's diagnostics, which go to unbuffered stderr
    run();
    std::fflush(stdout);
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  return 0;
}

}  // namespace chipgate::cli
