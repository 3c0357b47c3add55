// Extracting a pack's committed version with git (committed_pack.h). The tools run with an
// argument vector (posix_spawnp), never through a shell, so a path with spaces or quotes is
// passed as it is. Their standard output goes to a file in the temporary directory; their
// standard error is left to the terminal, so git's own reason is shown next to ours.
#include "cli/committed_pack.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

extern char** environ;

namespace chipgate::cli {
namespace fs = std::filesystem;
namespace {

// Runs `argv` with its standard output written to `out_file` ("" leaves it as ours) and its
// standard input from /dev/null; true when it exits 0.
bool RunTool(const std::vector<std::string>& argv, const std::string& out_file) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (!out_file.empty())
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_file.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return false;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return false;
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// The lines of a small file a tool wrote (git rev-parse's answer), without their line ends.
std::vector<std::string> Lines(const std::string& file) {
  std::ifstream in(file);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

Result<CommittedPack> CommittedPack::Extract(const std::string& pack_dir) {
  std::error_code ec;
  fs::path base = fs::temp_directory_path(ec);
  std::string templ = (base / "chipgate-baseline-XXXXXX").string();
  if (ec || !mkdtemp(templ.data()))
    return Status::Error("cannot create a temporary directory for the committed pack");
  CommittedPack out;
  out.temp_ = templ;
  out.pack_ = (fs::path(templ) / "pack").string();
  const std::string where = (fs::path(templ) / "where").string();
  // The work tree's top, the pack's path inside it, and the commit: one call, three lines.
  if (!RunTool({"git", "-C", pack_dir, "rev-parse", "--show-toplevel", "--show-prefix", "HEAD"},
               where)) {
    return Status::Error("`" + pack_dir +
                         "` is not in a git work tree with a commit, so it has no committed "
                         "version to compare with; give the pack as it was with --baseline DIR");
  }
  std::vector<std::string> lines = Lines(where);
  // --show-prefix prints an empty line at the top of the work tree.
  if (lines.size() != 3) return Status::Error("cannot read `git rev-parse` output");
  out.revision_ = lines[2];
  const std::string tar = (fs::path(templ) / "pack.tar").string();
  // `HEAD:<prefix>` is the pack directory's own tree, so the archive's paths are the pack's.
  if (!RunTool({"git", "-C", lines[0], "archive", "--format=tar", "-o", tar, "HEAD:" + lines[1]},
               "")) {
    return Status::Error("`" + pack_dir + "` is not in the commit HEAD (" + out.revision_ +
                         "); give the pack as it was with --baseline DIR");
  }
  // tar, not a reader of our own: the archive is git's, and tar is where git archive's output
  // is meant to go.
  fs::create_directory(out.pack_, ec);
  if (ec || !RunTool({"tar", "-xf", tar, "-C", out.pack_}, ""))
    return Status::Error("cannot extract the committed pack into `" + out.pack_ + "`");
  return out;
}

// The moved-from object owns nothing, so only one destructor removes the directory.
CommittedPack::CommittedPack(CommittedPack&& other) noexcept
    : temp_(std::move(other.temp_)),
      pack_(std::move(other.pack_)),
      revision_(std::move(other.revision_)) {
  other.temp_.clear();
}

CommittedPack::~CommittedPack() {
  if (temp_.empty()) return;
  std::error_code ec;
  fs::remove_all(temp_, ec);  // best effort: a leftover temporary directory harms nothing
}

}  // namespace chipgate::cli
