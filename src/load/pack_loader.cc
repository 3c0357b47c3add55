// Pack loader: one function per section, each reading entries through MapReader.
// A pack is split over any number of files, each a mapping with any of the top-level sections
// (`pack`, `audit`, `affiliates`, `attributes`, `country_groups`, `classes`, `license_rules`,
// `exceptions`, `parties`, `end_uses`, `notes`; see docs/rule-language.md). Entries of all files
// are appended to one Pack in file order (files sorted by path), then entry order. This loader
// checks shapes, types, required fields and known field names (E101-E107), and that `audit` and
// `affiliates` appear once (E301); ids, references and expressions are checked later by the
// validator. An entry with a shape error is skipped; an entry with a bad field is kept with that
// field defaulted, so the diagnostics list every problem at once. Callers must not use the Pack
// when any error was reported.
#include "load/pack_loader.h"

#include <algorithm>
#include <filesystem>

#include "base/sha256.h"
#include "load/yaml_reader.h"

namespace chipgate {
namespace fs = std::filesystem;

namespace {

// Extension match is case-sensitive: `RULES.YAML` is not read.
bool IsYaml(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

// The paragraph a class id belongs to: the id up to its second dot (`3A090.a.1` -> `3A090.a`),
// or the whole id when it has fewer than two dots.
std::string ParagraphOf(const std::string& id) {
  size_t first = id.find('.');
  if (first == std::string::npos) return id;
  size_t second = id.find('.', first + 1);
  return second == std::string::npos ? id : id.substr(0, second);
}

// Reads the sections of one file into the shared Pack. One instance per file (its YamlContext
// holds that file's text for locations).
class SectionLoader {
 public:
  SectionLoader(YamlContext& ctx, Pack& pack) : ctx_(ctx), pack_(pack) {}

  // Sections are read in a fixed order, whatever order the file writes them in; unknown
  // top-level keys are E104.
  void LoadFile(const DocNode& root) {
    if (root.IsNull()) return;  // an empty file declares nothing
    MapReader top(ctx_, root, "rule file");
    if (!top.ok()) return;
    if (const DocNode* n = top.Field("pack")) Info(*n);
    // The key's location, not the value's, identifies the section in the E301 message.
    if (const DocNode* n = top.Field("audit")) Audit(*n, top.KeyLoc("audit"));
    if (const DocNode* n = top.Field("affiliates")) Affiliates(*n, top.KeyLoc("affiliates"));
    top.Each("attributes", [&](const DocNode& n) { Attribute(n); });
    top.Each("country_groups", [&](const DocNode& n) { Group(n); });
    top.Each("classes", [&](const DocNode& n) { Class(n); });
    top.Each("license_rules", [&](const DocNode& n) { Rule(n); });
    top.Each("exceptions", [&](const DocNode& n) { Exception(n); });
    top.Each("parties", [&](const DocNode& n) { Party(n); });
    top.Each("end_uses", [&](const DocNode& n) { EndUse(n); });
    top.Each("notes", [&](const DocNode& n) { Note(n); });
    top.Finish();
  }

 private:
  // Reads the optional `effective: {from, until}` of an entry (or another period field).
  // Absent means always in force (kMinDate..kMaxDate). A date that fails to parse or is
  // implausible is reported and that end left open rather than guessed. The period is
  // half-open, [from, until): Effective::Contains.
  Effective ReadEffective(MapReader& m, const std::string& key = "effective") {
    Effective eff;
    const DocNode* n = m.Field(key);
    if (!n) return eff;
    MapReader r(ctx_, *n, m.what() + " " + key);
    eff.loc = m.KeyLoc(key);
    if (auto from = r.DateField("from"); from && Plausible(r, "from", *from)) eff.from = *from;
    if (auto until = r.DateField("until"); until && Plausible(r, "until", *until))
      eff.until = *until;
    r.Finish();
    return eff;
  }

  // A rule date after 2099 is a typo (`2205-01-01`), and a silent one: an entry that takes effect
  // then is never in force, so a control would quietly stop holding lines. Refused (E106).
  bool Plausible(MapReader& r, const char* key, Date d) {
    static const Date kLatest = *ParseDate("2099-12-31");
    if (d <= kLatest) return true;
    ctx_.Error(
        "E106", r.KeyLoc(key),
        r.what() + ": field `" + key + "` " + FormatDate(d) +
            " is after 2099-12-31; a typo? (an entry in force only from then never applies)");
    return false;
  }

  // A required id; "" after E105 (the entry is still read, for its other diagnostics).
  std::string Id(MapReader& m, const char* key = "id") { return m.String(key, true).value_or(""); }

  // A list of ids, or one id written as a scalar, each with its location for the validator's
  // unresolved-reference errors. Non-scalar elements are E103 and dropped. Whether the ids exist
  // is not checked here.
  std::vector<NameRef> Refs(MapReader& m, const std::string& key) {
    std::vector<NameRef> out;
    const DocNode* n = m.Field(key);
    if (!n) return out;
    auto add = [&](const DocNode& item) {
      if (item.IsScalar()) {
        out.push_back({item.Scalar(), ctx_.Loc(item.Mark())});
      } else {
        ctx_.Error("E103", ctx_.Loc(item.Mark()),
                   m.what() + ": elements of `" + key + "` must be ids");
      }
    };
    if (n->IsSequence()) {
      for (const auto& item : *n) add(item);
    } else {
      add(*n);
    }
    return out;
  }

  // One of the five decision words; E106 for anything else. Whether the decision suits the
  // entry (a party's `effect` must hold the line) is the validator's check.
  std::optional<DecisionKind> Decision(MapReader& m, const std::string& key) {
    auto text = m.String(key);
    if (!text) return std::nullopt;
    auto d = ParseDecisionKind(*text);
    if (!d) {
      ctx_.Error("E106", m.KeyLoc(key),
                 m.what() + ": `" + key +
                     "` must be one of prohibited, license_required, review, "
                     "license_exception, no_license_required; found `" +
                     *text + "`");
    }
    return d;
  }

  // `pack:` metadata. Unlike `audit`, a second `pack:` section in another file is not refused:
  // its fields overwrite the first's.
  void Info(const DocNode& n) {
    MapReader m(ctx_, n, "pack");
    pack_.info.loc = m.loc();
    pack_.info.name = m.String("name", true).value_or("");
    pack_.info.version = m.String("version").value_or("");
    pack_.info.description = m.String("description").value_or("");
    pack_.info.coverage = ReadEffective(m, "coverage");
    if (const DocNode* c = m.Field("reason_cites"))
      pack_.info.reason_cites = Cites(*c, "pack reason_cites", kEngineReasonIds);
    m.Finish();
  }

  // A mapping from the reason ids in `keys` to citations; any other key is an unknown field.
  template <size_t N>
  std::map<std::string, std::string> Cites(const DocNode& n, const std::string& what,
                                           const char* const (&keys)[N]) {
    std::map<std::string, std::string> out;
    MapReader m(ctx_, n, what);
    if (!m.ok()) return out;
    for (const char* key : keys) {
      if (auto cite = m.String(key)) out.emplace(key, *cite);
    }
    m.Finish();
    return out;
  }

  // `audit:` may appear in one file only: two would leave which one counts to file order.
  void Audit(const DocNode& n, const SourceLoc& key_loc) {
    // A located audit section means one was already read, from this file or an earlier one.
    if (pack_.audit.loc.line > 0) {
      ctx_.Error("E301", key_loc,
                 "duplicate `audit` section (first at " + pack_.audit.loc.file + ":" +
                     std::to_string(pack_.audit.loc.line) + ")");
      return;
    }
    MapReader m(ctx_, n, "audit");
    if (!m.ok()) return;
    pack_.audit.loc = key_loc;
    pack_.audit.compare_destinations = Refs(m, "compare_destinations");
    if (const DocNode* c = m.Field("reason_cites"))
      pack_.audit.reason_cites = Cites(*c, "audit reason_cites", kAuditReasonIds);
    pack_.audit.headquarters_rules = Refs(m, "headquarters_rules");
    m.Finish();
  }

  // `affiliates:` (the affiliates rule), in one file only, like `audit`. Required: `id`, `cite`,
  // `lists` and `periods`; `threshold` is a percentage in (0, 100] (default 50);
  // `unknown_ownership` is `note` or `review` (default review: fail closed). Whether the periods
  // overlap, and whether `lists` names lists some party uses, is the validator's check.
  void Affiliates(const DocNode& n, const SourceLoc& key_loc) {
    if (pack_.affiliates.present()) {
      ctx_.Error("E301", key_loc,
                 "duplicate `affiliates` section (first at " + pack_.affiliates.loc.file + ":" +
                     std::to_string(pack_.affiliates.loc.line) + ")");
      return;
    }
    MapReader m(ctx_, n, "affiliates");
    if (!m.ok()) return;
    AffiliatesDecl& a = pack_.affiliates;
    a.loc = key_loc;
    a.id = Id(m);
    a.cite = m.String("cite", true).value_or("");
    a.message = m.String("message").value_or(
        "affiliate of listed parties: their most restrictive license requirement applies");
    if (auto t = m.Number("threshold")) {
      if (*t > 0 && *t <= 100) {
        a.threshold = *t;
      } else {
        ctx_.Error("E106", m.KeyLoc("threshold"),
                   "affiliates: `threshold` must be a percentage greater than 0 and at most 100");
      }
    }
    m.Field("lists", true);  // only for the E105 when absent; Refs() reads the value
    a.lists = Refs(m, "lists");
    if (auto u = m.String("unknown_ownership")) {
      if (*u == "note" || *u == "review") {
        a.unknown_ownership = *u == "note" ? UnknownOwnership::kNote : UnknownOwnership::kReview;
      } else {
        ctx_.Error(
            "E106", m.KeyLoc("unknown_ownership"),
            "affiliates: `unknown_ownership` must be `note` or `review`, found `" + *u + "`");
      }
    }
    m.Each(
        "periods", [&](const DocNode& p) { AffiliatesPeriodEntry(p, a); }, true);
    m.Finish();
  }

  // One period: required `effective` and `cite`; `status` is `in_force` (default) or `suspended`.
  void AffiliatesPeriodEntry(const DocNode& n, AffiliatesDecl& a) {
    MapReader r(ctx_, n, "affiliates period");
    if (!r.ok()) return;
    AffiliatesPeriod period;
    period.loc = r.loc();
    r.Field("effective", true);
    period.effective = ReadEffective(r);
    period.cite = r.String("cite", true).value_or("");
    if (auto st = r.String("status")) {
      if (*st == "in_force" || *st == "suspended") {
        period.in_force = *st == "in_force";
      } else {
        ctx_.Error(
            "E106", r.KeyLoc("status"),
            "affiliates period: `status` must be `in_force` or `suspended`, found `" + *st + "`");
      }
    }
    r.Finish();
    a.periods.push_back(std::move(period));
  }

  // An attribute declaration. `type` is required unless the attribute is `derived`. `enum` is
  // a string attribute with a required `values` list.
  // An unknown type leaves Type::kUnknown and E106.
  void Attribute(const DocNode& n) {
    MapReader m(ctx_, n, "attribute");
    if (!m.ok()) return;
    AttributeDecl a;
    a.loc = m.loc();
    a.name = m.String("name", true).value_or("");
    auto type = m.String("type", !m.Field("derived"));
    if (type) {
      static const std::pair<const char*, Type> kTypes[] = {
          {"number", Type::kNumber}, {"bool", Type::kBool}, {"string", Type::kString},
          {"enum", Type::kString},   {"date", Type::kDate}, {"country", Type::kCountry}};
      // `enum` maps to kString: the values are strings, restricted to `values`.
      for (auto [name, t] : kTypes) {
        if (*type == name) a.type = t;
      }
      if (a.type == Type::kUnknown) {
        ctx_.Error("E106", m.KeyLoc("type"),
                   "attribute `" + a.name + "`: unknown type `" + *type +
                       "`; expected number, bool, string, enum, date or country");
      }
      if (*type == "enum") {
        a.values = m.StringList("values", true).value_or(std::vector<std::string>{});
      }
    }
    a.unit = m.String("unit").value_or("");
    a.description = m.String("description").value_or("");
    a.min = m.Number("min");
    a.positive = m.Bool("positive").value_or(false);
    if (m.Field("requires_contents")) {
      a.requires_contents_loc = m.KeyLoc("requires_contents");
      a.requires_contents = m.StringList("requires_contents").value_or(std::vector<std::string>{});
    }
    if (auto agg = m.String("from_components")) {
      a.from_components_loc = m.KeyLoc("from_components");
      if (*agg == "any") {
        a.from_components = true;
      } else {
        ctx_.Error(
            "E106", a.from_components_loc,
            "attribute `" + a.name + "`: `from_components` must be `any`, found `" + *agg + "`");
      }
    }
    m.Expression("derived", a.derived);
    m.Finish();
    pack_.attributes.push_back(std::move(a));
  }

  // A country group: required `id`, `cite` and a `members` list.
  void Group(const DocNode& n) {
    MapReader m(ctx_, n, "country group");
    if (!m.ok()) return;
    CountryGroupDecl g;
    g.loc = m.loc();
    g.id = Id(m);
    g.title = m.String("title").value_or("");
    g.cite = m.String("cite", true).value_or("");
    m.Each(
        "members", [&](const DocNode& item) { Member(item, g); }, true);
    m.Finish();
    pack_.groups.push_back(std::move(g));
  }

  // A member is a country code, or a mapping with `code` plus its own `effective` period and
  // `cite` (a country that joined or left the group on a date).
  void Member(const DocNode& item, CountryGroupDecl& g) {
    GroupMember member;
    member.loc = ctx_.Loc(item.Mark());
    if (item.IsScalar()) {
      member.code = item.Scalar();
    } else {
      MapReader r(ctx_, item, "member of country group `" + g.id + "`");
      if (!r.ok()) return;
      member.code = r.String("code", true).value_or("");
      member.effective = ReadEffective(r);
      member.cite = r.String("cite").value_or("");
      r.Finish();
    }
    g.members.push_back(std::move(member));
  }

  // A control class: required `id`, `cite` and `when` expression. `controlled` (whether an
  // inventory audit checks declarations against the class's family) is kept only when given,
  // with its location: the validator lets other classes of the family supply it.
  void Class(const DocNode& n) {
    MapReader m(ctx_, n, "class");
    if (!m.ok()) return;
    ClassDecl c;
    c.loc = m.loc();
    c.id = Id(m);
    c.paragraph = ParagraphOf(c.id);
    c.title = m.String("title").value_or("");
    c.cite = m.String("cite", true).value_or("");
    c.effective = ReadEffective(m);
    m.Expression("when", c.when, true);
    if (auto controlled = m.Bool("controlled")) {
      c.controlled = *controlled;
      c.controlled_loc = m.KeyLoc("controlled");
    }
    m.Finish();
    pack_.classes.push_back(std::move(c));
  }

  // A license rule. `classes` is required and is either the word `any` (every item) or a list of
  // class ids. `message` defaults to the title. `enabled: false` keeps a rule in the pack without
  // applying it; `disabled_reason` says why.
  void Rule(const DocNode& n) {
    MapReader m(ctx_, n, "license rule");
    if (!m.ok()) return;
    RuleDecl r;
    r.loc = m.loc();
    r.id = Id(m);
    r.title = m.String("title").value_or("");
    r.cite = m.String("cite", true).value_or("");
    r.message = m.String("message").value_or(r.title);
    r.policy = m.String("policy").value_or("");
    r.effective = ReadEffective(m);
    const DocNode* classes = m.Field("classes", true);
    // `any` is a keyword only as the bare scalar; `[any]` is a list naming a class `any`.
    if (classes && classes->IsScalar() && classes->Scalar() == "any") {
      r.any_item = true;
    } else {
      r.classes = Refs(m, "classes");
    }
    m.Expression("when", r.when);
    if (auto d = Decision(m, "decision")) r.decision = *d;
    if (auto e = m.Bool("enabled")) r.enabled = *e;
    r.disabled_reason = m.String("disabled_reason").value_or("");
    m.Finish();
    pack_.rules.push_back(std::move(r));
  }

  // A license exception. `code` defaults to the id. `covers` (the rules it can lift) is required:
  // Field() reports E105 when it is absent, and Refs() then reads it.
  void Exception(const DocNode& n) {
    MapReader m(ctx_, n, "exception");
    if (!m.ok()) return;
    ExceptionDecl e;
    e.loc = m.loc();
    e.id = Id(m);
    e.code = m.String("code").value_or(e.id);
    e.title = m.String("title").value_or("");
    e.cite = m.String("cite", true).value_or("");
    e.effective = ReadEffective(m);
    // Only for the E105 when absent; Refs() reads the value.
    m.Field("covers", true);
    e.covers = Refs(m, "covers");
    e.classes = Refs(m, "classes");
    m.Expression("when", e.when);
    e.conditions = m.StringList("conditions").value_or(std::vector<std::string>{});
    if (auto en = m.Bool("enabled")) e.enabled = *en;
    m.Finish();
    pack_.exceptions.push_back(std::move(e));
  }

  // A listed party: required `id`, `name` and `cite`. `country_loc` is kept separately so the
  // validator can point at the country value itself.
  void Party(const DocNode& n) {
    MapReader m(ctx_, n, "party");
    if (!m.ok()) return;
    PartyDecl p;
    p.loc = m.loc();
    p.id = Id(m);
    p.name = m.String("name", true).value_or("");
    p.aliases = m.StringList("aliases").value_or(std::vector<std::string>{});
    if (const DocNode* c = m.Field("country")) p.country_loc = ctx_.Loc(c->Mark());
    p.country = m.String("country").value_or("");
    p.list = m.String("list").value_or("");
    p.footnote = m.String("footnote").value_or("");
    p.cite = m.String("cite", true).value_or("");
    p.message = m.String("message").value_or("");
    p.effective = ReadEffective(m);
    if (auto d = Decision(m, "effect")) {
      p.effect = *d;
      p.effect_loc = m.KeyLoc("effect");
    }
    m.Finish();
    pack_.parties.push_back(std::move(p));
  }

  // An end use: an id, optional title and cite, and `aliases` (other spellings that mean this
  // end use, one string or a list, each kept with its location).
  void EndUse(const DocNode& n) {
    MapReader m(ctx_, n, "end use");
    if (!m.ok()) return;
    EndUseDecl e;
    e.loc = m.loc();
    e.id = Id(m);
    e.title = m.String("title").value_or("");
    e.cite = m.String("cite").value_or("");
    e.aliases = Refs(m, "aliases");
    m.Finish();
    pack_.end_uses.push_back(std::move(e));
  }

  // A note attached to every line dated in its period; it never changes a decision. Required
  // `id`, `message` and `effective`.
  void Note(const DocNode& n) {
    MapReader m(ctx_, n, "note");
    if (!m.ok()) return;
    NoteDecl note;
    note.loc = m.loc();
    note.id = Id(m);
    note.message = m.String("message", true).value_or("");
    note.cite = m.String("cite").value_or("");
    m.Field("effective", true);  // a note without a period would apply to every date
    note.effective = ReadEffective(m);
    m.Finish();
    pack_.notes.push_back(std::move(note));
  }

  YamlContext& ctx_;
  Pack& pack_;
};

}  // namespace

// Errors (E100 for the caller): `dir` is not a directory, cannot be listed, a file cannot be
// read, or no .yaml/.yml file was found. Unreadable subdirectories are skipped
// (skip_permission_denied). Sorting makes the load order, the digest and the diagnostics the
// same on every file system.
Result<std::vector<SourceFile>> ReadPackDir(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Status::Error("rule pack `" + dir + "` is not a directory");
  std::vector<std::string> paths;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) return Status::Error("cannot list `" + dir + "`: " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::Error("cannot list `" + dir + "`: " + ec.message());
    const fs::path& p = it->path();
    std::string name = p.filename().string();
    // `tests` (at any depth) holds rule tests, read by LoadRuleTests, not rules; hidden
    // directories such as `.git` are never part of a pack.
    if (it->is_directory() && (name == "tests" || name.starts_with("."))) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && IsYaml(p) && !name.starts_with(".")) paths.push_back(p.string());
  }
  // Byte-wise order of the full paths.
  std::sort(paths.begin(), paths.end());
  std::vector<SourceFile> files;
  for (const auto& p : paths) {
    auto f = SourceFile::Read(p);
    if (!f.ok()) return f.status();
    files.push_back(std::move(f.value()));
  }
  if (files.empty()) return Status::Error("rule pack `" + dir + "` has no .yaml files");
  return files;
}

// `root` is the pack directory; file names in the digest are relative to it ('/'-separated),
// so the digest does not depend on where the pack is checked out. A file outside `root` keeps
// its path as given. Each name and text is followed by a NUL, so moving bytes between a name and
// a text, or between files, changes the digest. A file that does not parse is still in the
// digest (its error stops the load anyway). The pack's name defaults to the directory's name.
Pack LoadPack(const std::vector<SourceFile>& files, const std::string& root,
              std::vector<Diagnostic>& diags) {
  Pack pack;
  std::string digest_input;
  for (const auto& file : files) {
    std::string rel =
        fs::absolute(file.path()).lexically_normal().lexically_relative(root).generic_string();
    if (rel.empty() || rel.starts_with("..")) rel = file.path();
    digest_input += rel + '\0' + file.text() + '\0';
    // Each file is parsed on its own: a syntax error in one file does not hide the diagnostics of
    // the others.
    YamlContext ctx(file, diags);
    if (auto root_node = ctx.Parse()) {
      SectionLoader loader(ctx, pack);
      loader.LoadFile(*root_node);
    }
  }
  pack.digest = "sha256:" + Sha256Hex(digest_input);
  if (pack.info.name.empty()) pack.info.name = fs::path(root).filename().string();
  return pack;
}

}  // namespace chipgate
