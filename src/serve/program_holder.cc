// The swappable program (program_holder.h).
#include "serve/program_holder.h"

namespace chipgate::serve {

std::vector<Diagnostic> ProgramHolder::Reload() {
  std::lock_guard<std::mutex> reload(reload_mutex_);
  // Compiled outside current_mutex_: requests keep being served by the old program meanwhile.
  LoadResult loaded = Engine::LoadStack(dirs_);
  if (!loaded.engine) {
    SortDiagnostics(loaded.diagnostics);
    return loaded.diagnostics;
  }
  auto next = std::make_shared<const Engine>(std::move(*loaded.engine));
  std::lock_guard<std::mutex> lock(current_mutex_);
  current_ = std::move(next);
  return {};
}

std::shared_ptr<const Engine> ProgramHolder::Current() const {
  std::lock_guard<std::mutex> lock(current_mutex_);
  return current_;
}

}  // namespace chipgate::serve
