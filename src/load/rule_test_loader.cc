// Rule-test loader: `tests:` lists of cases with facts (full manifest form or shorthand) and an
// `expect:` block. Every problem is a located diagnostic; a file with errors contributes no case.
// The format is described in docs/rule-tests.md. A case gives its facts in one of two forms:
// a full `shipment` mapping read by ManifestReader, or the shorthand fields (`destination`,
// `headquarters`, `parent_headquarters`, `parent`, `owners`, `party`, `end_use`) at the case
// level, which make one party that is both consignee and end user. The case's `item` is read as a
// manifest item, with the default ManifestLimits. The shorthand's country codes are checked here
// (E504 at the value, naming the field written), since the engine would report them under the
// fact they fill (`consignee.country`) at the case; every other value (specs, the full form's
// parties) is typed by the engine when the case is run, as a manifest's are (rule_tester.cc).
#include <algorithm>
#include <filesystem>

#include "base/country.h"
#include "base/source_file.h"
#include "chipgate/rule_test.h"
#include "load/manifest_reader.h"

namespace chipgate {
namespace fs = std::filesystem;

namespace {

// Reads the cases of one file into `out`; the caller discards them if the file had errors.
class RuleTestReader {
 public:
  RuleTestReader(YamlContext& ctx, std::vector<RuleTestCase>& out)
      : ctx_(ctx), out_(out), items_(ctx_, limits_) {}

  void Read(const DocNode& root) {
    if (root.IsNull()) return;
    MapReader top(ctx_, root, "rule-test file");
    if (!top.ok()) return;
    top.Each(
        "tests", [&](const DocNode& n) { Case(n); }, true);
    top.Finish();
  }

 private:
  // One test case: required `name`, `date`, `item` and `expect`, plus the facts. The case is
  // added even when a field had an error; LoadOne drops the whole file's cases in that case.
  void Case(const DocNode& n) {
    RuleTestCase c;
    MapReader r(ctx_, n, "test");
    if (!r.ok()) return;
    c.loc = r.loc();
    c.name = r.String("name", true).value_or("");
    auto date = r.DateField("date", true);
    if (date) c.shipment.date = *date;
    // The case name is used as the shipment id.
    c.shipment.id = c.name;
    // With a full `shipment`, the shorthand fields are not read, so writing them too is E104.
    // The date stays the case's `date` (Shipment() may parse a `shipment.date`, but only the
    // parties and end use are copied).
    if (const DocNode* s = r.Field("shipment")) {
      Manifest m;
      items_.Shipment(*s, m, c.shipment.date);
      c.shipment.consignee = m.shipment.consignee;
      c.shipment.end_user = m.shipment.end_user;
      c.shipment.end_use = m.shipment.end_use;
    } else {
      Shorthand(r, c.shipment);
    }
    if (const DocNode* item = r.Field("item", true))
      items_.Item(*item, c.item, "test `" + c.name + "` item", 0);
    if (const DocNode* e = r.Field("expect", true)) Expect(*e, c);
    r.Finish();
    out_.push_back(std::move(c));
  }

  // destination / headquarters / parent_headquarters / party / end_use at the case level, and
  // `parent: {name, headquarters}` and `owners: [{name, share, country}]` as a manifest party
  // writes them (ManifestReader::ParentAndOwners, so the errors are the manifest's).
  void Shorthand(MapReader& r, ShipmentFacts& s) {
    PartyFacts p;
    p.loc = r.loc();
    p.country = Country(r, "destination", true);
    p.headquarters = Country(r, "headquarters", false);
    if (p.headquarters.empty()) p.headquarters = p.country;
    p.parent_headquarters = Country(r, "parent_headquarters", false);
    p.name = r.String("party").value_or("");
    items_.ParentAndOwners(r, p, "party");
    s.consignee = p;
    s.end_user = p;
    s.end_use = r.String("end_use").value_or("");
  }

  // A shorthand country field: an ISO 3166-1 alpha-2 code (the table the engine types manifest
  // countries with), else E504 at the value and "" (the case is dropped with its file anyway).
  std::string Country(MapReader& r, const char* key, bool required) {
    std::string code = r.String(key, required).value_or("");
    if (code.empty() || IsIsoCountry(code)) return code;
    const DocNode* value = r.Field(key);
    ctx_.Error(
        "E504", value ? ctx_.Loc(value->Mark()) : r.KeyLoc(key),
        std::string("`") + key + "`: `" + code + "` is not an ISO 3166-1 alpha-2 country code");
    return "";
  }

  // The `expect` block: a required decision word (E106 when unknown) and optional checks.
  // `classes` is the exact set of classes; `classes_include` only a subset. `exception: none`
  // or `exception:` with no value expects that no exception applies; absent means not checked.
  // A non-scalar `exception` (a list, a mapping) is E103: it would otherwise read as "none" and
  // the test would pass without checking anything.
  void Expect(const DocNode& n, RuleTestCase& c) {
    MapReader r(ctx_, n, "test `" + c.name + "` expect");
    if (!r.ok()) return;
    if (auto d = r.String("decision", true)) {
      c.expect.decision = ParseDecisionKind(*d);
      if (!c.expect.decision)
        ctx_.Error("E106", r.KeyLoc("decision"),
                   "test `" + c.name + "`: unknown decision `" + *d + "`");
    }
    // `classes: []` is an exact empty set (a list is never null, so Field() returns it); the
    // second test never holds once Field() has returned null, so `classes:` alone checks nothing.
    if (r.Field("classes") || (n.Get("classes") && n.Get("classes")->IsSequence())) {
      c.expect.classes = r.StringList("classes").value_or(std::vector<std::string>{});
    }
    c.expect.classes_include = r.StringList("classes_include").value_or(std::vector<std::string>{});
    if (const DocNode* e = r.Field("exception")) {
      c.expect.exception_given = true;
      if (!e->IsScalar()) {
        ctx_.Error("E103", ctx_.Loc(e->Mark()),
                   "test `" + c.name + "` expect: `exception` must be an exception code or `none`");
      }
      std::string code = e->IsScalar() ? e->Scalar() : "";
      c.expect.exception = code == "none" ? "" : code;
    } else if (n.Get("exception") && n.Get("exception")->IsNull()) {
      c.expect.exception_given = true;  // `exception:` with no value means none
    }
    c.expect.rules = r.StringList("rules").value_or(std::vector<std::string>{});
    c.expect.not_rules = r.StringList("not_rules").value_or(std::vector<std::string>{});
    r.Finish();
  }

  YamlContext& ctx_;
  std::vector<RuleTestCase>& out_;
  ManifestLimits limits_;
  ManifestReader items_;
};

// All or nothing per file: the cases of a file count only when the file produced no error
// (warnings are allowed). Every file read counts in `out.files`, even one that failed.
void LoadOne(const SourceFile& file, RuleTestLoad& out) {
  std::vector<RuleTestCase> cases;
  size_t before = out.diagnostics.size();
  YamlContext ctx(file, out.diagnostics);
  if (auto root = ctx.Parse()) RuleTestReader(ctx, cases).Read(*root);
  bool ok = true;
  for (size_t i = before; i < out.diagnostics.size(); ++i)
    ok &= out.diagnostics[i].severity != Severity::kError;
  if (ok) std::move(cases.begin(), cases.end(), std::back_inserter(out.cases));
  ++out.files;
}

}  // namespace

RuleTestLoad LoadRuleTestsFromString(const std::string& path, const std::string& text) {
  RuleTestLoad out;
  LoadOne(SourceFile(path, text), out);
  return out;
}

// No tests directory is no tests, not an error.
RuleTestLoad LoadRuleTests(const std::string& pack_dir) {
  fs::path dir = fs::path(pack_dir) / "tests";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return RuleTestLoad{};
  return LoadRuleTestsAt(dir.string());
}

// Every .yaml/.yml file under a directory, recursively, in sorted path order, or the one file
// given (whatever its name). A file that cannot be read, or a path that does not exist, is E100;
// the other files are still loaded. An error while listing the directory ends the listing
// silently: the files found before it are loaded and nothing reports the rest.
RuleTestLoad LoadRuleTestsAt(const std::string& path) {
  RuleTestLoad out;
  std::error_code ec;
  std::vector<std::string> paths;
  if (!fs::is_directory(path, ec)) {
    paths.push_back(path);
  } else {
    for (auto it = fs::recursive_directory_iterator(path, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      auto ext = it->path().extension();
      if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml"))
        paths.push_back(it->path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    auto file = SourceFile::Read(p);
    if (!file.ok()) {
      out.diagnostics.push_back({Severity::kError, "E100", {p, 0, 0}, file.status().message()});
      continue;
    }
    LoadOne(file.value(), out);
  }
  SortDiagnostics(out.diagnostics);
  return out;
}

}  // namespace chipgate
