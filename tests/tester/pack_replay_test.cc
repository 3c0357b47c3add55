// Replaying an edited pack over a database (chipgate/pack_replay.h): a raised threshold changes
// exactly the parts and shipment lines whose data lies between the old and the new threshold,
// each grouped under the rule that caused it; the same pack on both sides changes nothing.
// The expected changes are computed from the data below, not copied from a run.
#include <catch2/catch.hpp>
#include <set>

#include "chipgate/pack_replay.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// Class X.a at `tpp >= THRESHOLD`; a license is required for X.a to CN.
std::string Pack(int threshold) {
  return R"(
attributes:
  - {name: type, type: enum, values: [ic, other]}
  - {name: tpp, type: number}
classes:
  - {id: X.a, cite: c, when: "type == 'ic' and tpp >= )" +
         std::to_string(threshold) + R"("}
license_rules:
  - {id: r1, cite: c, classes: [X.a], when: "destination in ['CN']"}
)";
}

struct Part {
  std::string number;
  int tpp;
};
const std::vector<Part> kParts = {{"P05", 5},  {"P12", 12}, {"P15", 15},
                                  {"P19", 19}, {"P20", 20}, {"P25", 25}};
const std::vector<std::string> kDestinations = {"CN", "DE"};

// One shipment per destination, with one line per part, all on 2024-06-01.
struct Fixture {
  TempDir dir;
  std::optional<Store> store;
  Fixture() {
    std::string parts = "part_number,declared_eccn,type,tpp\n";
    for (const auto& p : kParts) parts += p.number + ",EAR99,ic," + std::to_string(p.tpp) + "\n";
    std::string shipments =
        "shipment_id,date,consignee,consignee_country,end_user,end_user_country,"
        "end_user_headquarters,part_number,quantity,license\n";
    for (const auto& d : kDestinations) {
      for (const auto& p : kParts)
        shipments += "S-" + d + ",2024-06-01,Lab,DE,Lab," + d + "," + d + "," + p.number + ",1,\n";
    }
    auto opened = Store::Open(dir.path() + "/inv.db", StoreOptions{.create = true});
    REQUIRE(opened.ok());
    store.emplace(std::move(opened.value()));
    auto diags = store->Import(
        {dir.Write("parts.csv", parts), "", "", dir.Write("shipments.csv", shipments)});
    INFO(RenderDiagnostics(diags));
    REQUIRE(diags.empty());
  }
};

PackReplay Replay(const Engine& before, const Engine& after, const Store& store) {
  auto r = ReplayPack(before, after, store, {*ParseDate("2024-06-01")});
  INFO(r.status().message());
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("ARaisedThresholdChangesExactlyTheShipmentsBetweenTheThresholds", "[replay]") {
  Fixture f;
  const int old_threshold = 10, new_threshold = 20;
  PackReplay r = Replay(MustLoad(Pack(old_threshold)), MustLoad(Pack(new_threshold)), *f.store);
  CHECK(r.parts == static_cast<int64_t>(kParts.size()));
  CHECK(r.shipments == static_cast<int64_t>(kDestinations.size()));
  CHECK(r.shipment_lines == static_cast<int64_t>(kParts.size() * kDestinations.size()));

  // What must change: a part whose tpp is at or above the old threshold and below the new one
  // leaves X.a; a line of such a part to CN (where X.a needs a license) may now ship.
  std::set<std::string> want_parts, want_lines;
  for (const auto& p : kParts) {
    if (p.tpp >= old_threshold && p.tpp < new_threshold) {
      want_parts.insert(p.number);
      want_lines.insert("S-CN " + p.number);
    }
  }
  REQUIRE(!want_lines.empty());
  std::set<std::string> got_parts, got_lines;
  for (const auto& g : r.groups) {
    for (const auto& c : g.changes) {
      if (c.subject == ReplaySubject::kPartClassification) {
        got_parts.insert(c.part);
        CHECK(g.rule == "X.a");  // the class whose threshold moved
        CHECK(c.before.classes == std::vector<std::string>{"X.a"});
        CHECK(c.after.classes.empty());
      } else {
        got_lines.insert(c.shipment + " " + c.part);
        // Under the new pack nothing holds the line, so the rule that held it before names it.
        CHECK(g.rule == "r1");
        CHECK(c.before.decision == DecisionKind::kLicenseRequired);
        CHECK(c.after.decision == DecisionKind::kNoLicenseRequired);
        CHECK(c.destination == "CN");
        CHECK(FormatDate(c.date) == "2024-06-01");
      }
    }
  }
  CHECK(got_parts == want_parts);
  CHECK(got_lines == want_lines);
  CHECK(r.changed == static_cast<int64_t>(want_parts.size() + want_lines.size()));
  // Grouped by rule: one group per id, sorted.
  REQUIRE(r.groups.size() == 2);
  CHECK(r.groups[0].rule == "X.a");
  CHECK(r.groups[1].rule == "r1");
}

// The other way round (a lowered threshold) the new pack decides the lines, and names its rule.
TEST_CASE("ALoweredThresholdIsGroupedUnderTheRuleThatNowHoldsTheLine", "[replay]") {
  Fixture f;
  PackReplay r = Replay(MustLoad(Pack(20)), MustLoad(Pack(10)), *f.store);
  int lines = 0;
  for (const auto& g : r.groups) {
    for (const auto& c : g.changes) {
      if (c.subject != ReplaySubject::kShipmentLine) continue;
      ++lines;
      CHECK(g.rule == "r1");
      CHECK(c.after.decision == DecisionKind::kLicenseRequired);
    }
  }
  int want = 0;
  for (const auto& p : kParts) want += p.tpp >= 10 && p.tpp < 20 ? 1 : 0;
  CHECK(lines == want);
}

TEST_CASE("TheSamePackOnBothSidesChangesNothing", "[replay]") {
  Fixture f;
  Engine pack = MustLoad(Pack(10));
  PackReplay r = Replay(pack, MustLoad(Pack(10)), *f.store);
  CHECK(r.changed == 0);
  CHECK(r.groups.empty());
  CHECK(r.shipment_lines == static_cast<int64_t>(kParts.size() * kDestinations.size()));
}

}  // namespace chipgate::testing
