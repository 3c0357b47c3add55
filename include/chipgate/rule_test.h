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
  std::vector<RuleTestResult> results;
  int passed = 0;
  int failed = 0;
  std::vector<CoverageEntry> coverage;
  double coverage_percent = 0;
};

// Decides every case with `engine` and computes coverage over the engine's pack.
RuleTestRun RunRuleTests(const Engine& engine, const std::vector<RuleTestCase>& cases);

}  // namespace chipgate
