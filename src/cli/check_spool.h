// Where `check` keeps the report it renders while the audit records are being written: nothing
// is printed before they are (docs/audit-log.md), and a 100,000-line JSON report is some 70 MB,
// so it goes to an unlinked temporary file (std::tmpfile) rather than into memory. When no
// temporary file can be made or written, the text is kept in memory instead: the same bytes either
// way. Written by one thread, then copied out by another after joining it.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace chipgate::cli {

class CheckSpool {
 public:
  CheckSpool();
  ~CheckSpool();
  CheckSpool(const CheckSpool&) = delete;
  CheckSpool& operator=(const CheckSpool&) = delete;

  // Appends `text`.
  void Write(std::string_view text);
  // Copies everything written, in order, to `out`. False when the spool cannot be read back or
  // `out` not written (Error says which).
  bool CopyTo(std::FILE* out);
  const std::string& Error() const { return error_; }
  // Whether the text is in a temporary file (false: in memory).
  bool InFile() const { return file_ != nullptr; }

 private:
  void ToMemory();  // after a failed write to the file: its complete text moves into memory_

  std::FILE* file_ = nullptr;
  size_t in_file_ = 0;  // bytes of the complete writes to file_
  std::string memory_;
  std::string error_;
};

}  // namespace chipgate::cli
