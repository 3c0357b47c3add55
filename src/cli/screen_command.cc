// `chipgate screen NAME... [--country CC] [--db DB] [--date D] [--format text|json]`
// (docs/cli.md): screens each name through the library's ScreenNames, against the pack's parties
// and, with --db, the screening lists imported there, as `POST /v1/screen` does; the JSON is that
// endpoint's document. Records nothing (docs/serve.md, "Audit", says why). Exit 0 when every name
// is clear, 1 when any has a hit, 2 on bad input.
#include <cstdio>
#include <string>
#include <vector>

#include "chipgate/name_screening.h"
#include "chipgate/store.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/logged_calls.h"
#include "cli/output_format.h"
#include "pipeline/name_screen_report.h"

namespace chipgate::cli {
namespace {

// Per name `NAME (CC): OUTCOME`, then per hit its decision and the reason's detail.
std::string ScreenText(const std::vector<NameScreening>& screenings, Date date) {
  std::string out = "screened on " + FormatDate(date) + "\n";
  for (const NameScreening& s : screenings) {
    out += TerminalSafe(s.query.name);
    if (!s.query.country.empty()) out += " (" + TerminalSafe(s.query.country) + ")";
    out += ": " + std::string(OutcomeName(s)) + "\n";
    for (const NameHit& h : s.hits)
      out += "  " + std::string(DecisionName(h.decision)) + ": " + TerminalSafe(h.detail) + "\n";
  }
  return out;
}

}  // namespace

int RunScreen(const Args& args) {
  if (args.positional.empty()) {
    std::fprintf(stderr, "chipgate screen: expected at least one NAME\n%s",
                 UsageOf("screen").c_str());
    return kExitBadInput;
  }
  auto format = FormatOption(args, "screen", {OutputFormat::kText, OutputFormat::kJson});
  if (!format) return kExitBadInput;
  Date date = Today();
  if (auto d = args.Get("date")) {
    auto parsed = ParseDate(*d);
    if (!parsed) {
      std::fprintf(stderr, "chipgate screen: --date `%s` is not a date YYYY-MM-DD\n",
                   TerminalSafe(*d).c_str());
      return kExitBadInput;
    }
    date = *parsed;
  }
  std::vector<NameQuery> queries;
  for (const auto& name : args.positional)
    queries.push_back({name, args.Get("country").value_or("")});
  std::vector<std::string> dirs = RulesDirs(args);
  if (dirs.empty()) return kExitBadInput;
  LoadResult loaded = LoadPackLogged(dirs, LogComponent::kPack);
  if (!loaded.engine) {
    PrintDiagnostics(loaded.diagnostics, *format);
    std::fprintf(stderr, "chipgate screen: rule pack `%s` has errors\n",
                 TerminalSafe(StackName(dirs)).c_str());
    return kExitBadInput;
  }
  ScreeningLists lists;  // none without --db: the pack's parties only
  if (auto db = args.Get("db")) {
    // Read only: screening never migrates or locks a database for writing.
    auto store = OpenStoreLogged(*db, StoreOptions{.read_only = true}, LogComponent::kStore);
    Result<ScreeningLists> read =
        store.ok() ? ReadListsForScreening(*store) : Result<ScreeningLists>(store.status());
    if (!read.ok()) {
      std::fprintf(stderr, "chipgate screen: %s\n", TerminalSafe(read.status().message()).c_str());
      return kExitBadInput;
    }
    lists = std::move(*read);
  }
  NameScreeningResult result = ScreenNames(*loaded.engine, lists, queries, date);
  if (!result.errors.empty()) {
    // Every name has the one --country: its error is said once.
    bool country_said = false;
    for (const auto& e : result.errors) {
      if (e.field == "country" && country_said) continue;
      country_said |= e.field == "country";
      std::string what =
          e.field == "country" ? "--country" : "NAME `" + TerminalSafe(queries[e.index].name) + "`";
      std::fprintf(stderr, "chipgate screen: %s: %s\n", what.c_str(),
                   TerminalSafe(e.message).c_str());
    }
    return kExitBadInput;
  }
  std::string text = *format == OutputFormat::kText
                         ? ScreenText(result.screenings, date)
                         : ScreenJson(*loaded.engine, result.screenings, date);
  std::fwrite(text.data(), 1, text.size(), stdout);
  for (const auto& s : result.screenings)
    if (s.outcome) return kExitFindings;
  return kExitOk;
}

}  // namespace chipgate::cli
