// `chipgate rules list --rules PACK` and `chipgate rules show ID --rules PACK` (docs/cli.md,
// "Rules"): the pack's classes, license rules, exceptions and country groups as a compliance
// officer looks them up, from chipgate/pack_catalog.h. `show` prints the entry as written in its
// file, its citation, its dates next to its other revisions', and the pack's rule tests naming
// it. Reads the pack only.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "chipgate/pack_catalog.h"
#include "chipgate/rule_test.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/text_wrap.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

// `2023-11-17 to 2024-04-03`, `from 2024-12-02`, `until 2025-09-01`, `always`: the last day in
// force, since `until` is the first day out of force.
std::string PeriodText(const std::optional<Date>& from, const std::optional<Date>& until) {
  std::optional<Date> last;
  if (until) last = Date{until->days - 1};
  if (from && last) return FormatDate(*from) + " to " + FormatDate(*last);
  if (from) return "from " + FormatDate(*from);
  if (last) return "until " + FormatDate(*last);
  return "always";
}

// A date member: `null` for an open side (JSON has one representation of nothing).
void DateOrNull(PrettyJson& j, const std::optional<Date>& d) {
  if (d) {
    j.String(FormatDate(*d));
  } else {
    j.Null();
  }
}

// `file` relative to the working directory when it is inside it (as a person would type it),
// else as loaded.
std::string ShownPath(const std::string& file) {
  std::error_code ec;
  std::filesystem::path rel =
      std::filesystem::path(file).lexically_relative(std::filesystem::current_path(ec));
  if (ec || rel.empty() || rel.native().starts_with("..")) return file;
  return rel.string();
}

// The members every entry object has, in `list` and `show` alike.
void EntryHeadJson(PrettyJson& j, const PackEntry& e) {
  j.Key("id").String(e.id).Key("kind").String(PackEntryKindName(e.kind));
  j.Key("title").StringOrNull(e.title).Key("cite").StringOrNull(e.cite);
  j.Key("from");
  DateOrNull(j, e.from);
  j.Key("until");
  DateOrNull(j, e.until);
  j.Key("enabled").Bool(e.enabled);
  j.Key("file").String(ShownPath(e.file)).Key("line").Int(e.line);
}

// {"schema", "chipgate_version", "pack": {"name", "version", "digest"}, ...
void DocumentHead(PrettyJson& j, JsonKind kind, const PackCatalog& c) {
  JsonReportHead(j, kind);
  j.Key("pack").BeginObject();
  j.Key("name").String(c.name).Key("version").StringOrNull(c.version);
  j.Key("digest").String(c.digest).EndObject();
}

// One row per entry: kind, id and period padded to the widest, then the citation wrapped under
// itself, so a long citation never pushes the table past the terminal's width.
void ListText(const PackCatalog& c) {
  std::printf("%zu entries in %s %s\n", c.entries.size(), TerminalSafe(c.name).c_str(),
              TerminalSafe(c.version).c_str());
  size_t wid = 2, wp = 6;
  for (const auto& e : c.entries) {
    wid = std::max(wid, TextColumns(TerminalSafe(e.id)));
    wp = std::max(wp, PeriodText(e.from, e.until).size());
  }
  std::printf(
      "%s\n",
      (PadTo("kind", 11) + PadTo("id", wid + 2) + PadTo("in force", wp + 2) + "citation").c_str());
  const int indent = static_cast<int>(11 + wid + 2 + wp + 2);
  for (const auto& e : c.entries) {
    std::string row = PadTo(PackEntryKindName(e.kind), 11) + PadTo(TerminalSafe(e.id), wid + 2) +
                      PadTo(PeriodText(e.from, e.until), wp + 2);
    std::string cite = TerminalSafe(e.cite) + (e.enabled ? "" : " (switched off)");
    std::fputs(Wrap(row, cite, indent, OutputWidth()).c_str(), stdout);
  }
}

// The entry for a person: what it is and cites, when it applies (next to its revisions), the
// text as written, then the tests naming it. Every value from the pack passes TerminalSafe.
void ShowText(const PackCatalog& c, const PackEntry& e, const std::vector<const PackEntry*>& revs,
              const std::vector<NamingTest>& tests) {
  const int w = OutputWidth();
  auto field = [&](const std::string& label, const std::string& value) {
    std::fputs(Wrap("  " + label + ": ", value, 4, w).c_str(), stdout);
  };
  std::printf("%s %s\n", PackEntryKindName(e.kind), TerminalSafe(e.id).c_str());
  if (!e.title.empty()) field("title", TerminalSafe(e.title));
  field("citation", e.cite.empty() ? "(none)" : TerminalSafe(e.cite));
  field("in force", PeriodText(e.from, e.until) + (e.enabled ? "" : " (switched off in the pack)"));
  field("pack", TerminalSafe(c.name) + " " + TerminalSafe(c.version));
  if (revs.size() > 1) {
    std::printf("  revisions:\n");
    for (const PackEntry* r : revs) {
      std::string label = "    " + TerminalSafe(r->id) + (r == &e ? " (this)" : "") + ": ";
      std::fputs(Wrap(label, PeriodText(r->from, r->until), 6, w).c_str(), stdout);
    }
  }
  for (const auto& m : e.members) {
    if (!m.from && !m.until) continue;
    field("member " + m.code,
          PeriodText(m.from, m.until) + (m.cite.empty() ? "" : "; " + TerminalSafe(m.cite)));
  }
  std::printf("  as written in %s:%d:\n", TerminalSafe(ShownPath(e.file)).c_str(), e.line);
  // The entry's lines as they are in the file: not wrapped, since YAML is read by its layout.
  size_t start = 0;
  while (start < e.text.size()) {
    size_t nl = e.text.find('\n', start);
    if (nl == std::string::npos) nl = e.text.size();
    std::printf("    %s\n", TerminalSafe(e.text.substr(start, nl - start)).c_str());
    start = nl + 1;
  }
  if (e.kind == PackEntryKind::kGroup) {
    std::printf("  rule tests: tests name rules, classes and exceptions, not groups\n");
  } else if (tests.empty()) {
    std::printf("  rule tests: none names it\n");
  } else {
    std::printf("  rule tests naming it (%zu):\n", tests.size());
  }
  for (const auto& t : tests) {
    std::fputs(Wrap("    " + TerminalSafe(ShownPath(t.file)) + ":" + std::to_string(t.line) + ": ",
                    TerminalSafe(t.name) + " (" + FormatDate(t.date) + ", " + t.how + ")", 6, w)
                   .c_str(),
               stdout);
  }
}

// One entry object of `show`: the list's members, then its text, revisions, members and tests.
void ShowEntryJson(PrettyJson& j, const PackEntry& e, const std::vector<const PackEntry*>& revs,
                   const std::vector<NamingTest>& tests) {
  j.BeginObject();
  EntryHeadJson(j, e);
  j.Key("text").String(e.text);
  j.Key("revisions").BeginArray();
  for (const PackEntry* r : revs) {
    j.BeginObject().Key("id").String(r->id).Key("from");
    DateOrNull(j, r->from);
    j.Key("until");
    DateOrNull(j, r->until);
    j.EndObject();
  }
  j.EndArray();
  j.Key("members").BeginArray();
  for (const auto& m : e.members) {
    j.BeginObject().Key("code").String(m.code).Key("from");
    DateOrNull(j, m.from);
    j.Key("until");
    DateOrNull(j, m.until);
    j.Key("cite").StringOrNull(m.cite).EndObject();
  }
  j.EndArray();
  j.Key("tests").BeginArray();
  for (const auto& t : tests) {
    j.BeginObject().Key("name").String(t.name).Key("file").String(ShownPath(t.file));
    j.Key("line").Int(t.line).Key("date").String(FormatDate(t.date));
    j.Key("how").String(t.how).EndObject();
  }
  j.EndArray();
  j.EndObject();
}

// Up to three ids near `id` (a case-insensitive prefix or substring either way), for the
// not-found message.
std::vector<std::string> NearestIds(const PackCatalog& c, const std::string& id) {
  auto fold = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  const std::string want = fold(id);
  std::vector<std::string> out;
  for (const auto& e : c.entries) {
    std::string have = fold(e.id);
    if (out.size() < 3 && !want.empty() &&
        (have.find(want) != std::string::npos || want.find(have) != std::string::npos) &&
        std::find(out.begin(), out.end(), e.id) == out.end())
      out.push_back(e.id);
  }
  return out;
}

// A usage error: exit 2 with the reason and the two accepted forms.
int Usage(const char* why) {
  std::fprintf(stderr, "chipgate rules: %s\n%s", why, UsageOf("rules").c_str());
  return kExitBadInput;
}

}  // namespace

// Exit 0 when shown; 2 on a usage error, a pack with errors, or an id the pack does not have
// (docs/cli.md, "Exit codes").
int RunRules(const Args& args) {
  const auto& pos = args.positional;
  bool list = pos.size() == 1 && pos[0] == "list";
  bool show = pos.size() == 2 && pos[0] == "show";
  std::string format = args.Get("format").value_or("text");
  if (!list && !show) return Usage("expected one of the forms below");
  if (format != "text" && format != "json") return Usage("--format must be text or json");
  std::vector<std::string> rules = RulesDirs(args);
  if (rules.empty()) return kExitBadInput;
  PackCatalog catalog = LoadPackCatalog(rules);
  if (HasErrors(catalog.diagnostics)) {
    PrintDiagnostics(catalog.diagnostics,
                     format == "json" ? OutputFormat::kJson : OutputFormat::kText);
    std::fprintf(stderr, "chipgate rules: rule pack `%s` has errors\n",
                 TerminalSafe(StackName(rules)).c_str());
    return kExitBadInput;
  }
  // `list` prints the whole catalogue; nothing is filtered here (a pipe to grep does that).
  if (list) {
    if (format == "json") {
      std::string out;
      PrettyJson j(out, 0);
      j.BeginObject();
      DocumentHead(j, JsonKind::kRuleList, catalog);
      j.Key("entries").BeginArray();
      for (const auto& e : catalog.entries) {
        j.BeginObject();
        EntryHeadJson(j, e);
        j.EndObject();
      }
      j.EndArray().EndObject();
      std::printf("%s\n", out.c_str());
    } else {
      ListText(catalog);
    }
    return kExitOk;
  }
  // Ids are unique within a kind; an id used by two kinds (a rule and a group) shows both.
  std::vector<const PackEntry*> found;
  for (const auto& e : catalog.entries)
    if (e.id == pos[1]) found.push_back(&e);
  if (found.empty()) {
    std::string msg = "no class, rule, exception or group `" + TerminalSafe(pos[1]) + "` in " +
                      TerminalSafe(catalog.name);
    auto near = NearestIds(catalog, pos[1]);
    for (size_t i = 0; i < near.size(); ++i)
      msg += (i ? ", `" : "; did you mean `") + TerminalSafe(near[i]) + "`";
    std::fprintf(stderr, "chipgate rules: %s%s\n", msg.c_str(), near.empty() ? "" : "?");
    return kExitBadInput;
  }
  // The tests of the top pack of the stack: a company pack's own tests (as `chipgate test`).
  RuleTestLoad tests = LoadRuleTests(rules.back());
  // JSON: one document whatever the number of entries found, so a script parses it once.
  std::string out;
  PrettyJson j(out, 0);
  if (format == "json") {
    j.BeginObject();
    DocumentHead(j, JsonKind::kRuleShow, catalog);
    j.Key("entries").BeginArray();
  }
  for (size_t i = 0; i < found.size(); ++i) {
    const PackEntry& e = *found[i];
    auto revs = Revisions(catalog, e);
    auto naming = TestsNaming(e, tests.cases);
    if (format == "json") {
      ShowEntryJson(j, e, revs, naming);
    } else {
      if (i) std::printf("\n");
      ShowText(catalog, e, revs, naming);
    }
  }
  if (format == "json") {
    j.EndArray().EndObject();
    std::printf("%s\n", out.c_str());
  }
  return kExitOk;
}

}  // namespace chipgate::cli
