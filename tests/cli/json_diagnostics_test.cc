// JSON from every command that writes a report, diagnostics included: `lint` and `explain`
// write JSON documents; with a machine format a diagnostic that stops a command is a JSON Lines
// record on stderr ({"code", "severity", "file", "line", "column", "message"}), never the text
// rendering; and a --format (or an option) a command cannot honour is a usage error (exit 2),
// never silently ignored.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kManifest = SourcePath("examples/manifests/inline-specs.yaml");
const std::string kExamples = SourcePath("rules/examples");

// A pack with an error at line 4, column 31 (E202).
std::string BrokenPack(const TempDir& dir) {
  dir.Write("broken/pack.yaml",
            "attributes: [{name: tpp, type: number}]\n"
            "classes:\n"
            "  - {id: X.a, cite: c, when: \"tpp > 1\"}\n"
            "  - {id: X.b, cite: c, when: \"tdp > 1\"}\n");
  return dir.path() + "/broken";
}

// Every line of `err` that is not a plain `chipgate ...:` message parsed as JSON; a line that
// is neither fails the test. (Messages about the run itself, such as "rule pack has errors",
// stay sentences: they carry no location or code.)
std::vector<nlohmann::json> JsonLines(const std::string& err) {
  std::vector<nlohmann::json> out;
  std::istringstream in(err);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("chipgate")) continue;
    INFO(line);
    REQUIRE(line.starts_with("{"));
    out.push_back(nlohmann::json::parse(line));
    // A record on its own names its schema and the chipgate that wrote it.
    CHECK(out.back()["schema"] == "chipgate.diagnostic/v1");
    out.back().erase("schema");
    out.back().erase("chipgate_version");
  }
  return out;
}

// The members of a diagnostic (a record's own `schema` and `chipgate_version` removed).
void CheckDiagnosticShape(const nlohmann::json& d) {
  std::vector<std::string> keys;
  for (auto it = d.begin(); it != d.end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"code", "column", "file", "line", "message", "severity"});
}

}  // namespace

TEST_CASE("LintJsonReportsEveryDiagnostic", "[cli][json]") {
  TempDir dir;
  std::string pack = BrokenPack(dir);
  RunResult r = RunChipgate({"lint", pack, "--format", "json"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["pack"] == pack);
  CHECK(j["errors"] == 1);
  CHECK(j["warnings"] == 0);
  REQUIRE(j["diagnostics"].size() == 1);
  const auto& d = j["diagnostics"][0];
  CheckDiagnosticShape(d);
  CHECK(d["code"] == "E202");
  CHECK(d["severity"] == "error");
  CHECK(d["file"] == pack + "/pack.yaml");
  CHECK(d["line"] == 4);
  CHECK(d["column"] == 31);
  CHECK(d["message"] == "class `X.b`: unknown name `tdp`");
}

TEST_CASE("LintJsonOfNotAPackExitsTwoWithTheDiagnostic", "[cli][json]") {
  RunResult r = RunChipgate({"lint", "/nonexistent/pack", "--format", "json"});
  CHECK(r.exit_code == 2);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["diagnostics"].size() >= 1);
  CHECK(j["diagnostics"][0]["code"] == "E100");
}

TEST_CASE("LintJsonOfACleanPackHasNoDiagnostics", "[cli][json]") {
  RunResult r = RunChipgate({"lint", kExamples, "--format", "json"});
  CHECK(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["errors"] == 0);
  CHECK(j["diagnostics"].empty());
}

TEST_CASE("ExplainJsonHasTheTraceAndTheReasons", "[cli][json]") {
  RunResult r =
      RunChipgate({"explain", kManifest, "--rules", kExamples, "--line", "2", "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 0);  // line 2 ships under NAC
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["shipment"] == "SO-1001");
  CHECK(j["verdict"].is_null());  // one line explained is no verdict on the shipment
  CHECK(j["recorded"] == false);
  REQUIRE(j["lines"].size() == 1);
  const auto& line = j["lines"][0];
  CHECK(line["index"] == 2);
  CHECK(line["decision"] == "license_exception");
  REQUIRE_FALSE(line["trace"].empty());
  for (const auto& e : line["trace"]) {
    for (const char* key : {"kind", "id", "result", "detail"}) CHECK(e.contains(key));
  }
  bool nac = false;
  for (const auto& e : line["trace"]) nac = nac || (e["kind"] == "exception" && e["id"] == "NAC");
  CHECK(nac);
  REQUIRE_FALSE(line["reasons"].empty());
  CHECK(line["reasons"][0].contains("cite"));
}

TEST_CASE("CheckExplainJsonIsJsonAndRecords", "[cli][json]") {
  TempDir dir;
  std::string db = dir.path() + "/audit.db";
  RunResult r = RunChipgate(
      {"check", kManifest, "--rules", kExamples, "--explain", "--format", "json", "--audit", db});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);  // no text anywhere
  CHECK(j["verdict"] == "license_required");
  CHECK(j["may_ship"] == false);
  CHECK(j["lines"].size() == 5);
  for (const auto& line : j["lines"]) CHECK_FALSE(line["trace"].empty());
  CHECK(j["recorded"] == true);
  CHECK(j["audit"]["last_seq"] == 5);
}

TEST_CASE("CheckJsonPackErrorsAreJsonLines", "[cli][json]") {
  TempDir dir;
  std::string pack = BrokenPack(dir);
  RunResult r =
      RunChipgate({"check", kManifest, "--rules", pack, "--format", "json", "--no-audit"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  auto lines = JsonLines(r.err);
  REQUIRE(lines.size() == 1);
  CheckDiagnosticShape(lines[0]);
  CHECK(lines[0]["code"] == "E202");
  CHECK(lines[0]["line"] == 4);
  // The text rendering (source line and caret) is not there.
  CHECK(r.err.find("^") == std::string::npos);
}

TEST_CASE("CheckJsonManifestErrorsAreJsonLines", "[cli][json]") {
  TempDir dir;
  std::string manifest = dir.Write("m.yaml",
                                   "shipment: {id: S, date: 2024-06-01, destination: CN}\n"
                                   "lines:\n"
                                   "  - {part: A, quantity: 1, specs: {tpp: \"many\"}}\n");
  RunResult r =
      RunChipgate({"check", manifest, "--rules", kExamples, "--format", "json", "--no-audit"});
  CHECK(r.exit_code == 2);
  auto lines = JsonLines(r.err);
  REQUIRE_FALSE(lines.empty());
  for (const auto& d : lines) {
    CheckDiagnosticShape(d);
    CHECK(d["file"] == manifest);
    CHECK(d["severity"] == "error");
  }
}

TEST_CASE("TestMachineFormatsWritePackErrorsAsJsonLines", "[cli][json]") {
  TempDir dir;
  std::string pack = BrokenPack(dir);
  for (const char* format : {"json", "junit", "sarif", "tap"}) {
    INFO(format);
    RunResult r = RunChipgate({"test", pack, "--format", format});
    CHECK(r.exit_code == 2);
    auto lines = JsonLines(r.err);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["code"] == "E202");
  }
  // Text keeps the rendering for people.
  RunResult r = RunChipgate({"test", pack});
  CHECK(r.err.find("pack.yaml:4:31: error[E202]") != std::string::npos);
}

TEST_CASE("TestJsonRuleTestFileErrorsAreJsonLines", "[cli][json]") {
  TempDir dir;
  dir.Write("pack/pack.yaml",
            "attributes: [{name: tpp, type: number}]\n"
            "classes: [{id: X.a, cite: c, controlled: false, when: \"tpp > 1\"}]\n");
  dir.Write("pack/tests/t.yaml", "tests:\n  - name: x\n    bogus: 1\n");
  RunResult r = RunChipgate({"test", dir.path() + "/pack", "--format", "json"});
  CHECK(r.exit_code == 2);
  auto lines = JsonLines(r.err);
  // Four missing fields at the case (line 2), then the unknown one (line 3).
  REQUIRE(lines.size() == 5);
  for (const auto& d : lines) CHECK(d["file"] == dir.path() + "/pack/tests/t.yaml");
  CHECK(lines[0]["code"] == "E105");
  CHECK(lines[0]["line"] == 2);
  CHECK(lines[4]["code"] == "E104");
  CHECK(lines[4]["line"] == 3);
  CHECK(lines[4]["column"] == 5);
}

TEST_CASE("AuditJsonPackErrorsAreJsonLines", "[cli][json]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult r = RunChipgate(
      {"audit", "--db", db, "--rules", BrokenPack(dir), "--format", "json", "--no-record"});
  CHECK(r.exit_code == 2);
  auto lines = JsonLines(r.err);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["code"] == "E202");
}

// Every combination a command cannot honour, one row each: the format it does not write, an
// option that would have no effect. Each is exit 2 with a message and nothing on stdout.
TEST_CASE("OptionsACommandCannotHonourAreUsageErrors", "[cli][json]") {
  TempDir dir;
  struct Row {
    std::vector<std::string> args;
    std::string message;
  };
  std::vector<Row> rows = {
      {{"check", kManifest, "--rules", kExamples, "--format", "sarif", "--no-audit"},
       "--format must be one of text, json, junit"},
      {{"check", kManifest, "--rules", kExamples, "--format", "tap", "--no-audit"},
       "--format must be one of text, json, junit"},
      {{"check", kManifest, "--rules", kExamples, "--explain", "--format", "junit", "--no-audit"},
       "no form for a trace"},
      {{"check", kManifest, "--rules", kExamples, "--no-audit", "--audit", dir.path() + "/a.db"},
       "--audit has no effect with --no-audit"},
      {{"check", kManifest, "--rules", kExamples, "--no-audit", "--actor", "alice"},
       "--actor has no effect with --no-audit"},
      {{"explain", kManifest, "--rules", kExamples, "--line", "1", "--format", "junit"},
       "--format must be one of text, json"},
      {{"lint", kExamples, "--format", "html"}, "--format must be one of text, json, junit"},
      {{"test", kExamples, "--format", "html"}, "--format must be one of text, json, junit"},
      {{"audit", "--db", dir.path() + "/x.db", "--no-record", "--actor", "alice"},
       "--actor has no effect with --no-record"},
      {{"db", "init", dir.path() + "/new.db", "--parts", SourcePath("db/sample/parts.csv")},
       "--parts belongs to `db import`"},
  };
  for (const auto& row : rows) {
    std::string cmd;
    for (const auto& a : row.args) cmd += a + " ";
    INFO(cmd);
    RunResult r = RunChipgate(row.args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(row.message) != std::string::npos);
  }
  // Nothing was created by the refused commands.
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/a.db"));
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/new.db"));
}

}  // namespace chipgate::testing
