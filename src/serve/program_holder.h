// The compiled rule program the service decides with, and its hot reload (docs/serve.md,
// "Reload"). A request takes the current program once (Current) and keeps it to the end, so a
// reload that swaps in another never changes the program under a request in flight; the records
// of a decision carry the digest of the program that made it. A pack with errors is refused and
// the old program keeps serving.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "chipgate/diagnostic.h"
#include "chipgate/engine.h"

namespace chipgate::serve {

class ProgramHolder {
 public:
  explicit ProgramHolder(std::vector<std::string> dirs) : dirs_(std::move(dirs)) {}

  // Compiles the packs anew: on success swaps the new program in (atomically: a request sees the
  // old or the new, whole) and returns no errors; otherwise keeps the old one and returns the
  // diagnostics (at least one error). Reloads run one at a time.
  std::vector<Diagnostic> Reload();

  // The program now serving; null before the first successful Reload.
  std::shared_ptr<const Engine> Current() const;

  const std::vector<std::string>& dirs() const { return dirs_; }

 private:
  const std::vector<std::string> dirs_;
  std::mutex reload_mutex_;           // one compilation at a time
  mutable std::mutex current_mutex_;  // guards only the pointer copy and swap
  std::shared_ptr<const Engine> current_;
};

}  // namespace chipgate::serve
