// `chipgate test PACK --against-db DB` (test_against_db.h): loads the edited stack and the
// baseline stack, replays both over the database (ReplayPack, in the library) and prints the
// changes grouped by rule. The baseline is --baseline DIR, or PACK as committed at git HEAD
// (CommittedPack), stacked on the same --rules packs as PACK.
#include "cli/test_against_db.h"

#include <cstdio>
#include <optional>

#include "chipgate/engine.h"
#include "chipgate/pack_replay.h"
#include "chipgate/store.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/committed_pack.h"
#include "cli/diagnostics_json.h"
#include "cli/logged_calls.h"
#include "cli/logging.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

// Where the baseline pack came from, for the report.
struct Baseline {
  std::string dir;       // as given with --baseline, or the pack directory whose commit is used
  std::string revision;  // the git commit when taken from git, else ""
  std::string digest;    // the baseline stack's digest
};

// `license_exception NAC`, or the decision alone.
std::string DecisionText(const ReplayOutcome& o) {
  return std::string(DecisionName(o.decision)) + (o.exception.empty() ? "" : " " + o.exception);
}

// `3A090.a, 3A090.a.1`, `(none)` for no class, and `(undecided)` appended when a class could
// not be decided for missing or invalid data.
std::string ClassesText(const ReplayOutcome& o) {
  std::string out;
  for (const auto& c : o.classes) out += (out.empty() ? "" : ", ") + c;
  if (out.empty()) out = "(none)";
  return o.classes_complete ? out : out + " (undecided)";
}

// One change on one line: what it is about (a part on the classification date, or a shipment
// line with its date and destination), then before -> after.
std::string ChangeText(const ReplayChange& c) {
  if (c.subject == ReplaySubject::kPartClassification) {
    return "part " + c.part + " classified on " + FormatDate(c.date) + ": " +
           ClassesText(c.before) + " -> " + ClassesText(c.after);
  }
  return "shipment " + c.shipment + " line " + std::to_string(c.line) + " (" + FormatDate(c.date) +
         ", " + (c.destination.empty() ? "destination unknown" : c.destination) + ") part " +
         c.part + ": " + DecisionText(c.before) + " -> " + DecisionText(c.after);
}

// A heading with the counts, then one block per rule (`rule ID: N changes`), one line per change.
// Every value from the database or the packs is made terminal-safe.
std::string Text(const PackReplay& r, const std::string& db, const Baseline& b) {
  std::string out = "replayed " + std::to_string(r.parts) + " parts and " +
                    std::to_string(r.shipment_lines) + " lines of " + std::to_string(r.shipments) +
                    " shipments in " + TerminalSafe(db) + " against the baseline " +
                    TerminalSafe(b.dir) + (b.revision.empty() ? "" : " at commit " + b.revision) +
                    "\n";
  for (const auto& g : r.groups) {
    out += "\n" + (g.rule.empty() ? std::string("no rule") : "rule " + TerminalSafe(g.rule)) +
           ": " + std::to_string(g.changes.size()) +
           (g.changes.size() == 1 ? " change\n" : " changes\n");
    for (const auto& c : g.changes) out += "  " + TerminalSafe(ChangeText(c)) + "\n";
  }
  out += "\n" + std::to_string(r.changed) +
         (r.changed == 1 ? " decision changes\n" : " decisions change\n");
  return out;
}

// One side of a change: a line's decision, exception and classes, or a part's classes and
// whether they could all be decided. The two shapes never share a key that means two things.
void Outcome(PrettyJson& j, const ReplayChange& c, const ReplayOutcome& o) {
  j.BeginObject();
  if (c.subject == ReplaySubject::kShipmentLine) {
    j.Key("decision").String(DecisionName(o.decision)).Key("exception").StringOrNull(o.exception);
  } else {
    j.Key("complete").Bool(o.classes_complete);
  }
  j.Key("classes").BeginArray();
  for (const auto& cls : o.classes) j.String(cls);
  j.EndArray().EndObject();
}

// The --format json document (docs/rule-tests.md, "Against a database"): the schema name, the
// two packs, the counts, and the groups with their changes. Text that is absent is null (the
// empty-value rule of docs/cli.md, "Machine-readable output").
std::string Json(const PackReplay& r, const std::string& db, const Baseline& b,
                 const Engine& edited, Date classify_date) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kTestAgainstDb);
  j.Key("database").String(db);
  j.Key("pack").BeginObject().Key("name").String(edited.pack_name());
  j.Key("version").String(edited.pack_version()).Key("digest").String(edited.digest()).EndObject();
  j.Key("baseline").BeginObject().Key("dir").String(b.dir).Key("revision").StringOrNull(b.revision);
  j.Key("digest").String(b.digest).EndObject();
  j.Key("classified_on").String(FormatDate(classify_date));
  j.Key("parts").Int(r.parts).Key("shipments").Int(r.shipments);
  j.Key("shipment_lines").Int(r.shipment_lines).Key("changed").Int(r.changed);
  j.Key("groups").BeginArray();
  for (const auto& g : r.groups) {
    j.BeginObject().Key("rule").StringOrNull(g.rule).Key("changes").BeginArray();
    for (const auto& c : g.changes) {
      bool line = c.subject == ReplaySubject::kShipmentLine;
      j.BeginObject().Key("subject").String(line ? "shipment_line" : "part_classification");
      j.Key("part").String(c.part).Key("date").String(FormatDate(c.date));
      if (line) {
        j.Key("shipment").String(c.shipment).Key("line").Int(c.line);
        j.Key("destination").String(c.destination);
      }
      j.Key("before");
      Outcome(j, c, c.before);
      j.Key("after");
      Outcome(j, c, c.after);
      j.EndObject();
    }
    j.EndArray().EndObject();
  }
  j.EndArray().EndObject();
  return out + "\n";
}

// Loads a stack, printing its diagnostics and naming it on failure.
std::optional<Engine> LoadOrSay(const std::vector<std::string>& stack, const char* what,
                                OutputFormat format) {
  LoadResult loaded = LoadPackLogged(stack, LogComponent::kPack);
  if (!loaded.engine) {
    PrintDiagnostics(loaded.diagnostics, format);
    std::fprintf(stderr, "chipgate test: the %s pack `%s` has errors\n", what,
                 TerminalSafe(StackName(stack)).c_str());
  }
  return std::move(loaded.engine);
}

// A reason the replay cannot run: one line on stderr, exit 2 (nothing is printed on stdout).
int Fail(const std::string& why) {
  std::fprintf(stderr, "chipgate test: %s\n", TerminalSafe(why).c_str());
  return kExitBadInput;
}

}  // namespace

int RunTestAgainstDb(const Args& args, const std::string& pack_dir,
                     const std::vector<std::string>& below, OutputFormat format) {
  // Checked before anything is loaded or extracted: a usage error costs nothing.
  if (format != OutputFormat::kText && format != OutputFormat::kJson)
    return Fail("--against-db writes text or json only");
  PackReplayOptions options{Today()};
  if (auto v = args.Get("date")) {
    auto d = ParseDate(*v);
    if (!d) return Fail("--date must be YYYY-MM-DD, found `" + *v + "`");
    options.classify_date = *d;
  }
  std::vector<std::string> stack = below;
  stack.push_back(pack_dir);
  auto edited = LoadOrSay(stack, "edited", format);
  if (!edited) return kExitBadInput;
  // The committed pack lives in a temporary directory for as long as `committed` does.
  std::optional<CommittedPack> committed;
  Baseline baseline;
  if (auto dir = args.Get("baseline")) {
    baseline.dir = *dir;
  } else {
    auto extracted = CommittedPack::Extract(pack_dir);
    if (!extracted.ok()) return Fail(extracted.status().message());
    committed.emplace(std::move(extracted.value()));
    baseline.dir = pack_dir;
    baseline.revision = committed->revision();
  }
  // The baseline sits on the same packs as the edited pack, so only the edit differs.
  std::vector<std::string> base_stack = below;
  base_stack.push_back(committed ? committed->dir() : baseline.dir);
  auto before = LoadOrSay(base_stack, "baseline", format);
  if (!before) return kExitBadInput;
  baseline.digest = before->digest();
  const std::string db = *args.Get("against-db");
  // Read only: the replay records nothing, and must not create a database that is not there.
  auto store = OpenStoreLogged(db, StoreOptions{.read_only = true}, LogComponent::kStore);
  if (!store.ok()) return Fail(store.status().message());
  LogTimer timer;
  auto replay = ReplayPack(*before, *edited, store.value(), options);
  if (!replay.ok()) return Fail(replay.status().message());
  Log(LogLevel::kInfo, LogComponent::kTest, "replayed the database under both packs",
      {{"db", db},
       {"parts", replay.value().parts},
       {"shipment_lines", replay.value().shipment_lines},
       {"changed", replay.value().changed},
       timer.Elapsed()});
  std::string report = format == OutputFormat::kJson
                           ? Json(replay.value(), db, baseline, *edited, options.classify_date)
                           : Text(replay.value(), db, baseline);
  std::fputs(report.c_str(), stdout);
  return replay.value().changed > 0 ? kExitFindings : kExitOk;
}

}  // namespace chipgate::cli
