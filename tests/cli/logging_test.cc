// The operational log of every command family (docs/cli.md, "Logs"): `--log-level trace` names
// what the command did on stderr, `off` writes nothing, stdout is the same byte for byte at every
// level and in both formats, `--log-format json` lines are JSON objects with their fields, and
// bad values are usage errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kExamples = SourcePath("rules/examples");
const std::string kManifest = SourcePath("examples/manifests/inline-specs.yaml");
const std::string kCsl = SourcePath("tests/data/lists/csl.csv");

// The sample inventory, imported into `name` in `dir` (relative names keep stdout free of the
// temporary directory's path, so runs in different directories can be compared).
void SampleDb(const TempDir& dir, const std::string& name) {
  REQUIRE(RunChipgate({"db", "init", name}, dir.path()).exit_code == 0);
  RunResult r = RunChipgate(
      {"db", "import", name, "--parts", SourcePath("db/sample/parts.csv"), "--components",
       SourcePath("db/sample/components.csv"), "--parties", SourcePath("db/sample/parties.csv"),
       "--ownership", SourcePath("db/sample/ownership.csv"), "--licenses",
       SourcePath("db/sample/licenses.csv"), "--shipments", SourcePath("db/sample/shipments.csv")},
      dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// One command of a family: `setup` prepares a directory, `args` run in it, and the line that
// must be logged at info: its logger and its message. A command that writes (an import) gets a
// fresh directory per run, so each run starts from the same state; one that only reads runs in
// one directory set up once (`shared`), since what setup writes holds timestamps (a list's
// import time, the audit records' hashes) that its report shows.
struct Family {
  std::string name;
  std::function<void(const TempDir&)> setup;
  std::vector<std::string> args;
  std::string logger, message;
  bool shared = false;
};

std::vector<Family> Families() {
  auto none = [](const TempDir&) {};
  auto empty_db = [](const TempDir& d) {
    REQUIRE(RunChipgate({"db", "init", "s.db"}, d.path()).exit_code == 0);
  };
  auto sample = [](const TempDir& d) { SampleDb(d, "s.db"); };
  auto listed = [](const TempDir& d) {
    REQUIRE(RunChipgate({"db", "init", "s.db"}, d.path()).exit_code == 0);
    REQUIRE(RunChipgate({"lists", "import", "--db", "s.db", kCsl}, d.path()).exit_code == 0);
  };
  auto recorded = [](const TempDir& d) {
    REQUIRE(RunChipgate({"check", kManifest, "--rules", kExamples, "--audit", "a.db"}, d.path())
                .exit_code == 1);
  };
  const std::vector<std::string> import_args = {"db",
                                                "import",
                                                "s.db",
                                                "--parts",
                                                SourcePath("db/sample/parts.csv"),
                                                "--components",
                                                SourcePath("db/sample/components.csv"),
                                                "--format",
                                                "json"};
  return {
      {"lint", none, {"lint", kExamples, "--format", "json"}, "lint", "linted rule pack"},
      // Not recorded: a recorded check's report shows the new records' hashes, which cover
      // their time (LogFileHoldsOnlyJsonLinesAndStderrNone logs a recording).
      {"check",
       none,
       {"check", kManifest, "--rules", kExamples, "--no-audit", "--format", "json"},
       "check",
       "decided manifest"},
      {"audit",
       sample,
       {"audit", "--db", "s.db", "--no-record", "--format", "json"},
       "audit",
       "audited the database",
       true},
      {"db import", empty_db, import_args, "import", "imported"},
      {"test", none, {"test", kExamples, "--format", "json"}, "test", "ran rule tests"},
      {"log verify",
       recorded,
       {"log", "verify", "--db", "a.db"},
       "log",
       "verified the audit log",
       true},
      {"lists",
       listed,
       {"lists", "status", "--db", "s.db"},
       "lists",
       "read stored screening lists",
       true},
  };
}

// Runs `f` with `extra` options appended: in `shared` when the family shares its directory
// (set up by the caller), else in a fresh one.
RunResult RunFamily(const Family& f, const TempDir& shared, const std::vector<std::string>& extra) {
  std::optional<TempDir> fresh;
  if (!f.shared) f.setup(fresh.emplace());
  std::vector<std::string> args = f.args;
  args.insert(args.end(), extra.begin(), extra.end());
  return RunChipgate(args, f.shared ? shared.path() : fresh->path());
}

// A directory set up for `f` when it shares one (else left empty).
std::unique_ptr<TempDir> SharedDir(const Family& f) {
  auto dir = std::make_unique<TempDir>();
  if (f.shared) f.setup(*dir);
  return dir;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// A text log line: `chipgate: LEVEL: LOGGER: message key=value ...`.
const std::regex kTextLine("^chipgate: (trace|debug|info|warning|error|critical): [a-z]+: .*");

int CountTextLogLines(const std::string& err) {
  int n = 0;
  for (const auto& line : Lines(err)) n += std::regex_match(line, kTextLine);
  return n;
}

// Every member a JSON log line has, with its type; fields an object of strings and numbers.
void CheckJsonLine(const nlohmann::json& j) {
  CHECK(j.at("schema") == "chipgate.log-line/v1");
  CHECK(j.at("chipgate_version").is_string());
  CHECK(j.at("ts").is_string());
  CHECK(j.at("level").is_string());
  CHECK(j.at("logger").is_string());
  CHECK(j.at("pid").is_number_integer());
  CHECK(j.at("msg").is_string());
  REQUIRE(j.at("fields").is_object());
  for (const auto& [key, value] : j["fields"].items()) {
    INFO(key);
    CHECK((value.is_string() || value.is_number()));
  }
}

// A report without the time it was made at and took (the audit's `generated.started` and
// `seconds`), which differ from run to run.
std::string Untimed(const std::string& out) {
  static const std::regex kTimes(R"re("(started|seconds)": ("[^"]*"|[0-9.e+-]+))re");
  return std::regex_replace(out, kTimes, "\"$1\": _");
}

}  // namespace

TEST_CASE("TraceNamesWhatEachCommandDidAndOffWritesNothing", "[cli][logging]") {
  for (const Family& f : Families()) {
    INFO(f.name);
    auto shared = SharedDir(f);
    RunResult off = RunFamily(f, *shared, {"--log-level", "off"});
    RunResult warn = RunFamily(f, *shared, {});
    RunResult trace = RunFamily(f, *shared, {"--log-level", "trace"});
    INFO("trace stderr:\n" << trace.err);
    CHECK(off.exit_code == warn.exit_code);
    CHECK(trace.exit_code == warn.exit_code);
    // Off and the default write no log line; what the command itself prints on stderr stays.
    CHECK(CountTextLogLines(off.err) == 0);
    CHECK(CountTextLogLines(warn.err) == 0);
    CHECK(off.err == warn.err);
    // Trace: the command's own line at info, the command's start at debug.
    CHECK(trace.err.find("chipgate: info: " + f.logger + ": " + f.message) != std::string::npos);
    CHECK(trace.err.find("chipgate: debug: cli: command started command=" + f.args[0]) !=
          std::string::npos);
    CHECK(CountTextLogLines(trace.err) >= 3);
    // Stdout, which carries the reports, is the same byte for byte, but for when the audit ran
    // and how long it took (its report's `generated`).
    CHECK(!warn.out.empty());
    CHECK(Untimed(off.out) == Untimed(warn.out));
    CHECK(Untimed(trace.out) == Untimed(warn.out));
    CHECK(Untimed(RunFamily(f, *shared, {"--log-level", "trace", "--log-format", "json"}).out) ==
          Untimed(warn.out));
  }
}

TEST_CASE("JsonLogLinesAreObjectsWithTheirFields", "[cli][logging]") {
  for (const Family& f : Families()) {
    INFO(f.name);
    auto shared = SharedDir(f);
    RunResult r = RunFamily(f, *shared, {"--log-level", "trace", "--log-format", "json"});
    // Stderr holds the log lines and whatever the command prints there itself (lint's count).
    bool named = false;
    int logged = 0;
    for (const auto& line : Lines(r.err)) {
      if (!line.starts_with("{\"schema\":\"chipgate.log-line/v1\"")) continue;
      INFO(line);
      auto j = nlohmann::json::parse(line);
      CheckJsonLine(j);
      ++logged;
      if (j["logger"] == f.logger && j["msg"] == f.message) {
        named = true;
        CHECK(j["level"] == "info");
        CHECK(j["fields"].contains("elapsed_ms"));
      }
    }
    CHECK(named);
    CHECK(logged >= 3);
    CHECK(CountTextLogLines(r.err) == 0);
  }
}

TEST_CASE("LogFileHoldsOnlyJsonLinesAndStderrNone", "[cli][logging]") {
  TempDir dir;
  RunResult r = RunChipgate({"check", kManifest, "--rules", kExamples, "--audit", "a.db",
                             "--log-level", "trace", "--log-file", "ops.log"},
                            dir.path());
  CHECK(r.exit_code == 1);
  CHECK(CountTextLogLines(r.err) == 0);
  CHECK(r.err.find("chipgate.log-line") == std::string::npos);
  auto lines = Lines(ReadFile(dir.path() + "/ops.log"));
  REQUIRE(lines.size() >= 5);
  std::set<std::string> loggers;
  for (const auto& line : lines) {
    INFO(line);
    auto j = nlohmann::json::parse(line);
    CheckJsonLine(j);
    loggers.insert(j["logger"].get<std::string>());
  }
  // The pack, the manifest's decisions and the audit database are each logged by their own.
  CHECK(loggers.count("pack"));
  CHECK(loggers.count("check"));
  CHECK(loggers.count("store"));
  // --log-format text writes text lines into the file instead.
  RunResult text =
      RunChipgate({"check", kManifest, "--rules", kExamples, "--no-audit", "--log-level", "info",
                   "--log-format", "text", "--log-file", "t.log"},
                  dir.path());
  CHECK(text.exit_code == 1);
  CHECK(CountTextLogLines(ReadFile(dir.path() + "/t.log")) >= 2);
}

TEST_CASE("LogFieldsAreEscapedForTheirFormat", "[cli][logging]") {
  TempDir dir;
  // A database name with a space, a quote, ESC, DEL and a bidi override: one quoted value in
  // text, a valid JSON string in JSON, and never a raw control on the terminal.
  std::string odd = "o d\"\x1b\x7f\xE2\x80\xAE.db";
  RunResult text =
      RunChipgate({"check", kManifest, "--rules", kExamples, "--audit", odd, "--log-level", "info"},
                  dir.path());
  CHECK(text.exit_code == 1);
  INFO(text.err);
  CHECK(text.err.find("audit=\"o d\\\"\\u001b\\u007f\\u202e.db\"") != std::string::npos);
  for (char c : text.err) CHECK((c == '\n' || static_cast<unsigned char>(c) >= 0x20));
  CHECK(text.err.find('\x7f') == std::string::npos);
  RunResult json = RunChipgate({"check", kManifest, "--rules", kExamples, "--audit", odd,
                                "--log-level", "info", "--log-format", "json"},
                               dir.path());
  bool found = false;
  for (const auto& line : Lines(json.err)) {
    if (!line.starts_with("{")) continue;
    INFO(line);
    auto j = nlohmann::json::parse(line);
    if (j["fields"].contains("audit")) {
      CHECK(j["fields"]["audit"] == odd);
      found = true;
    }
  }
  CHECK(found);
}

TEST_CASE("BadLogLevelOrFormatIsAUsageError", "[cli][logging]") {
  for (const Family& f : Families()) {
    INFO(f.name);
    auto shared = SharedDir(f);
    RunResult level = RunFamily(f, *shared, {"--log-level", "verbose"});
    CHECK(level.exit_code == 2);
    CHECK(level.out.empty());
    CHECK(level.err.find("unknown log level `verbose`") != std::string::npos);
    RunResult format = RunFamily(f, *shared, {"--log-format", "xml"});
    CHECK(format.exit_code == 2);
    CHECK(format.out.empty());
    CHECK(format.err.find("unknown log format `xml`") != std::string::npos);
  }
  // Case matters, as for every other option value; a missing value is the parser's usage error.
  CHECK(RunChipgate({"lint", kExamples, "--log-level", "TRACE"}).exit_code == 2);
  CHECK(RunChipgate({"lint", kExamples, "--log-format"}).exit_code == 2);
}

}  // namespace chipgate::testing
