// Test helpers: in-memory packs, manifest facts, and running the chipgate binary.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chipgate/engine.h"
#include "chipgate/store.h"

namespace chipgate::testing {

// Loads a pack from {path, yaml} pairs; REQUIREs nothing, returns the raw result.
LoadResult LoadPackText(const std::vector<std::pair<std::string, std::string>>& files);
// Loads a pack that must compile; fails the test with rendered diagnostics otherwise.
Engine MustLoad(const std::string& yaml);
// Path of a file in the source tree.
std::string SourcePath(const std::string& rel);

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs the built chipgate binary with `args` (no shell), in `cwd` if given.
RunResult RunChipgate(const std::vector<std::string>& args, const std::string& cwd = "");

struct RunOptions {
  std::string cwd;
  std::vector<std::pair<std::string, std::string>> env;  // set in the child only
  long long max_file_bytes = 0;                          // RLIMIT_FSIZE in the child (0 = none)
  // >= 0: the child drops its supplementary groups, then setgid(run_as_gid) and
  // setuid(run_as_uid) before exec (needs root; as root, file modes do not stop writes, so this
  // is how a test meets a read-only file). -1 = run as the test. When the switch fails the
  // child exits 126 with the reason on stderr.
  int run_as_uid = -1;
  int run_as_gid = -1;  // -1 with run_as_uid set: the same id as run_as_uid
  std::string stdout_path =
      {};  // the child's stdout goes here (e.g. /dev/full) instead of RunResult::out
  // Given: written into a pipe that is the child's stdin (a real pipe, which cannot seek), then
  // closed. Not given: stdin is /dev/null.
  std::optional<std::string> stdin_text = std::nullopt;
};
// The unprivileged ids tests switch to (`nobody`/`nogroup` on Debian).
constexpr int kNobodyId = 65534;
RunResult RunChipgateWith(const std::vector<std::string>& args, const RunOptions& options);

// Starts chipgate without waiting (stdout/stderr discarded); returns the child's pid.
int StartChipgate(const std::vector<std::string>& args, const std::string& cwd,
                  const std::string& stderr_path = "");

// The whole content of a file ("" when it cannot be read).
std::string ReadFile(const std::string& path);

// Replaces the first `from` in the file at `path` with `to` (REQUIREs that `from` is there).
void EditFile(const std::string& path, const std::string& from, const std::string& to);

struct ShellResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};
// Runs a shell command line through popen, with stderr joined to stdout. Only for command lines
// a test builds from fixed text and temporary paths (never user input): xmllint, the schema
// validators.
ShellResult RunShell(const std::string& command);

// Whether tests/schemas/check_output.py accepts `text` as a document of schema kind `kind`
// (e.g. "part-show": schemas/chipgate.part-show.v1.schema.json); the validator's output goes to
// the test's log. tests/cli/schema_test.cc runs the same script on every kind.
bool MatchesSchema(const std::string& kind, const std::string& text);

class TempDir;
// Builds the bundled sample inventory (db/sample/*.csv) with the CLI into dir/sample.db.
std::string BuildSampleDatabase(const TempDir& dir);
// The same into the database `db` (a path or a postgresql:// URI): `db init`, then the import.
void ImportSampleInto(const std::string& db);

// The audit log of the database at `db` verified through a read-only Store (REQUIREs that it
// opens and that verification runs; the result says whether the log is intact).
AuditVerifyResult VerifyAuditLog(const std::string& db);

// The database a [backend] test uses, named `name`: the SQLite file dir/name, or, when
// CHIPGATE_TEST_BACKEND=postgresql (the ctest entry store_postgresql sets it and starts the
// server), a fresh schema of that server (the same one for the same dir and name). Tests tagged
// [backend] run on both backends, so they use only the public API, the CLI and plain SQL.
std::string TestDatabase(const TempDir& dir, const std::string& name = "test.db");
// Whether TestDatabase gives PostgreSQL databases in this run.
bool TestingPostgres();

// A fresh temporary directory, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string Write(const std::string& rel, const std::string& text) const;

 private:
  std::string path_;
};

}  // namespace chipgate::testing
