// Rule tests: YAML test cases kept beside a rule pack (DIR/tests/**/*.yaml), each giving facts
// and the expected outcome. `chipgate test` loads them, decides each case with the pack's
// engine, compares, and reports coverage of classes, rules, exceptions, parties and dated
// changes. Format: docs/rule-tests.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chipgate/decision.h"
#include "chipgate/diagnostic.h"
#include "chipgate/engine.h"
#include "chipgate/facts.h"

namespace chipgate {

struct RuleTestExpect {
  std::optional<DecisionKind> decision;
  std::optional<std::vector<std::string>> classes;  // exact set when given
  std::vector<std::string> classes_include;         // each must be among the classes
  bool exception_given = false;
  std::string exception;           // exception code; empty = none expected
  std::vector<std::string> rules;  // ids that must appear among the reasons with their own decision
  std::vector<std::string> not_rules;  // ids that must not appear
};

struct RuleTestCase {
  std::string name;
  SourceLoc loc;
  ShipmentFacts shipment;
  ItemFacts item;
  RuleTestExpect expect;
};

struct RuleTestLoad {
  std::vector<RuleTestCase> cases;
  std::vector<Diagnostic> diagnostics;
  int files = 0;
};

// Loads every *.yaml under `pack_dir`/tests.
RuleTestLoad LoadRuleTests(const std::string& pack_dir);
// Loads one test file, or every *.yaml/*.yml under a directory of test files.
RuleTestLoad LoadRuleTestsAt(const std::string& path);

// What `chipgate test PATH` runs (docs/rule-tests.md, "Running"): the pack under test and the
// tests to read. A PATH inside a directory named `tests` whose parent holds a `.yaml`/`.yml`
// file (a test file, or a directory of them) is run against that parent, the pack; any other
// directory is a pack, with its tests under PATH/tests; any other file has no enclosing pack
// (`pack_dir` empty), and the caller must name one.
struct RuleTestTarget {
  std::string pack_dir;     // empty: no enclosing pack
  std::string tests_path;   // a file or directory for LoadRuleTestsAt
  bool whole_pack = false;  // PATH was the pack itself: its tests are PATH/tests (may not exist)
};
RuleTestTarget FindRuleTestTarget(const std::string& path);
RuleTestLoad LoadRuleTestsFromString(const std::string& path, const std::string& text);

struct RuleTestResult {
  const RuleTestCase* test = nullptr;
  bool passed = false;
  std::vector<std::string> failures;  // one line per mismatching field: "field: expected X, got Y"
  LineDecision actual;
};

struct CoverageEntry {
  std::string kind;  // class, rule, exception, party, change
  std::string id;
  bool covered = false;
};

struct RuleTestRun {
  // Invalid values in the cases' facts (E5xx, as a manifest's: an undeclared attribute, a value
  // of the wrong type, a country that is not ISO), at their locations in the test files. When
  // there is any, the run is not valid: a case decided on dropped facts could pass as `review`.
  std::vector<Diagnostic> diagnostics;
  std::vector<RuleTestResult> results;
  int passed = 0;
  int failed = 0;
  std::vector<CoverageEntry> coverage;
  double coverage_percent = 0;
};

// Decides every case with `engine` and computes coverage over the engine's pack. Each case's facts
// are typed as a manifest's are (Engine::ResolveShipment/ResolveItem); their errors go to
// `diagnostics`.
RuleTestRun RunRuleTests(const Engine& engine, const std::vector<RuleTestCase>& cases);

}  // namespace chipgate
