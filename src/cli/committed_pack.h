// The committed version of a rule pack, for `chipgate test --against-db` without --baseline:
// the pack directory's tree at the git commit HEAD, written to a temporary directory that is
// removed when the CommittedPack is destroyed.
#pragma once

#include <string>

#include "chipgate/status.h"

namespace chipgate::cli {

class CommittedPack {
 public:
  // Extracts `pack_dir` as committed at HEAD of the git work tree that holds it (running `git
  // rev-parse`, `git archive` and `tar`). An error says why: not in a git work tree, no commit,
  // the directory not in HEAD, or a tool that failed.
  static Result<CommittedPack> Extract(const std::string& pack_dir);

  CommittedPack(CommittedPack&& other) noexcept;
  CommittedPack& operator=(CommittedPack&&) = delete;
  CommittedPack(const CommittedPack&) = delete;
  ~CommittedPack();

  const std::string& dir() const { return pack_; }           // the extracted pack
  const std::string& revision() const { return revision_; }  // the commit, full hex

 private:
  CommittedPack() = default;
  std::string temp_;  // the temporary directory; "" once moved from
  std::string pack_;  // temp_/pack
  std::string revision_;
};

}  // namespace chipgate::cli
