// SourceFile implementation: whole-file reads with a size cap, line index built once. The text is
// held through a shared pointer so that every location made with At() can keep it alive after
// the SourceFile itself is gone (a LoadResult outlives the loader's file list).
#include "base/source_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace chipgate {

// Takes ownership of `text` once; no later copy is made for locations.
SourceFile::SourceFile(std::string path, std::string text)
    : SourceFile(std::move(path), std::make_shared<const std::string>(std::move(text))) {}

SourceFile::SourceFile(std::string path, std::shared_ptr<const std::string> text)
    : path_(std::move(path)),
      text_(text ? std::move(text) : std::make_shared<const std::string>()) {
  // line_starts_[i] is the byte offset of line i + 1; a final line without a newline counts.
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_->size(); ++i) {
    if ((*text_)[i] == '\n') line_starts_.push_back(i + 1);
  }
}

// Rule files and rule tests: 64 MiB is far above any real pack and bounds a hostile one.
Result<SourceFile> SourceFile::Read(const std::string& path) {
  auto text = ReadFileText(path, size_t{64} << 20);
  if (!text.ok()) return text.status();
  return SourceFile(path, std::move(text.value()));
}

std::string_view SourceFile::Line(int line) const {
  if (line < 1 || static_cast<size_t>(line) > line_starts_.size()) return {};
  const std::string& text = *text_;
  size_t begin = line_starts_[line - 1];
  size_t end = text.find('\n', begin);
  if (end == std::string::npos) end = text.size();
  if (end > begin && text[end - 1] == '\r') --end;  // CRLF files show no stray \r
  return std::string_view(text).substr(begin, end - begin);
}

// The limit is checked after reading: the callers' limits are small enough to read first.
Result<std::string> ReadFileText(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error("cannot read `" + path + "`: " + std::strerror(errno));
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  if (text.size() > max_bytes) {
    return Status::Error("`" + path + "` is larger than the limit of " + std::to_string(max_bytes) +
                         " bytes");
  }
  return text;
}

}  // namespace chipgate
