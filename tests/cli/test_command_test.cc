// `chipgate test` through the binary: a test file or a directory of them instead of a pack, --run
// selecting cases, invalid values in a case, --watch re-running on a change, and --against-db
// listing the decisions an edit of the pack changes (baseline from --baseline or from git).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

namespace fs = std::filesystem;

const std::string kExamples = SourcePath("rules/examples");

std::string CopyOfExamples(const TempDir& dir, const std::string& name = "pack") {
  std::string to = dir.path() + "/" + name;
  fs::copy(kExamples, to, fs::copy_options::recursive);
  return to;
}

// The number of cases in the example pack's test file, counted from the file.
int ExampleCases() {
  std::string text = ReadFile(kExamples + "/tests/examples.yaml");
  int n = 0;
  for (size_t at = text.find("  - name: "); at != std::string::npos;
       at = text.find("  - name: ", at + 1))
    ++n;
  return n;
}

// Runs a command line (test set-up only: git); true when it exits 0.
bool Sh(const std::string& command) { return std::system(command.c_str()) == 0; }

}  // namespace

TEST_CASE("TestTakesATestFileOrADirectoryOfThem", "[cli][test-command]") {
  const int all = ExampleCases();
  RunResult pack = RunChipgate({"test", kExamples});
  CHECK(pack.exit_code == 0);
  CHECK(pack.out == std::to_string(all) + " passed, 0 failed\n");
  RunResult file = RunChipgate({"test", kExamples + "/tests/examples.yaml"});
  CHECK(file.exit_code == 0);
  CHECK(file.out == std::to_string(all) + " passed, 0 failed\n");
  RunResult dir = RunChipgate({"test", kExamples + "/tests"});
  CHECK(dir.exit_code == 0);
  CHECK(dir.out == pack.out);

  // One file of two: only its cases run.
  TempDir tmp;
  std::string copy = CopyOfExamples(tmp);
  tmp.Write("pack/tests/more/extra.yaml",
            "tests:\n  - name: extra\n    date: 2024-06-01\n    destination: DE\n"
            "    item: {part: X}\n    expect: {decision: review, rules: [item-data]}\n");
  CHECK(RunChipgate({"test", copy}).out == std::to_string(all + 1) + " passed, 0 failed\n");
  CHECK(RunChipgate({"test", copy + "/tests/more/extra.yaml"}).out == "1 passed, 0 failed\n");
  CHECK(RunChipgate({"test", copy + "/tests/more"}).out == "1 passed, 0 failed\n");

  // A file outside every pack needs --rules; with it, it runs against that pack.
  std::string loose = tmp.Write("loose.yaml", ReadFile(copy + "/tests/more/extra.yaml"));
  RunResult no_pack = RunChipgate({"test", loose});
  CHECK(no_pack.exit_code == 2);
  CHECK(no_pack.err.find("--rules") != std::string::npos);
  RunResult with_rules = RunChipgate({"test", "--rules", kExamples, loose});
  CHECK(with_rules.exit_code == 0);
  CHECK(with_rules.out == "1 passed, 0 failed\n");
  CHECK(RunChipgate({"test", copy + "/tests/none.yaml"}).exit_code == 2);  // E100
}

TEST_CASE("RunSelectsCasesByName", "[cli][test-command]") {
  RunResult cambodia = RunChipgate({"test", kExamples, "--run", "^Cambodia", "--format", "json"});
  CHECK(cambodia.exit_code == 0);
  auto j = nlohmann::json::parse(cambodia.out);
  std::set<std::string> names;
  for (const auto& c : j["cases"]) names.insert(c["name"].get<std::string>());
  CHECK(names ==
        std::set<std::string>{"Cambodia on its last day in D:5", "Cambodia after leaving D:5"});
  // A search, not a whole match, and ECMAScript syntax.
  CHECK(RunChipgate({"test", kExamples, "--run", "(China|Singapore)"}).exit_code == 0);

  RunResult none = RunChipgate({"test", kExamples, "--run", "no such case"});
  CHECK(none.exit_code == 1);
  CHECK(none.out == "0 passed, 0 failed\n");
  CHECK(none.err.find("no test case name matches --run `no such case`") != std::string::npos);

  RunResult invalid = RunChipgate({"test", kExamples, "--run", "(unclosed"});
  CHECK(invalid.exit_code == 2);
  CHECK(invalid.err.find("is not a regular expression") != std::string::npos);
  CHECK(invalid.out.empty());
}

// `destination: MYS` and an unknown attribute: errors at the value, exit 2, nothing reported as
// passed, though each case expects exactly the `review` the dropped value would have given.
TEST_CASE("ACaseWithAnInvalidValueIsAnErrorNotAPass", "[cli][test-command]") {
  TempDir tmp;
  std::string pack = CopyOfExamples(tmp);
  std::string bad_country =
      tmp.Write("pack/tests/zz_country.yaml",
                "tests:\n  - name: bad country\n    date: 2024-06-01\n    destination: MYS\n"
                "    item: {part: X}\n    expect: {decision: review}\n");
  RunResult r = RunChipgate({"test", bad_country});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("zz_country.yaml:4:18: error[E504]: `destination`: `MYS` is not an ISO "
                   "3166-1 alpha-2 country code") != std::string::npos);
  fs::remove(bad_country);
  std::string bad_attr =
      tmp.Write("pack/tests/zz_attr.yaml",
                "tests:\n  - name: bad attribute\n    date: 2024-06-01\n    destination: DE\n"
                "    item: {part: X, specs: {colour: red}}\n    expect: {decision: review}\n");
  RunResult attr = RunChipgate({"test", pack});
  CHECK(attr.exit_code == 2);
  CHECK(attr.out.empty());
  CHECK(attr.err.find("zz_attr.yaml:5:") != std::string::npos);
  CHECK(attr.err.find("error[E501]: unknown attribute `colour`") != std::string::npos);
  RunResult json = RunChipgate({"test", pack, "--format", "json"});
  CHECK(json.exit_code == 2);
  CHECK(json.err.find("\"code\": \"E501\"") != std::string::npos);
}

// The rows of docs/cli.md, "Options refused together", for `test`.
TEST_CASE("OptionsOfOneModeAreRefusedInTheOthers", "[cli][test-command]") {
  struct Row {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Row> rows = {
      {{"--baseline", kExamples}, "--baseline and --date go with --against-db DB"},
      {{"--date", "2024-01-01"}, "--baseline and --date go with --against-db DB"},
      {{"--watch", "--format", "json"}, "--watch writes text only"},
      {{"--against-db", "x.db", "--run", "a"}, "--against-db takes none of --run"},
      {{"--against-db", "x.db", "--coverage"}, "--against-db takes none of --run"},
      {{"--against-db", "x.db", "--format", "tap"}, "--against-db writes text or json only"},
  };
  for (const auto& row : rows) {
    std::vector<std::string> args = {"test", kExamples};
    args.insert(args.end(), row.args.begin(), row.args.end());
    RunResult r = RunChipgate(args);
    INFO(row.message);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(row.message) != std::string::npos);
  }
}

// --watch: the first run, then an edit that makes a case fail is seen and run again; SIGTERM
// ends the watch with exit 0. Only generous bounds on waiting, no timing assertion.
TEST_CASE("WatchRunsAgainWhenATestFileChangesAndStopsOnSigterm", "[cli][test-command]") {
  TempDir tmp;
  std::string pack = CopyOfExamples(tmp);
  std::string out_path = tmp.path() + "/watch.out";
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int null = open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(out, 1);
    dup2(out, 2);
    execl(CHIPGATE_BIN, CHIPGATE_BIN, "test", pack.c_str(), "--watch", nullptr);
    _exit(127);
  }
  // Polls the output until it holds `text`, for at most 20 s.
  auto wait_for = [&](const std::string& text) {
    for (int i = 0; i < 200; ++i) {
      if (ReadFile(out_path).find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  };
  const std::string passed = std::to_string(ExampleCases()) + " passed, 0 failed";
  bool first = wait_for(passed);
  if (first) {
    EditFile(pack + "/tests/examples.yaml", "decision: license_required", "decision: prohibited");
  }
  bool second = first && wait_for("1 failed");
  kill(pid, SIGTERM);
  int status = 0;
  pid_t done = 0;
  for (int i = 0; i < 200 && done == 0; ++i) {
    done = waitpid(pid, &status, WNOHANG);
    if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (done == 0) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  std::string out = ReadFile(out_path);
  INFO(out);
  CHECK(first);
  CHECK(second);
  CHECK(out.find("--- files changed: running the tests again ---") != std::string::npos);
  CHECK(out.find("FAIL datacenter accelerator to China needs a license") != std::string::npos);
  REQUIRE(done == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

namespace {

// Parts for the example pack: ICs not marketed for datacenters (so only 3A090.a.1, `tpp >= 4800`,
// can apply), with these TPP values.
const std::vector<std::pair<std::string, int>> kReplayParts = {
    {"IC-3000", 3000}, {"IC-4800", 4800}, {"IC-5285", 5285},
    {"IC-5999", 5999}, {"IC-6000", 6000}, {"IC-9000", 9000}};
const std::vector<std::string> kReplayDestinations = {"CN", "DE"};

// A database with those parts and one shipment per destination, a line per part.
std::string ReplayDatabase(const TempDir& dir) {
  std::string db = dir.path() + "/inv.db";
  std::string parts = "part_number,declared_eccn,type,tpp,datacenter\n";
  for (const auto& [p, tpp] : kReplayParts)
    parts += p + ",EAR99,ic," + std::to_string(tpp) + ",false\n";
  std::string shipments =
      "shipment_id,date,consignee,consignee_country,end_user,end_user_country,"
      "end_user_headquarters,part_number,quantity,license\n";
  for (const auto& d : kReplayDestinations) {
    for (const auto& [p, tpp] : kReplayParts)
      shipments += "S-" + d + ",2024-06-01,Lab," + d + ",Lab," + d + "," + d + "," + p + ",1,\n";
  }
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  RunResult r = RunChipgate({"db", "import", db, "--parts", dir.Write("parts.csv", parts),
                             "--shipments", dir.Write("shipments.csv", shipments)});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return db;
}

}  // namespace

// The pack is committed in a git work tree, then 3A090.a.1's threshold is raised from 4800 to
// 6000 in the working copy. The lines that change are derived from the data: a part at or above
// 4800 and below 6000 shipped to CN (to DE 3A090.a.1 needs no license).
TEST_CASE("AgainstDbListsTheDecisionsAThresholdEditChanges", "[cli][test-command]") {
  TempDir tmp;
  std::string db = ReplayDatabase(tmp);
  std::string repo = tmp.path() + "/repo";
  fs::create_directories(repo);
  std::string pack = repo + "/rules/examples";
  fs::create_directories(repo + "/rules");
  fs::copy(kExamples, pack, fs::copy_options::recursive);
  REQUIRE(Sh("git -C '" + repo + "' init -q && git -C '" + repo + "' add -A && git -C '" + repo +
             "' -c user.name=t -c user.email=t@example.com commit -q -m pack"));

  // Unedited: nothing changes, exit 0, in text and JSON.
  RunResult same = RunChipgate({"test", pack, "--against-db", db, "--date", "2024-06-01"});
  INFO(same.err);
  CHECK(same.exit_code == 0);
  CHECK(same.out.find("\n0 decisions change\n") != std::string::npos);
  RunResult same_json = RunChipgate({"test", pack, "--against-db", db, "--format", "json"});
  CHECK(same_json.exit_code == 0);
  auto sj = nlohmann::json::parse(same_json.out);
  CHECK(sj["schema"] == "chipgate.test-against-db/v1");
  CHECK(sj["groups"].empty());
  CHECK(sj["changed"] == 0);

  const int old_threshold = 4800, new_threshold = 6000;
  EditFile(pack + "/classes.yaml", "tpp >= " + std::to_string(old_threshold),
           "tpp >= " + std::to_string(new_threshold));
  RunResult r =
      RunChipgate({"test", pack, "--against-db", db, "--date", "2024-06-01", "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  std::set<std::string> want_lines, want_parts;
  for (const auto& [p, tpp] : kReplayParts) {
    if (tpp >= old_threshold && tpp < new_threshold) {
      want_parts.insert(p);
      want_lines.insert("S-CN " + p);
    }
  }
  std::set<std::string> got_lines, got_parts;
  for (const auto& g : j["groups"]) {
    for (const auto& c : g["changes"]) {
      if (c["subject"] == "shipment_line") {
        got_lines.insert(c["shipment"].get<std::string>() + " " + c["part"].get<std::string>());
        CHECK(c["before"]["decision"] != c["after"]["decision"]);
        CHECK(c["after"]["decision"] == "no_license_required");
        CHECK(!g["rule"].get<std::string>().empty());  // the rule that held the line before
      } else {
        got_parts.insert(c["part"].get<std::string>());
        CHECK(g["rule"] == "3A090.a.1");
      }
    }
  }
  CHECK(got_lines == want_lines);
  CHECK(got_parts == want_parts);
  CHECK(j["changed"] == want_lines.size() + want_parts.size());
  CHECK(j["shipment_lines"] == kReplayParts.size() * kReplayDestinations.size());
  CHECK(j["baseline"]["revision"].get<std::string>().size() == 40);

  // Text: grouped under `rule ID: N changes`, one line per change.
  RunResult text = RunChipgate({"test", pack, "--against-db", db, "--date", "2024-06-01"});
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("rule 3A090.a.1: " + std::to_string(want_parts.size()) + " changes") !=
        std::string::npos);
  CHECK(text.out.find("shipment S-CN line ") != std::string::npos);

  // --baseline DIR instead of git: the unedited pack gives the same changes; the edited pack
  // itself as baseline gives none.
  std::string original = CopyOfExamples(tmp, "original");
  RunResult given = RunChipgate({"test", pack, "--against-db", db, "--baseline", original, "--date",
                                 "2024-06-01", "--format", "json"});
  CHECK(given.exit_code == 1);
  CHECK(nlohmann::json::parse(given.out)["groups"] == j["groups"]);
  CHECK(RunChipgate({"test", pack, "--against-db", db, "--baseline", pack}).exit_code == 0);
}

TEST_CASE("AgainstDbWithoutABaselineOutsideGitIsAnError", "[cli][test-command]") {
  TempDir tmp;
  std::string db = ReplayDatabase(tmp);
  std::string pack = CopyOfExamples(tmp);
  // A temporary directory is in no git work tree.
  REQUIRE(!Sh("git -C '" + pack + "' rev-parse 2>/dev/null >/dev/null"));
  RunResult r = RunChipgate({"test", pack, "--against-db", db});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("not in a git work tree") != std::string::npos);
  CHECK(r.err.find("--baseline") != std::string::npos);
  // A database that is not there is not created.
  RunResult missing =
      RunChipgate({"test", pack, "--against-db", tmp.path() + "/none.db", "--baseline", pack});
  CHECK(missing.exit_code == 2);
  CHECK(!fs::exists(tmp.path() + "/none.db"));
}

}  // namespace chipgate::testing
