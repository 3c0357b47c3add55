#include "cli/progress_bar.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace chipgate::cli {
namespace {

// 1234567 -> "1,234,567".
std::string Grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// 75 -> "1:15", 3725 -> "1:02:05".
std::string Clock(double seconds) {
  auto s = static_cast<int64_t>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                  static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60),
                  static_cast<long long>(s % 60));
  }
  return buf;
}

int TerminalWidth(FILE* out) {
  winsize ws{};
  if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

}  // namespace

std::string FormatProgressLine(std::string_view label, int64_t done, int64_t total, double seconds,
                               int width) {
  std::string counts = Grouped(done), tail;
  if (total > 0) counts += "/" + Grouped(total);
  double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  if (total > 0) tail += "  " + std::to_string(done >= total ? 100 : done * 100 / total) + "%";
  if (rate > 0) {
    tail += "  " + Grouped(static_cast<int64_t>(rate + 0.5)) + "/s";
    if (total > done) tail += "  " + Clock(static_cast<double>(total - done) / rate) + " left";
  }
  std::string head(label);
  // The bar takes what is left of the width, between 10 and 30 columns, or none. Its size is
  // reckoned from the widest the counts and the tail get (`TOTAL/TOTAL`, `  100%  999,999/s
  // 9:59:59 left`), so it does not jump as they grow.
  size_t widest = 2 * Grouped(total).size() + 1 + 32;
  int room = width - 1 - static_cast<int>(head.size() + widest) - 4;
  std::string bar;
  if (total > 0 && room >= 10) {
    int cells = room > 30 ? 30 : room;
    int filled = static_cast<int>(static_cast<double>(cells) * static_cast<double>(done) /
                                  static_cast<double>(total));
    if (filled > cells) filled = cells;
    bar = " [" + std::string(filled, '#') + std::string(cells - filled, '.') + "]";
  }
  std::string line = head + bar + "  " + counts + tail;
  if (width > 1 && static_cast<int>(line.size()) > width - 1) line.resize(width - 1);
  return line;
}

bool ProgressBar::Wanted(int fd, bool no_progress_flag) {
  if (no_progress_flag || !isatty(fd)) return false;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return false;
  const char* off = std::getenv("CHIPGATE_NO_PROGRESS");
  return !(off && *off);
}

ProgressBar::ProgressBar(bool enabled, FILE* out)
    : enabled_(enabled), out_(out), start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { Clear(); }

void ProgressBar::Update(std::string_view label, int64_t done, int64_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  bool relabel = label != label_;
  if (drawn_ && !relabel && done != total && now - last_ < std::chrono::milliseconds(100)) return;
  if (relabel) {  // a new phase: its rate and time left count from now
    label_.assign(label);
    start_ = now;
  }
  last_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = FormatProgressLine(label, done, total, seconds, TerminalWidth(out_));
  std::fprintf(out_, "\r\033[K%s", line.c_str());
  std::fflush(out_);
  drawn_ = true;
}

void ProgressBar::Clear() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\033[K", out_);
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace chipgate::cli
