// Stacking: later packs' entries appended to the base's, with the checks that keep a later pack
// from changing what an earlier one says. Everything else (references, expressions, enum values,
// end-use spellings) is checked afterwards by the validator on the stacked Pack, as for one pack.
#include "load/pack_stack.h"

#include <map>
#include <set>

#include "base/sha256.h"

namespace chipgate {
namespace {

constexpr const char* kRedefined = "E320";
constexpr const char* kChanged = "E321";

// `file:line:col`, as diagnostics print locations.
std::string Where(const SourceLoc& loc) {
  return loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

// Appends one later pack to the stack under construction.
class Stacker {
 public:
  Stacker(Pack& out, std::vector<Diagnostic>& diags) : out_(out), diags_(diags) {}

  void Add(Pack& later) {
    PackLayer layer = LayerOf(later);
    layer.first_group = out_.groups.size();
    layer.first_class = out_.classes.size();
    layer.first_rule = out_.rules.size();
    layer.first_exception = out_.exceptions.size();
    layer.first_party = out_.parties.size();
    layer.first_note = out_.notes.size();
    name_ = layer.name;
    CheckHeader(later);
    std::set<std::string> earlier_rules;
    for (const auto& r : out_.rules) earlier_rules.insert(r.id);
    CheckCovers(later, earlier_rules);
    auto name = [](const AttributeDecl& a) -> const std::string& { return a.name; };
    auto id = [](const auto& e) -> const std::string& { return e.id; };
    Append(out_.attributes, later.attributes, "attribute", name);
    Append(out_.groups, later.groups, "country group", id);
    Append(out_.classes, later.classes, "class", id);
    Append(out_.rules, later.rules, "license rule", id);
    Append(out_.exceptions, later.exceptions, "exception", id);
    Append(out_.parties, later.parties, "party", id);
    Append(out_.end_uses, later.end_uses, "end use", id);
    Append(out_.notes, later.notes, "note", id);
    out_.layers.push_back(std::move(layer));
  }

  static PackLayer LayerOf(const Pack& p) {
    PackLayer layer;
    layer.name = p.info.name;
    layer.version = p.info.version;
    layer.digest = p.digest;
    layer.loc = p.info.loc;
    return layer;
  }

 private:
  void Error(const char* code, const SourceLoc& loc, std::string msg) {
    diags_.push_back({Severity::kError, code, loc, std::move(msg)});
  }

  // The period a stack models and the citations of the engine's own reasons are the base's: a
  // later pack that widened the coverage would clear lines the base holds as outside it.
  void CheckHeader(const Pack& later) {
    const std::string base = out_.info.name;
    if (later.info.coverage.loc.line > 0) {
      Error(kChanged, later.info.coverage.loc,
            "pack `" + name_ + "`: a pack stacked on `" + base +
                "` cannot set `coverage`; the stack covers what the base pack covers");
    }
    if (!later.info.reason_cites.empty()) {
      Error(kChanged, later.info.loc,
            "pack `" + name_ + "`: a pack stacked on `" + base +
                "` cannot set `reason_cites`; the base pack's citations apply");
    }
    if (later.audit.loc.line > 0) {
      Error(kChanged, later.audit.loc,
            "pack `" + name_ + "`: a pack stacked on `" + base +
                "` cannot have an `audit` section; the base pack's applies");
    }
    // The affiliates rule's periods and lists are regulation: a company pack that changed them
    // could suspend the rule for the whole stack.
    if (later.affiliates.present()) {
      Error(kChanged, later.affiliates.loc,
            "pack `" + name_ + "`: a pack stacked on `" + base +
                "` cannot have an `affiliates` section; the base pack's applies");
    }
  }

  // An exception lifts the rules it covers: one in a later pack covering an earlier pack's rule
  // would switch that rule off for the lines it matches.
  void CheckCovers(const Pack& later, const std::set<std::string>& earlier_rules) {
    for (const auto& e : later.exceptions) {
      for (const auto& ref : e.covers) {
        if (!earlier_rules.count(ref.name)) continue;
        Error(
            kChanged, ref.loc,
            "exception `" + e.id + "` of pack `" + name_ + "` covers license rule `" + ref.name +
                "` of an earlier pack; a stacked pack cannot lift an earlier pack's requirements");
      }
    }
  }

  // Appends the entries of `from` whose id no earlier pack uses; E320 for the others. Duplicates
  // within `from` itself are left for the validator (E301), as in a pack loaded alone.
  template <typename T, typename Id>
  void Append(std::vector<T>& to, std::vector<T>& from, const char* kind, Id id) {
    std::map<std::string, SourceLoc> earlier;
    for (const auto& e : to) earlier.emplace(id(e), e.loc);
    for (auto& e : from) {
      auto it = earlier.find(id(e));
      if (it != earlier.end() && !id(e).empty()) {
        Error(kRedefined, e.loc,
              std::string(kind) + " `" + id(e) + "` of pack `" + name_ +
                  "` is already defined at " + Where(it->second) +
                  "; a stacked pack can add entries but not redefine an earlier pack's");
        continue;
      }
      to.push_back(std::move(e));
    }
  }

  Pack& out_;
  std::vector<Diagnostic>& diags_;
  std::string name_;  // the pack being added
};

}  // namespace

std::string StackDigest(const std::vector<PackLayer>& layers) {
  std::string input;
  for (const auto& l : layers) input += l.name + '\0' + l.version + '\0' + l.digest + '\0';
  return "sha256:" + Sha256Hex(input);
}

Pack StackPacks(std::vector<Pack> packs, std::vector<Diagnostic>& diags) {
  Pack out = std::move(packs.front());
  out.layers = {Stacker::LayerOf(out)};
  if (packs.size() == 1) return out;  // a single pack keeps its own digest
  Stacker stacker(out, diags);
  for (size_t i = 1; i < packs.size(); ++i) stacker.Add(packs[i]);
  out.digest = StackDigest(out.layers);
  return out;
}

}  // namespace chipgate
