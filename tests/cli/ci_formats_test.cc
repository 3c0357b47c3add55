// The CI formats end to end: `test` and `lint` with --format junit|sarif|tap and `check` with
// --format junit. Each document is checked by an outside reader: the JUnit XML must be
// well-formed for libxml2's xmllint and have the common JUnit structure (testsuites, testsuite,
// testcase, failure) with counts that add up; the SARIF log must validate against the OASIS
// SARIF 2.1.0 schema (tests/data/sarif) with python3-jsonschema; TAP must have a plan that
// matches its test points. scripts/setup installs xmllint and python3-jsonschema; a missing
// tool fails these tests.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

namespace fs = std::filesystem;

const std::string kExamples = SourcePath("rules/examples");
const std::string kManifest = SourcePath("examples/manifests/inline-specs.yaml");

// The Debian interpreter that python3-jsonschema installs into; `python3` on PATH otherwise.
std::string Python() { return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3"; }

// An XPath 1.0 expression's value in `file`, as xmllint prints it.
std::string XPath(const std::string& file, const std::string& expr) {
  ShellResult t = RunShell("xmllint --xpath '" + expr + "' " + file);
  INFO(expr << ": " << t.out);
  REQUIRE(t.exit_code == 0);
  // xmllint ends what it prints with a line feed of its own.
  REQUIRE(t.out.ends_with("\n"));
  t.out.pop_back();
  return t.out;
}
long Count(const std::string& file, const std::string& expr) {
  return std::stol(XPath(file, "count(" + expr + ")"));
}
long NumberAttr(const std::string& file, const std::string& expr) {
  return std::stol(XPath(file, "number(" + expr + ")"));
}

// Well-formed XML (xmllint), and the common JUnit shape: one <testsuites> root holding only
// <testsuite>s, each holding only <properties> and <testcase>s; every testcase named, every
// failure typed; tests and failures on the root and on each suite equal to what they hold.
void CheckJunit(const std::string& xml, const TempDir& dir) {
  std::string file = dir.Write("report.xml", xml);
  ShellResult wf = RunShell("xmllint --noout " + file);
  INFO(wf.out);
  REQUIRE(wf.exit_code == 0);
  CHECK(Count(file, "/testsuites") == 1);
  CHECK(Count(file, "/testsuites/*[not(self::testsuite)]") == 0);
  CHECK(Count(file, "//testsuite/*[not(self::testcase or self::properties)]") == 0);
  CHECK(Count(file, "//testcase/*[not(self::failure or self::system-out)]") == 0);
  CHECK(Count(file, "//testcase[not(@name) or not(@classname)]") == 0);
  CHECK(Count(file, "//failure[not(@type) or not(@message)]") == 0);
  CHECK(Count(file, "//testcase[count(failure) > 1]") == 0);
  CHECK(NumberAttr(file, "/testsuites/@tests") == Count(file, "//testcase"));
  CHECK(NumberAttr(file, "/testsuites/@failures") == Count(file, "//testcase/failure"));
  long suites = Count(file, "//testsuite");
  for (long i = 1; i <= suites; ++i) {
    std::string s = "/testsuites/testsuite[" + std::to_string(i) + "]";
    CHECK(NumberAttr(file, s + "/@tests") == Count(file, s + "/testcase"));
    CHECK(NumberAttr(file, s + "/@failures") == Count(file, s + "/testcase/failure"));
    CHECK(NumberAttr(file, s + "/@errors") == 0);
    CHECK(Count(file, s + "[@name]") == 1);
  }
}

// Validates `json` against the SARIF 2.1.0 schema; returns the parsed log.
nlohmann::json CheckSarif(const std::string& json, const TempDir& dir) {
  std::string file = dir.Write("report.sarif", json);
  ShellResult v = RunShell(Python() + " " + SourcePath("tests/data/sarif/validate.py") + " " +
                           SourcePath("tests/data/sarif/sarif-schema-2.1.0.json") + " " + file);
  INFO(v.out);
  REQUIRE(v.exit_code == 0);
  auto log = nlohmann::json::parse(json);
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  CHECK(log["runs"][0]["tool"]["driver"]["name"] == "chipgate");
  return log;
}

struct TapCounts {
  long planned = -1, ok = 0, not_ok = 0;
};

// The version line first, then the plan `1..N`; the points numbered 1..N in order.
TapCounts CheckTap(const std::string& tap) {
  std::istringstream in(tap);
  std::string line;
  REQUIRE(std::getline(in, line));
  CHECK(line == "TAP version 14");
  TapCounts c;
  std::regex plan("^1\\.\\.([0-9]+)$"), point("^(not )?ok ([0-9]+)( - .*)?$");
  long next = 1;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, plan)) {
      CHECK(c.planned == -1);  // one plan
      c.planned = std::stol(m[1]);
    } else if (std::regex_match(line, m, point)) {
      CHECK(std::stol(m[2]) == next++);
      (m[1].matched ? c.not_ok : c.ok)++;
    } else {
      // Anything else is a YAML block line (indented) or a comment.
      CHECK((line.starts_with("  ") || line.starts_with("# ")));
    }
  }
  CHECK(c.planned == c.ok + c.not_ok);
  return c;
}

// rules/examples with one more test file: a case that fails, whose name holds characters every
// format must escape.
const char* kBadCaseName = "wrong <expect> & \"quotes\" 'too' # not a directive \\ end";

std::string PackWithFailingCase(const TempDir& dir) {
  std::string pack = dir.path() + "/pack";
  fs::copy(kExamples, pack, fs::copy_options::recursive);
  std::string yaml = std::string("tests:\n  - name: '") +
                     std::regex_replace(kBadCaseName, std::regex("'"), "''") +
                     "'\n"
                     "    date: 2024-06-01\n"
                     "    destination: CN\n"
                     "    item: {part: SMALL, specs: {type: ic, tpp: 10, die_area_mm2: 10, "
                     "datacenter: false}}\n"
                     "    expect: {decision: prohibited}\n";
  std::ofstream(pack + "/tests/failing.yaml") << yaml;
  return pack;
}

// A pack with one error: E202 at line 4, column 31 (lint reports warnings only of a pack without
// errors).
std::string BrokenPack(const TempDir& dir) {
  dir.Write("broken/pack.yaml",
            "attributes: [{name: tpp, type: number}]\n"
            "classes:\n"
            "  - {id: X.a, cite: c, when: \"tpp > 1\"}\n"
            "  - {id: X.b, cite: c, when: \"tdp > 1\"}\n"
            "license_rules: [{id: r, cite: c, classes: [X.a], when: \"false\"}]\n");
  return dir.path() + "/broken";
}

// A valid pack with one warning: W401, a rule that can never fire.
std::string WarningPack(const TempDir& dir) {
  dir.Write("warning/pack.yaml",
            "attributes: [{name: tpp, type: number}]\n"
            "classes: [{id: X.a, cite: c, controlled: false, when: \"tpp > 1\"}]\n"
            "license_rules: [{id: r, cite: c, classes: [X.a], when: \"false\"}]\n");
  return dir.path() + "/warning";
}

}  // namespace

TEST_CASE("TestJunitHasACasePerRuleTestAndFailsTheFailingOne", "[cli][formats]") {
  TempDir dir;
  std::string pack = PackWithFailingCase(dir);
  RunResult r = RunChipgate({"test", pack, "--format", "junit"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CheckJunit(r.out, dir);
  std::string file = dir.path() + "/report.xml";
  CHECK(Count(file, "//testcase") == 12);
  REQUIRE(Count(file, "//failure") == 1);
  // The escaped name reads back exactly.
  CHECK(XPath(file, "string(//testcase[failure]/@name)") == kBadCaseName);
  CHECK(XPath(file, "string(//testcase[failure]/@classname)") == pack + "/tests/failing.yaml");
  CHECK(XPath(file, "string(//failure)").find("decision: expected prohibited") !=
        std::string::npos);
  CHECK(XPath(file, "string(//property[@name=\"coverage_percent\"]/@value)") == "100.0");
}

TEST_CASE("TestJunitFailUnderIsATestCase", "[cli][formats]") {
  TempDir dir;
  // The examples pack with one test case left: most of its entries are not exercised.
  std::string pack = dir.path() + "/pack";
  fs::copy(kExamples, pack, fs::copy_options::recursive);
  std::ofstream(pack + "/tests/examples.yaml")
      << "tests:\n  - name: only\n    date: 2024-06-01\n    destination: CN\n"
         "    item: {part: SMALL, specs: {type: ic, tpp: 10, die_area_mm2: 10, datacenter: "
         "false}}\n    expect: {decision: no_license_required}\n";
  RunResult r = RunChipgate({"test", pack, "--format", "junit", "--fail-under", "90"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CheckJunit(r.out, dir);
  std::string file = dir.path() + "/report.xml";
  CHECK(Count(file, "//testsuite[@name=\"coverage\"]/testcase/failure[@type=\"coverage\"]") == 1);
  CHECK(Count(file, "//property[@name=\"not_exercised\"]") > 0);
  // The same threshold met: the case passes.
  r = RunChipgate({"test", pack, "--format", "junit", "--fail-under", "0"});
  CHECK(r.exit_code == 0);
  CheckJunit(r.out, dir);
  CHECK(Count(file, "//testsuite[@name=\"coverage\"]/testcase") == 1);
  CHECK(Count(file, "//failure") == 0);
}

TEST_CASE("TestSarifValidatesAndPointsAtTheFailingCase", "[cli][formats]") {
  TempDir dir;
  std::string pack = PackWithFailingCase(dir);
  RunResult r = RunChipgate({"test", pack, "--format", "sarif"}, dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 1);
  auto log = CheckSarif(r.out, dir);
  const auto& run = log["runs"][0];
  REQUIRE(run["results"].size() == 1);
  const auto& result = run["results"][0];
  CHECK(result["ruleId"] == "rule-test");
  CHECK(result["level"] == "error");
  CHECK(result["message"]["text"].get<std::string>().find(kBadCaseName) != std::string::npos);
  const auto& loc = result["locations"][0]["physicalLocation"];
  // Run in the temporary directory, the test file is relative to it.
  CHECK(loc["artifactLocation"]["uri"] == "pack/tests/failing.yaml");
  CHECK(loc["artifactLocation"]["uriBaseId"] == "SRCROOT");
  CHECK(loc["region"]["startLine"] == 2);
  CHECK(run["originalUriBaseIds"]["SRCROOT"]["uri"] ==
        "file://" + fs::canonical(dir.path()).string() + "/");
  CHECK(run["properties"]["failed"] == "1");
}

TEST_CASE("TestTapPlanMatchesItsPoints", "[cli][formats]") {
  TempDir dir;
  std::string pack = PackWithFailingCase(dir);
  RunResult r = RunChipgate({"test", pack, "--format", "tap", "--fail-under", "100"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  TapCounts c = CheckTap(r.out);
  CHECK(c.planned == 13);  // 12 cases and the threshold
  CHECK(c.not_ok == 1);
  // `#` and `\` in the name are escaped, so a reader does not take the rest for a directive.
  CHECK(
      r.out.find("not ok 12 - wrong <expect> & \"quotes\" 'too' \\# not a directive \\\\ end\n") !=
      std::string::npos);
  CHECK(r.out.find("  message: \"decision: expected prohibited") != std::string::npos);
}

TEST_CASE("LintJunitFailsErrorsAndPassesWarnings", "[cli][formats]") {
  TempDir dir;
  RunResult r = RunChipgate({"lint", BrokenPack(dir), "--format", "junit"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());  // the diagnostics are the report
  CheckJunit(r.out, dir);
  std::string file = dir.path() + "/report.xml";
  CHECK(Count(file, "//testcase") == 1);
  CHECK(Count(file, "//failure[@type=\"E202\"]") == 1);
  CHECK(XPath(file, "string(//failure/@message)") == "class `X.b`: unknown name `tdp`");
  // The failure text is the rendered diagnostic, source line and caret included.
  CHECK(XPath(file, "string(//failure)").find("when: \"tdp > 1\"}\n") != std::string::npos);
  // A warning does not fail lint, nor its test case.
  r = RunChipgate({"lint", WarningPack(dir), "--format", "junit"});
  CHECK(r.exit_code == 0);
  CheckJunit(r.out, dir);
  CHECK(Count(file, "//testcase") == 1);
  CHECK(Count(file, "//failure") == 0);
  CHECK(XPath(file, "string(//testcase/system-out)").find("warning[W401]") != std::string::npos);
}

TEST_CASE("LintJunitOfACleanPackIsOnePassingCase", "[cli][formats]") {
  TempDir dir;
  RunResult r = RunChipgate({"lint", kExamples, "--format", "junit"});
  CHECK(r.exit_code == 0);
  CheckJunit(r.out, dir);
  CHECK(Count(dir.path() + "/report.xml", "//testcase[not(failure)]") == 1);
}

TEST_CASE("LintSarifValidatesWithRuleFileLocations", "[cli][formats]") {
  TempDir dir;
  BrokenPack(dir);
  WarningPack(dir);
  // Run where the packs are, as CI runs from the checkout.
  RunResult r = RunChipgate({"lint", "broken", "--format", "sarif"}, dir.path());
  CHECK(r.exit_code == 1);
  auto log = CheckSarif(r.out, dir);
  const auto& run = log["runs"][0];
  REQUIRE(run["results"].size() == 1);
  const auto& result = run["results"][0];
  CHECK(result["ruleId"] == "E202");
  CHECK(result["level"] == "error");
  CHECK(result["message"]["text"] == "class `X.b`: unknown name `tdp`");
  const auto& loc = result["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "broken/pack.yaml");
  CHECK(loc["artifactLocation"]["uriBaseId"] == "SRCROOT");
  CHECK(loc["region"]["startLine"] == 4);
  CHECK(loc["region"]["startColumn"] == 31);
  CHECK(run["tool"]["driver"]["rules"][result["ruleIndex"].get<int>()]["id"] == "E202");
  r = RunChipgate({"lint", "warning", "--format", "sarif"}, dir.path());
  CHECK(r.exit_code == 0);
  log = CheckSarif(r.out, dir);
  REQUIRE(log["runs"][0]["results"].size() == 1);
  CHECK(log["runs"][0]["results"][0]["ruleId"] == "W401");
  CHECK(log["runs"][0]["results"][0]["level"] == "warning");
}

TEST_CASE("SarifUriOfAFileOutsideTheWorkingDirectoryIsAbsolute", "[cli][formats]") {
  TempDir dir, elsewhere;
  std::string pack = BrokenPack(dir);
  RunResult r = RunChipgate({"lint", pack, "--format", "sarif"}, elsewhere.path());
  auto log = CheckSarif(r.out, dir);
  const auto& loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "file://" + pack + "/pack.yaml");
  CHECK_FALSE(loc["artifactLocation"].contains("uriBaseId"));
}

TEST_CASE("LintSarifOfACleanPackHasNoResults", "[cli][formats]") {
  TempDir dir;
  RunResult r = RunChipgate({"lint", kExamples, "--format", "sarif"});
  CHECK(r.exit_code == 0);
  CHECK(CheckSarif(r.out, dir)["runs"][0]["results"].empty());
}

TEST_CASE("LintTapHasAPointPerDiagnostic", "[cli][formats]") {
  TempDir dir;
  RunResult r = RunChipgate({"lint", BrokenPack(dir), "--format", "tap"});
  CHECK(r.exit_code == 1);
  TapCounts c = CheckTap(r.out);
  CHECK(c.planned == 1);
  CHECK(c.not_ok == 1);
  CHECK(r.out.find("  code: \"E202\"") != std::string::npos);
  // A warning is a passing point.
  r = RunChipgate({"lint", WarningPack(dir), "--format", "tap"});
  CHECK(r.exit_code == 0);
  c = CheckTap(r.out);
  CHECK(c.planned == 1);
  CHECK(c.ok == 1);
  CHECK(r.out.find("  severity: \"warning\"") != std::string::npos);
}

TEST_CASE("CheckJunitHasACasePerLineAndFailsTheHeldOnes", "[cli][formats]") {
  TempDir dir;
  RunResult r =
      RunChipgate({"check", kManifest, "--rules", kExamples, "--format", "junit", "--no-audit"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CheckJunit(r.out, dir);
  std::string file = dir.path() + "/report.xml";
  // Five lines: two license_required and one review are held; NAC and uncontrolled may ship.
  CHECK(Count(file, "//testcase") == 5);
  CHECK(Count(file, "//failure") == 3);
  CHECK(Count(file, "//failure[@type=\"license_required\"]") == 2);
  CHECK(Count(file, "//failure[@type=\"review\"]") == 1);
  CHECK(XPath(file, "string(//testcase[1]/@name)") == "line 1: ACCEL-H100-CLASS");
  CHECK(XPath(file, "string(//testcase[1]/failure)").find("[15 CFR 744.23(a)(3)]") !=
        std::string::npos);
  CHECK(XPath(file, "string(//property[@name=\"verdict\"]/@value)") == "license_required");
  CHECK(XPath(file, "string(//property[@name=\"recorded\"]/@value)") == "false");
}

TEST_CASE("CheckJunitIsWrittenOnlyAfterTheRecord", "[cli][formats]") {
  TempDir dir;
  std::string db = dir.path() + "/audit.db";
  RunResult r =
      RunChipgate({"check", kManifest, "--rules", kExamples, "--format", "junit", "--audit", db});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CheckJunit(r.out, dir);
  std::string file = dir.path() + "/report.xml";
  CHECK(XPath(file, "string(//property[@name=\"recorded\"]/@value)") == "true");
  CHECK(XPath(file, "string(//property[@name=\"audit_records\"]/@value)") == "1-5");
  // A log that cannot be written: no report at all.
  RunResult bad = RunChipgate({"check", kManifest, "--rules", kExamples, "--format", "junit",
                               "--audit", dir.path() + "/missing/dir/audit.db"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
}

}  // namespace chipgate::testing
