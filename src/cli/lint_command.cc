// `chipgate lint [--rules BASE]... DIR [--format text|json|junit|sarif|tap]`: loads and validates
// a pack (stacked on the --rules packs when given) and reports every error and warning. Text goes
// to stderr as rendered diagnostics with a count line; every other format is a report on stdout
// whose findings are the diagnostics (docs/cli.md, "Output formats").
#include <cstdio>

#include "chipgate/engine.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/junit_writer.h"
#include "cli/logged_calls.h"
#include "cli/logging.h"
#include "cli/output_format.h"
#include "cli/sarif_writer.h"
#include "cli/tap_writer.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

// `file:line:col` of a diagnostic, the parts that are known.
std::string Where(const Diagnostic& d) {
  // Appended piece by piece: `":" + std::to_string(...)` trips GCC 12's -Wrestrict at -O3.
  std::string out = d.loc.file;
  if (d.loc.line > 0) out.append(":").append(std::to_string(d.loc.line));
  if (d.loc.line > 0 && d.loc.col > 0) out.append(":").append(std::to_string(d.loc.col));
  return out;
}

// {"schema": "chipgate.lint/v1", "chipgate_version", "pack", "errors", "warnings",
// "diagnostics": [...]}: the diagnostics as diagnostics_json.h writes them, sorted as the text
// output is.
std::string LintJson(const std::string& dir, const std::vector<Diagnostic>& diags) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kLint);
  j.Key("pack").String(dir);
  j.Key("errors").Int(CountSeverity(diags, Severity::kError));
  j.Key("warnings").Int(CountSeverity(diags, Severity::kWarning)).Key("diagnostics").BeginArray();
  for (const auto& d : diags) DiagnosticJson(j, d);
  j.EndArray().EndObject();
  return out + "\n";
}

// One test case per diagnostic, named by code and location, in a suite named after DIR. An error
// is a failure (its text the rendered diagnostic with source line and caret); a warning passes,
// as it does not fail lint, and carries its text as system-out. A pack with no diagnostics is one
// passing case, so the suite is never empty.
std::string LintJunit(const std::string& dir, const std::vector<Diagnostic>& diags) {
  JunitSuite suite{.name = "lint " + dir};
  for (const auto& d : diags) {
    JunitCase c{.name = d.code + " " + Where(d), .classname = d.loc.file};
    std::string rendered = RenderDiagnostics({d});
    if (d.severity == Severity::kError) {
      c.failure = JunitFailure{.type = d.code, .message = d.message, .text = rendered};
    } else {
      c.system_out = rendered;
    }
    suite.cases.push_back(std::move(c));
  }
  if (diags.empty()) suite.cases.push_back({.name = "no errors or warnings", .classname = dir});
  return JunitXml("chipgate lint", {suite});
}

// One result per diagnostic, ruled by its code; each code used is a rule of the log.
std::string LintSarif(const std::vector<Diagnostic>& diags) {
  SarifLog log;
  for (const auto& d : diags) {
    bool known = false;
    for (const auto& r : log.rules) known = known || r.id == d.code;
    if (!known) {
      log.rules.push_back({d.code, "chipgate diagnostic " + d.code + " (docs/diagnostics.md)"});
    }
    log.results.push_back(
        {.rule_id = d.code,
         .level = d.severity == Severity::kError ? SarifLevel::kError : SarifLevel::kWarning,
         .message = d.message,
         .file = d.loc.file,
         .line = d.loc.line,
         .column = d.loc.col});
  }
  return SarifJson(log);
}

// One point per diagnostic: `not ok` for an error, `ok` for a warning (it does not fail lint);
// a pack with no diagnostics is one passing point.
std::string LintTap(const std::string& dir, const std::vector<Diagnostic>& diags) {
  std::vector<TapPoint> points;
  for (const auto& d : diags) {
    points.push_back({.ok = d.severity != Severity::kError,
                      .description = d.code + " " + Where(d) + ": " + d.message,
                      .yaml = {{"severity", SeverityName(d.severity)},
                               {"code", d.code},
                               {"at", Where(d)},
                               {"message", d.message}}});
  }
  if (diags.empty()) points.push_back({.ok = true, .description = dir + ": no errors or warnings"});
  int errors = CountSeverity(diags, Severity::kError),
      warnings = CountSeverity(diags, Severity::kWarning);
  return TapText(points,
                 {"errors: " + std::to_string(errors) + ", warnings: " + std::to_string(warnings)});
}

}  // namespace

// Exit 2 when the directory is not a pack at all (E100), 1 with any error, 0 otherwise;
// warnings never fail. In text the counts go to stderr with the diagnostics. `--rules BASE`
// (repeatable) lints DIR stacked on those packs, as `check --rules BASE --rules DIR` would load
// it. The report of another format is written whatever the exit code, E100 included.
int RunLint(const Args& args) {
  auto format = FormatOption(args, "lint",
                             {OutputFormat::kText, OutputFormat::kJson, OutputFormat::kJunit,
                              OutputFormat::kSarif, OutputFormat::kTap});
  if (!format) return kExitBadInput;
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "chipgate lint: expected exactly one DIR\n");
    return kExitBadInput;
  }
  const std::string& dir = args.positional[0];
  std::vector<std::string> stack = args.GetAll("rules");
  stack.push_back(dir);
  Log(LogLevel::kDebug, LogComponent::kLint, "linting rule pack",
      {{"dir", dir}, {"files", CountPackFiles(dir)}, {"base_packs", stack.size() - 1}});
  LogTimer timer;
  auto diags = Engine::LintStack(stack);
  int errors = CountSeverity(diags, Severity::kError),
      warnings = CountSeverity(diags, Severity::kWarning);
  Log(LogLevel::kInfo, LogComponent::kLint, "linted rule pack",
      {{"dir", dir},
       {"files", CountPackFiles(dir)},
       {"errors", errors},
       {"warnings", warnings},
       timer.Elapsed()});
  if (LogEnabled(LogLevel::kTrace)) {
    for (const auto& d : diags) {
      Log(LogLevel::kTrace, LogComponent::kLint, "diagnostic",
          {{"code", d.code}, {"file", d.loc.file}, {"line", d.loc.line}});
    }
  }
  switch (*format) {
    case OutputFormat::kJson:
      std::fputs(LintJson(dir, diags).c_str(), stdout);
      break;
    case OutputFormat::kJunit:
      std::fputs(LintJunit(dir, diags).c_str(), stdout);
      break;
    case OutputFormat::kSarif:
      std::fputs(LintSarif(diags).c_str(), stdout);
      break;
    case OutputFormat::kTap:
      std::fputs(LintTap(dir, diags).c_str(), stdout);
      break;
    default:
      PrintDiagnostics(diags, OutputFormat::kText);
      std::fprintf(stderr, "%s: %d error%s, %d warning%s\n", TerminalSafe(dir).c_str(), errors,
                   errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
  }
  for (const auto& d : diags) {
    if (d.code == "E100") return kExitBadInput;  // not a pack at all
  }
  return errors > 0 ? kExitFindings : kExitOk;
}

}  // namespace chipgate::cli
