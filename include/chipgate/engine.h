// Engine: the library's entry point. Load a rule pack (YAML directory) into an immutable,
// compiled engine, then decide manifest lines for any date. An Engine is cheap to copy (shared
// program) and safe to use from many threads at once.
//
//   auto loaded = chipgate::Engine::Load("rules/us-ear");
//   if (!loaded.engine) { print(RenderDiagnostics(loaded.diagnostics)); return; }
//   chipgate::LineDecision d = loaded.engine->Decide(shipment, item);
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/decision.h"
#include "chipgate/diagnostic.h"
#include "chipgate/facts.h"

namespace chipgate {

// Opaque: defined inside the library.
struct Program;
struct ResolvedItemData;
struct ResolvedShipmentData;
struct EngineInternals;
class ScreeningLists;

// An item typed against one Engine's pack (ResolveItem); reusable across many decisions with
// that Engine only. Move-only.
class ResolvedItem {
 public:
  ResolvedItem();
  ~ResolvedItem();
  ResolvedItem(ResolvedItem&&) noexcept;
  ResolvedItem& operator=(ResolvedItem&&) noexcept;

 private:
  friend class Engine;
  friend struct EngineInternals;
  std::unique_ptr<ResolvedItemData> data_;
};

// A shipment typed against one Engine's pack (ResolveShipment); as ResolvedItem.
class ResolvedShipment {
 public:
  ResolvedShipment();
  ~ResolvedShipment();
  ResolvedShipment(ResolvedShipment&&) noexcept;
  ResolvedShipment& operator=(ResolvedShipment&&) noexcept;

 private:
  friend class Engine;
  friend struct EngineInternals;
  std::unique_ptr<ResolvedShipmentData> data_;
};

struct LoadResult;

// The reasons an inventory audit adds itself (their rule ids are `item-data`, `bill-of-materials`
// and `item-review`), for looking up the pack's citation of each (Engine::AuditCite).
enum class AuditReasonId { kItemData, kBillOfMaterials, kItemReview };

// One pack of the stack an Engine was loaded from (Engine::packs), base first.
struct LoadedPack {
  std::string name, version;
  std::string digest;  // that pack's own digest, "sha256:..."
};

class Engine {
 public:
  // Loads every *.yaml under `dir` (except tests/), validates and compiles.
  static LoadResult Load(const std::string& dir);
  // Loads a stack of packs, base first (`--rules us-ear --rules company`): later packs add
  // entries and may not redefine or switch off an earlier pack's (docs/company-packs.md). One
  // directory is Load(dir).
  static LoadResult LoadStack(const std::vector<std::string>& dirs);
  // Loads and validates only (lint): never compiles.
  static std::vector<Diagnostic> Lint(const std::string& dir);
  static std::vector<Diagnostic> LintStack(const std::vector<std::string>& dirs);
  // Loads a pack from in-memory files {path, text}; `root` names the pack. Nothing is read from
  // disk: diagnostics show the text given here, under the paths given here.
  static LoadResult LoadFromStrings(const std::vector<std::pair<std::string, std::string>>& files,
                                    const std::string& root = "pack");

  // For a stack, the name and version are its packs' joined by `+` (`us-ear+acme`), and the
  // digest is the stack's (over every pack's name, version and digest, in order).
  const std::string& pack_name() const;
  const std::string& pack_version() const;
  const std::string& digest() const;  // "sha256:..."
  // The packs loaded, base first; one entry when a single pack was loaded.
  std::vector<LoadedPack> packs() const;

  // Type the facts against the pack. Bad values (unknown attribute, wrong type, unknown
  // country) are appended to `diags` and the value is left unknown, which fails closed.
  ResolvedItem ResolveItem(const ItemFacts& item, std::vector<Diagnostic>& diags) const;
  ResolvedShipment ResolveShipment(const ShipmentFacts& shipment,
                                   std::vector<Diagnostic>& diags) const;
  // The same, and the consignee and end user are also screened against imported lists
  // (docs/screening.md, "Imported lists"); null `lists` screens none. The shipment shares
  // `lists`, and decisions made with it point into them: keep `lists` or the shipment alive as
  // long as those decisions.
  ResolvedShipment ResolveShipment(const ShipmentFacts& shipment, std::vector<Diagnostic>& diags,
                                   const ScreeningLists* lists) const;

  void Decide(const ResolvedShipment& shipment, const ResolvedItem& item, LineDecision& out,
              Trace* trace = nullptr) const;
  // Convenience: resolve and decide in one call. Resolution problems give `review`.
  LineDecision Decide(const ShipmentFacts& shipment, const ItemFacts& item,
                      Trace* trace = nullptr) const;
  // The lines of one shipment (a manifest): out[i] = Decide(shipment, *items[i]). The same
  // decisions, faster over a catalogue of resolved items: each line's item is fetched into the
  // cache while the line before it is decided. Throws std::invalid_argument if the sizes differ.
  void DecideLines(const ResolvedShipment& shipment, std::span<const ResolvedItem* const> items,
                   std::span<LineDecision> out) const;

  // Classification only (no shipment): the classes the item meets on `date`, and whether any
  // class could not be decided for missing data (then `missing` says which attributes).
  struct Classification {
    std::vector<std::string_view> classes;  // paragraph ids first, as in LineDecision
    bool complete = true;
    std::string missing;  // e.g. "3A090.a.2: missing die_area_mm2"
    // Why the item itself needs review whatever the shipment: declared values its components
    // contradict (`from_components` attributes), and review rules that read only the item (a
    // `decision: review` rule whose `when` reads no shipment fact), e.g. a declared type its
    // contents contradict.
    std::vector<std::string> reviews;
  };
  Classification Classify(const ResolvedItem& item, Date date) const;

  // The License Exception symbols (`code`) of the pack's exceptions, sorted and unique. A recorded
  // exception code outside this list is not one the pack can check.
  std::vector<std::string> ExceptionCodes() const;

  // What the pack tells an inventory audit, so that the audit names no regulation itself:
  // - IsControlled: whether a classification (a class id, paragraph, or family such as `3A090`)
  //   is in a class family the pack marks `controlled: true`; the family is the text before the
  //   first dot. Declared classifications are checked against the computed one for these only.
  // - CompareDestinations: the ISO codes `--compare-date` decides for (`audit:
  //   compare_destinations`, groups expanded), in the pack's order; empty when not given.
  // - AuditCite: the pack's citation for a reason the audit adds (`audit: reason_cites:`); empty
  //   when the pack gives none.
  // - IsHeadquartersRule: whether license rule `rule` is one of `audit: headquarters_rules`
  //   (required because of where the end user or its ultimate parent is headquartered).
  bool IsControlled(std::string_view classification) const;
  const std::vector<std::string>& CompareDestinations() const;
  const std::string& AuditCite(AuditReasonId reason) const;
  bool IsHeadquartersRule(std::string_view rule) const;

 private:
  friend struct EngineInternals;
  explicit Engine(std::shared_ptr<const Program> program) : program_(std::move(program)) {}
  std::shared_ptr<const Program> program_;
};

struct LoadResult {
  std::optional<Engine> engine;  // set when there were no errors (warnings allowed)
  std::vector<Diagnostic> diagnostics;
};

// Finds the bundled rule pack `name` ("us-ear"): only $CHIPGATE_RULES_DIR/name when that is set;
// else <executable>/../share/chipgate/rules/name (an installed binary), the source tree's rules/
// (a binary inside its build tree), then the configured prefix's. Empty when none exists.
std::string FindBundledPack(const std::string& name);

}  // namespace chipgate
