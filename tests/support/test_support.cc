// Test helper implementation. RunChipgate uses fork/exec with stdout/stderr captured to files.
#include "support/test_support.h"

#include "support/raw_postgres.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace chipgate::testing {
namespace fs = std::filesystem;

LoadResult LoadPackText(const std::vector<std::pair<std::string, std::string>>& files) {
  return Engine::LoadFromStrings(files, "pack");
}

Engine MustLoad(const std::string& yaml) {
  LoadResult r = LoadPackText({{"pack.yaml", yaml}});
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.engine.has_value());
  return std::move(*r.engine);
}

std::string SourcePath(const std::string& rel) {
  return std::string(CHIPGATE_SOURCE_DIR) + "/" + rel;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void EditFile(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = ReadFile(path);
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(path) << text;
}

ShellResult RunShell(const std::string& command) {
  ShellResult r;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

bool MatchesSchema(const std::string& kind, const std::string& text) {
  TempDir dir;
  std::string file = dir.Write("doc.json", text);
  std::string python = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  ShellResult t = RunShell(python + " " + SourcePath("tests/schemas/check_output.py") + " " +
                           SourcePath("schemas") + " " + kind + " " + file);
  UNSCOPED_INFO(t.out);
  return t.exit_code == 0;
}

std::string BuildSampleDatabase(const TempDir& dir) {
  std::string db = dir.path() + "/sample.db";
  ImportSampleInto(db);
  return db;
}

void ImportSampleInto(const std::string& db) {
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  RunResult r = RunChipgate(
      {"db", "import", db, "--parts", SourcePath("db/sample/parts.csv"), "--components",
       SourcePath("db/sample/components.csv"), "--parties", SourcePath("db/sample/parties.csv"),
       "--ownership", SourcePath("db/sample/ownership.csv"), "--licenses",
       SourcePath("db/sample/licenses.csv"), "--shipments", SourcePath("db/sample/shipments.csv")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

bool TestingPostgres() {
  const char* backend = std::getenv("CHIPGATE_TEST_BACKEND");
  return backend && std::string(backend) == "postgresql";
}

std::string TestDatabase(const TempDir& dir, const std::string& name) {
  if (!TestingPostgres()) return dir.path() + "/" + name;
  static std::map<std::string, std::string> made;
  std::string& uri = made[dir.path() + "/" + name];
  if (uri.empty()) uri = NewPgDatabase();
  return uri;
}

AuditVerifyResult VerifyAuditLog(const std::string& db) {
  auto store = Store::Open(db, StoreOptions{.read_only = true});
  INFO(store.status().message());
  REQUIRE(store.ok());
  auto r = store->VerifyAudit();
  REQUIRE(r.ok());
  return r.value();
}

RunResult RunChipgate(const std::vector<std::string>& args, const std::string& cwd) {
  return RunChipgateWith(args, RunOptions{cwd, {}, 0, -1, -1});
}

namespace {

[[noreturn]] void ExecChipgate(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string bin = CHIPGATE_BIN;
  argv.push_back(bin.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(bin.c_str(), argv.data());
  _exit(127);
}

}  // namespace

RunResult RunChipgateWith(const std::vector<std::string>& args, const RunOptions& options) {
  TempDir tmp;
  std::string out_path = tmp.path() + "/out", err_path = tmp.path() + "/err";
  int stdin_pipe[2] = {-1, -1};
  if (options.stdin_text) REQUIRE(pipe(stdin_pipe) == 0);
  pid_t pid = fork();
  if (pid == 0) {
    int out = options.stdout_path.empty()
                  ? open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600)
                  : open(options.stdout_path.c_str(), O_WRONLY);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = options.stdin_text ? stdin_pipe[0] : open("/dev/null", O_RDONLY);
    dup2(out, 1);
    dup2(err, 2);
    dup2(in, 0);
    if (options.stdin_text) {
      close(stdin_pipe[0]);
      close(stdin_pipe[1]);
    }
    // Default working directory: the run's own temp dir, so default audit logs stay out of the
    // tree.
    const std::string& dir = options.cwd.empty() ? tmp.path() : options.cwd;
    if (chdir(dir.c_str()) != 0) _exit(127);
    for (const auto& [k, v] : options.env) setenv(k.c_str(), v.c_str(), 1);
    if (options.run_as_uid >= 0) {
      gid_t gid =
          static_cast<gid_t>(options.run_as_gid >= 0 ? options.run_as_gid : options.run_as_uid);
      if (setgroups(0, nullptr) != 0 || setgid(gid) != 0 ||
          setuid(static_cast<uid_t>(options.run_as_uid)) != 0) {
        std::string msg = std::string("RunChipgateWith: cannot switch to uid ") +
                          std::to_string(options.run_as_uid) + ": " + std::strerror(errno) + "\n";
        if (write(2, msg.data(), msg.size()) < 0) _exit(126);
        _exit(126);
      }
    }
    if (options.max_file_bytes > 0) {
      signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG instead of killing
      rlimit lim{static_cast<rlim_t>(options.max_file_bytes),
                 static_cast<rlim_t>(options.max_file_bytes)};
      setrlimit(RLIMIT_FSIZE, &lim);
    }
    ExecChipgate(args);
  }
  if (options.stdin_text) {
    close(stdin_pipe[0]);
    // The child may stop reading early (an input over its limit): a write to the closed pipe is
    // then EPIPE instead of a SIGPIPE that would end the test run.
    struct sigaction ignore {
    }, previous{};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ignore, &previous);
    const std::string& text = *options.stdin_text;
    for (size_t done = 0; done < text.size();) {
      ssize_t n = write(stdin_pipe[1], text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    close(stdin_pipe[1]);
    sigaction(SIGPIPE, &previous, nullptr);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(out_path);
  r.err = ReadFile(err_path);
  return r;
}

int StartChipgate(const std::vector<std::string>& args, const std::string& cwd,
                  const std::string& stderr_path) {
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(null, 1);
    // Standard error into `stderr_path` when given, so a test can show why a process failed.
    int err =
        stderr_path.empty() ? null : open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(err < 0 ? null : err, 2);
    if (chdir(cwd.c_str()) != 0) _exit(127);
    ExecChipgate(args);
  }
  return pid;
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "chipgate-test-XXXXXX").string();
  char* made = mkdtemp(tmpl.data());
  REQUIRE(made != nullptr);
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& rel, const std::string& text) const {
  fs::path p = fs::path(path_) / rel;
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
  return p.string();
}

}  // namespace chipgate::testing
