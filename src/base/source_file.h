// SourceFile: a loaded text file and its line index. The renderer reads source lines through
// it, and the loader uses it to turn YAML byte offsets into positions inside expression strings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chipgate/status.h"

namespace chipgate {

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  static Result<SourceFile> Read(const std::string& path);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // Line `line` (1-based) without its newline; empty when out of range.
  std::string_view Line(int line) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<size_t> line_starts_;
};

// Reads a whole file; an error names the path and the reason.
Result<std::string> ReadFileText(const std::string& path, size_t max_bytes);

}  // namespace chipgate
