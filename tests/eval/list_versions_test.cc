// Screening against several imported versions of a list (VersionsInForce, ScreeningLists::Build,
// src/eval/list_screen.cc): which version applies on a date, that a party dropped from a later
// version is still found for a shipment made while it was listed, that each hit names the version
// in force, and that an entry repeated across versions is indexed once.
#include <catch2/catch.hpp>

#include "chipgate/screening_list.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

ScreeningListVersion Version(ListFormat format, std::string digest, std::optional<Date> file_date,
                             std::string imported_at = "") {
  ScreeningListVersion v;
  v.format = format;
  v.file_name = digest + ".csv";
  v.digest = "sha256:" + digest;
  v.file_date = file_date;
  v.imported_at = std::move(imported_at);
  return v;
}

ScreeningListEntry Entry(std::string id, std::string name) {
  ScreeningListEntry e;
  e.entry_id = std::move(id);
  e.list = "EL";
  e.source = "Entity List (EL) - Bureau of Industry and Security";
  e.type = "Entity";
  e.name = std::move(name);
  e.start_date = ParseDate("2020-01-01");
  return e;
}

Engine Examples() {
  auto r = Engine::Load(SourcePath("rules/examples"));
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.engine.has_value());
  return std::move(*r.engine);
}

// The list reasons of an uncontrolled item to a German end user called `name` on `date`.
std::vector<Reason> ListReasonsFor(const Engine& e, const ScreeningLists& lists,
                                   const std::string& name, const std::string& date) {
  ShipmentFacts s;
  s.id = "T";
  s.date = *ParseDate(date);
  s.consignee = PartyFacts::Of("Plain Consignee GmbH", "DE", "DE");
  s.end_user = PartyFacts::Of(name, "DE", "DE");
  ItemFacts item;
  item.part = "SMALL-IC";
  item.Set("type", "ic").Set("tpp", 300.0).Set("die_area_mm2", 100.0).Set("datacenter", false);
  std::vector<Diagnostic> diags;
  ResolvedShipment rs = e.ResolveShipment(s, diags, &lists);
  ResolvedItem ri = e.ResolveItem(item, diags);
  REQUIRE(diags.empty());
  LineDecision d;
  e.Decide(rs, ri, d);
  std::vector<Reason> out;
  for (const auto& r : d.reasons)
    if (r.rule.substr(0, 5) == "list:") out.push_back(r);
  return out;
}

// Two CSL versions: Delisted Co is in the first (of 2025-01-01) and not in the second (of
// 2025-06-01); Kept Co is in both, unchanged.
ScreeningLists TwoVersions() {
  std::vector<ScreeningListFile> files(2);
  files[0].version = Version(ListFormat::kCslCsv, "first", ParseDate("2025-01-01"));
  files[0].entries = {Entry("k1", "Kept Co"), Entry("d1", "Delisted Co")};
  files[1].version = Version(ListFormat::kCslJson, "second", ParseDate("2025-06-01"));
  files[1].entries = {Entry("k1", "Kept Co")};
  return ScreeningLists::Build(std::move(files));
}

}  // namespace

TEST_CASE("TheLatestVersionOnOrBeforeTheDateApplies", "[lists][versions]") {
  std::vector<ScreeningListVersion> v = {
      Version(ListFormat::kCslCsv, "a", ParseDate("2025-01-01")),
      Version(ListFormat::kOpenSanctionsCsv, "o", ParseDate("2025-03-01")),
      Version(ListFormat::kCslJson, "b", ParseDate("2025-06-01")),
      Version(ListFormat::kCslCsv, "c", ParseDate("2025-06-01")),  // same day, imported later
  };
  struct Case {
    const char* date;
    std::vector<int> want;  // per source set: csl, then opensanctions
  };
  for (const Case& c : std::vector<Case>{
           {"2024-12-31", {0, 1}},  // older than every version: the oldest of each set
           {"2025-01-01", {0, 1}},
           {"2025-05-31", {0, 1}},
           {"2025-06-01", {3, 1}},  // two of that day: the later import
           {"2030-01-01", {3, 1}},
       }) {
    INFO(c.date);
    CHECK(VersionsInForce(v, *ParseDate(c.date)) == c.want);
  }
}

TEST_CASE("AVersionWithoutAFileDateIsInForceFromItsImport", "[lists][versions]") {
  ScreeningListVersion imported =
      Version(ListFormat::kCslCsv, "i", std::nullopt, "2025-04-02T10:00:00.000Z");
  CHECK(imported.InForceFrom() == ParseDate("2025-04-02"));
  ScreeningListVersion dated =
      Version(ListFormat::kCslCsv, "d", ParseDate("2025-03-01"), "2025-04-02T10:00:00.000Z");
  CHECK(dated.InForceFrom() == ParseDate("2025-03-01"));  // the file's own date first
  CHECK_FALSE(Version(ListFormat::kCslCsv, "n", std::nullopt).InForceFrom().has_value());
  std::vector<ScreeningListVersion> v = {dated, imported};
  CHECK(VersionsInForce(v, *ParseDate("2025-04-01")) == std::vector<int>{0});
  CHECK(VersionsInForce(v, *ParseDate("2025-04-02")) == std::vector<int>{1});
  // A version with no date at all is in force from the start; a dated one beats it once in force.
  std::vector<ScreeningListVersion> undated = {Version(ListFormat::kCslCsv, "n", std::nullopt),
                                               dated};
  CHECK(VersionsInForce(undated, *ParseDate("2025-02-01")) == std::vector<int>{0});
  CHECK(VersionsInForce(undated, *ParseDate("2025-03-01")) == std::vector<int>{1});
}

TEST_CASE("APartyDelistedLaterIsFoundWhileItWasListed", "[lists][versions]") {
  Engine e = Examples();
  ScreeningLists lists = TwoVersions();
  // Between the versions: the first applies, and the hit names it.
  auto between = ListReasonsFor(e, lists, "Delisted Co", "2025-03-01");
  REQUIRE(between.size() == 1);
  CHECK(between[0].rule == "list:EL:d1");
  CHECK(between[0].detail.find("list " + lists.versions()[0].Label()) != std::string::npos);
  // Before the first version: the oldest version applies.
  CHECK(ListReasonsFor(e, lists, "Delisted Co", "2024-06-01").size() == 1);
  // From the second version on, the party is no longer listed.
  CHECK(ListReasonsFor(e, lists, "Delisted Co", "2025-06-01").empty());
  CHECK(ListReasonsFor(e, lists, "Delisted Co", "2026-01-01").empty());
}

TEST_CASE("AHitNamesTheVersionInForceOnTheShipmentDate", "[lists][versions]") {
  Engine e = Examples();
  ScreeningLists lists = TwoVersions();
  auto early = ListReasonsFor(e, lists, "Kept Co", "2025-03-01");
  auto late = ListReasonsFor(e, lists, "Kept Co", "2025-07-01");
  REQUIRE(early.size() == 1);
  REQUIRE(late.size() == 1);
  CHECK(early[0].detail.find("sha256:first") != std::string::npos);
  CHECK(early[0].detail.find("sha256:second") == std::string::npos);
  CHECK(late[0].detail.find("sha256:second") != std::string::npos);
  CHECK(late[0].detail.find("sha256:first") == std::string::npos);
}

TEST_CASE("AnEntryRepeatedAcrossVersionsIsIndexedOnce", "[lists][versions]") {
  ScreeningLists lists = TwoVersions();
  CHECK(lists.versions().size() == 2);
  CHECK(lists.entry_count() == 2);  // Kept Co once, Delisted Co once
  // A changed entry (here its end date) is a different entry: both are kept.
  std::vector<ScreeningListFile> files(2);
  files[0].version = Version(ListFormat::kCslCsv, "x", ParseDate("2025-01-01"));
  files[0].entries = {Entry("k1", "Kept Co")};
  files[1].version = Version(ListFormat::kCslCsv, "y", ParseDate("2025-02-01"));
  files[1].entries = {Entry("k1", "Kept Co")};
  files[1].entries[0].end_date = ParseDate("2025-12-31");
  CHECK(ScreeningLists::Build(std::move(files)).entry_count() == 2);
  // The same entry in versions of two source sets is two entries, one per set.
  std::vector<ScreeningListFile> sets(2);
  sets[0].version = Version(ListFormat::kCslCsv, "c", ParseDate("2025-01-01"));
  sets[0].entries = {Entry("k1", "Kept Co")};
  sets[1].version = Version(ListFormat::kOpenSanctionsCsv, "o", ParseDate("2025-01-01"));
  sets[1].entries = {Entry("k1", "Kept Co")};
  CHECK(ScreeningLists::Build(std::move(sets)).entry_count() == 2);
}

}  // namespace chipgate::testing
