// The out-of-line parts of the public facts and decision vocabulary (include/chipgate/facts.h,
// include/chipgate/decision.h): spec value text, item builders, copy-on-write bills of materials,
// and the decision names that `check` prints and audit records store.
#include <charconv>
#include <cstdio>

#include "chipgate/decision.h"
#include "chipgate/facts.h"

namespace chipgate {

// A typed number as its shortest round-trip text; otherwise the text as written.
std::string SpecValue::Text() const {
  if (!number) return text;
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *number);
  return std::string(buf, ec == std::errc() ? end : buf);
}

std::string_view FactSourceName(FactSource source) {
  switch (source) {
    case FactSource::kManifest:
      return "manifest";
    case FactSource::kDatabase:
      return "database";
    case FactSource::kCommandLine:
      return "command line";
    case FactSource::kDefault:
      return "default";
    case FactSource::kPack:
      return "pack";
    case FactSource::kComponents:
      return "components";
  }
  return "manifest";
}

FactSource ShipmentFacts::SourceOf(std::string_view name) const {
  if (name == "destination") name = "end_user.country";
  FactSource out = FactSource::kManifest;
  for (const auto& [fact, source] : sources)
    if (fact == name) out = source;
  return out;
}

// The builders append a spec as text, as if written in a manifest: resolution types it against
// the pack. Setting a name twice adds a second spec; it does not replace the first.
ItemFacts& ItemFacts::Set(const std::string& name, const std::string& text) {
  specs.emplace_back(name, SpecValue{text, {}, std::nullopt, FactSource::kManifest});
  has_specs = true;
  return *this;
}

// %.17g reads back as the same double but is not the shortest text (0.1 gives
// 0.10000000000000001); the spec is text, not a typed number, and the facts digest says `text`.
ItemFacts& ItemFacts::Set(const std::string& name, double number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", number);
  return Set(name, std::string(buf));
}

ItemFacts& ItemFacts::Set(const std::string& name, bool flag) {
  return Set(name, std::string(flag ? "true" : "false"));
}

// Takes its own copy: the new component is shared with no one until the list is copied.
void Components::push_back(ItemFacts item) {
  items_.push_back(std::make_shared<ItemFacts>(std::move(item)));
}

// A new empty component to fill in; the reference is valid until the list next changes.
ItemFacts& Components::emplace_back() {
  items_.push_back(std::make_shared<ItemFacts>());
  return Mutable(items_.size() - 1);
}

// Write access to component `i`; throws std::out_of_range for a bad index.
ItemFacts& Components::Mutable(size_t i) {
  std::shared_ptr<ItemFacts>& p = items_.at(i);
  if (p.use_count() > 1) p = std::make_shared<ItemFacts>(*p);  // copy on write: others keep theirs
  return *p;
}

namespace {
// Indexed by DecisionKind (most restrictive first). Published names: JSON output, rule packs and
// stored audit records use them, so they cannot change without breaking existing logs' readers.
constexpr std::string_view kNames[] = {"prohibited", "license_required", "review",
                                       "license_exception", "no_license_required"};
}  // namespace

std::string_view DecisionName(DecisionKind kind) { return kNames[static_cast<int>(kind)]; }

std::optional<DecisionKind> ParseDecisionKind(std::string_view name) {
  for (int i = 0; i < 5; ++i) {
    if (kNames[i] == name) return static_cast<DecisionKind>(i);
  }
  return std::nullopt;
}

// The message with its detail, `message: detail`: the text printed and recorded per reason.
std::string Reason::Text() const {
  std::string out(message);
  if (!detail.empty()) out += ": " + detail;
  return out;
}

}  // namespace chipgate
