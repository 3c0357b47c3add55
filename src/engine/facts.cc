// Facts helpers and decision names (public vocabulary with no dependencies).
#include <charconv>
#include <cstdio>

#include "chipgate/decision.h"
#include "chipgate/facts.h"

namespace chipgate {

std::string SpecValue::Text() const {
  if (!number) return text;
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *number);
  return std::string(buf, ec == std::errc() ? end : buf);
}

ItemFacts& ItemFacts::Set(const std::string& name, const std::string& text) {
  specs.emplace_back(name, SpecValue{text, {}, std::nullopt});
  has_specs = true;
  return *this;
}

ItemFacts& ItemFacts::Set(const std::string& name, double number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", number);
  return Set(name, std::string(buf));
}

ItemFacts& ItemFacts::Set(const std::string& name, bool flag) {
  return Set(name, std::string(flag ? "true" : "false"));
}

void Components::push_back(ItemFacts item) {
  items_.push_back(std::make_shared<ItemFacts>(std::move(item)));
}

ItemFacts& Components::emplace_back() {
  items_.push_back(std::make_shared<ItemFacts>());
  return Mutable(items_.size() - 1);
}

ItemFacts& Components::Mutable(size_t i) {
  std::shared_ptr<ItemFacts>& p = items_.at(i);
  if (p.use_count() > 1) p = std::make_shared<ItemFacts>(*p);  // copy on write: others keep theirs
  return *p;
}

namespace {
constexpr std::string_view kNames[] = {"prohibited", "license_required", "review",
                                       "license_exception", "no_license_required"};
}

std::string_view DecisionName(DecisionKind kind) { return kNames[static_cast<int>(kind)]; }

std::optional<DecisionKind> ParseDecisionKind(std::string_view name) {
  for (int i = 0; i < 5; ++i) {
    if (kNames[i] == name) return static_cast<DecisionKind>(i);
  }
  return std::nullopt;
}

std::string Reason::Text() const {
  std::string out(message);
  if (!detail.empty()) out += ": " + detail;
  return out;
}

}  // namespace chipgate
