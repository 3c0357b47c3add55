// The published schemas (schemas/chipgate.<kind>.v1.schema.json) against what chipgate writes:
// one test per kind runs the built binary on the bundled sample data (db/sample, examples/,
// rules/) and checks every JSON document it prints, and the golden JSON files, with
// tests/schemas/check_output.py (python3-jsonschema, installed by scripts/setup; a missing tool
// fails these tests). Each document must carry a `schema` member naming an existing schema file.
// The schemas close every object whose members chipgate promises, so a field added or renamed
// without its schema fails here; a test below proves that they do.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

namespace fs = std::filesystem;

const std::string kSchemas = SourcePath("schemas");
const std::string kExamples = SourcePath("rules/examples");
const std::string kUsEar = SourcePath("rules/us-ear");
const std::string kManifests = SourcePath("examples/manifests");

// Runs the validator on `file` (a shell command of fixed text and temporary paths only).
ShellResult Validator(const std::string& args) {
  std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  return RunShell(python + " " + SourcePath("tests/schemas/check_output.py") + " " + args);
}

// The validator's verdict on `text` as documents of `kind` (JSON Lines with `lines`): 0 valid,
// 1 not, 2 not JSON at all.
int Verdict(const std::string& kind, const std::string& text, bool lines = false) {
  TempDir dir;
  std::string file = dir.Write("doc.json", text);
  ShellResult t = Validator(kSchemas + " " + kind + " " + file + (lines ? " --lines" : ""));
  UNSCOPED_INFO(t.out);
  return t.exit_code;
}

// `text` must be valid documents of `kind`.
void Valid(const std::string& kind, const std::string& text, bool lines = false) {
  INFO(kind << " document:\n" << text.substr(0, 2000));
  CHECK(Verdict(kind, text, lines) == 0);
}

// Runs chipgate; requires one of the exit codes in `exits`; returns stdout.
std::string Out(const std::vector<std::string>& args, std::set<int> exits = {0}) {
  RunResult r = RunChipgate(args);
  std::string cmd;
  for (const auto& a : args) cmd += a + " ";
  INFO(cmd << "\nstderr: " << r.err);
  REQUIRE(exits.count(r.exit_code) == 1);
  return r.out;
}

// A fresh copy of the sample database.
struct Sample {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
};

// The kinds the tests below cover, which must be the kinds there are schema files for.
const std::set<std::string> kTestedKinds = {
    "check",           "explain",      "ship",           "lint",         "test",
    "audit",           "version",      "diagnostic",     "license-list", "license-show",
    "lists-status",    "lists-import", "lists-remove",   "db-init",      "db-import",
    "db-migrate",      "log-verify",   "log-checkpoint", "log-line",     "fmt",
    "test-against-db", "part-list",    "part-show",      "rule-list",    "rule-show",
    "screen"};

}  // namespace

TEST_CASE("SchemaFilesAreWellFormedAndEachKindIsTested", "[cli][schema]") {
  ShellResult t = Validator(kSchemas + " --schemas");
  INFO(t.out);
  REQUIRE(t.exit_code == 0);
  std::set<std::string> kinds;
  std::istringstream in(t.out);
  for (std::string k; std::getline(in, k);) kinds.insert(k);
  CHECK(kinds == kTestedKinds);
}

TEST_CASE("CheckDocumentsMatchTheirSchema", "[cli][schema]") {
  for (const char* golden : {"inline-specs", "order-cloud-sg", "order-de-lab", "order-mixed"}) {
    INFO(golden);
    Valid("check", ReadFile(SourcePath(std::string("tests/golden/check/") + golden + ".json")));
  }
  Sample s;
  for (const auto& e : fs::directory_iterator(kManifests)) {
    std::string m = e.path().string();
    INFO(m);
    // Recorded (the audit block filled in), with the inventory and its licenses.
    Valid("check", Out({"check", m, "--db", s.db, "--rules", kUsEar, "--format", "json"}, {0, 1}));
    // Not recorded: `audit` is null.
    Valid("check", Out({"check", m, "--rules", kUsEar, "--format", "json", "--no-audit"}, {0, 1}));
  }
  // A stack of two packs lists both; a line with no shipment id, no citation and no exception.
  Valid("check", Out({"check", kManifests + "/inline-specs.yaml", "--rules", kUsEar, "--rules",
                      SourcePath("examples/company-pack"), "--format", "json", "--no-audit"},
                     {0, 1}));
  Valid("check", Out({"check", kManifests + "/inline-specs.yaml", "--rules", kExamples, "--format",
                      "json", "--no-audit"},
                     {0, 1}));
}

TEST_CASE("ExplainDocumentsMatchTheirSchema", "[cli][schema]") {
  std::string m = kManifests + "/inline-specs.yaml";
  for (const char* line : {"1", "2", "4"}) {
    Valid("explain",
          Out({"explain", m, "--rules", kExamples, "--line", line, "--format", "json"}, {0, 1}));
  }
  Valid("explain",
        Out({"check", m, "--rules", kExamples, "--explain", "--format", "json", "--no-audit"},
            {0, 1}));
  Sample s;
  Valid("explain", Out({"check", kManifests + "/order-mixed.yaml", "--db", s.db, "--rules", kUsEar,
                        "--explain", "--format", "json"},
                       {0, 1}));
}

TEST_CASE("ShipDocumentsMatchTheirSchema", "[cli][schema]") {
  Sample s;
  // Shipped under a license, then refused as a second shipment of the same id.
  std::string m = kManifests + "/order-cloud-sg.yaml";
  Valid("ship", Out({"ship", m, "--db", s.db, "--rules", kUsEar, "--format", "json"}, {0, 1}));
  Valid("ship", Out({"ship", kManifests + "/order-mixed.yaml", "--db", s.db, "--rules", kUsEar,
                     "--format", "json"},
                    {0, 1}));
}

TEST_CASE("LintDocumentsMatchTheirSchema", "[cli][schema]") {
  for (const char* pack : {"rules/us-ear", "rules/examples", "tests/golden/broken_pack",
                           "tests/golden/lint_pack", "tests/golden/broken_yaml"}) {
    INFO(pack);
    Valid("lint", Out({"lint", SourcePath(pack), "--format", "json"}, {0, 1}));
  }
  // Not a pack at all: a diagnostic without a line or column.
  Valid("lint", Out({"lint", "/nonexistent/pack", "--format", "json"}, {2}));
}

TEST_CASE("TestDocumentsMatchTheirSchema", "[cli][schema]") {
  Valid("test", Out({"test", kExamples, "--format", "json"}));
  Valid("test", Out({"test", kUsEar, "--format", "json"}));
  // A failing case: its failures listed.
  TempDir dir;
  fs::copy(kExamples, dir.path() + "/pack", fs::copy_options::recursive);
  dir.Write("pack/tests/failing.yaml",
            "tests:\n"
            "  - name: wrong on purpose\n"
            "    date: 2024-06-01\n"
            "    destination: DE\n"
            "    item: {part: P, specs: {type: ic, tpp: 100}}\n"
            "    expect: {decision: prohibited}\n");
  std::string out = Out({"test", dir.path() + "/pack", "--format", "json"}, {1});
  Valid("test", out);
  CHECK(nlohmann::json::parse(out)["failed"] == 1);
}

TEST_CASE("FmtDocumentsMatchTheirSchema", "[cli][schema]") {
  TempDir dir;
  fs::copy(kExamples, dir.path() + "/pack", fs::copy_options::recursive);
  // Formatted already: every file listed as formatted, exit 0.
  std::string clean = Out({"fmt", "--check", "--format", "json", dir.path() + "/pack"});
  Valid("fmt", clean);
  CHECK(nlohmann::json::parse(clean)["unformatted"] == 0);
  // One file out of layout (four-space indentation) and one that does not parse.
  dir.Write("pack/tests/messy.yaml",
            "tests:\n"
            "    - name: messy\n"
            "      date: 2024-06-01\n"
            "      destination: DE\n"
            "      item: {part: P, specs: {type: ic, tpp: 100}}\n"
            "      expect: {decision: no_license_required}\n");
  std::string messy = Out({"fmt", "--check", "--format", "json", dir.path() + "/pack"}, {1});
  Valid("fmt", messy);
  CHECK(nlohmann::json::parse(messy)["unformatted"] == 1);
  dir.Write("pack/tests/broken.yaml", "tests: [\n");
  std::string broken = Out({"fmt", "--check", "--format", "json", dir.path() + "/pack"}, {2});
  Valid("fmt", broken);
  CHECK(!nlohmann::json::parse(broken)["diagnostics"].empty());
}

TEST_CASE("TestAgainstDbDocumentsMatchTheirSchema", "[cli][schema]") {
  Sample sample;
  TempDir dir;
  const std::string base = dir.path() + "/base", edited = dir.path() + "/edited";
  fs::copy(kUsEar, base, fs::copy_options::recursive);
  fs::copy(kUsEar, edited, fs::copy_options::recursive);
  // Unchanged: no group, exit 0, the baseline without a revision (null).
  std::string same = Out({"test", edited, "--against-db", sample.db, "--baseline", base, "--format",
                          "json", "--date", "2025-06-01"});
  Valid("test-against-db", same);
  auto sj = nlohmann::json::parse(same);
  CHECK(sj["groups"].empty());
  CHECK(sj["baseline"]["revision"].is_null());
  // 3A090.a's performance threshold raised: the sample's H100/H200 parts and lines change.
  std::string classes = ReadFile(edited + "/classes.yaml");
  const std::string from = "tpp >= 4800", to = "tpp >= 48000";
  for (size_t at = classes.find(from); at != std::string::npos;
       at = classes.find(from, at + to.size()))
    classes.replace(at, from.size(), to);
  dir.Write("edited/classes.yaml", classes);
  std::string changed = Out({"test", edited, "--against-db", sample.db, "--baseline", base,
                             "--format", "json", "--date", "2025-06-01"},
                            {1});
  Valid("test-against-db", changed);
  auto cj = nlohmann::json::parse(changed);
  REQUIRE(!cj["groups"].empty());
  std::set<std::string> subjects;
  for (const auto& g : cj["groups"])
    for (const auto& c : g["changes"]) subjects.insert(c["subject"].get<std::string>());
  CHECK(subjects.count("part_classification") == 1);
}

TEST_CASE("AuditDocumentsMatchTheirSchema", "[cli][schema]") {
  Valid("audit", ReadFile(SourcePath("tests/golden/audit/sample.json")));
  Sample s;
  // Recorded (`run` set), and compared with another date (`changes` a list).
  Valid("audit", Out({"audit", "--db", s.db, "--rules", kUsEar, "--date", "2026-11-29",
                      "--compare-date", "2024-01-01", "--format", "json"},
                     {0, 1}));
}

TEST_CASE("VersionDocumentMatchesItsSchema", "[cli][schema]") {
  std::string out = Out({"version", "--format", "json"});
  Valid("version", out);
  auto j = nlohmann::json::parse(out);
  CHECK(j["chipgate_version"] == j["version"]);
}

TEST_CASE("DiagnosticLinesMatchTheirSchema", "[cli][schema]") {
  std::string m = kManifests + "/inline-specs.yaml";
  // A pack with errors stops check; a missing pack is a diagnostic without a line.
  for (const char* pack : {"tests/golden/broken_pack", "no/such/pack"}) {
    RunResult r =
        RunChipgate({"check", m, "--rules", SourcePath(pack), "--format", "json", "--no-audit"});
    CHECK(r.exit_code == 2);
    Valid("diagnostic", r.err, true);
  }
  // A CSV file with a bad cell stops db import.
  TempDir dir;
  std::string db = dir.path() + "/x.db";
  Out({"db", "init", db});
  std::string parts = dir.Write("parts.csv", "part_number,tpp\nA,-5\n");
  RunResult r = RunChipgate({"db", "import", db, "--parts", parts, "--format", "json"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  Valid("diagnostic", r.err, true);
}

TEST_CASE("LicenseDocumentsMatchTheirSchemas", "[cli][schema]") {
  Sample s;
  std::string list =
      Out({"license", "list", "--db", s.db, "--date", "2025-03-01", "--format", "json"});
  Valid("license-list", list);
  // Every license the sample holds, shown alone. The parsed document is a named object: a
  // range-for over a member of a temporary would read it after it is destroyed.
  const nlohmann::json listed = nlohmann::json::parse(list);
  for (const auto& l : listed["licenses"]) {
    Valid("license-show", Out({"license", "show", l["number"].get<std::string>(), "--db", s.db,
                               "--date", "2025-03-01", "--format", "json"}));
  }
}

TEST_CASE("PartAndRuleDocumentsMatchTheirSchemas", "[cli][schema]") {
  Sample s;
  const std::string list =
      Out({"parts", "list", "--db", s.db, "--date", "2025-03-01", "--format", "json"});
  Valid("part-list", list);
  // A part with shipments and a license, a server with a bill of materials, a part that other
  // parts contain, and one declared in another spelling.
  for (const char* part : {"PSU-2000W-TI", "NV-DGX-H100", "NV-H100-SXM5-80G", "NV-A800-PCIE-80G"}) {
    Valid("part-show",
          Out({"parts", "show", part, "--db", s.db, "--date", "2025-03-01", "--format", "json"}));
  }
  Valid("rule-list", Out({"rules", "list", "--rules", kUsEar, "--format", "json"}));
  // One entry of each kind: a class, a rule, an exception with a revision, a dated group.
  for (const char* id : {"3A090.a.1", "ac-d5-macau", "NAC", "D:5"}) {
    Valid("rule-show", Out({"rules", "show", id, "--rules", kUsEar, "--format", "json"}));
  }
}

TEST_CASE("ScreenDocumentsMatchTheirSchema", "[cli][schema]") {
  Sample s;
  REQUIRE(RunChipgate({"lists", "import", "--db", s.db, SourcePath("tests/data/lists/csl.csv")})
              .exit_code == 0);
  // Exact hits on the pack and on an imported list, a possible match, a clear name; a country.
  Valid("screen", Out({"screen", "Huawei Technologies Co., Ltd.", "Dawning Informaton Industry",
                       "Lindenholz Gartenbedarf GmbH", "--country", "CN", "--db", s.db, "--date",
                       "2025-03-01", "--format", "json"},
                      {1}));
  Valid("screen", Out({"screen", "Lindenholz Gartenbedarf GmbH", "--format", "json"}));
}

TEST_CASE("ListsDocumentsMatchTheirSchemas", "[cli][schema]") {
  Sample s;
  std::string csl = SourcePath("tests/data/lists/csl.csv");
  std::string imported = Out({"lists", "import", "--db", s.db, csl, "--format", "json"});
  Valid("lists-import", imported);
  auto version = nlohmann::json::parse(imported)["version"];
  // The same file again is found stored already.
  std::string again = Out({"lists", "import", "--db", s.db, csl, "--format", "json"});
  Valid("lists-import", again);
  CHECK(nlohmann::json::parse(again)["already_stored"] == true);
  Valid("lists-import",
        Out({"lists", "import", "--db", s.db, SourcePath("tests/data/lists/opensanctions.csv"),
             "--format", "json"}));
  Valid("lists-status", Out({"lists", "status", "--db", s.db, "--format", "json"}));
  std::string removed = Out({"lists", "remove", "--db", s.db, "--digest",
                             version["digest"].get<std::string>(), "--format", "json"});
  Valid("lists-remove", removed);
  CHECK(nlohmann::json::parse(removed)["removed"] == version);
}

TEST_CASE("DbDocumentsMatchTheirSchemas", "[cli][schema]") {
  TempDir dir;
  std::string db = dir.path() + "/new.db";
  Valid("db-init", Out({"db", "init", db, "--format", "json"}));
  std::string out =
      Out({"db", "import", db, "--parts", SourcePath("db/sample/parts.csv"), "--components",
           SourcePath("db/sample/components.csv"), "--format", "json"});
  Valid("db-import", out);
  auto j = nlohmann::json::parse(out);
  CHECK(j["files"]["parts"] == SourcePath("db/sample/parts.csv"));
  CHECK(j["files"]["licenses"].is_null());
  // An empty log (head null), then one with a record.
  std::string copy = dir.path() + "/copy.db";
  Valid("db-migrate", Out({"db", "migrate", "--from", db, "--to", copy, "--format", "json"}));
  REQUIRE(RunChipgate({"check", SourcePath("examples/manifests/order-de-lab.yaml"), "--db", db})
              .exit_code <= 1);
  Valid("db-migrate",
        Out({"db", "migrate", "--from", db, "--to", dir.path() + "/copy2.db", "--format", "json"}));
}

TEST_CASE("LogDocumentsMatchTheirSchemas", "[cli][schema]") {
  Sample s;
  Out({"check", kManifests + "/order-de-lab.yaml", "--db", s.db, "--rules", kUsEar}, {0, 1});
  std::string verified = Out({"log", "verify", "--db", s.db, "--format", "json"});
  Valid("log-verify", verified);
  auto v = nlohmann::json::parse(verified);
  CHECK(v["valid"] == true);
  CHECK(v["problem"].is_null());
  CHECK(v["signatures"].is_null());
  std::string checkpoints = s.dir.path() + "/log.checkpoints";
  std::string cp =
      Out({"log", "checkpoint", "--db", s.db, "--checkpoints", checkpoints, "--format", "json"});
  Valid("log-checkpoint", cp);
  CHECK(nlohmann::json::parse(cp)["checkpoint"] == v["head"]);
  std::string anchored =
      Out({"log", "verify", "--db", s.db, "--checkpoints", checkpoints, "--format", "json"});
  Valid("log-verify", anchored);
  CHECK(nlohmann::json::parse(anchored)["signatures"] == "none_signed");
  // An anchor the log does not match: invalid, with the problem named (exit 1).
  std::string wrong = Out({"log", "verify", "--db", s.db, "--expect-head",
                           "1:" + std::string(64, 'a'), "--format", "json"},
                          {1});
  Valid("log-verify", wrong);
  auto w = nlohmann::json::parse(wrong);
  CHECK(w["valid"] == false);
  CHECK(w["problem"]["kind"] == "anchor");
}

TEST_CASE("OperationalLogLinesMatchTheirSchema", "[cli][schema]") {
  TempDir dir;
  std::string log = dir.path() + "/chipgate.log";
  // Recording decisions logs a line at info; trace adds every kind of line, fields and all.
  Out({"check", kManifests + "/inline-specs.yaml", "--rules", kExamples, "--audit",
       dir.path() + "/a.db", "--log-level", "trace", "--log-file", log},
      {1});
  std::string lines = ReadFile(log);
  CHECK(lines.find("recorded 5 decisions") != std::string::npos);
  Valid("log-line", lines, true);
}

// The schemas are closed where chipgate promises the fields: a document with a member added,
// renamed or emptied ("" instead of null), or without its schema name, is refused.
TEST_CASE("SchemasRefuseAddedRenamedAndEmptyFields", "[cli][schema]") {
  auto doc = nlohmann::json::parse(ReadFile(SourcePath("tests/golden/check/order-mixed.json")));
  REQUIRE(Verdict("check", doc.dump()) == 0);
  auto added = doc;
  added["lines"][0]["new_field"] = 1;
  CHECK(Verdict("check", added.dump()) == 1);
  auto renamed = doc;
  renamed["lines"][0]["part_number"] = renamed["lines"][0]["part"];
  renamed["lines"][0].erase("part");
  CHECK(Verdict("check", renamed.dump()) == 1);
  auto emptied = doc;
  emptied["lines"][0]["reasons"][0]["policy"] = "";
  CHECK(Verdict("check", emptied.dump()) == 1);
  auto unnamed = doc;
  unnamed.erase("schema");
  CHECK(Verdict("check", unnamed.dump()) == 1);
  auto unknown = doc;
  unknown["schema"] = "chipgate.nosuch/v1";
  CHECK(Verdict("check", unknown.dump()) == 1);
  // A document of another kind is not taken for this one.
  CHECK(Verdict("ship", doc.dump()) == 1);
}

// db, log and lists honour --format json; a format they cannot write is a usage error.
TEST_CASE("DbLogAndListsRefuseFormatsTheyCannotWrite", "[cli][schema]") {
  Sample s;
  std::string csl = SourcePath("tests/data/lists/csl.csv");
  std::vector<std::vector<std::string>> refused = {
      {"db", "init", s.dir.path() + "/other.db", "--format", "html"},
      {"db", "import", s.db, "--parts", SourcePath("db/sample/parts.csv"), "--format", "sarif"},
      {"log", "verify", "--db", s.db, "--format", "junit"},
      {"log", "export", "--db", s.db, "--format", "text"},
      {"lists", "import", "--db", s.db, csl, "--format", "tap"},
      {"lists", "remove", "--db", s.db, "--digest", "sha256:" + std::string(64, '0'), "--format",
       "xml"},
  };
  for (const auto& args : refused) {
    std::string cmd;
    for (const auto& a : args) cmd += a + " ";
    INFO(cmd);
    RunResult r = RunChipgate(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--format must be one of") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(s.dir.path() + "/other.db"));
  // `log export` writes the stored records, JSON already, with or without --format json.
  std::string plain = Out({"log", "export", "--db", s.db});
  CHECK(Out({"log", "export", "--db", s.db, "--format", "json"}) == plain);
}

}  // namespace chipgate::testing
