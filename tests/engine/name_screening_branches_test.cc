// ScreenNames (chipgate/name_screening.h) through the library: each kind of pack hit worded as a
// shipment line words it (an exact hit with and without its list and footnote, a resembling
// alias, a name contained among other words), the decision each implies, a party not in force on
// the date, and the queries refused before anything is screened (fail closed: an empty name is
// never "clear").
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/name_screening.h"
#include "support/csl_lists.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* const kPack = R"yaml(
pack: {name: screen-pack, version: "3"}
attributes: [{name: tpp, type: number}]
classes: [{id: X.a, cite: c, when: "tpp >= 10"}]
license_rules: [{id: r, cite: c, classes: [X.a]}]
parties:
  - id: p-eaf
    name: Eastern Avionics Foundry
    aliases: [EAF Semiconductor Works]
    list: entity_list
    footnote: "4"
    cite: "15 CFR 744"
    effect: license_required
  - {id: p-north, name: Northwind Photonics Research, list: entity_list, cite: c2, effect: prohibited}
  - {id: p-crane, name: Silver Crane Trading, cite: c3, effect: review}
  - id: p-old
    name: Old Harbor Microsystems
    cite: c4
    effect: prohibited
    effective: {until: 2020-01-01}
)yaml";

const Engine& TheEngine() {
  static const Engine engine = MustLoad(kPack);
  return engine;
}

NameScreening ScreenOne(const std::string& name) {
  std::vector<NameQuery> q = {{name, ""}};
  NameScreeningResult r = ScreenNames(TheEngine(), ScreeningLists(), q, *ParseDate("2025-06-01"));
  REQUIRE(r.errors.empty());
  REQUIRE(r.screenings.size() == 1);
  return r.screenings[0];
}

// One imported CSL version of 2025-01-01 with three entries: an Entity List entry with every
// optional field, an SDN entry with none, and one listed only from 2026.
ScreeningLists Imported() {
  ScreeningListEntry el = CslEntry("el-1", "EL", "Granite Peak Electronics");
  el.aliases = {"GPE Holdings International"};
  el.federal_register_notice = "89 FR 80141";
  el.start_date = ParseDate("2024-01-01");
  el.end_date = ParseDate("2030-12-31");
  el.license_requirement = "For all items subject to the EAR";
  el.license_policy = "Presumption of denial";
  ScreeningListEntry later = CslEntry("el-9", "EL", "Future Quartz Devices");
  later.start_date = ParseDate("2026-01-01");
  return OneCslVersion("sha256:00ff", "2025-01-01",
                       {el, CslEntry("sdn-7", "SDN", "Blue Lotus Maritime Shipping"), later});
}

NameScreening ScreenImported(const std::string& name) {
  static const ScreeningLists lists = Imported();
  std::vector<NameQuery> q = {{name, ""}};
  NameScreeningResult r = ScreenNames(TheEngine(), lists, q, *ParseDate("2025-06-01"));
  REQUIRE(r.errors.empty());
  REQUIRE(r.screenings.size() == 1);
  return r.screenings[0];
}

const char* const kVersion = "list csl-csv csl.csv sha256:00ff of 2025-01-01";

}  // namespace

TEST_CASE("AnExactPackHitNamesItsListAndFootnote", "[engine][screen-names]") {
  NameScreening s = ScreenOne("Eastern Avionics Foundry Co., Ltd.");
  REQUIRE(s.hits.size() == 1);
  const NameHit& h = s.hits[0];
  CHECK(h.origin == ListingOrigin::kPack);
  CHECK(ListingOriginName(h.origin) == "pack");
  CHECK(h.entry_id == "p-eaf");
  CHECK(h.kind == NameMatchKind::kExact);
  CHECK(NameMatchKindName(h.kind) == "exact");
  CHECK(h.score == 1);
  CHECK(h.decision == DecisionKind::kLicenseRequired);
  CHECK(h.list == "entity_list");
  CHECK(h.source == "pack screen-pack 3");
  CHECK(h.cite == "15 CFR 744");
  CHECK(h.detail ==
        "name `Eastern Avionics Foundry Co., Ltd.` matches `Eastern Avionics Foundry` "
        "(entity_list, footnote 4)");
  CHECK(OutcomeName(s) == "license_required");
}

TEST_CASE("AnExactPackHitWithoutFootnoteOrListSaysOnlyWhatIsGiven", "[engine][screen-names]") {
  NameScreening listed = ScreenOne("Northwind Photonics Research");
  REQUIRE(listed.hits.size() == 1);
  CHECK(listed.hits[0].detail ==
        "name `Northwind Photonics Research` matches `Northwind Photonics Research` "
        "(entity_list)");
  CHECK(listed.hits[0].decision == DecisionKind::kProhibited);
  CHECK(OutcomeName(listed) == "prohibited");

  NameScreening unlisted = ScreenOne("Silver Crane Trading");
  REQUIRE(unlisted.hits.size() == 1);
  CHECK(unlisted.hits[0].list.empty());
  CHECK(unlisted.hits[0].detail == "name `Silver Crane Trading` matches `Silver Crane Trading`");
  CHECK(unlisted.hits[0].decision == DecisionKind::kReview);
}

TEST_CASE("AResemblingAliasIsReviewAndNamesThePartyItBelongsTo", "[engine][screen-names]") {
  NameScreening s = ScreenOne("EAF Semiconducter Works");
  REQUIRE(s.hits.size() == 1);
  const NameHit& h = s.hits[0];
  CHECK(h.kind == NameMatchKind::kSimilar);
  CHECK(NameMatchKindName(h.kind) == "similar");
  CHECK(h.matched_name == "EAF Semiconductor Works");
  CHECK(h.listed_name == "Eastern Avionics Foundry");
  CHECK(h.score < 1);
  // Not the party's effect (license_required): a resemblance is only ever review.
  CHECK(h.decision == DecisionKind::kReview);
  CHECK(h.detail.starts_with(
      "name `EAF Semiconducter Works` resembles `EAF Semiconductor Works`, an alias of "
      "`Eastern Avionics Foundry` (score 0."));
  CHECK(OutcomeName(s) == "review");
}

TEST_CASE("AListedNameAmongOtherWordsIsReviewWithItsCoverage", "[engine][screen-names]") {
  NameScreening s = ScreenOne("Shenzhen Branch of Northwind Photonics Research Holdings");
  REQUIRE(s.hits.size() == 1);
  const NameHit& h = s.hits[0];
  CHECK(h.kind == NameMatchKind::kContains);
  CHECK(NameMatchKindName(h.kind) == "contains");
  CHECK(h.decision == DecisionKind::kReview);
  CHECK(h.detail ==
        "name `Shenzhen Branch of Northwind Photonics Research Holdings` contains "
        "`Northwind Photonics Research`, among other words (coverage 1.00)");
}

TEST_CASE("APartyNotInForceOnTheDateIsNotAHit", "[engine][screen-names]") {
  NameScreening s = ScreenOne("Old Harbor Microsystems");
  CHECK(s.hits.empty());
  CHECK_FALSE(s.outcome.has_value());
  CHECK(OutcomeName(s) == "clear");
  // The same name on a date the listing was in force.
  std::vector<NameQuery> q = {{"Old Harbor Microsystems", ""}};
  NameScreeningResult before =
      ScreenNames(TheEngine(), ScreeningLists(), q, *ParseDate("2019-06-01"));
  REQUIRE(before.screenings.size() == 1);
  REQUIRE(before.screenings[0].hits.size() == 1);
  CHECK(OutcomeName(before.screenings[0]) == "prohibited");
}

TEST_CASE("AnExactImportedHitNamesTheEntryItsNoticeDatesAndVersion", "[engine][screen-names]") {
  NameScreening s = ScreenImported("Granite Peak Electronics");
  REQUIRE(s.hits.size() == 1);
  const NameHit& h = s.hits[0];
  CHECK(h.origin == ListingOrigin::kImported);
  CHECK(ListingOriginName(h.origin) == "imported");
  CHECK(h.entry_id == "el-1");
  CHECK(h.list == "EL");
  CHECK(h.source == "csl-csv csl.csv sha256:00ff of 2025-01-01");
  CHECK(h.kind == NameMatchKind::kExact);
  CHECK(h.decision == DecisionKind::kLicenseRequired);  // the Entity List's effect
  CHECK(h.cite == "15 CFR 744.11; Supp. No. 4 to part 744; 89 FR 80141");
  CHECK(h.detail == std::string("name `Granite Peak Electronics` matches `Granite Peak "
                                "Electronics` (EL entry `el-1`, 89 FR 80141, listed 2024-01-01, "
                                "until 2030-12-31; ") +
                        kVersion + ")");
}

TEST_CASE("AnImportedAliasHitNamesTheEntrysPrimaryName", "[engine][screen-names]") {
  NameScreening s = ScreenImported("GPE Holdings International");
  REQUIRE(s.hits.size() == 1);
  CHECK(s.hits[0].matched_name == "GPE Holdings International");
  CHECK(s.hits[0].listed_name == "Granite Peak Electronics");
  CHECK(s.hits[0].detail.starts_with(
      "name `GPE Holdings International` matches `GPE Holdings International`, a name of "
      "`Granite Peak Electronics` (EL entry `el-1`"));
}

TEST_CASE("AResemblingImportedNameIsReviewWhateverTheListSays", "[engine][screen-names]") {
  NameScreening s = ScreenImported("Blue Lotus Maritme Shipping");
  REQUIRE(s.hits.size() == 1);
  const NameHit& h = s.hits[0];
  CHECK(h.kind == NameMatchKind::kSimilar);
  CHECK(h.decision == DecisionKind::kReview);  // not the SDN's prohibited: only a resemblance
  CHECK(h.detail.starts_with(
      "name `Blue Lotus Maritme Shipping` resembles `Blue Lotus Maritime Shipping` (score 0."));
  // No notice and no dates: the note names the entry and the version only.
  CHECK(h.detail.ends_with(std::string(" (SDN entry `sdn-7`; ") + kVersion + ")"));

  NameScreening exact = ScreenImported("Blue Lotus Maritime Shipping");
  REQUIRE(exact.hits.size() == 1);
  CHECK(exact.hits[0].decision == DecisionKind::kProhibited);

  NameScreening contains = ScreenImported("Agents of Blue Lotus Maritime Shipping in Dubai");
  REQUIRE(contains.hits.size() == 1);
  CHECK(contains.hits[0].kind == NameMatchKind::kContains);
  CHECK(contains.hits[0].decision == DecisionKind::kReview);
  CHECK(contains.hits[0].detail.starts_with(
      "name `Agents of Blue Lotus Maritime Shipping in Dubai` contains `Blue Lotus Maritime "
      "Shipping`, among other words (coverage 1.00) (SDN entry"));
}

TEST_CASE("AnImportedEntryNotYetListedOnTheDateIsNoHit", "[engine][screen-names]") {
  CHECK(ScreenImported("Future Quartz Devices").hits.empty());
}

TEST_CASE("QueriesThatCannotBeScreenedAreRefusedAndNothingIsScreened", "[engine][screen-names]") {
  std::vector<NameQuery> q = {
      {"Silver Crane Trading", "CN"}, {" \t\r\n", ""}, {"Northwind", "XX"}, {"", "cn"}};
  NameScreeningResult r = ScreenNames(TheEngine(), ScreeningLists(), q, *ParseDate("2025-06-01"));
  CHECK(r.screenings.empty());
  REQUIRE(r.errors.size() == 4);
  CHECK(r.errors[0].index == 1);
  CHECK(r.errors[0].field == "name");
  CHECK(r.errors[0].message == "the name is empty");
  CHECK(r.errors[1].index == 2);
  CHECK(r.errors[1].field == "country");
  CHECK(r.errors[1].message == "`XX` is not an ISO 3166-1 alpha-2 country code");
  CHECK(r.errors[2].index == 3);
  CHECK(r.errors[2].field == "name");
  CHECK(r.errors[3].index == 3);
  CHECK(r.errors[3].field == "country");
  CHECK(r.errors[3].message == "`cn` is not an ISO 3166-1 alpha-2 country code");
}

TEST_CASE("ANameHoldingTwoListedNamesHitsBoth", "[engine][screen-names]") {
  std::vector<NameQuery> q = {{"Silver Crane Trading and Northwind Photonics Research", "DE"}};
  NameScreeningResult r = ScreenNames(TheEngine(), ScreeningLists(), q, *ParseDate("2025-06-01"));
  REQUIRE(r.errors.empty());
  REQUIRE(r.screenings.size() == 1);
  const NameScreening& s = r.screenings[0];
  CHECK(s.query.country == "DE");
  REQUIRE(s.hits.size() == 2);
  std::vector<std::string> ids = {s.hits[0].entry_id, s.hits[1].entry_id};
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"p-crane", "p-north"});
  for (const NameHit& h : s.hits) CHECK(h.kind == NameMatchKind::kContains);
  CHECK(OutcomeName(s) == "review");
}

}  // namespace chipgate::testing
