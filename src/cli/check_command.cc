// `chipgate check`, `chipgate explain` and `chipgate lint`.
#include <cstdio>
#include <iostream>

#include "chipgate/engine.h"
#include "chipgate/manifest.h"
#include "cli/check_report.h"
#include "cli/commands.h"

namespace chipgate::cli {
namespace {

void PrintDiagnostics(const std::vector<Diagnostic>& diags) {
  std::fputs(RenderDiagnostics(diags).c_str(), stderr);
}

std::optional<Engine> LoadEngine(const Args& args) {
  std::string dir = RulesDir(args);
  if (dir.empty()) return std::nullopt;
  LoadResult loaded = Engine::Load(dir);
  if (!loaded.engine) {
    PrintDiagnostics(loaded.diagnostics);
    std::fprintf(stderr, "chipgate: rule pack `%s` has errors\n", dir.c_str());
  }
  return std::move(loaded.engine);
}

// Loads the manifest and decides every line; nullopt (after printing why) on bad input.
std::optional<CheckReport> Decide(const Engine& engine, Manifest& manifest, bool want_trace,
                                  int only_line, std::vector<Trace>* traces) {
  CheckReport report;
  report.manifest = &manifest;
  report.engine = &engine;
  report.date = manifest.shipment.date;
  std::vector<Diagnostic> diags;
  ResolvedShipment shipment = engine.ResolveShipment(manifest.shipment, diags);
  std::vector<ResolvedItem> items;
  for (const auto& line : manifest.lines) items.push_back(engine.ResolveItem(line.item, diags));
  if (HasErrors(diags)) {
    SortDiagnostics(diags);
    PrintDiagnostics(diags);
    return std::nullopt;
  }
  for (size_t i = 0; i < manifest.lines.size(); ++i) {
    if (only_line > 0 && manifest.lines[i].index != only_line) continue;
    CheckedLine cl{&manifest.lines[i], {}};
    Trace* trace = nullptr;
    if (want_trace) trace = &traces->emplace_back();
    engine.Decide(shipment, items[i], cl.decision, trace);
    report.verdict = MostRestrictive(report.verdict, cl.decision.decision);
    report.lines.push_back(std::move(cl));
  }
  if (report.lines.empty()) report.verdict = DecisionKind::kReview;  // nothing decided is not a clearance
  return report;
}

std::optional<Manifest> ReadManifest(const Args& args, const std::string& path) {
  Date date = Today();
  std::optional<Date> override_date;
  if (auto d = args.Get("date")) {
    override_date = ParseDate(*d);
    if (!override_date) {
      std::fprintf(stderr, "chipgate: --date must be YYYY-MM-DD, found `%s`\n", d->c_str());
      return std::nullopt;
    }
  }
  ManifestLoad load = LoadManifest(path, override_date.value_or(date));
  if (!load.manifest) {
    PrintDiagnostics(load.diagnostics);
    return std::nullopt;
  }
  if (override_date) load.manifest->shipment.date = *override_date;
  return std::move(load.manifest);
}

std::string ExplainText(const CheckReport& report, const std::vector<Trace>& traces) {
  std::string out;
  for (size_t i = 0; i < report.lines.size(); ++i) {
    const auto& l = report.lines[i];
    out += "line " + std::to_string(l.line->index) + ": part " + l.line->item.part + " -> " +
           std::string(DecisionName(l.decision.decision)) + "\n";
    for (const auto& e : traces[i].entries) {
      out += "  " + e.kind + " " + e.id + ": " + e.result + (e.detail.empty() ? "" : " — " + e.detail) + "\n";
    }
    for (const auto& r : l.decision.reasons) {
      out += "  reason " + std::string(r.rule) + " (" + std::string(DecisionName(r.decision)) + "): " + r.Text() +
             (r.cite.empty() ? "" : " [" + std::string(r.cite) + "]") + "\n";
      if (!r.policy.empty()) out += "    licensing policy: " + std::string(r.policy) + "\n";
    }
  }
  return out;
}

int LineArg(const Args& args, bool required) {
  auto v = args.Get("line");
  if (!v) return required ? -1 : 0;
  try {
    int n = std::stoi(*v);
    return n > 0 ? n : -1;
  } catch (const std::exception&) {
    return -1;
  }
}

int CheckOrExplain(const Args& args, bool explain, bool line_required) {
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "chipgate %s: expected exactly one MANIFEST\n", explain ? "explain" : "check");
    return kExitBadInput;
  }
  std::string format = args.Get("format").value_or("text");
  if (format != "text" && format != "json") {
    std::fprintf(stderr, "chipgate check: --format must be text or json\n");
    return kExitBadInput;
  }
  int line = LineArg(args, line_required);
  if (line < 0) {
    std::fprintf(stderr, "chipgate: --line must be a line number (1, 2, ...)\n");
    return kExitBadInput;
  }
  auto engine = LoadEngine(args);
  if (!engine) return kExitBadInput;
  auto manifest = ReadManifest(args, args.positional[0]);
  if (!manifest) return kExitBadInput;
  if (line > static_cast<int>(manifest->lines.size())) {
    std::fprintf(stderr, "chipgate: --line %d: the manifest has %zu lines\n", line, manifest->lines.size());
    return kExitBadInput;
  }
  std::vector<Trace> traces;
  auto report = Decide(*engine, *manifest, explain, line, &traces);
  if (!report) return kExitBadInput;
  if (explain) {
    std::fputs(ExplainText(*report, traces).c_str(), stdout);
  } else {
    std::fputs((format == "json" ? CheckJson(*report) : CheckText(*report)).c_str(), stdout);
  }
  return MayShip(report->verdict) ? kExitOk : kExitFindings;
}

}  // namespace

std::string RulesDir(const Args& args) {
  if (auto dir = args.Get("rules")) return *dir;
  std::string dir = FindBundledPack("us-ear");
  if (dir.empty()) std::fprintf(stderr, "chipgate: the bundled rule pack `us-ear` was not found; pass --rules DIR\n");
  return dir;
}

int RunCheck(const Args& args) { return CheckOrExplain(args, args.Has("explain"), false); }
int RunExplain(const Args& args) { return CheckOrExplain(args, true, true); }

int RunLint(const Args& args) {
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "chipgate lint: expected exactly one DIR\n");
    return kExitBadInput;
  }
  auto diags = Engine::Lint(args.positional[0]);
  PrintDiagnostics(diags);
  int errors = CountSeverity(diags, Severity::kError), warnings = CountSeverity(diags, Severity::kWarning);
  std::fprintf(stderr, "%s: %d error%s, %d warning%s\n", args.positional[0].c_str(), errors, errors == 1 ? "" : "s",
               warnings, warnings == 1 ? "" : "s");
  for (const auto& d : diags) {
    if (d.code == "E100") return kExitBadInput;  // not a pack at all
  }
  return errors > 0 ? kExitFindings : kExitOk;
}

}  // namespace chipgate::cli
