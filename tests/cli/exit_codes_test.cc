// The exit codes as a contract: one test per row of the table in docs/cli.md ("Exit codes"),
// each running the real binary for every code its row lists. The first test holds the table's
// rows to the list below, so a row added to the docs without a test (or a test without a row)
// fails.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

namespace fs = std::filesystem;

const std::string kExamples = SourcePath("rules/examples");
const std::string kUsEar = SourcePath("rules/us-ear");
const std::string kHeld = SourcePath("examples/manifests/inline-specs.yaml");

// The first column of each row of the table, in order; each has its TEST_CASE below.
const std::vector<std::string> kRows = {
    "`check`",
    "`check --fail-on LEVEL`",
    "`explain`",
    "`ship`",
    "`screen`",
    "`lint`",
    "`fmt`",
    "`test`",
    "`test --against-db`",
    "`audit`",
    "`db init`, `db import`",
    "`lists import`, `lists status`, `lists remove`",
    "`license list`, `license show`",
    "`parts list`, `parts show`",
    "`rules list`, `rules show`",
    "`log verify`",
    "`log checkpoint`",
    "`log export`",
    "`version`, `--version`",
    "`help`, `--help`, `COMMAND --help`",
    "`completion`",
    "no command, unknown command",
};

// A manifest for the example pack: one line per part given, shipped to `country`.
std::string Manifest(const std::string& country, const std::vector<std::string>& lines) {
  std::string m =
      "shipment:\n  id: S\n  date: 2024-06-01\n  consignee: {name: Lab, country: " + country +
      ", headquarters: " + country + "}\nlines:";
  if (lines.empty()) return m + " []\n";
  for (const auto& l : lines) m += "\n  - " + l;
  return m + "\n";
}

// Lines for the example pack (rules/examples): a gaming GPU is 3A090.a.1 but not datacenter, so
// to SG with an SG headquarters nothing is required; a datacenter accelerator to CN needs a
// license no exception covers; a part with no data is `review` (item-data); any item to KP is
// `prohibited` (the pack's `embargo` rule).
const std::string kGamingGpu =
    "{part: GAMING-GPU, specs: {type: ic, tpp: 5285, die_area_mm2: 609, datacenter: false}}";
const std::string kAccelerator =
    "{part: ACCEL, specs: {type: ic, tpp: 15832, die_area_mm2: 814, datacenter: true}}";
const std::string kNoData = "{part: UNKNOWN-PART}";

int Check(const std::string& manifest, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"check", manifest, "--rules", kExamples, "--no-audit"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunChipgate(args).exit_code;
}

// A copy of the example pack to edit.
std::string CopyOfExamples(const TempDir& dir) {
  std::string to = dir.path() + "/pack";
  fs::copy(kExamples, to, fs::copy_options::recursive);
  return to;
}

// A database with a recorded check in its audit log (5 records).
std::string DatabaseWithLog(const TempDir& dir) {
  std::string db = dir.path() + "/log.db";
  REQUIRE(RunChipgate({"check", kHeld, "--rules", kExamples, "--audit", db}).exit_code == 1);
  return db;
}

}  // namespace

TEST_CASE("ExitCodeTableRowsEachHaveATest", "[cli][exit]") {
  std::istringstream doc(ReadFile(SourcePath("docs/cli.md")));
  std::vector<std::string> rows;
  bool in_section = false, in_table = false;
  for (std::string line; std::getline(doc, line);) {
    if (line.starts_with("## ")) in_section = line == "## Exit codes";
    if (!in_section) continue;
    if (line.starts_with("| command |")) {
      in_table = true;
      continue;
    }
    if (in_table && line.starts_with("|---")) continue;
    if (in_table && !line.starts_with("| ")) break;
    if (in_table) rows.push_back(line.substr(2, line.find(" | ", 2) - 2));
  }
  CHECK(rows == kRows);
}

TEST_CASE("ExitCodesOfCheck", "[cli][exit]") {
  TempDir dir;
  CHECK(Check(dir.Write("ok.yaml", Manifest("SG", {kGamingGpu}))) == 0);  // NAC: may ship
  CHECK(Check(kHeld) == 1);
  CHECK(Check(dir.Write("empty.yaml", Manifest("SG", {}))) == 1);  // nothing decided
  CHECK(Check(dir.path() + "/missing.yaml") == 2);
  CHECK(Check(dir.Write("bad.yaml", Manifest("SG", {"{part: P, colour: red}"}))) == 2);
  CHECK(Check(dir.Write("badvalue.yaml", Manifest("SG", {"{part: P, specs: {tpp: big}}"}))) == 2);
  CHECK(Check(kHeld, {"--bogus"}) == 2);
  CHECK(RunChipgate({"check", kHeld, "--rules", dir.path() + "/nopack", "--no-audit"}).exit_code ==
        2);
  // A failure to record gives no verdict: the audit log's directory does not exist.
  RunResult unrecorded =
      RunChipgate({"check", kHeld, "--rules", kExamples, "--audit", dir.path() + "/no/such.db"});
  CHECK(unrecorded.exit_code == 2);
  CHECK(unrecorded.out.empty());
}

TEST_CASE("ExitCodesOfCheckFailOn", "[cli][exit]") {
  TempDir dir;
  std::string review = dir.Write("review.yaml", Manifest("SG", {kNoData}));
  std::string required = dir.Write("required.yaml", Manifest("CN", {kAccelerator}));
  std::string prohibited = dir.Write("prohibited.yaml", Manifest("KP", {kAccelerator, kNoData}));
  std::string empty = dir.Write("empty.yaml", Manifest("SG", {}));
  std::string ok = dir.Write("ok.yaml", Manifest("SG", {kGamingGpu}));
  // What each threshold does to each kind of manifest: a row per manifest, a column per level.
  struct Row {
    std::string manifest;
    int review, license_required, prohibited;  // the exit code at each --fail-on
  };
  const std::vector<Row> rows = {
      {ok, 0, 0, 0},         {review, 1, 0, 0}, {empty, 1, 0, 0},  // no line is a review
      {required, 1, 1, 0},   {kHeld, 1, 1, 0},  // license_required and review lines
      {prohibited, 1, 1, 1},
  };
  for (const auto& row : rows) {
    INFO(row.manifest);
    // The default is review: the exit code without the option.
    CHECK(Check(row.manifest) == row.review);
    CHECK(Check(row.manifest, {"--fail-on", "review"}) == row.review);
    CHECK(Check(row.manifest, {"--fail-on", "license_required"}) == row.license_required);
    CHECK(Check(row.manifest, {"--fail-on=prohibited"}) == row.prohibited);
  }
  // Only the exit code changes: the report still says the shipment is held.
  RunResult held = RunChipgate({"check", kHeld, "--rules", kExamples, "--no-audit", "--format",
                                "json", "--fail-on", "prohibited"});
  CHECK(held.exit_code == 0);
  auto j = nlohmann::json::parse(held.out);
  CHECK(j["may_ship"] == false);
  CHECK(j["verdict"] == "license_required");
  // An unknown level is a usage error naming the option; nothing is decided.
  for (std::string bad : {"warning", "Review", "", "license-required"}) {
    INFO(bad);
    RunResult r =
        RunChipgate({"check", kHeld, "--rules", kExamples, "--no-audit", "--fail-on", bad});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--fail-on must be review, license_required or prohibited") !=
          std::string::npos);
  }
  // explain has no --fail-on: its exit code is its line's.
  CHECK(RunChipgate(
            {"explain", kHeld, "--rules", kExamples, "--line", "1", "--fail-on", "prohibited"})
            .exit_code == 2);
}

// 0: formatted (or rewritten); 1: --check on a file not formatted; 2: a file that does not
// parse, a YAML tag (refused), a missing path.
TEST_CASE("ExitCodesOfFmt", "[cli][exit]") {
  TempDir dir;
  std::string file = dir.Write("r.yaml", "classes:\n    - cite: c\n      id: x\n");
  CHECK(RunChipgate({"fmt", "--check", file}).exit_code == 1);
  CHECK(RunChipgate({"fmt", file}).exit_code == 0);
  CHECK(RunChipgate({"fmt", "--check", file}).exit_code == 0);
  CHECK(RunChipgate({"fmt", dir.Write("bad.yaml", "a: [1\n")}).exit_code == 2);
  CHECK(RunChipgate({"fmt", "--check", dir.Write("tag.yaml", "a: !!str 1\n")}).exit_code == 2);
  CHECK(RunChipgate({"fmt", dir.path() + "/missing"}).exit_code == 2);
}

TEST_CASE("ExitCodesOfExplain", "[cli][exit]") {
  auto explain = [](const std::string& line) {
    return RunChipgate({"explain", kHeld, "--rules", kExamples, "--line", line}).exit_code;
  };
  CHECK(explain("2") == 0);                                                     // license_exception
  CHECK(explain("1") == 1);                                                     // license_required
  CHECK(explain("5") == 1);                                                     // review
  CHECK(explain("9") == 2);                                                     // no such line
  CHECK(RunChipgate({"explain", kHeld, "--rules", kExamples}).exit_code == 2);  // --line required
}

// 1 needs an error that is not E100: a rule with a decision the language does not have.
// 0: the sample DGX order ships under D6789012; 1: a line the database does not describe is
// review, so nothing ships; 2: the same shipment id again, no --db, a part not stored.
TEST_CASE("ExitCodesOfShip", "[cli][exit]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string order = SourcePath("examples/manifests/order-cloud-sg.yaml");
  CHECK(RunChipgate({"ship", order, "--db", db, "--rules", kUsEar}).exit_code == 0);
  CHECK(RunChipgate({"ship", order, "--db", db, "--rules", kUsEar}).exit_code == 2);  // same id
  std::string review =
      dir.Write("review.yaml",
                "shipment: {id: S-R, date: 2025-03-01, consignee: {id: C-1010}}\nlines:\n"
                "  - {part: NOT-IN-THE-DB, quantity: 1}\n");
  CHECK(RunChipgate({"ship", review, "--db", db, "--rules", kUsEar}).exit_code == 1);
  CHECK(RunChipgate({"ship", order, "--rules", kUsEar}).exit_code == 2);  // no --db
  std::string inline_part =
      dir.Write("inline.yaml",
                "shipment: {id: S-I, date: 2025-03-01, consignee: {id: C-1010}}\nlines:\n"
                "  - {part: NOT-STORED, quantity: 1, specs: {type: other}}\n");
  CHECK(RunChipgate({"ship", inline_part, "--db", db, "--rules", kUsEar}).exit_code == 2);
}

TEST_CASE("ExitCodesOfScreen", "[cli][exit]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  CHECK(RunChipgate({"screen", "Lindenholz Gartenbedarf GmbH", "--db", db, "--rules", kUsEar})
            .exit_code == 0);
  CHECK(RunChipgate({"screen", "Huawei Technologies Co., Ltd.", "--rules", kUsEar}).exit_code == 1);
  CHECK(RunChipgate({"screen", "Huawei Technologie", "--rules", kUsEar}).exit_code == 1);
  CHECK(RunChipgate({"screen"}).exit_code == 2);
  CHECK(RunChipgate({"screen", "Foo", "--country", "ZZ"}).exit_code == 2);
  CHECK(RunChipgate({"screen", "Foo", "--date", "soon"}).exit_code == 2);
  CHECK(RunChipgate({"screen", "Foo", "--db", dir.path() + "/missing.db"}).exit_code == 2);
  CHECK(RunChipgate({"screen", "Foo", "--rules", dir.path()}).exit_code == 2);
}

TEST_CASE("ExitCodesOfLint", "[cli][exit]") {
  TempDir dir;
  CHECK(RunChipgate({"lint", kExamples}).exit_code == 0);
  std::string pack = CopyOfExamples(dir);
  dir.Write("pack/broken.yaml",
            "rules:\n  - id: broken\n    title: t\n    message: m\n    classes: any\n"
            "    decision: perhaps\n");
  CHECK(RunChipgate({"lint", pack}).exit_code == 1);
  CHECK(RunChipgate({"lint", dir.path() + "/nopack"}).exit_code == 2);  // E100
  CHECK(RunChipgate({"lint"}).exit_code == 2);                          // usage
}

// Each failing variant is a copy of the example pack with one thing changed: a case's expected
// decision (a failure), its tests removed (no case), a test file that is not YAML (an error).
TEST_CASE("ExitCodesOfTest", "[cli][exit]") {
  TempDir dir;
  CHECK(RunChipgate({"test", kExamples}).exit_code == 0);
  CHECK(RunChipgate({"test", kExamples, "--fail-under", "100"}).exit_code == 0);
  std::string pack = CopyOfExamples(dir);
  std::string tests = pack + "/tests/examples.yaml";
  EditFile(tests, "decision: license_required", "decision: prohibited");
  CHECK(RunChipgate({"test", pack}).exit_code == 1);  // a case fails
  TempDir dir2;
  std::string untested = CopyOfExamples(dir2);
  fs::remove_all(untested + "/tests");
  CHECK(RunChipgate({"test", untested}).exit_code == 1);  // no case found
  TempDir dir3;
  std::string broken = CopyOfExamples(dir3);
  std::ofstream(broken + "/tests/examples.yaml", std::ios::app) << "  - name: [unclosed\n";
  CHECK(RunChipgate({"test", broken}).exit_code == 2);  // a test file has errors
  CHECK(RunChipgate({"test", kExamples, "--fail-under", "101"}).exit_code == 2);
  CHECK(RunChipgate({"test", kExamples, "--run", "no such case"}).exit_code == 1);
  CHECK(RunChipgate({"test", kExamples, "--run", "(unclosed"}).exit_code == 2);
  TempDir dir4;
  std::string invalid = CopyOfExamples(dir4);
  EditFile(invalid + "/tests/examples.yaml", "destination: CN", "destination: MYS");
  CHECK(RunChipgate({"test", invalid}).exit_code == 2);  // a case has an invalid value
  // --watch exiting 0 on SIGTERM: tests/cli/test_command_test.cc.
}

// The example pack against a database with one shipment of a 3A090.a.1 IC to CN: the pack
// itself as baseline changes nothing; a baseline without the class changes the line.
TEST_CASE("ExitCodesOfTestAgainstDb", "[cli][exit]") {
  TempDir dir;
  std::string db = dir.path() + "/inv.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  REQUIRE(RunChipgate({"db", "import", db, "--parts",
                       dir.Write("p.csv",
                                 "part_number,declared_eccn,type,tpp,datacenter\n"
                                 "IC,EAR99,ic,5000,false\n"),
                       "--shipments",
                       dir.Write("s.csv",
                                 "shipment_id,date,consignee,consignee_country,end_user,"
                                 "end_user_country,end_user_headquarters,part_number,quantity,"
                                 "license\nS,2024-06-01,L,CN,L,CN,CN,IC,1,\n")})
              .exit_code == 0);
  CHECK(RunChipgate({"test", kExamples, "--against-db", db, "--baseline", kExamples}).exit_code ==
        0);
  std::string baseline = CopyOfExamples(dir);
  EditFile(baseline + "/classes.yaml", "tpp >= 4800", "tpp >= 9000");
  CHECK(RunChipgate({"test", kExamples, "--against-db", db, "--baseline", baseline}).exit_code ==
        1);
  TempDir outside;
  std::string pack = CopyOfExamples(outside);
  CHECK(RunChipgate({"test", pack, "--against-db", db}).exit_code == 2);  // no git, no baseline
  CHECK(RunChipgate(
            {"test", kExamples, "--against-db", dir.path() + "/none.db", "--baseline", kExamples})
            .exit_code == 2);
}

// An empty database has nothing to find; the sample inventory has parts whose declared ECCN
// differs from the one the pack computes, among other findings (docs/inventory-audit.md).
TEST_CASE("ExitCodesOfAudit", "[cli][exit]") {
  TempDir dir;
  std::string empty = dir.path() + "/empty.db";
  REQUIRE(RunChipgate({"db", "init", empty}).exit_code == 0);
  CHECK(RunChipgate({"audit", "--db", empty, "--rules", kUsEar}).exit_code == 0);  // no finding
  std::string sample = BuildSampleDatabase(dir);
  RunResult found = RunChipgate({"audit", "--db", sample, "--rules", kUsEar, "--format", "json"});
  CHECK(found.exit_code == 1);
  CHECK_FALSE(nlohmann::json::parse(found.out)["findings"].empty());
  CHECK(RunChipgate({"audit", "--db", dir.path() + "/missing.db"}).exit_code == 2);
  CHECK(RunChipgate({"audit", "--db", empty, "--date", "2024-13-01"}).exit_code == 2);
  CHECK(RunChipgate({"audit"}).exit_code == 2);
}

TEST_CASE("ExitCodesOfDb", "[cli][exit]") {
  TempDir dir;
  std::string db = dir.path() + "/x.db";
  CHECK(RunChipgate({"db", "init", db}).exit_code == 0);
  CHECK(RunChipgate({"db", "import", db, "--parts", SourcePath("db/sample/parts.csv")}).exit_code ==
        0);
  CHECK(RunChipgate({"db", "init", dir.path() + "/no/such/dir.db"}).exit_code == 2);
  std::string bad = dir.Write("bad.csv",
                              "part_number,description,declared_eccn,type,tpp,die_area_mm2,"
                              "datacenter,io_bandwidth_gbs,memory_bandwidth_density,"
                              "dram_bandwidth_gbs,source\nP1,,,ic,lots,,,,,,\n");  // tpp
  CHECK(RunChipgate({"db", "import", db, "--parts", bad}).exit_code == 2);
  CHECK(RunChipgate({"db", "import", db}).exit_code == 2);  // no file given
}

TEST_CASE("ExitCodesOfLists", "[cli][exit]") {
  TempDir dir;
  std::string db = dir.path() + "/x.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  CHECK(RunChipgate({"lists", "import", "--db", db, SourcePath("tests/data/lists/csl.csv")})
            .exit_code == 0);
  CHECK(RunChipgate({"lists", "status", "--db", db}).exit_code == 0);
  CHECK(RunChipgate({"lists", "import", "--db", db, dir.Write("bad.csv", "not,a,list\n")})
            .exit_code == 2);
  CHECK(RunChipgate({"lists", "remove", "--db", db, "--digest", "sha256:00"}).exit_code == 2);
  CHECK(RunChipgate({"lists", "status"}).exit_code == 2);  // no --db
}

TEST_CASE("ExitCodesOfLicense", "[cli][exit]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  CHECK(RunChipgate({"license", "list", "--db", db}).exit_code == 0);
  CHECK(RunChipgate({"license", "show", "D3456789", "--db", db}).exit_code == 0);
  CHECK(RunChipgate({"license", "show", "D7777777", "--db", db}).exit_code == 2);
  CHECK(RunChipgate({"license", "list", "--db", db, "--date", "soon"}).exit_code == 2);
  CHECK(RunChipgate({"license", "list", "--db", dir.path() + "/missing.db"}).exit_code == 2);
}

TEST_CASE("ExitCodesOfParts", "[cli][exit]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  CHECK(RunChipgate({"parts", "list", "--db", db, "--rules", kUsEar}).exit_code == 0);
  CHECK(RunChipgate({"parts", "show", "NV-DGX-H100", "--db", db, "--rules", kUsEar}).exit_code ==
        0);
  CHECK(RunChipgate({"parts", "show", "NO-SUCH-PART", "--db", db, "--rules", kUsEar}).exit_code ==
        2);
  CHECK(RunChipgate({"parts", "list", "--db", db, "--date", "soon"}).exit_code == 2);
  CHECK(RunChipgate({"parts", "list", "--db", dir.path() + "/missing.db"}).exit_code == 2);
  CHECK(RunChipgate({"parts", "list", "--db", db, "--rules", dir.path()}).exit_code == 2);
}

TEST_CASE("ExitCodesOfRules", "[cli][exit]") {
  TempDir dir;
  CHECK(RunChipgate({"rules", "list", "--rules", kUsEar}).exit_code == 0);
  CHECK(RunChipgate({"rules", "show", "ac-d5-macau", "--rules", kUsEar}).exit_code == 0);
  CHECK(RunChipgate({"rules", "show", "no-such-rule", "--rules", kUsEar}).exit_code == 2);
  CHECK(RunChipgate({"rules", "list", "--rules", dir.path()}).exit_code == 2);
  CHECK(RunChipgate({"rules", "list", "--rules", kUsEar, "--format", "csv"}).exit_code == 2);
}

// 1 twice: an anchor that does not match an intact log, then a log rewritten behind chipgate's
// back (Tamper keeps the schema looking like chipgate's, so only the chain shows it).
TEST_CASE("ExitCodesOfLogVerify", "[cli][exit]") {
  TempDir dir;
  std::string db = DatabaseWithLog(dir);
  CHECK(RunChipgate({"log", "verify", "--db", db}).exit_code == 0);
  CHECK(RunChipgate({"log", "verify", "--db", db, "--expect-head", "5:" + std::string(64, '0')})
            .exit_code == 1);  // an anchor that does not match
  CHECK(RunChipgate({"log", "verify", "--db", db, "--expect-head", "five"}).exit_code == 2);
  CHECK(RunChipgate({"log", "verify", "--db", dir.path() + "/missing.db"}).exit_code == 2);
  Tamper(db, "UPDATE audit_log SET decision = 'no_license_required' WHERE seq = 1;");
  CHECK(RunChipgate({"log", "verify", "--db", db}).exit_code == 1);  // the chain is broken
}

TEST_CASE("ExitCodesOfLogCheckpoint", "[cli][exit]") {
  TempDir dir;
  std::string db = DatabaseWithLog(dir);
  std::string cps = dir.path() + "/checkpoints";
  CHECK(RunChipgate({"log", "checkpoint", "--db", db, "--checkpoints", cps}).exit_code == 0);
  std::string empty = dir.path() + "/empty.db";
  REQUIRE(RunChipgate({"db", "init", empty}).exit_code == 0);
  CHECK(RunChipgate({"log", "checkpoint", "--db", empty, "--checkpoints", dir.path() + "/c2"})
            .exit_code == 2);  // nothing to checkpoint
  Tamper(db, "UPDATE audit_log SET decision = 'no_license_required' WHERE seq = 1;");
  std::string before = ReadFile(cps);
  CHECK(RunChipgate({"log", "checkpoint", "--db", db, "--checkpoints", cps}).exit_code == 1);
  CHECK(ReadFile(cps) == before);  // nothing written
}

TEST_CASE("ExitCodesOfLogExport", "[cli][exit]") {
  TempDir dir;
  std::string db = DatabaseWithLog(dir);
  RunResult r = RunChipgate({"log", "export", "--db", db});
  CHECK(r.exit_code == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 5);
  CHECK(RunChipgate({"log", "export", "--db", dir.path() + "/missing.db"}).exit_code == 2);
}

TEST_CASE("ExitCodesOfVersion", "[cli][exit]") {
  CHECK(RunChipgate({"version"}).exit_code == 0);
  CHECK(RunChipgate({"--version"}).exit_code == 0);
  CHECK(RunChipgate({"version", "--format", "json"}).exit_code == 0);
  CHECK(RunChipgate({"version", "--format", "yaml"}).exit_code == 2);
  CHECK(RunChipgate({"version", "extra"}).exit_code == 2);
}

TEST_CASE("ExitCodesOfHelp", "[cli][exit]") {
  CHECK(RunChipgate({"help"}).exit_code == 0);
  CHECK(RunChipgate({"--help"}).exit_code == 0);
  CHECK(RunChipgate({"-h"}).exit_code == 0);
  CHECK(RunChipgate({"help", "check"}).exit_code == 0);
  CHECK(RunChipgate({"check", "--help"}).exit_code == 0);
  CHECK(RunChipgate({"help", "--man"}).exit_code == 0);
  CHECK(RunChipgate({"help", "nosuch"}).exit_code == 2);
}

TEST_CASE("ExitCodesOfCompletion", "[cli][exit]") {
  for (const char* shell : {"bash", "zsh", "fish"})
    CHECK(RunChipgate({"completion", shell}).exit_code == 0);
  CHECK(RunChipgate({"completion", "csh"}).exit_code == 2);
}

TEST_CASE("ExitCodesOfNoOrUnknownCommand", "[cli][exit]") {
  RunResult none = RunChipgate({});
  CHECK(none.exit_code == 2);
  CHECK(none.out.empty());
  CHECK(none.err.find("usage: chipgate COMMAND") != std::string::npos);
  RunResult unknown = RunChipgate({"chek"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("unknown command `chek`") != std::string::npos);
}

}  // namespace chipgate::testing
