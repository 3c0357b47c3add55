// Wrapping text to the terminal's width (text_wrap.h).
#include "cli/text_wrap.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace chipgate::cli {
// Code points, not bytes: a UTF-8 continuation byte adds no column.
size_t TextColumns(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string PadTo(const std::string& s, size_t columns) {
  size_t n = TextColumns(s);
  return n >= columns ? s : s + std::string(columns - n, ' ');
}

int OutputWidth() {
  // COLUMNS, when it is a whole number, is the width asked for (as by `COLUMNS=80 chipgate ...`),
  // whether or not stdout is a terminal.
  if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
    int n = 0;
    auto [end, ec] = std::from_chars(columns, columns + std::strlen(columns), n);
    if (ec == std::errc() && *end == '\0' && n > 0) return std::max(40, n);
  }
  winsize ws{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return std::max<int>(40, ws.ws_col);
  return 100;
}

std::string Wrap(std::string_view first, std::string_view text, int indent, int width) {
  std::string out(first);
  size_t col = TextColumns(first);
  const std::string pad(static_cast<size_t>(std::max(indent, 0)), ' ');
  bool line_has_word = false;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    if (end == i) break;
    std::string_view word = text.substr(i, end - i);
    size_t w = TextColumns(word);
    // A word that does not fit starts the next line, unless the line holds none yet.
    if (line_has_word && col + 1 + w > static_cast<size_t>(width)) {
      out += '\n';
      out += pad;
      col = pad.size();
      line_has_word = false;
    }
    if (line_has_word) {
      out += ' ';
      ++col;
    }
    out += word;
    col += w;
    line_has_word = true;
    i = end;
  }
  out += '\n';
  return out;
}

}  // namespace chipgate::cli
