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
#include "cli/json_report.h"
#include "cli/pretty_json.h"
#include "cli/text_wrap.h"

namespace chipgate::cli {
namespace {

// A part as classified on the date: what `list` prints a row of and `show` starts with.
struct ClassifiedPart {
  PartInfo info;
  Engine::Classification cls;
  std::string computed;  // ComputedClassName(cls)
  DeclaredCheck check = DeclaredCheck::kUnclassifiable;
};

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

// Classifies `item` on `date`. Data the pack cannot type makes the part unclassifiable, as in
// the audit, rather than dropping the value (which could clear it).
Engine::Classification Classify(const Engine& engine, const ItemFacts& item, Date date) {
  std::vector<Diagnostic> diags;
  ResolvedItem resolved = engine.ResolveItem(item, diags);
  Engine::Classification cls = engine.Classify(resolved, date);
  if (!diags.empty()) {
    cls.complete = false;
    cls.missing = "invalid data: " + diags.front().message;
  }
  return cls;
}

// The part's stored data classified; an error when the store fails.
Result<ClassifiedPart> ClassifyPart(const Engine& engine, const Store& store, PartInfo info,
                                    Date date) {
  auto item = store.LookupPart(info.part);
  if (!item.ok()) return item.status();
  ClassifiedPart out;
  out.cls = Classify(engine, item.value().value_or(ItemFacts{}), date);
  out.computed = ComputedClassName(out.cls);
  out.check = CheckDeclared(engine, out.cls, info.declared_eccn);
  out.info = std::move(info);
  return out;
}

// ASCII case-insensitive substring test (part numbers and descriptions).
bool ContainsFolded(const std::string& hay, const std::string& needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
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
    if (match && !ContainsFolded(p.info.part, *match) &&
        !ContainsFolded(p.info.description, *match))
      return false;
    return true;
  }
};

// The classes array, paragraphs first as the engine gives them.
void ClassesJson(PrettyJson& j, const Engine::Classification& cls) {
  j.BeginArray();
  for (auto c : cls.classes) j.String(c);
  j.EndArray();
}

// The members every part object has, in `list` and `show` alike.
void PartHeadJson(PrettyJson& j, const ClassifiedPart& p) {
  j.Key("part").String(p.info.part);
  j.Key("description").StringOrNull(p.info.description);
  j.Key("declared_eccn").StringOrNull(p.info.declared_eccn);
  j.Key("computed").String(p.computed);
  j.Key("classes");
  ClassesJson(j, p.cls);
  j.Key("declared_check").String(DeclaredCheckName(p.check));
  j.Key("missing").StringOrNull(p.cls.complete ? "" : p.cls.missing);
}

// {"schema", "chipgate_version", "date", "pack": {"name", "version", "digest"}, ...
void DocumentHead(PrettyJson& j, JsonKind kind, const Engine& engine, Date date) {
  JsonReportHead(j, kind);
  j.Key("date").String(FormatDate(date));
  j.Key("pack").BeginObject();
  j.Key("name").String(engine.pack_name()).Key("version").StringOrNull(engine.pack_version());
  j.Key("digest").String(engine.digest());
  j.EndObject();
}

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
    DocumentHead(j, JsonKind::kPartList, engine, date);
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

// Everything `show` prints besides the part's own row.
struct PartDetail {
  ItemFacts item;  // as stored, bill of materials read recursively
  std::vector<ClassifiedPart> contents;
  std::vector<int64_t> content_quantities;
  std::vector<PartQuantity> used_in;
  std::vector<PartShipmentLine> shipments;
};

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

// `show` for scripts (chipgate.part-show/v1): every member always present, null for nothing.
void ShowJson(const ClassifiedPart& p, const PartDetail& d, Date date, const Engine& engine) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  DocumentHead(j, JsonKind::kPartShow, engine, date);
  j.Key("part").BeginObject();
  PartHeadJson(j, p);
  j.Key("reviews").BeginArray();
  for (const auto& r : p.cls.reviews) j.String(r);
  j.EndArray();
  j.Key("source").StringOrNull(p.info.source);
  j.Key("bom_complete");
  p.info.bom_complete ? j.Bool(*p.info.bom_complete) : j.Null();
  j.Key("attributes").BeginArray();
  for (const auto& [name, value] : d.item.specs) {
    j.BeginObject().Key("name").String(name).Key("value").String(value.Text());
    j.Key("from").String("database").EndObject();
  }
  j.EndArray();
  j.Key("contents_state").String(ContentsStateName(d.item.contents));
  j.Key("contents").BeginArray();
  for (size_t i = 0; i < d.contents.size(); ++i) {
    j.BeginObject().Key("part").String(d.contents[i].info.part);
    j.Key("quantity").Int(d.content_quantities[i]);
    j.Key("computed").String(d.contents[i].computed).EndObject();
  }
  j.EndArray();
  j.Key("used_in").BeginArray();
  for (const auto& u : d.used_in)
    j.BeginObject().Key("part").String(u.part).Key("quantity").Int(u.quantity).EndObject();
  j.EndArray();
  j.Key("shipments").BeginArray();
  for (const auto& s : d.shipments) {
    j.BeginObject();
    j.Key("shipment").String(s.shipment).Key("date").String(FormatDate(s.date));
    j.Key("line").Int(s.line).Key("quantity").Int(s.quantity);
    j.Key("destination").String(s.end_user.country);
    j.Key("consignee").String(s.consignee.name).Key("consignee_id").StringOrNull(s.consignee.id);
    j.Key("end_user").String(s.end_user.name).Key("end_user_id").StringOrNull(s.end_user.id);
    j.Key("license").StringOrNull(s.license).Key("decision").StringOrNull(s.decision);
    j.EndObject();
  }
  j.EndArray();
  j.EndObject().EndObject();
  std::printf("%s\n", out.c_str());
}

// Edit distance, for suggesting stored part numbers near one that is not stored.
size_t Distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      bool same = std::toupper(static_cast<unsigned char>(a[i - 1])) ==
                  std::toupper(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// Up to three stored part numbers nearest `part` (by edit distance, within a third of its
// length, or containing it), for the not-found message.
std::vector<std::string> NearestParts(const Store& store, const std::string& part) {
  std::vector<std::pair<size_t, std::string>> near;
  (void)store.ForEachPartInfo([&](const PartInfo& info) {
    size_t d = Distance(part, info.part);
    if (d <= std::max<size_t>(2, part.size() / 3) || ContainsFolded(info.part, part))
      near.emplace_back(d, info.part);
    return true;
  });
  std::sort(near.begin(), near.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < near.size() && i < 3; ++i) out.push_back(near[i].second);
  return out;
}

// Reads everything `show` prints (the caller holds one read snapshot), then prints it; a part
// not stored is an error naming it, with the nearest stored numbers.
int Show(const Engine& engine, const Store& store, Date date, const std::string& part,
         const std::string& format) {
  auto info = store.ReadPartInfo(part);
  if (!info.ok()) {
    std::fprintf(stderr, "chipgate parts: %s\n", TerminalSafe(info.status().message()).c_str());
    return kExitBadInput;
  }
  if (!info.value()) {
    std::string msg = "no part `" + TerminalSafe(part) + "` is stored";
    auto near = NearestParts(store, part);
    for (size_t i = 0; i < near.size(); ++i)
      msg += (i ? ", `" : "; did you mean `") + TerminalSafe(near[i]) + "`";
    std::fprintf(stderr, "chipgate parts: %s%s\n", msg.c_str(), near.empty() ? "" : "?");
    return kExitBadInput;
  }
  auto p = ClassifyPart(engine, store, std::move(*info.value()), date);
  PartDetail d;
  Status failed;
  auto item = store.LookupPart(part);
  auto used = store.ReadUsedIn(part);
  auto shipped = store.ReadShipmentLinesOf(part);
  for (const Status& s : {p.status(), item.status(), used.status(), shipped.status()})
    if (!s.ok() && failed.ok()) failed = s;
  if (failed.ok()) {
    d.item = item.value().value_or(ItemFacts{});
    d.used_in = std::move(used.value());
    d.shipments = std::move(shipped.value());
    // Each direct component with its own class; the bill of materials below it is in its class.
    for (const ItemFacts& c : d.item.components) {
      ClassifiedPart cp;
      cp.info.part = c.part;
      cp.cls = Classify(engine, c, date);
      cp.computed = ComputedClassName(cp.cls);
      d.contents.push_back(std::move(cp));
      d.content_quantities.push_back(static_cast<int64_t>(c.quantity));
    }
  }
  if (!failed.ok()) {
    std::fprintf(stderr, "chipgate parts: %s\n", TerminalSafe(failed.message()).c_str());
    return kExitBadInput;
  }
  if (format == "json") {
    ShowJson(p.value(), d, date, engine);
  } else {
    ShowText(p.value(), d, date, engine);
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
