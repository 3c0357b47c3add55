// UnifiedDiff (unified_diff.h): the common first and last lines are set aside, the rest aligned
// by a longest common subsequence of lines (quadratic in the lines that differ, which for a rule
// file being formatted is a few thousand at most), and the edit script cut into hunks.
#include "cli/unified_diff.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace chipgate::cli {
namespace {

constexpr size_t kContext = 3;

// The lines of `text`, each with its newline (the last one may have none).
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string::npos ? text.size() : nl + 1;
    out.push_back(text.substr(start, end - start));
    start = end;
  }
  return out;
}

struct Op {
  char kind;                  // ' ' both, '-' old only, '+' new only
  size_t old_line, new_line;  // 0-based; the line's index in its text(s)
};

// The edit script turning `a` into `b`.
std::vector<Op> Script(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre &&
         a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) {
    ++suf;
  }
  size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  // lcs[i][j]: the longest common subsequence of a[pre+i..] and b[pre+j..] (middle part only).
  std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) =
          a[pre + i] == b[pre + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::vector<Op> ops;
  for (size_t k = 0; k < pre; ++k) ops.push_back({' ', k, k});
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[pre + i] == b[pre + j]) {
      ops.push_back({' ', pre + i++, pre + j++});
    } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
      ops.push_back({'-', pre + i++, pre + j});  // deletions first, as diff prints them
    } else {
      ops.push_back({'+', pre + i, pre + j++});
    }
  }
  for (size_t k = 0; k < suf; ++k) ops.push_back({' ', pre + n + k, pre + m + k});
  return ops;
}

// One line of a hunk; a line without its newline (the last of a text) gets diff's marker, so a
// change in the final newline alone still shows, and `patch` applies it.
void AppendLine(std::string& out, char kind, const std::string& line) {
  out += kind;
  if (!line.empty() && line.back() == '\n') {
    out += line;
  } else {
    out += line + "\n\\ No newline at end of file\n";
  }
}

}  // namespace

std::string UnifiedDiff(const std::string& old_name, const std::string& new_name,
                        const std::string& old_text, const std::string& new_text) {
  if (old_text == new_text) return "";
  auto a = Lines(old_text), b = Lines(new_text);
  std::vector<Op> ops = Script(a, b);
  std::string out = "--- " + old_name + "\n+++ " + new_name + "\n";
  size_t k = 0;
  while (k < ops.size()) {
    // The next change, and the hunk around it: changes closer than twice the context join it.
    while (k < ops.size() && ops[k].kind == ' ') ++k;
    if (k == ops.size()) break;
    size_t begin = k >= kContext ? k - kContext : 0, end = k;
    for (size_t change = k; end < ops.size(); ++end) {
      if (ops[end].kind != ' ') change = end;
      if (end - change > 2 * kContext) break;
    }
    // Trim the trailing context to kContext lines after the last change.
    size_t last = end;
    while (last > begin && ops[last - 1].kind == ' ') --last;
    end = std::min(ops.size(), last + kContext);
    size_t old_count = 0, new_count = 0;
    for (size_t x = begin; x < end; ++x) {
      old_count += ops[x].kind != '+';
      new_count += ops[x].kind != '-';
    }
    // A side with no lines names the line before the hunk (0 at the start), as diff does.
    size_t old_start = ops[begin].old_line + (old_count ? 1 : 0);
    size_t new_start = ops[begin].new_line + (new_count ? 1 : 0);
    out += "@@ -" + std::to_string(old_start) + "," + std::to_string(old_count) + " +" +
           std::to_string(new_start) + "," + std::to_string(new_count) + " @@\n";
    for (size_t x = begin; x < end; ++x) {
      const Op& op = ops[x];
      AppendLine(out, op.kind, op.kind == '+' ? b[op.new_line] : a[op.old_line]);
    }
    k = end;
  }
  return out;
}

}  // namespace chipgate::cli
