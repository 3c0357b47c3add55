// Reading standard input with a size limit (stdin_input.h).
#include "cli/stdin_input.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace chipgate::cli {

Result<std::string> ReadStdin(size_t max_bytes) {
  // A second reader would see an exhausted stream and take it for an empty input.
  static std::atomic<bool> read_before{false};
  if (read_before.exchange(true))
    return Status::Error("standard input was already read by this command");
  std::string text;
  char buf[1 << 16];
  for (;;) {
    // Never ask for more than one byte past the limit: that byte is enough to refuse the input.
    // (text.size() <= max_bytes here; `room + 1` cannot overflow when room < sizeof buf.)
    size_t room = max_bytes - text.size();
    size_t want = room < sizeof buf ? room + 1 : sizeof buf;
    ssize_t n = read(STDIN_FILENO, buf, want);
    // A signal during the read is not an error: read again.
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return Status::Error("cannot read `" + std::string(kStdinName) +
                           "`: " + std::strerror(errno));
    }
    if (n == 0) return text;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > max_bytes) {
      return Status::Error("`" + std::string(kStdinName) + "` is larger than the limit of " +
                           std::to_string(max_bytes) + " bytes");
    }
  }
}

}  // namespace chipgate::cli
