// Fail-closed property for who the end user is (issue 13): with the bundled us-ear pack, random
// shipments whose consignee's owners are not given. Whenever such a line is decided
// `no_license_required`, every way of completing the owners (none worth listing, listed owners
// alone or in the aggregate at and around 50 %, through an unlisted holder) must clear it too:
// owners nobody gave were never what allowed it to ship. (An absent ultimate parent is not such a
// fact: it means "no separate parent" by design, docs/regulations.md.) Seeded std::mt19937:
// failures are reproducible from the case number printed.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* kListed = "Huawei Technologies Co., Ltd.";
const char* kListed2 = "Dawning Information Industry Co., Ltd.";

struct Owner {
  std::string name;
  double share;
  int owned;  // index of the owned node (0: the party)
};

// The party with its ownership given as `owners` (node i + 1 is owners[i]).
PartyFacts WithOwners(PartyFacts p, const std::vector<Owner>& owners) {
  p.ownership = OwnershipState::kGiven;
  p.owners = OwnershipGraph{};
  p.owners.nodes.push_back({p.id, p.name, p.country, {}});
  for (const Owner& o : owners) {
    p.owners.nodes.push_back({"", o.name, "", {}});
    p.owners.links.push_back({static_cast<int>(p.owners.nodes.size()) - 1, o.owned, o.share, {}});
  }
  return p;
}

// Every completion of owners that were not given.
std::vector<std::vector<Owner>> OwnerCompletions() {
  return {
      {},
      {{kListed, 50, 0}},
      {{kListed, 49.9, 0}},
      {{kListed, 100, 0}},
      {{kListed, 30, 0}, {kListed2, 20, 0}},
      {{"Unlisted Holding Ltd", 100, 0}, {kListed, 60, 1}},
      {{"Unlisted Holding Ltd", 51, 0}},
  };
}

ItemFacts Item(const std::string& part, std::vector<std::pair<std::string, std::string>> specs) {
  ItemFacts f;
  f.part = part;
  f.has_specs = true;
  for (const auto& [name, text] : specs) f.Set(name, text);
  return f;
}

}  // namespace

TEST_CASE("OwnersNotGivenNeverClearALineTheirCompletionsWouldHold", "[reliability][property]") {
  LoadResult pack = Engine::Load(SourcePath("rules/us-ear"));
  REQUIRE(pack.engine.has_value());
  const Engine& engine = *pack.engine;
  // Items that need no license by themselves in most places, and controlled ones.
  const std::vector<ItemFacts> items = {
      Item("NIC-25G", {{"type", "other"}}),
      Item("GPU-SMALL",
           {{"type", "ic"}, {"tpp", "1000"}, {"die_area_mm2", "400"}, {"datacenter", "false"}}),
      Item("GPU-H100",
           {{"type", "ic"}, {"tpp", "15832"}, {"die_area_mm2", "814"}, {"datacenter", "true"}}),
      Item("HBM", {{"type", "memory"}, {"memory_bandwidth_density", "3.4"}}),
  };
  const std::vector<std::string> countries = {"DE", "MY", "SG", "CN", "MO", "AE", "IN", "JP", "US"};
  std::mt19937 rng(13);
  auto pick = [&](const auto& v) -> const auto& {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
  };
  Date from = *ParseDate("2025-09-01"), to = *ParseDate("2027-06-30");
  int cleared = 0;
  for (int n = 0; n < 400; ++n) {
    INFO("case " << n);
    ShipmentFacts s;
    s.id = "S-" + std::to_string(n);
    s.date = Date{std::uniform_int_distribution<int32_t>(from.days, to.days)(rng)};
    std::string country = pick(countries);
    s.consignee =
        PartyFacts::Of("Buyer " + std::to_string(n) + " GmbH", country,
                       std::uniform_int_distribution<int>(0, 1)(rng) ? country : pick(countries));
    // Owners not given (the damage); the end user is the consignee.
    s.end_user = s.consignee;
    const ItemFacts& item = pick(items);
    LineDecision d = engine.Decide(s, item);
    if (d.decision != DecisionKind::kNoLicenseRequired) continue;
    ++cleared;
    for (const auto& owners : OwnerCompletions()) {
      ShipmentFacts c = s;
      c.consignee = WithOwners(c.consignee, owners);
      c.end_user = c.consignee;
      LineDecision dc = engine.Decide(c, item);
      INFO("owners completed with " << owners.size() << " owner(s), first share "
                                    << (owners.empty() ? 0 : owners[0].share));
      CHECK(dc.decision == DecisionKind::kNoLicenseRequired);
    }
  }
  // The property is only tested on lines that were cleared: there must be some.
  CHECK(cleared > 0);
}

}  // namespace chipgate::testing
