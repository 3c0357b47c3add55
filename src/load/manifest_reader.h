// ManifestReader: reads manifest-shaped documents (YAML or JSON) (shipment, parties, items with
// specs and components) into facts with locations. Shared by the manifest loader and the rule-test
// loader.
// The manifest format is described in docs/cli.md. Every fact keeps the
// location it was read from, so a later type error in a spec points at the value in the file.
// Limits (ManifestLimits) are enforced here: line count and component depth (E107) and the
// latest shipment date (E106); so are the bounds of a party's `owners` (depth and count, E107);
// byte size is checked by the caller before parsing. Like all readers it reports and continues; the
// caller drops the manifest when any error was reported.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "chipgate/manifest.h"
#include "load/yaml_reader.h"

namespace chipgate {

// Holds references only: `ctx` and `limits` must outlive the reader.
class ManifestReader {
 public:
  ManifestReader(YamlContext& ctx, const ManifestLimits& limits) : ctx_(ctx), limits_(limits) {}

  // A whole manifest: a required `shipment` mapping and a required `lines` list. Lines are
  // numbered from 1 in file order (`line.index`, used in messages and results). `default_date`
  // is the shipment date when the manifest gives none. The tree is spent: each line's subtree is
  // released as soon as the line is read (a line's nodes are several times its facts' size, so a
  // large manifest's tree and its lines were never needed whole at once); `root` is left a
  // husk whose `lines` elements have no children.
  void Read(DocNode& root, Manifest& m, Date default_date) {
    MapReader top(ctx_, root, "manifest");
    if (!top.ok()) return;
    if (const DocNode* s = top.Field("shipment", true)) Shipment(*s, m, default_date);
    std::vector<DocNode>* spent = LinesOf(root);
    if (spent) m.lines.reserve(std::min(spent->size(), limits_.max_lines));
    size_t at = 0;
    int index = 0;
    top.Each(
        "lines",
        [&](const DocNode& n) {
          ReadLine(n, m, index);
          // The element just read is (*spent)[at]: Each walks the same list in order.
          if (spent && at < spent->size() && &(*spent)[at] == &n)
            std::vector<DocNode>().swap((*spent)[at].mutable_children());
          ++at;
        },
        true);
    top.Finish();
  }

 private:
  // The elements of the root's `lines` list, when it is one (duplicate keys were refused while
  // parsing, so there is at most one `lines`).
  static std::vector<DocNode>* LinesOf(DocNode& root) {
    if (!root.IsMap()) return nullptr;
    auto& kv = root.mutable_children();
    for (size_t i = 0; i + 1 < kv.size(); i += 2) {
      if (kv[i].IsScalar() && kv[i].Scalar() == "lines" && kv[i + 1].IsSequence())
        return &kv[i + 1].mutable_children();
    }
    return nullptr;
  }

  // One element of `lines`; `index` counts the elements read so far.
  void ReadLine(const DocNode& n, Manifest& m, int& index) {
    // Over the limit: one E107 at the first excess line; the rest are counted and skipped,
    // so a huge manifest costs no more than parsing.
    if (static_cast<size_t>(index) >= limits_.max_lines) {
      if (static_cast<size_t>(index) == limits_.max_lines) {
        ctx_.Error("E107", ctx_.Loc(n.Mark()),
                   "manifest has more than " + std::to_string(limits_.max_lines) + " lines");
      }
      ++index;
      return;
    }
    ManifestLine line;
    line.index = ++index;
    Item(n, line.item, "line " + std::to_string(index), 0, &line);
    m.lines.push_back(std::move(line));
  }

 public:
  // The `shipment` mapping: optional id and date, required consignee, optional end user (the
  // consignee when absent) and end use. Public: the rule-test loader reads a test's full-form
  // shipment with it. `m.date_given` tells whether the date came from the file.
  void Shipment(const DocNode& n, Manifest& m, Date default_date) {
    MapReader r(ctx_, n, "shipment");
    if (!r.ok()) return;
    ShipmentFacts& s = m.shipment;
    s.loc = r.loc();
    s.id = r.String("id").value_or("");
    s.date = default_date;
    if (r.Field("date")) {
      if (auto d = r.DateField("date"); d && *d > limits_.latest_date) {
        // Far-future dates are almost always typos, and the rules in force then are not known.
        ctx_.Error("E106", r.KeyLoc("date"),
                   "shipment: field `date` " + FormatDate(*d) + " is after " +
                       FormatDate(limits_.latest_date) +
                       ", the latest date checked (a year from today): the rules in force then are "
                       "not known");
      } else if (d) {
        s.date = *d;
        m.date_given = true;
      }
    }
    if (const DocNode* c = r.Field("consignee", true)) Party(*c, s.consignee, "consignee");
    if (const DocNode* e = r.Field("end_user")) {
      Party(*e, s.end_user, "end_user");
    } else {
      s.end_user = s.consignee;
    }
    s.end_use = r.String("end_use").value_or("");
    r.Finish();
  }

  // A consignee or end user. `country` is required unless `id` (a party in the customer master,
  // which may fill it) is given. `parent: {name, headquarters}` and the older
  // `parent_headquarters` may both be given only when they agree (E106). `owners`, even `[]`,
  // makes the ownership known (OwnershipState::kGiven) with the party as node 0.
  void Party(const DocNode& n, PartyFacts& p, const char* what) {
    MapReader r(ctx_, n, what);
    if (!r.ok()) return;
    p.loc = r.loc();
    p.id = r.String("id").value_or("");
    p.name = r.String("name").value_or("");
    p.country = r.String("country", p.id.empty()).value_or("");
    p.headquarters = r.String("headquarters").value_or("");
    p.parent_headquarters = r.String("parent_headquarters").value_or("");
    ParentAndOwners(r, p, what);
    r.Finish();
  }

  // The `parent` and `owners` fields of a party read by `r`, after its id, name, country and
  // `parent_headquarters` (the owners' graph starts with the party itself). Also used by the
  // rule-test shorthand, whose party fields sit at the case level.
  void ParentAndOwners(MapReader& r, PartyFacts& p, const char* what) {
    if (const DocNode* parent = r.Field("parent")) Parent(*parent, r, p, what);
    if (const DocNode* owners = r.Field("owners")) {
      p.owners = OwnershipGraph{};
      p.owners.nodes.push_back({p.id, p.name, p.country, p.loc});
      // A value that is not a list is E103 in Each(), and the ownership stays unknown.
      if (owners->IsSequence()) p.ownership = OwnershipState::kGiven;
      size_t count = 0;
      r.Each("owners", [&](const DocNode& o) { Owner(o, p.owners, 0, 1, what, count); });
      CheckShareSum(p.owners, 0, r.KeyLoc("owners"), what);
    }
  }

  // `parent: {name, headquarters}`: the ultimate parent. Its headquarters fills
  // `parent_headquarters`; both written and different is E106 at `parent`.
  void Parent(const DocNode& n, MapReader& party, PartyFacts& p, const char* what) {
    MapReader r(ctx_, n, std::string(what) + " parent");
    if (!r.ok()) return;
    p.parent_name = r.String("name").value_or("");
    std::string hq = r.String("headquarters").value_or("");
    if (!hq.empty() && !p.parent_headquarters.empty() && hq != p.parent_headquarters) {
      ctx_.Error("E106", party.KeyLoc("parent"),
                 std::string(what) + ": `parent.headquarters` `" + hq +
                     "` disagrees with `parent_headquarters` `" + p.parent_headquarters + "`");
    } else if (!hq.empty()) {
      p.parent_headquarters = hq;
    }
    r.Finish();
  }

  // Limits on one party's ownership graph: nesting of `owners` and owners in all.
  static constexpr int kMaxOwnerDepth = 16;
  static constexpr size_t kMaxOwners = 1000;

  // One owner of node `owned`: `name` or `id` (at least one), `share` in percent of direct
  // ownership, 0 < share <= 100, optional `country` and nested `owners`. Each owner is a new
  // node with a link to `owned`. Depth and count are checked before reading (E107).
  void Owner(const DocNode& n, OwnershipGraph& g, int owned, int depth, const char* what,
             size_t& count) {
    std::string where = std::string(what) + " owner";
    if (depth > kMaxOwnerDepth) {
      ctx_.Error(
          "E107", ctx_.Loc(n.Mark()),
          where + ": `owners` nested more than " + std::to_string(kMaxOwnerDepth) + " levels deep");
      return;
    }
    if (++count > kMaxOwners) {
      if (count == kMaxOwners + 1)
        ctx_.Error("E107", ctx_.Loc(n.Mark()),
                   std::string(what) + ": more than " + std::to_string(kMaxOwners) + " owners");
      return;
    }
    MapReader r(ctx_, n, where);
    if (!r.ok()) return;
    OwnershipGraph::Node node;
    node.loc = r.loc();
    node.id = r.String("id").value_or("");
    node.name = r.String("name", node.id.empty()).value_or("");
    node.country = r.String("country").value_or("");
    int self = static_cast<int>(g.nodes.size());
    g.nodes.push_back(node);
    if (auto share = r.Number("share", true)) {
      if (*share > 0 && *share <= 100) {
        g.links.push_back({self, owned, *share, r.KeyLoc("share")});
      } else {
        ctx_.Error("E106", r.KeyLoc("share"),
                   where + ": `share` must be a percentage greater than 0 and at most 100");
      }
    }
    if (r.Field("owners")) {
      r.Each("owners", [&](const DocNode& o) { Owner(o, g, self, depth + 1, what, count); });
      CheckShareSum(g, self, r.KeyLoc("owners"), where);
    }
    r.Finish();
  }

  // The direct shares of one node add up to at most 100 % (E106 at its `owners` key).
  void CheckShareSum(const OwnershipGraph& g, int owned, const SourceLoc& loc,
                     const std::string& what) {
    double sum = 0;
    for (const auto& l : g.links) sum += l.owned == owned ? l.share : 0;
    // A hair of tolerance: 33.33 + 33.33 + 33.34 is 100 in decimal, not always in binary.
    if (sum > 100 + 1e-9) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", sum);
      ctx_.Error(
          "E106", loc,
          what + ": the `share`s of its direct owners add up to " + buf + " %, more than 100");
    }
  }

  // One line's item or one component, recursively. `what` names it in messages ("line 2
  // component 1"). Depth is checked before reading, so a hostile nesting stops at max_depth + 1
  // with one E107 per over-deep branch. `quantity` must be a positive whole number up to 1e12
  // (it is held as a double; larger counts lose exactness). `line` is given for a manifest line
  // only: its `license` and `unit_value` are read there, and are unknown fields (E104) elsewhere.
  void Item(const DocNode& n, ItemFacts& item, const std::string& what, int depth,
            ManifestLine* line = nullptr) {
    if (depth > limits_.max_depth) {
      ctx_.Error("E107", ctx_.Loc(n.Mark()),
                 what + ": components nested more than " + std::to_string(limits_.max_depth) +
                     " levels deep");
      return;
    }
    MapReader r(ctx_, n, what);
    if (!r.ok()) return;
    item.loc = r.loc();
    item.part = r.String("part", true).value_or("");
    if (r.Field("quantity")) {
      auto q = r.Number("quantity");
      if (q && (*q <= 0 || std::floor(*q) != *q || *q > 1e12)) {
        ctx_.Error("E106", r.KeyLoc("quantity"),
                   what + ": `quantity` must be a positive whole number");
      } else if (q) {
        item.quantity = *q;
      }
    }
    if (line) LineTerms(r, *line, what);
    if (const DocNode* specs = r.Field("specs")) Specs(*specs, item, what);
    int index = 0;
    // A `components` list, even `[]`, is the whole bill of materials; no key leaves it unknown.
    if (const DocNode* list = r.Field("components"); list && list->IsSequence())
      item.contents = ContentsState::kListed;
    // A `components` value that is not a list is E103 here.
    r.Each("components", [&](const DocNode& c) {
      item.components.emplace_back();
      Item(c, item.components.back(), what + " component " + std::to_string(++index), depth + 1);
    });
    r.Finish();
  }

  // A line's `license` and `unit_value` (docs/cli.md, "Manifest"). Both are E106 at their key when
  // malformed: `license` must have a license number's shape (a placeholder or a License
  // Exception symbol is not one), `unit_value` must be dollars as ParseUsd reads them, so an
  // amount is never rounded or guessed. A YAML number is read from its text, never as a double.
  void LineTerms(MapReader& r, ManifestLine& line, const std::string& what) {
    if (auto number = r.String("license")) {
      LicenseNumberProblem problem = CheckLicenseNumber(*number);
      if (problem == LicenseNumberProblem::kNone) {
        line.license = *number;
      } else {
        ctx_.Error("E106", r.KeyLoc("license"),
                   what + ": `license` " + LicenseProblemText(problem, *number));
      }
    }
    if (auto text = r.String("unit_value")) {
      // Zero is refused too: a free unit would let any quantity pass a value limit.
      if (auto cents = ParseUsd(*text); cents && *cents > 0) {
        line.unit_value = *cents;
      } else {
        ctx_.Error("E106", r.KeyLoc("unit_value"),
                   what +
                       ": `unit_value` must be US dollars, more than zero, with at most two "
                       "decimals (`1500`, " +
                       "`1500.50`), found `" + *text + "`");
      }
    }
  }

  // Why a manifest's `license` is not a license number, worded from the problem.
  static std::string LicenseProblemText(LicenseNumberProblem problem, const std::string& number) {
    switch (problem) {
      case LicenseNumberProblem::kEmpty:
        return "is empty; leave it out when no license is named";
      case LicenseNumberProblem::kExceptionCode:
        return "`" + number + "` is a License Exception symbol, not a license";
      case LicenseNumberProblem::kInvalid:
      case LicenseNumberProblem::kNone:
        break;
    }
    return "must be a license number (one capital letter and 6 to 8 digits, `D1234567`), found `" +
           number + "`";
  }

  // `specs` is an open mapping: any attribute name is accepted here, in file order; unknown
  // names (E501) and value types are checked against the pack's attributes later, at these
  // locations.
  // A null value means "explicitly unknown" and is left out, as if not given.
  void Specs(const DocNode& n, ItemFacts& item, const std::string& what) {
    if (!n.IsMap()) {
      ctx_.Error("E103", ctx_.Loc(n.Mark()),
                 what + ": `specs` must be a mapping of attribute: value");
      return;
    }
    item.has_specs = true;
    for (size_t i = 0; i < n.size(); ++i) {
      const DocNode& key = n.Key(i);
      const DocNode& v = n.Value(i);
      if (!key.IsScalar()) {  // `{[a, b]: 1}` or `{? {x: 1} : 2}`: no attribute has such a name
        ctx_.Error(
            "E103", ctx_.Loc(key.Mark()),
            what + ": a key in `specs` must be an attribute name, found " + NodeKindName(key));
        continue;
      }
      if (v.IsNull()) continue;  // explicitly unknown
      if (!v.IsScalar()) {
        ctx_.Error("E103", ctx_.Loc(v.Mark()),
                   what + ": spec `" + key.Scalar() + "` must be a scalar");
        continue;
      }
      item.specs.emplace_back(key.Scalar(), SpecValue{v.Scalar(), ctx_.Loc(v.Mark()), std::nullopt,
                                                      FactSource::kManifest});
    }
  }

 private:
  YamlContext& ctx_;
  const ManifestLimits& limits_;
};

}  // namespace chipgate
