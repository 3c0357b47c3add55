// Engine facade: load -> validate -> compile, and resolve -> evaluate. The Engine holds only a
// shared pointer to the immutable Program, so copies are cheap and every method is const and
// safe to call from many threads. The diagnostics of a load keep the loaded text in their
// locations (SourceFile::At), so a LoadResult renders its excerpts without touching the disk.
#include "chipgate/engine.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "chipgate/screening_list.h"
#include "compile/compiler.h"
#include "engine/checked_pack.h"
#include "engine/engine_internal.h"
#include "eval/evaluator.h"
#include "eval/list_screen.h"
#include "eval/resolver.h"
#include "load/pack_loader.h"
#include "load/pack_stack.h"
#include "validate/validator.h"

namespace chipgate {

// The handles hold a unique_ptr to a type incomplete in the public header: their special
// members must be defined here, where it is complete.
ResolvedItem::ResolvedItem() : data_(std::make_unique<ResolvedItemData>()) {}
ResolvedItem::~ResolvedItem() = default;
ResolvedItem::ResolvedItem(ResolvedItem&&) noexcept = default;
ResolvedItem& ResolvedItem::operator=(ResolvedItem&&) noexcept = default;
ResolvedShipment::ResolvedShipment() : data_(std::make_unique<ResolvedShipmentData>()) {}
ResolvedShipment::~ResolvedShipment() = default;
ResolvedShipment::ResolvedShipment(ResolvedShipment&&) noexcept = default;
ResolvedShipment& ResolvedShipment::operator=(ResolvedShipment&&) noexcept = default;

namespace {

// The files of one pack and the name of its root (its normalised directory).
struct PackSource {
  std::vector<SourceFile> files;
  std::string root;
};

// The load pipeline over files already in memory (from directories or from strings): load each
// pack, stack them (base first), validate, then (unless linting) compile. Errors at one stage stop
// the later ones.
// `keep`, when given and not compiling, receives the validated pack when there is no error.
LoadResult Build(const std::vector<PackSource>& sources, bool compile, Pack* keep = nullptr) {
  LoadResult out;
  std::vector<Pack> packs;
  for (const auto& src : sources) packs.push_back(LoadPack(src.files, src.root, out.diagnostics));
  if (!HasErrors(out.diagnostics)) {
    Pack stacked = StackPacks(std::move(packs), out.diagnostics);
    packs.clear();
    packs.push_back(std::move(stacked));
  }
  if (HasErrors(out.diagnostics)) {
    SortDiagnostics(out.diagnostics);
    return out;  // validating a structurally broken pack or stack would only cascade
  }
  Pack& pack = packs.front();
  CheckedPack checked = Validate(pack, out.diagnostics);
  bool decides_nothing = pack.classes.empty() && pack.rules.empty() && pack.parties.empty();
  const auto& files = sources.front().files;
  if (!HasErrors(out.diagnostics) && decides_nothing && !files.empty()) {
    // Empty or whitespace-only files (or only attributes and groups): such a pack could never
    // hold a line, so every line with data would be cleared. Not a pack (E100): fail closed.
    out.diagnostics.push_back(
        {Severity::kError, "E100", files.front().At(1, 1),
         "rule pack has no classes, license rules or parties: it cannot decide anything"});
  }
  SortDiagnostics(out.diagnostics);
  if (HasErrors(out.diagnostics) || !compile) {
    if (keep && !HasErrors(out.diagnostics)) *keep = std::move(pack);
    return out;
  }
  out.engine = EngineInternals::Make(Compile(pack, checked));
  return out;
}

// The same directory spelled differently (`p`, `p/`, `./p/.`) gives the same name and digest.
std::string PackRoot(const std::string& dir) {
  std::filesystem::path p = std::filesystem::absolute(dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p.string();
}

// Reads every directory of a stack; a directory that cannot be read gives one E100 diagnostic
// located at it (every such directory is reported) and nothing to build.
std::optional<std::vector<PackSource>> ReadStack(const std::vector<std::string>& dirs,
                                                 std::vector<Diagnostic>& diags) {
  std::vector<PackSource> sources;
  for (const auto& dir : dirs) {
    auto files = ReadPackDir(dir);
    if (!files.ok()) {
      diags.push_back({Severity::kError, "E100", {dir, 0, 0}, files.status().message()});
      continue;
    }
    sources.push_back({std::move(files.value()), PackRoot(dir)});
  }
  if (dirs.empty()) diags.push_back({Severity::kError, "E100", {}, "no rule pack given"});
  if (HasErrors(diags)) return std::nullopt;
  return sources;
}

}  // namespace

// Reads every pack file under `dir` and builds an Engine. A directory that cannot be read gives
// one E100 diagnostic located at the directory and no engine; otherwise the diagnostics of all
// stages, sorted. `engine` is set only when there is no error (warnings do not block it).
LoadResult Engine::Load(const std::string& dir) { return LoadStack({dir}); }

// As Load, for a stack: every directory is read first, then the packs are loaded and stacked.
LoadResult Engine::LoadStack(const std::vector<std::string>& dirs) {
  LoadResult out;
  auto sources = ReadStack(dirs, out.diagnostics);
  if (!sources) return out;
  return Build(*sources, true);
}

std::optional<Pack> LoadCheckedPack(const std::vector<std::string>& dirs,
                                    std::vector<Diagnostic>& diags) {
  auto sources = ReadStack(dirs, diags);
  if (!sources) return std::nullopt;
  Pack pack;
  LoadResult built = Build(*sources, false, &pack);
  diags.insert(diags.end(), built.diagnostics.begin(), built.diagnostics.end());
  if (HasErrors(diags)) return std::nullopt;
  return pack;
}

std::vector<Diagnostic> Engine::Lint(const std::string& dir) { return LintStack({dir}); }

std::vector<Diagnostic> Engine::LintStack(const std::vector<std::string>& dirs) {
  std::vector<Diagnostic> diags;
  auto sources = ReadStack(dirs, diags);
  if (!sources) return diags;
  return Build(*sources, false).diagnostics;
}

// As Load, over (path, text) pairs held in memory; `root` names the pack, as the normalised
// directory does for Load.
LoadResult Engine::LoadFromStrings(const std::vector<std::pair<std::string, std::string>>& files,
                                   const std::string& root) {
  PackSource source{{}, root};
  for (const auto& [path, text] : files) source.files.emplace_back(path, text);
  return Build({source}, true);
}

std::vector<LoadedPack> Engine::packs() const {
  std::vector<LoadedPack> out;
  for (const auto& l : program_->layers) out.push_back({l.name, l.version, l.digest});
  return out;
}

const std::string& Engine::pack_name() const { return program_->pack_name; }
const std::string& Engine::pack_version() const { return program_->pack_version; }
const std::string& Engine::digest() const { return program_->digest; }

// Sorted and unique: several exception entries may share one code.
std::vector<std::string> Engine::ExceptionCodes() const {
  std::vector<std::string> out;
  for (const auto& e : program_->exceptions) out.push_back(e.code);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Bad values are appended to `diags` (never cleared) and stay unknown in the result. Callers
// deciding from resolved handles must act on `diags` themselves (`check` refuses the whole
// manifest on any error); only Decide(ShipmentFacts, ItemFacts) below folds them in.
ResolvedItem Engine::ResolveItem(const ItemFacts& item, std::vector<Diagnostic>& diags) const {
  ResolvedItem out;
  ResolveItemFacts(*program_, item, *out.data_, diags);
  return out;
}

ResolvedShipment Engine::ResolveShipment(const ShipmentFacts& shipment,
                                         std::vector<Diagnostic>& diags) const {
  ResolvedShipment out;
  ResolveShipmentFacts(*program_, shipment, *out.data_, diags);
  return out;
}

ResolvedShipment Engine::ResolveShipment(const ShipmentFacts& shipment,
                                         std::vector<Diagnostic>& diags,
                                         const ScreeningLists* lists) const {
  // Owners and parents are screened against the lists inside the resolver, where the affiliates
  // rule needs them; the consignee's and end user's own names here.
  ResolvedShipment out;
  ResolveShipmentFacts(*program_, shipment, *out.data_, diags, lists ? lists->data_ : nullptr);
  if (lists) ScreenListEntries(lists->data_, shipment, *out.data_);
  return out;
}

// `3A090`, `3A090.a` and `3A090.a.1` all ask about family `3A090`. The compiler sorts
// `controlled_families`, as binary_search needs.
bool Engine::IsControlled(std::string_view classification) const {
  const auto& families = program_->audit.controlled_families;
  std::string family(classification.substr(0, classification.find('.')));
  return std::binary_search(families.begin(), families.end(), family);
}

const std::vector<std::string>& Engine::CompareDestinations() const {
  return program_->audit.compare_destinations;
}

// `cites` has one entry per AuditReasonId: at() throws only on a value outside the enum.
const std::string& Engine::AuditCite(AuditReasonId reason) const {
  return program_->audit.cites.at(static_cast<size_t>(reason));
}

bool Engine::IsHeadquartersRule(std::string_view rule) const {
  const auto& rules = program_->audit.headquarters_rules;
  return std::binary_search(rules.begin(), rules.end(), rule);
}

// Decides one line from resolved handles, which must come from this Engine (they index its
// compiled Program). `trace`, when given, records how the decision was reached.
void Engine::Decide(const ResolvedShipment& shipment, const ResolvedItem& item, LineDecision& out,
                    Trace* trace) const {
  Evaluator(*program_).Decide(*shipment.data_, *item.data_, out, trace);
}

// One Evaluator for the whole span; decisions equal Decide line by line (decide_lines_test.cc).
// `chipgate check` decides a manifest through here.
void Engine::DecideLines(const ResolvedShipment& shipment,
                         std::span<const ResolvedItem* const> items,
                         std::span<LineDecision> out) const {
  if (items.size() != out.size())
    throw std::invalid_argument("DecideLines: items and out differ in size");
  Evaluator evaluator(*program_);
  // Deciding a line waits on two dependent loads: the handle (ResolvedItem) and then the item it
  // points to. Both are requested ahead (hints only): the handle two lines ahead, so that one line
  // ahead its pointer is already in cache and the item's header and slots can be requested
  // without stalling.
  if (!items.empty()) __builtin_prefetch(items[0]);
  if (items.size() > 1) __builtin_prefetch(items[1]);
  for (size_t i = 0; i < items.size(); ++i) {
    if (i + 2 < items.size()) __builtin_prefetch(items[i + 2]);
    if (i + 1 < items.size()) {
      const char* next = reinterpret_cast<const char*>(items[i + 1]->data_.get());
      for (size_t off = 0; off < sizeof(ResolvedItemData); off += 64)
        __builtin_prefetch(next + off);
    }
    evaluator.Decide(*shipment.data_, *items[i]->data_, out[i], nullptr);
  }
}

// The item's classes under the pack as in force on `date`, without a shipment: what the
// inventory audit compares declared classifications with.
Engine::Classification Engine::Classify(const ResolvedItem& item, Date date) const {
  Classification out;
  Evaluator(*program_).Classify(*item.data_, program_->EpochIndex(date), out);
  return out;
}

// The one-call form for tests and embedders: resolve, then decide. Unlike the resolved-handle
// overload it cannot hand diagnostics back, so it folds them into the decision instead.
LineDecision Engine::Decide(const ShipmentFacts& shipment, const ItemFacts& item,
                            Trace* trace) const {
  std::vector<Diagnostic> diags;
  ResolvedShipment s = ResolveShipment(shipment, diags);
  ResolvedItem i = ResolveItem(item, diags);
  LineDecision out;
  Decide(s, i, out, trace);
  if (HasErrors(diags)) {
    // Fail closed: a line whose facts did not type-check is held, whatever the rules said.
    Reason invalid{"input-error", DecisionKind::kReview, "", "the line's facts are invalid",
                   diags.front().message};
    // The `input-error` reason goes first and carries the first diagnostic's message as detail.
    // MostRestrictive keeps a prohibited or license_required decision: bad facts never weaken one.
    // When the line ends at review, a license exception no longer applies and is dropped.
    invalid.source = ReasonSource::kInput;
    out.reasons.insert(out.reasons.begin(), std::move(invalid));
    out.decision = MostRestrictive(out.decision, DecisionKind::kReview);
    if (out.decision == DecisionKind::kReview) out.exception.reset();
  }
  return out;
}

}  // namespace chipgate
