// SARIF 2.1.0 logs (`test` and `lint` with `--format sarif`) for code-review tools: one run of
// the tool `chipgate`, the rules the results name, and each result with its level, message and
// the rule file and line it is about, so a review tool annotates that YAML line. The log validates
// against the OASIS SARIF 2.1.0 schema (tests/data/sarif/, checked by
// tests/cli/ci_formats_test.cc).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace chipgate::cli {

struct SarifRule {
  std::string id = {};           // a diagnostic code, or the name of a check such as `rule-test`
  std::string description = {};  // one sentence (shortDescription)
};

enum class SarifLevel { kError, kWarning, kNote };

struct SarifResult {
  std::string rule_id = {};  // one of the log's rules
  SarifLevel level = SarifLevel::kError;
  std::string message = {};
  std::string file = {};  // the path as the user gave it; empty: a result about no file
  int line = 0;           // 1-based; 0: not known (no region is written)
  int column = 0;         // 1-based; 0: not known
};

struct SarifLog {
  std::vector<SarifRule> rules = {};
  std::vector<SarifResult> results = {};
  // Written as the run's property bag (`properties`), values as strings; empty: none.
  std::vector<std::pair<std::string, std::string>> properties = {};
};

// The log as JSON text. A result's file becomes an artifactLocation whose `uri` is relative to
// the directory chipgate runs in (in CI, the checkout: the root code-review tools resolve against),
// with uriBaseId `SRCROOT`, and `originalUriBaseIds` gives that directory's file URI. A file
// outside it is written as an absolute file URI.
std::string SarifJson(const SarifLog& log);

// `path` as a URI reference relative to `base_dir` (both made absolute and normal first), or an
// absolute `file://` URI when it is not under it. Bytes outside RFC 3986's unreserved set and `/`
// are percent-encoded. Returns {uri, relative}.
std::pair<std::string, bool> FileUri(const std::string& path, const std::string& base_dir);

}  // namespace chipgate::cli
