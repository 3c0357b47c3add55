// `chipgate parts list --db DB` and `chipgate parts show PART --db DB` (docs/cli.md, "Parts"):
// the catalogue as a compliance officer looks things up in it. Each part with the class the pack
// computes from its data on --date, its declared ECCN and whether the two agree (the comparison
// `audit` reports misclassifications from, chipgate/declared_class.h); `show` adds its stored
// attributes, its bill of materials, the parts containing it and its recorded shipments. Read
// only: the database is opened read-only and nothing is recorded.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "chipgate/declared_class.h"
#include "chipgate/engine.h"
#include "chipgate/store.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/export_field.h"
#include "cli/text_wrap.h"
#include "pipeline/json_report.h"
#include "pipeline/part_lookup.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

// How `show` and the text views word a DeclaredCheck.
const char* CheckText(DeclaredCheck c) {
  switch (c) {
    case DeclaredCheck::kAgrees:
      return "agrees";
    case DeclaredCheck::kNotCompared:
      return "not compared (neither is in a controlled family)";
    case DeclaredCheck::kDiffers:
      return "DIFFERS from the computed class";
    case DeclaredCheck::kOverDeclared:
      return "over-declared: the data meets no class of that family";
    case DeclaredCheck::kUnclassifiable:
      return "cannot be compared: the class is not decided";
  }
  return "";
}

// The filters of `parts list`; each given one must hold (docs/cli.md, "Parts").
struct Filters {
  std::optional<std::string> cls;       // --class: a computed class, paragraph or special name
  std::optional<std::string> declared;  // --declared: the declared ECCN (any spelling), or none
  bool mismatch = false;                // --mismatch: declared and computed disagree
  std::optional<std::string> match;     // --match: in the part number or description

  bool Keep(const ClassifiedPart& p) const {
    if (cls && p.computed != *cls &&
        std::find(p.cls.classes.begin(), p.cls.classes.end(), *cls) == p.cls.classes.end())
      return false;
    if (declared) {
      bool none = *declared == "none";
      if (none ? !p.info.declared_eccn.empty()
               : CanonicalEccn(p.info.declared_eccn) != CanonicalEccn(*declared))
        return false;
    }
    if (mismatch && p.check != DeclaredCheck::kDiffers && p.check != DeclaredCheck::kOverDeclared)
      return false;
    if (match && !ContainsFoldedAscii(p.info.part, *match) &&
        !ContainsFoldedAscii(p.info.description, *match))
      return false;
    return true;
  }
};

// The table of `list`: a count line (how many of the catalogue the filters kept, and the date and
// pack the classes are under), a header, and one row per part.
void ListText(const std::vector<ClassifiedPart>& parts, size_t total, Date date,
              const Engine& engine) {
  std::printf("%zu of %zu parts; classes on %s under %s %s\n", parts.size(), total,
              FormatDate(date).c_str(), TerminalSafe(engine.pack_name()).c_str(),
              TerminalSafe(engine.pack_version()).c_str());
  if (parts.empty()) return;
  // Columns as wide as their widest cell; the description gets what is left of the line and
  // wraps under itself.
  size_t wp = 4, wc = 8, wd = 8;
  for (const auto& p : parts) {
    wp = std::max(wp, TextColumns(TerminalSafe(p.info.part)));
    wc = std::max(wc, p.computed.size());
    wd = std::max(wd, TextColumns(TerminalSafe(p.info.declared_eccn)));
  }
  const size_t wk = 16;  // `unclassifiable`, the longest check name, and two spaces
  std::string head = PadTo("part", wp + 2) + PadTo("computed", wc + 2) + PadTo("declared", wd + 2) +
                     PadTo("check", wk) + "description";
  std::printf("%s\n", head.c_str());
  const int indent = static_cast<int>(wp + 2 + wc + 2 + wd + 2 + wk);
  for (const auto& p : parts) {
    std::string row =
        PadTo(TerminalSafe(p.info.part), wp + 2) + PadTo(p.computed, wc + 2) +
        PadTo(p.info.declared_eccn.empty() ? "-" : TerminalSafe(p.info.declared_eccn), wd + 2) +
        PadTo(DeclaredCheckName(p.check), wk);
    std::fputs(Wrap(row, TerminalSafe(p.info.description), indent, OutputWidth()).c_str(), stdout);
  }
}

// Streams the catalogue once, classifying every part (the filters need the class) and keeping
// those the filters pass. A store error stops the stream and is reported, exit 2.
int List(const Engine& engine, const Store& store, Date date, const Filters& filters,
         const std::string& format) {
  std::vector<ClassifiedPart> kept;
  size_t total = 0;
  Status inner;
  Status s = store.ForEachPartInfo([&](const PartInfo& info) {
    ++total;
    auto p = ClassifyPart(engine, store, info, date);
    if (!p.ok()) {
      inner = p.status();
      return false;
    }
    if (filters.Keep(p.value())) kept.push_back(std::move(p.value()));
    return true;
  });
  if (!s.ok() || !inner.ok()) {
    std::fprintf(stderr, "chipgate parts: %s\n",
                 TerminalSafe((s.ok() ? inner : s).message()).c_str());
    return kExitBadInput;
  }
  if (format == "csv") {
    std::printf("part,description,declared_eccn,computed,classes,declared_check\n");
    for (const auto& p : kept) {
      std::string classes;
      for (auto c : p.cls.classes) classes += (classes.empty() ? "" : " ") + std::string(c);
      std::printf("%s,%s,%s,%s,%s,%s\n", CsvField(p.info.part).c_str(),
                  CsvField(p.info.description).c_str(), CsvField(p.info.declared_eccn).c_str(),
                  CsvField(p.computed).c_str(), CsvField(classes).c_str(),
                  DeclaredCheckName(p.check));
    }
    return kExitOk;
  }
  if (format == "json") {
    std::string out;
    PrettyJson j(out, 0);
    j.BeginObject();
    PartDocumentHead(j, JsonKind::kPartList, engine, date);
    j.Key("total").Int(static_cast<int64_t>(total));
    j.Key("parts").BeginArray();
    for (const auto& p : kept) {
      j.BeginObject();
      PartHeadJson(j, p);
      j.EndObject();
    }
    j.EndArray().EndObject();
    std::printf("%s\n", out.c_str());
    return kExitOk;
  }
  ListText(kept, total, date, engine);
  return kExitOk;
}

// What the text view says about the bill of materials before listing it.
std::string ContentsHeading(const ItemFacts& item) {
  switch (item.contents) {
    case ContentsState::kListed:
      return item.components.empty() ? "contents: none (the bill of materials is complete)"
                                     : "contents (the bill of materials is complete):";
    case ContentsState::kNotGiven:
      return item.components.empty() ? "contents: not known (no bill of materials is stored)"
                                     : "contents (not marked complete):";
    case ContentsState::kCyclic:
      return "contents: unusable, the bill of materials is cyclic";
    case ContentsState::kTooLarge:
      return "contents: unusable, " + item.note;
  }
  return "contents:";
}

// The part for a person: what it is and is computed to be, what it is declared, the data it was
// classified from, what it contains and is contained in, and where it went. Long values wrap
// with a hanging indent; every value from the database passes TerminalSafe.
void ShowText(const ClassifiedPart& p, const PartDetail& d, Date date, const Engine& engine) {
  const int w = OutputWidth();
  auto field = [&](const std::string& label, const std::string& value) {
    std::fputs(Wrap("  " + label + ": ", value, 4, w).c_str(), stdout);
  };
  std::printf("part %s\n", TerminalSafe(p.info.part).c_str());
  if (!p.info.description.empty()) field("description", TerminalSafe(p.info.description));
  std::string classes;
  for (auto c : p.cls.classes) classes += (classes.empty() ? "" : ", ") + std::string(c);
  field("class on " + FormatDate(date),
        p.computed + (classes.empty() || classes == p.computed ? "" : " (" + classes + ")") +
            " under " + TerminalSafe(engine.pack_name()) + " " +
            TerminalSafe(engine.pack_version()));
  if (!p.cls.complete) field("not decided", TerminalSafe(p.cls.missing));
  for (const auto& r : p.cls.reviews) field("needs review", TerminalSafe(r));
  field("declared ECCN", (p.info.declared_eccn.empty() ? std::string("(none)")
                                                       : TerminalSafe(p.info.declared_eccn)) +
                             ": " + CheckText(p.check));
  // Every stored value is the catalogue's (the parts table); the catalogue's `source` says
  // where its figures came from.
  if (!p.info.source.empty()) field("data source", TerminalSafe(p.info.source));
  std::printf("  attributes (from the database):\n");
  if (d.item.specs.empty()) std::printf("    none stored\n");
  for (const auto& [name, value] : d.item.specs)
    std::fputs(Wrap("    " + TerminalSafe(name) + ": ", TerminalSafe(value.Text()), 6, w).c_str(),
               stdout);
  std::printf("  %s\n", TerminalSafe(ContentsHeading(d.item)).c_str());
  for (size_t i = 0; i < d.contents.size(); ++i) {
    const ClassifiedPart& c = d.contents[i];
    std::fputs(Wrap("    " + std::to_string(d.content_quantities[i]) + " x ",
                    TerminalSafe(c.info.part) + " (" + c.computed + ")", 6, w)
                   .c_str(),
               stdout);
  }
  if (d.used_in.empty()) std::printf("  contained in: no part\n");
  if (!d.used_in.empty()) std::printf("  contained in:\n");
  for (const auto& u : d.used_in)
    std::printf("    %s (%lld)\n", TerminalSafe(u.part).c_str(),
                static_cast<long long>(u.quantity));
  if (d.shipments.empty()) std::printf("  shipments: none recorded\n");
  if (!d.shipments.empty()) std::printf("  shipments (%zu):\n", d.shipments.size());
  for (const auto& s : d.shipments) {
    std::string text =
        std::to_string(s.quantity) + " to " + s.end_user.country + ", end user " +
        TerminalSafe(s.end_user.name) + ", consignee " + TerminalSafe(s.consignee.name) + " (" +
        s.consignee.country + "); " +
        (s.license.empty() ? std::string("no license or exception recorded")
                           : "under " + TerminalSafe(s.license)) +
        (s.decision.empty() ? std::string()
                            : "; shipped with chipgate, decided " + TerminalSafe(s.decision));
    std::fputs(Wrap("    " + FormatDate(s.date) + " " + TerminalSafe(s.shipment) + " line " +
                        std::to_string(s.line) + ": ",
                    text, 6, w)
                   .c_str(),
               stdout);
  }
}

// Reads everything `show` prints (the caller holds one read snapshot; ReadPartShow), then prints
// it; a part not stored is an error naming it, with the nearest stored numbers.
int Show(const Engine& engine, const Store& store, Date date, const std::string& part,
         const std::string& format) {
  auto shown = ReadPartShow(engine, store, part, date);
  if (!shown.ok()) {
    std::fprintf(stderr, "chipgate parts: %s\n", TerminalSafe(shown.status().message()).c_str());
    return kExitBadInput;
  }
  if (!shown.value()) {
    std::string msg = "no part `" + TerminalSafe(part) + "` is stored";
    auto near = NearestParts(store, part);
    for (size_t i = 0; i < near.size(); ++i)
      msg += (i ? ", `" : "; did you mean `") + TerminalSafe(near[i]) + "`";
    std::fprintf(stderr, "chipgate parts: %s%s\n", msg.c_str(), near.empty() ? "" : "?");
    return kExitBadInput;
  }
  const PartShow& p = *shown.value();
  if (format == "json") {
    std::printf("%s\n", PartShowJson(p, date, engine).c_str());
  } else {
    ShowText(p.part, p.detail, date, engine);
  }
  return kExitOk;
}

// A usage error: exit 2 with the reason and the two accepted forms.
int Usage(const char* why) {
  std::fprintf(stderr, "chipgate parts: %s\n%s", why, UsageOf("parts").c_str());
  return kExitBadInput;
}

}  // namespace

// Exit 0 when shown; 2 on a usage error, a bad --date, a pack with errors, a database that cannot
// be opened, or a part that is not stored (docs/cli.md, "Exit codes").
int RunParts(const Args& args) {
  const auto& pos = args.positional;
  bool list = pos.size() == 1 && pos[0] == "list";
  bool show = pos.size() == 2 && pos[0] == "show";
  std::string format = args.Get("format").value_or("text");
  auto db = args.Get("db");
  if ((!list && !show) || !db) return Usage("expected one of the forms below");
  if (format != "text" && format != "json" && (format != "csv" || show))
    return Usage(show ? "--format must be text or json" : "--format must be text, json or csv");
  Filters filters{args.Get("class"), args.Get("declared"), args.Has("mismatch"), args.Get("match")};
  if (show && (filters.cls || filters.declared || filters.mismatch || filters.match))
    return Usage("--class, --declared, --mismatch and --match filter `parts list` only");
  Date date = Today();
  if (auto d = args.Get("date")) {
    auto parsed = ParseDate(*d);
    if (!parsed) {
      std::fprintf(stderr, "chipgate parts: --date `%s` is not a date YYYY-MM-DD\n",
                   TerminalSafe(*d).c_str());
      return kExitBadInput;
    }
    date = *parsed;
  }
  std::vector<std::string> rules = RulesDirs(args);
  if (rules.empty()) return kExitBadInput;
  LoadResult loaded = Engine::LoadStack(rules);
  if (!loaded.engine) {
    PrintDiagnostics(loaded.diagnostics,
                     format == "json" ? OutputFormat::kJson : OutputFormat::kText);
    std::fprintf(stderr, "chipgate parts: rule pack `%s` has errors\n",
                 TerminalSafe(StackName(rules)).c_str());
    return kExitBadInput;
  }
  // Read only: looking parts up never migrates or locks a database for writing.
  auto store = Store::Open(*db, StoreOptions{.read_only = true});
  if (!store.ok()) {
    std::fprintf(stderr, "chipgate parts: %s\n", TerminalSafe(store.status().message()).c_str());
    return kExitBadInput;
  }
  // One snapshot: an import committing meanwhile cannot mix old and new rows in one answer.
  int code = kExitBadInput;
  Status s = store->InReadSnapshot([&] {
    code = list ? List(*loaded.engine, store.value(), date, filters, format)
                : Show(*loaded.engine, store.value(), date, pos[1], format);
    return Status::Ok();
  });
  if (!s.ok()) {
    std::fprintf(stderr, "chipgate parts: %s\n", TerminalSafe(s.message()).c_str());
    return kExitBadInput;
  }
  return code;
}

}  // namespace chipgate::cli
