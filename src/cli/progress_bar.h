// A progress bar on stderr for long work (`db import`, `audit`, a large `check`): count, total,
// rate and time left, redrawn in place at most ten times a second and erased when the work ends.
// Drawn only when stderr is a terminal and the user did not turn it off (`--no-progress`,
// `TERM=dumb`, or `CHIPGATE_NO_PROGRESS` set): a pipe, a file or a log never receives a
// carriage return. The library reports progress through callbacks; this is the only place that
// draws it.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace chipgate::cli {

// One line of the bar: `LABEL [#####.....]  1,234/5,000  25%  410/s  0:09 left`, at most `width`
// columns (the bar shrinks first). `total` 0: not known (no bar, percentage or time left);
// `seconds`: how long the work has run.
std::string FormatProgressLine(std::string_view label, int64_t done, int64_t total, double seconds,
                               int width);

class ProgressBar {
 public:
  // Whether to draw on file descriptor `fd`: it is a terminal and nothing turns the bar off.
  static bool Wanted(int fd, bool no_progress_flag);

  // A bar drawn to `out` when `enabled`; a disabled bar does nothing at all.
  explicit ProgressBar(bool enabled, FILE* out = stderr);
  ~ProgressBar();  // Clear()
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  bool enabled() const { return enabled_; }
  // Reports progress; redraws when 100 ms have passed since the last draw, when the label
  // changes, and on the first and the last (done == total) update.
  void Update(std::string_view label, int64_t done, int64_t total);
  // Erases the bar (once something was drawn), so what is printed next starts on a clean line.
  void Clear();

 private:
  bool enabled_;
  FILE* out_;
  bool drawn_ = false;
  std::string label_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace chipgate::cli
