// The key-order table of rule files and rule-test files (key_order.h). Each kind's keys follow
// its field table: docs/rule-language.md for the sections of a rule file, docs/rule-tests.md for
// a test case, docs/cli.md ("Manifest") for the item and shipment a test case writes as a
// manifest does. A field added to the loaders and not here is not an error: it keeps its place
// after the listed keys.
#include "load/key_order.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace chipgate {
namespace {

enum class Kind {
  kFree,  // no order: data keys (`specs`), or a mapping where none is expected
  kRuleFile,
  kPack,
  kPackReasonCites,
  kAudit,
  kAuditReasonCites,
  kAffiliates,
  kPeriod,
  kRange,
  kAttribute,
  kGroup,
  kMember,
  kClass,
  kRule,
  kException,
  kParty,
  kEndUse,
  kNote,
  kTestFile,
  kCase,
  kShipment,
  kShipParty,
  kParent,
  kOwner,
  kItem,
  kExpect,
};

// A key whose value has a kind of its own: a mapping of `kind`, or (`items`) a sequence of them.
struct Child {
  std::string_view key;
  Kind kind;
  bool items;
};

struct KindSpec {
  Kind kind;
  std::vector<std::string_view> order;
  std::vector<Child> children;
  std::vector<std::string_view> expressions;  // keys whose values are expressions
};

// The table, one row per kind. A row's order is its document's field table; its children say
// which keys hold mappings of another kind, so the walk from the root gives every mapping a
// kind without looking at its contents.
const std::vector<KindSpec>& Specs() {
  static const std::vector<KindSpec> specs = {
      // The sections of a rule file keep the order they are written in: a pack is split into
      // files by topic, and a file's opening comment often introduces its first section and
      // the file together, so moving sections would move comments away from what they explain.
      {Kind::kRuleFile,
       {},
       {{"pack", Kind::kPack, false},
        {"audit", Kind::kAudit, false},
        {"affiliates", Kind::kAffiliates, false},
        {"attributes", Kind::kAttribute, true},
        {"country_groups", Kind::kGroup, true},
        {"classes", Kind::kClass, true},
        {"license_rules", Kind::kRule, true},
        {"exceptions", Kind::kException, true},
        {"parties", Kind::kParty, true},
        {"end_uses", Kind::kEndUse, true},
        {"notes", Kind::kNote, true}},
       {}},
      // `pack:` (rule-language.md §3); its `coverage` is a period like `effective`.
      {Kind::kPack,
       {"name", "version", "description", "coverage", "reason_cites"},
       {{"coverage", Kind::kRange, false}, {"reason_cites", Kind::kPackReasonCites, false}},
       {}},
      // `pack: reason_cites`, in the order of §3's table of the reasons chipgate adds.
      {Kind::kPackReasonCites,
       {"item-data", "bill-of-materials", "contents-contradiction", "pack-coverage", "end-use",
        "party-conflict", "uncontrolled"},
       {},
       {}},
      // `audit:` (§3.1) and its own `reason_cites`.
      {Kind::kAudit,
       {"compare_destinations", "reason_cites", "headquarters_rules"},
       {{"reason_cites", Kind::kAuditReasonCites, false}},
       {}},
      {Kind::kAuditReasonCites, {"item-data", "bill-of-materials", "item-review"}, {}, {}},
      // `affiliates:` (§9.3) and each of its `periods`.
      {Kind::kAffiliates,
       {"id", "cite", "message", "threshold", "lists", "unknown_ownership", "periods"},
       {{"periods", Kind::kPeriod, true}},
       {}},
      {Kind::kPeriod, {"effective", "status", "cite"}, {{"effective", Kind::kRange, false}}, {}},
      // `effective` and `coverage`: a period reads from its start to its end.
      {Kind::kRange, {"from", "until"}, {}, {}},
      // §4 attributes; `derived` is an expression.
      {Kind::kAttribute,
       {"name", "type", "values", "derived", "unit", "description", "min", "positive",
        "requires_contents", "from_components"},
       {},
       {"derived"}},
      // §5 country groups and their members written as mappings.
      {Kind::kGroup, {"id", "title", "cite", "members"}, {{"members", Kind::kMember, true}}, {}},
      {Kind::kMember, {"code", "effective", "cite"}, {{"effective", Kind::kRange, false}}, {}},
      // §6 classes, §7 license rules, §8 exceptions: `when` is an expression.
      {Kind::kClass,
       {"id", "title", "cite", "effective", "when", "controlled"},
       {{"effective", Kind::kRange, false}},
       {"when"}},
      {Kind::kRule,
       {"id", "title", "message", "cite", "policy", "effective", "classes", "when", "decision",
        "enabled", "disabled_reason"},
       {{"effective", Kind::kRange, false}},
       {"when"}},
      {Kind::kException,
       {"id", "code", "title", "cite", "effective", "covers", "classes", "when", "conditions",
        "enabled"},
       {{"effective", Kind::kRange, false}},
       {"when"}},
      // §9 parties, §9.1 end uses, §9.2 notes.
      {Kind::kParty,
       {"id", "name", "aliases", "country", "list", "footnote", "cite", "message", "effective",
        "effect"},
       {{"effective", Kind::kRange, false}},
       {}},
      {Kind::kEndUse, {"id", "title", "cite", "aliases"}, {}, {}},
      {Kind::kNote,
       {"id", "message", "cite", "effective"},
       {{"effective", Kind::kRange, false}},
       {}},
      // Rule tests (rule-tests.md §2): the facts in the shorthand's table order, then the rest.
      {Kind::kTestFile, {"tests"}, {{"tests", Kind::kCase, true}}, {}},
      {Kind::kCase,
       {"name", "date", "destination", "headquarters", "parent_headquarters", "parent", "owners",
        "party", "end_use", "shipment", "item", "expect"},
       {{"parent", Kind::kParent, false},
        {"owners", Kind::kOwner, true},
        {"shipment", Kind::kShipment, false},
        {"item", Kind::kItem, false},
        {"expect", Kind::kExpect, false}},
       {}},
      // The full form `shipment:` (rule-tests.md §3.2) is a manifest's shipment block, and its
      // parties, parents and owners are as in a manifest (cli.md, "Manifest").
      {Kind::kShipment,
       {"id", "date", "consignee", "end_user", "end_use"},
       {{"consignee", Kind::kShipParty, false}, {"end_user", Kind::kShipParty, false}},
       {}},
      {Kind::kShipParty,
       {"id", "name", "country", "headquarters", "parent_headquarters", "parent", "owners"},
       {{"parent", Kind::kParent, false}, {"owners", Kind::kOwner, true}},
       {}},
      {Kind::kParent, {"name", "headquarters"}, {}, {}},
      {Kind::kOwner,
       {"id", "name", "share", "country", "owners"},
       {{"owners", Kind::kOwner, true}},
       {}},
      // The item (rule-tests.md §4): a manifest line, components nested the same way.
      {Kind::kItem,
       {"part", "quantity", "specs", "components", "license", "unit_value"},
       {{"components", Kind::kItem, true}},
       {}},
      // `expect` (rule-tests.md §5).
      {Kind::kExpect,
       {"decision", "classes", "classes_include", "exception", "rules", "not_rules"},
       {},
       {}},
  };
  return specs;
}

// The row of `kind`; null for kFree (no row: keys keep their order).
const KindSpec* Find(Kind kind) {
  for (const auto& s : Specs()) {
    if (s.kind == kind) return &s;
  }
  return nullptr;
}

bool Has(const std::vector<std::string_view>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Keys the table can name: scalars (a key that is anything else keeps its place).
bool IsKey(const LayoutNode& n) {
  return n.kind == LayoutNode::Kind::kPlain || n.kind == LayoutNode::Kind::kQuoted;
}

// A null written as such (`~`, `null`) stays as written: quoting it would make it a string.
bool LooksNull(const std::string& s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// Sorts `node`'s keys by their place in its kind's row (unlisted keys after, in their order;
// the sort is stable, so equal ranks keep the source order), then gives each child its kind.
// A value of an unexpected shape (a list where a mapping is expected) is left alone: the
// loaders report it, the formatter only lays it out.
void Order(LayoutNode& node, Kind kind) {
  const KindSpec* spec = Find(kind);
  if (!spec || node.kind != LayoutNode::Kind::kMap) return;
  auto rank = [&](const LayoutEntry& e) {
    if (!IsKey(e.key)) return spec->order.size();
    auto it = std::find(spec->order.begin(), spec->order.end(), e.key.text);
    return static_cast<size_t>(it - spec->order.begin());
  };
  std::stable_sort(node.entries.begin(), node.entries.end(),
                   [&](const LayoutEntry& a, const LayoutEntry& b) { return rank(a) < rank(b); });
  for (auto& e : node.entries) {
    if (!IsKey(e.key)) continue;
    if (Has(spec->expressions, e.key.text) && e.value.kind == LayoutNode::Kind::kPlain &&
        !LooksNull(e.value.text)) {
      e.value.expression = true;
    }
    for (const auto& child : spec->children) {
      if (child.key != e.key.text) continue;
      if (!child.items) {
        Order(e.value, child.kind);
      } else if (e.value.kind == LayoutNode::Kind::kSeq) {
        for (auto& item : e.value.entries) Order(item.value, child.kind);
      }
    }
  }
}

}  // namespace

// A rule-test file is told by its `tests` key (what the rule-test loader requires), so a file
// on standard input is recognised as well as one under tests/.
void OrderKeys(LayoutDocument& doc) {
  bool tests = false;
  if (doc.root.kind == LayoutNode::Kind::kMap) {
    for (const auto& e : doc.root.entries) tests = tests || (IsKey(e.key) && e.key.text == "tests");
  }
  Order(doc.root, tests ? Kind::kTestFile : Kind::kRuleFile);
}

}  // namespace chipgate
