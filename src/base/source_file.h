// SourceFile: a loaded text file and its line index. Loaders read through it and make every
// location with At(), which keeps the loaded text with the location (and so with any diagnostic
// made from it); the renderer takes the source line from that text, never from the disk.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/diagnostic.h"
#include "chipgate/status.h"

namespace chipgate {

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  // Shares `text` (as kept by a SourceLoc); only the line index is built.
  SourceFile(std::string path, std::shared_ptr<const std::string> text);
  static Result<SourceFile> Read(const std::string& path);

  const std::string& path() const { return path_; }
  const std::string& text() const { return *text_; }
  // Line `line` (1-based) without its newline; empty when out of range.
  std::string_view Line(int line) const;
  // A location in this file that keeps its text.
  SourceLoc At(int line, int col) const { return SourceLoc(path_, line, col, text_); }

 private:
  std::string path_;
  std::shared_ptr<const std::string> text_;  // never null
  std::vector<size_t> line_starts_;
};

// Reads a whole file; an error names the path and the reason.
Result<std::string> ReadFileText(const std::string& path, size_t max_bytes);

}  // namespace chipgate
