// File modes (issue 7): files chipgate creates are never world-writable, whatever the umask
// (docs/security.md promises mode 0640 or stricter), and read-only databases: a write that is
// needed (appending audit records, recording an audit run) fails with exit 2 and no answer,
// while reads that need no write still work.
//
// As root, file modes do not stop writes. The read-only cases therefore run chipgate as
// `nobody` (RunOptions::run_as_uid) when the test runs as root; as any other user they run as
// that user, for whom the modes apply anyway.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {
namespace fs = std::filesystem;

const std::string kDeLab =
    SourcePath("examples/manifests/order-de-lab.yaml");  // parts of the sample db

// Sets the process umask for the test's lifetime; chipgate children inherit it.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : old_(umask(mask)) {}
  ~ScopedUmask() { umask(old_); }

 private:
  mode_t old_;
};

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::string Octal(mode_t m) {
  std::ostringstream os;
  os << "0" << std::oct << m;
  return os.str();
}

// docs/security.md: "mode 0640 or stricter": no world bits at all, no group write, no execute.
void CheckOwnerGroupReadOnly(const std::string& path) {
  mode_t m = ModeOf(path);
  INFO(path << " has mode " << Octal(m));
  CHECK((m & S_IWOTH) == 0);
  CHECK((m & ~mode_t{0640}) == 0);
}

// Every regular file in `dir` except `keep` (files the test wrote itself); returns how many.
int CheckEveryCreatedFile(const std::string& dir, const std::vector<std::string>& keep) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    if (std::find(keep.begin(), keep.end(), name) != keep.end()) continue;
    CheckOwnerGroupReadOnly(e.path().string());
    ++n;
  }
  return n;
}

// The id chipgate runs as in the read-only cases: `nobody` when we are root (and may switch),
// else ourselves.
bool g_cannot_drop = false;
int UnprivilegedUid() { return geteuid() == 0 && !g_cannot_drop ? kNobodyId : -1; }

RunResult RunUnprivileged(const std::vector<std::string>& args, const std::string& cwd) {
  RunOptions options;
  options.cwd = cwd;
  options.run_as_uid = UnprivilegedUid();
  return RunChipgateWith(args, options);
}

// A directory the unprivileged user can enter and read, and write when `writable`.
std::string SharedDir(const TempDir& root, const std::string& name, bool writable) {
  REQUIRE(chmod(root.path().c_str(), 0755) == 0);
  std::string dir = root.path() + "/" + name;
  fs::create_directories(dir);
  REQUIRE(chmod(dir.c_str(), writable ? 01777 : 0555) ==
          0);  // sticky like /tmp; or nobody may write
  return dir;
}

// Makes `dir` writable again when the test ends, so that TempDir can remove it (as non-root).
class RestoreWritable {
 public:
  explicit RestoreWritable(std::string dir) : dir_(std::move(dir)) {}
  ~RestoreWritable() { chmod(dir_.c_str(), 0755); }

 private:
  std::string dir_;
};

// Copies `from` to `to` (a whole database file: no -wal left after a clean close) with `mode`.
void CopyWithMode(const std::string& from, const std::string& to, mode_t mode) {
  REQUIRE_FALSE(fs::exists(from + "-wal"));
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  REQUIRE(chmod(to.c_str(), mode) == 0);
}

// True when file modes bind the unprivileged runs: we are not root, or we are root and can run
// chipgate as `nobody`. Otherwise says so loudly (WARN), and the caller tests what it still can.
bool ModesAreEnforced(const std::string& dir) {
  if (geteuid() != 0) return true;  // not root: file modes apply to us already
  g_cannot_drop = false;
  RunResult r = RunUnprivileged({"--version"}, dir);
  if (r.exit_code == 0) return true;
  g_cannot_drop = true;
  WARN("cannot run chipgate as uid "
       << kNobodyId << " (exit " << r.exit_code << ": " << r.err
       << "); as root, read-only files are only partly testable here");
  return false;
}

}  // namespace

TEST_CASE("FilesChipgateCreatesAreNeverWorldWritable", "[reliability][files]") {
  TempDir dir;
  std::string inline_manifest =
      dir.Write("inline.yaml", ReadFile(SourcePath("examples/manifests/inline-specs.yaml")));
  ScopedUmask open_umask(0);  // the most permissive umask an operator could have

  // db init, and db import into it (BuildSampleDatabase runs both through the CLI).
  RunResult init = RunChipgate({"db", "init", dir.path() + "/X.db"});
  INFO(init.err);
  REQUIRE(init.exit_code == 0);
  std::string sample = BuildSampleDatabase(dir);

  // check with a new audit log (--audit), and with the default chipgate-audit.db in the cwd.
  RunResult check =
      RunChipgate({"check", kDeLab, "--db", sample, "--audit", dir.path() + "/new.db"}, dir.path());
  INFO(check.err);
  CHECK(check.exit_code == 0);
  RunResult dflt = RunChipgate({"check", inline_manifest, "--rules", SourcePath("rules/examples"),
                                "--log-file", dir.path() + "/ops.log", "--log-level", "info"},
                               dir.path());
  INFO(dflt.err);
  CHECK(dflt.exit_code == 1);
  CHECK(fs::exists(dir.path() + "/chipgate-audit.db"));

  // audit (records its run in the sample db) with an HTML report written to a new file.
  RunResult audit = RunChipgate(
      {"audit", "--db", sample, "--format", "html", "--output", dir.path() + "/report.html"},
      dir.path());
  INFO(audit.err);
  CHECK((audit.exit_code == 0 || audit.exit_code == 1));
  REQUIRE(fs::exists(dir.path() + "/report.html"));
  CHECK(ReadFile(dir.path() + "/report.html").find("<html") != std::string::npos);

  // A check reading the inventory leaves SQLite's -wal/-shm beside it: those count too.
  RunResult read = RunChipgate({"check", kDeLab, "--db", sample, "--no-audit"}, dir.path());
  CHECK(read.exit_code == 0);

  for (const char* name :
       {"X.db", "sample.db", "new.db", "chipgate-audit.db", "report.html", "ops.log"}) {
    CHECK(fs::exists(dir.path() + "/" + name));
  }
  int checked = CheckEveryCreatedFile(dir.path(), {"inline.yaml"});
  CHECK(checked >= 6);
  CHECK(fs::exists(sample + "-shm"));  // so the SQLite side files really were among them
}

TEST_CASE("ReadOnlyAuditLogGivesExitTwoAndNoDecision", "[reliability][files]") {
  TempDir root;
  std::string dir = SharedDir(root, "shared", true);
  std::string inv = BuildSampleDatabase(root);
  std::string inventory = dir + "/inv.db";
  CopyWithMode(inv, inventory, 0644);
  // An existing audit log with records, then made read-only.
  std::string ro = dir + "/ro-audit.db";
  RunResult first = RunChipgate({"check", kDeLab, "--db", inventory, "--audit", ro}, dir);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  RunResult before = RunChipgate({"log", "export", "--db", ro});
  REQUIRE(before.exit_code == 0);
  REQUIRE(std::count(before.out.begin(), before.out.end(), '\n') == 2);
  for (const char* side : {"-wal", "-shm"})
    fs::remove(inventory + side);  // left by the inventory read (mode 0640, root's)
  REQUIRE(chmod(ro.c_str(), 0444) == 0);
  if (!ModesAreEnforced(dir)) {
    // Fallback (still tests something as root): a write that fails part-way gives no decision.
    RunOptions options;
    options.cwd = dir;
    options.max_file_bytes = 1;
    RunResult r = RunChipgateWith(
        {"check", kDeLab, "--db", inventory, "--audit", dir + "/other.db"}, options);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    return;
  }

  for (const char* format : {"text", "json"}) {
    RunResult r = RunUnprivileged(
        {"check", kDeLab, "--db", inventory, "--audit", ro, "--format", format}, dir);
    INFO(format << "\nstderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());  // no decision without its record
    CHECK(r.err.find(ro) != std::string::npos);
    CHECK(r.err.find("read-only") != std::string::npos);
    CHECK(r.err.find("no decision is given without a record") != std::string::npos);
  }
  // The records are intact: same export, and the chain verifies (read as root).
  CHECK(ModeOf(ro) == 0444);
  CHECK(RunChipgate({"log", "export", "--db", ro}).out == before.out);
  RunResult verify = RunChipgate({"log", "verify", "--db", ro});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);
  CHECK(verify.out.find("audit log valid, 2 records") != std::string::npos);
}

TEST_CASE("ReadOnlyInventoryStillAnswersWhenNoWriteIsNeeded", "[reliability][files]") {
  TempDir root;
  std::string dir = SharedDir(root, "inventory", true);  // SQLite may create -shm/-wal here
  std::string out = SharedDir(root, "out", true);
  std::string inventory = dir + "/ro-inventory.db";
  CopyWithMode(BuildSampleDatabase(root), inventory, 0444);
  std::string bytes = ReadFile(inventory);
  ModesAreEnforced(dir);  // if not, the same reads run as root: they must not write either

  RunResult r = RunUnprivileged(
      {"check", kDeLab, "--db", inventory, "--audit", out + "/audit.db", "--format", "json"}, out);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"verdict\": \"no_license_required\"") != std::string::npos);
  CHECK(r.out.find("\"recorded\": true") != std::string::npos);
  CHECK(RunChipgate({"log", "verify", "--db", out + "/audit.db"}).out.find("2 records") !=
        std::string::npos);
  // The inventory was only read.
  CHECK(ModeOf(inventory) == 0444);
  CHECK(ReadFile(inventory) == bytes);
  // `explain` never writes: it works on the read-only inventory too.
  RunResult e = RunUnprivileged({"explain", kDeLab, "--db", inventory, "--line", "1"}, out);
  CHECK(e.exit_code == 0);
  CHECK(e.out.find("no_license_required") != std::string::npos);
}

TEST_CASE("ReadOnlyInventoryInAReadOnlyDirectoryIsAClearError", "[reliability][files]") {
  // A WAL database is read through `-shm`/`-wal` files that SQLite must create beside it; in a
  // directory the user cannot write it cannot be read at all. That must be a clear exit 2 that
  // names the file, never a decision made without the inventory.
  TempDir root;
  std::string dir = SharedDir(root, "inventory", true);
  std::string out = SharedDir(root, "out", true);
  std::string inventory = dir + "/ro-inventory.db";
  CopyWithMode(BuildSampleDatabase(root), inventory, 0444);
  REQUIRE(chmod(dir.c_str(), 0555) == 0);  // now nobody may create files in it
  RestoreWritable restore(dir);
  if (!ModesAreEnforced(dir)) {
    // As root the directory is writable after all: the read must work and change nothing.
    std::string bytes = ReadFile(inventory);
    RunResult r = RunUnprivileged({"check", kDeLab, "--db", inventory, "--no-audit"}, out);
    CHECK(r.exit_code == 0);
    CHECK(ReadFile(inventory) == bytes);
    return;
  }
  RunResult r =
      RunUnprivileged({"check", kDeLab, "--db", inventory, "--audit", out + "/audit.db"}, out);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("cannot read database `" + inventory + "`") != std::string::npos);
  CHECK(r.err.find("-shm") != std::string::npos);
  CHECK_FALSE(fs::exists(out + "/audit.db"));  // nothing decided, nothing recorded
}

TEST_CASE("AuditOfAReadOnlyDatabaseNeedsNoRecordToRun", "[reliability][files]") {
  TempDir root;
  std::string dir = SharedDir(root, "db", true);
  std::string ro = dir + "/ro.db";
  CopyWithMode(BuildSampleDatabase(root), ro, 0444);
  std::string bytes = ReadFile(ro);

  // `audit` records its run by default: that write is impossible, so there is no result.
  if (ModesAreEnforced(dir)) {
    RunResult r = RunUnprivileged({"audit", "--db", ro, "--format", "json"}, dir);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("cannot open database `" + ro + "` for writing: the file is read-only") !=
          std::string::npos);
    CHECK(ReadFile(ro) == bytes);
  }

  // --no-record needs no write: the audit runs and reports.
  RunResult n = RunUnprivileged({"audit", "--db", ro, "--no-record", "--format", "json"}, dir);
  INFO(n.err);
  CHECK((n.exit_code == 0 || n.exit_code == 1));
  CHECK(n.out.find("\"findings\"") != std::string::npos);
  CHECK(ReadFile(ro) == bytes);
}

}  // namespace chipgate::testing
