// The spool of check_spool.h.
#include "cli/check_spool.h"

#include <cerrno>
#include <cstring>
#include <vector>

namespace chipgate::cli {

CheckSpool::CheckSpool() : file_(std::tmpfile()) {}

CheckSpool::~CheckSpool() {
  if (file_) std::fclose(file_);
}

void CheckSpool::Write(std::string_view text) {
  if (text.empty() || !error_.empty()) return;
  if (file_ && std::fwrite(text.data(), 1, text.size(), file_) == text.size()) {
    in_file_ += text.size();
    return;
  }
  if (file_) ToMemory();
  if (error_.empty()) memory_.append(text);
}

// The complete writes before the failed one (`in_file_` bytes) are read back into memory; the
// failed write's part is dropped, as the caller appends the whole of it afterwards. When even
// they cannot be read back, the report is lost: Error says so and CopyTo fails.
void CheckSpool::ToMemory() {
  std::FILE* f = file_;
  file_ = nullptr;
  std::clearerr(f);
  memory_.resize(in_file_);
  bool read = std::fflush(f) == 0 && std::fseek(f, 0, SEEK_SET) == 0 &&
              std::fread(memory_.data(), 1, in_file_, f) == in_file_;
  std::fclose(f);
  if (!read) {
    memory_.clear();
    error_ = "the temporary file of the report could not be written or read back";
  }
}

bool CheckSpool::CopyTo(std::FILE* out) {
  if (!error_.empty()) return false;
  if (!file_) {
    if (std::fwrite(memory_.data(), 1, memory_.size(), out) != memory_.size()) {
      error_ = "writing the report failed";
      return false;
    }
    return true;
  }
  if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) {
    error_ = std::string("the temporary file of the report: ") + std::strerror(errno);
    return false;
  }
  std::vector<char> block(1 << 20);
  size_t n = 0;
  while ((n = std::fread(block.data(), 1, block.size(), file_)) > 0) {
    if (std::fwrite(block.data(), 1, n, out) != n) {
      error_ = "writing the report failed";
      return false;
    }
  }
  if (std::ferror(file_)) {
    error_ = "reading back the temporary file of the report failed";
    return false;
  }
  return true;
}

}  // namespace chipgate::cli
