// JUnit XML reports (`test`, `lint` and `check` with `--format junit`). The commands map their
// results to suites of test cases; this file writes them in the common JUnit layout that CI
// servers read: <testsuites> with the totals, one <testsuite> per suite with its own counts and
// optional <properties>, one <testcase name classname> each, a <failure type message> inside a
// failed one. Attributes outside that common core (file, line, time) are left out so strict
// schema readers accept the file; a case's location is in its classname and failure text.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chipgate::cli {

struct JunitFailure {
  std::string type = {};     // a stable kind: a decision name, a diagnostic code
  std::string message = {};  // one line
  std::string text = {};     // the detail, any number of lines
};

struct JunitCase {
  std::string name = {};
  std::string classname = {};
  std::optional<JunitFailure> failure = {};  // absent: the case passed
  std::string system_out = {};               // a note shown with the case; empty: none
};

struct JunitSuite {
  std::string name = {};
  std::vector<std::pair<std::string, std::string>> properties = {};  // in order; names may repeat
  std::vector<JunitCase> cases = {};
};

// The whole document: `name` on <testsuites>; tests and failures counted from the cases (errors
// and skipped are always 0: a run that could not start writes no report).
std::string JunitXml(const std::string& name, const std::vector<JunitSuite>& suites);

}  // namespace chipgate::cli
