// Matching a line to a license (chipgate/license.h, docs/licenses.md "Matching"): one test per
// matching rule and per refusal reason. Every refusal test starts from a line the license covers
// and changes one thing, so the reason reported is the effect of that one change.
#include <catch2/catch.hpp>

#include "chipgate/license.h"

namespace chipgate::testing {
namespace {

Date D(const char* text) { return *ParseDate(text); }

// D1234567: 3A090.a to Singapore for Lion City Cloud (by id), any end user, 100 units and
// $1,000,000.00, in 2025.
HeldLicense Held(const char* number = "D1234567") {
  License l;
  l.number = number;
  l.classes = {"3A090.a"};
  l.destinations = {"SG"};
  l.consignee = "C-1010";
  l.quantity_limit = 100;
  l.value_limit = 100'000'000;  // cents
  l.valid_from = D("2025-01-01");
  l.valid_until = D("2025-12-31");
  l.conditions = "no reexport";
  l.line = 2;
  return {l, {}};
}

// 10 units of a 3A090.a.1 chip at $30,000.00 to Lion City Cloud in Singapore, naming D1234567.
LicenseRequest Line() {
  LicenseRequest r;
  r.classes = {"3A090.a.1"};
  r.destination = "SG";
  r.consignee_id = "C-1010";
  r.consignee_name = "Lion City Cloud Services Pte. Ltd.";
  r.end_user_name = "Lion City Cloud Services Pte. Ltd.";
  r.ship_date = D("2025-06-01");
  r.quantity = 10;
  r.unit_value = 3'000'000;
  r.named_license = "D1234567";
  return r;
}

std::vector<LicenseRefusal> Refusals(const LicenseRequest& r, const HeldLicense& h) {
  return MatchLicense(r, {h}).refusals;
}

using R = LicenseRefusal;

}  // namespace

TEST_CASE("ANamedLicenseThatCoversTheLineClearsItWithItsBalances", "[license]") {
  HeldLicense h = Held();
  h.used = {20, 10'000'000};
  LicenseMatch m = MatchLicense(Line(), {h});
  REQUIRE(m.cleared());
  CHECK(*m.license == 0);
  CHECK(m.refusals.empty());
  CHECK(m.line_value == 30'000'000);
  CHECK(m.before.quantity == 80);
  CHECK(m.before.value == 90'000'000);
  CHECK(m.after.quantity == 70);
  CHECK(m.after.value == 60'000'000);
}

TEST_CASE("AnUnnamedLineGetsTheCoveringLicenseThatExpiresFirst", "[license]") {
  HeldLicense later = Held("D2000000"), sooner = Held("D3000000");
  sooner.license.valid_until = D("2025-09-30");
  LicenseRequest r = Line();
  r.named_license = "";
  LicenseMatch m = MatchLicense(r, {later, sooner});
  REQUIRE(m.cleared());
  CHECK(*m.license == 1);
}

TEST_CASE("LicensesExpiringTheSameDayAreChosenByTheSmallerNumber", "[license]") {
  LicenseRequest r = Line();
  r.named_license = "";
  LicenseMatch m = MatchLicense(r, {Held("D3000000"), Held("D2000000"), Held("D4000000")});
  REQUIRE(m.cleared());
  CHECK(*m.license == 1);
}

TEST_CASE("AnUnnamedLineSkipsALicenseThatExpiresFirstButDoesNotCoverIt", "[license]") {
  HeldLicense covering = Held("D2000000"), elsewhere = Held("D1000001");
  elsewhere.license.valid_until = D("2025-07-01");
  elsewhere.license.destinations = {"MY"};
  LicenseRequest r = Line();
  r.named_license = "";
  LicenseMatch m = MatchLicense(r, {elsewhere, covering});
  REQUIRE(m.cleared());
  CHECK(*m.license == 1);
}

TEST_CASE("ANamedLicenseIsUsedEvenWhenAnotherExpiresFirst", "[license]") {
  HeldLicense named = Held("D2000000"), sooner = Held("D1000001");
  sooner.license.valid_until = D("2025-07-01");
  LicenseRequest r = Line();
  r.named_license = "D2000000";
  LicenseMatch m = MatchLicense(r, {sooner, named});
  REQUIRE(m.cleared());
  CHECK(*m.license == 1);
}

TEST_CASE("ALicenseIsValidOnItsFirstAndLastDay", "[license]") {
  LicenseRequest r = Line();
  r.ship_date = D("2025-01-01");
  CHECK(MatchLicense(r, {Held()}).cleared());
  r.ship_date = D("2025-12-31");
  CHECK(MatchLicense(r, {Held()}).cleared());
}

TEST_CASE("ExactlyTheRemainingQuantityAndValueStillClear", "[license]") {
  HeldLicense h = Held();
  h.used = {90, 70'000'000};  // 10 units and $300,000.00 left: the line's exactly
  LicenseMatch m = MatchLicense(Line(), {h});
  REQUIRE(m.cleared());
  CHECK(m.after.quantity == 0);
  CHECK(m.after.value == 0);
}

TEST_CASE("ALicenseWithoutLimitsNeedsNoUnitValue", "[license]") {
  HeldLicense h = Held();
  h.license.quantity_limit.reset();
  h.license.value_limit.reset();
  LicenseRequest r = Line();
  r.unit_value.reset();
  LicenseMatch m = MatchLicense(r, {h});
  REQUIRE(m.cleared());
  CHECK_FALSE(m.before.quantity);
  CHECK_FALSE(m.after.value);
  CHECK_FALSE(m.line_value);
}

TEST_CASE("PartiesAreComparedByIdOrByNameWithoutCaseAndPunctuation", "[license]") {
  HeldLicense h = Held();
  h.license.consignee = "LION CITY CLOUD SERVICES PTE LTD";
  h.license.end_user = "c-1010";
  LicenseRequest r = Line();
  r.consignee_id = "";  // matched by name only
  r.end_user_id = "C-1010";
  CHECK(MatchLicense(r, {h}).cleared());
}

TEST_CASE("SuccessiveLinesDepleteTheLicenseThroughAddUse", "[license]") {
  std::vector<HeldLicense> held{Held()};
  LicenseRequest r = Line();
  r.quantity = 40;
  r.unit_value = 1'000'000;
  for (int shipped = 0; shipped < 2; ++shipped) {
    LicenseMatch m = MatchLicense(r, held);
    REQUIRE(m.cleared());
    AddUse(held[*m.license], r.quantity, m.line_value);
  }
  CHECK(held[0].used.quantity == 80);
  CHECK(held[0].used.value == 80'000'000);
  // 20 units and $200,000.00 left: the third line's 40 units at $400,000.00 exceed both.
  CHECK(Refusals(r, held[0]) == std::vector<R>{R::kQuantityExhausted, R::kValueExhausted});
}

// ---- one test per refusal ----

TEST_CASE("ALicenseForAnotherDestinationIsRefusedAsWrongDestination", "[license]") {
  LicenseRequest r = Line();
  r.destination = "MY";
  CHECK(Refusals(r, Held()) == std::vector<R>{R::kWrongDestination});
}

TEST_CASE("AnExpiredLicenseIsRefusedAsExpired", "[license]") {
  LicenseRequest r = Line();
  r.ship_date = D("2026-01-01");
  CHECK(Refusals(r, Held()) == std::vector<R>{R::kExpired});
}

TEST_CASE("ALicenseNotYetValidIsRefusedAsNotYetValid", "[license]") {
  LicenseRequest r = Line();
  r.ship_date = D("2024-12-31");
  CHECK(Refusals(r, Held()) == std::vector<R>{R::kNotYetValid});
}

TEST_CASE("ALicenseWithTooLittleQuantityLeftIsRefusedAsQuantityExhausted", "[license]") {
  HeldLicense h = Held();
  h.used.quantity = 91;
  CHECK(Refusals(Line(), h) == std::vector<R>{R::kQuantityExhausted});
}

TEST_CASE("ALicenseWithTooLittleValueLeftIsRefusedAsValueExhausted", "[license]") {
  HeldLicense h = Held();
  h.used.value = 70'000'001;  // one cent short
  CHECK(Refusals(Line(), h) == std::vector<R>{R::kValueExhausted});
}

TEST_CASE("ALineValueBeyondTheRangeOfCentsIsRefusedAsValueExhausted", "[license]") {
  LicenseRequest r = Line();
  r.unit_value = INT64_MAX / 2;
  CHECK(Refusals(r, Held()) == std::vector<R>{R::kValueExhausted});
}

TEST_CASE("ALicenseForAnotherConsigneeIsRefusedAsOtherConsignee", "[license]") {
  LicenseRequest r = Line();
  r.consignee_id = "C-1011";
  r.consignee_name = "Straits Compute Sdn. Bhd.";
  CHECK(Refusals(r, Held()) == std::vector<R>{R::kOtherConsignee});
}

TEST_CASE("ALicenseForAnotherEndUserIsRefusedAsOtherEndUser", "[license]") {
  HeldLicense h = Held();
  h.license.end_user = "Straits Compute Sdn. Bhd.";
  CHECK(Refusals(Line(), h) == std::vector<R>{R::kOtherEndUser});
}

TEST_CASE("ALicenseForASiblingClassIsRefusedAsOtherClass", "[license]") {
  LicenseRequest r = Line();
  r.classes = {"3A090.b"};
  CHECK(Refusals(r, Held()) == std::vector<R>{R::kOtherClass});
}

TEST_CASE("ALineWithOneUncoveredClassIsRefusedAsOtherClass", "[license]") {
  LicenseRequest r = Line();
  r.classes = {"3A090.a.1", "4A090.a"};
  CHECK(Refusals(r, Held()) == std::vector<R>{R::kOtherClass});
}

TEST_CASE("ALineWithoutClassesIsRefusedAsOtherClass", "[license]") {
  LicenseRequest r = Line();
  r.classes.clear();
  CHECK(Refusals(r, Held()) == std::vector<R>{R::kOtherClass});
}

TEST_CASE("ANamedLicenseThatIsNotHeldIsRefusedAsUnknownLicense", "[license]") {
  LicenseRequest r = Line();
  r.named_license = "D7654321";
  LicenseMatch m = MatchLicense(r, {Held()});
  CHECK_FALSE(m.cleared());
  CHECK(m.refusals == std::vector<R>{R::kUnknownLicense});
}

TEST_CASE("APlaceholderNamedAsTheLicenseIsRefusedAsInvalidNumber", "[license]") {
  for (const char* v : {"N/A", "pending", "D0000000", "NLR"}) {
    INFO(v);
    LicenseRequest r = Line();
    r.named_license = v;
    CHECK(Refusals(r, Held()) == std::vector<R>{R::kInvalidNumber});
  }
}

TEST_CASE("AnExceptionCodeNamedAsTheLicenseIsRefusedAsNotALicense", "[license]") {
  LicenseRequest r = Line();
  r.named_license = "NAC";
  CHECK(Refusals(r, Held()) == std::vector<R>{R::kNotALicense});
}

TEST_CASE("AnUnknownUnitValueUnderAValueLimitIsRefusedAsValueUnknown", "[license]") {
  LicenseRequest r = Line();
  r.unit_value.reset();
  LicenseMatch m = MatchLicense(r, {Held()});
  CHECK_FALSE(m.cleared());
  CHECK(m.refusals == std::vector<R>{R::kValueUnknown});
}

TEST_CASE("AnUnnamedLineWithAnUnknownValueSaysWhyNoLicenseCovers", "[license]") {
  LicenseRequest r = Line();
  r.named_license = "";
  r.unit_value.reset();
  CHECK(Refusals(r, Held()) == std::vector<R>{R::kNoCoveringLicense, R::kValueUnknown});
}

TEST_CASE("AnUnnamedLineNoLicenseCoversIsRefusedAsNoCoveringLicense", "[license]") {
  LicenseRequest r = Line();
  r.named_license = "";
  r.destination = "MY";
  CHECK(Refusals(r, Held()) == std::vector<R>{R::kNoCoveringLicense});
  CHECK(MatchLicense(r, {}).refusals == std::vector<R>{R::kNoCoveringLicense});
}

TEST_CASE("EveryReasonANamedLicenseFailsIsReportedAtOnce", "[license]") {
  HeldLicense h = Held();
  h.license.end_user = "C-9999";
  h.used = {100, 100'000'000};
  LicenseRequest r = Line();
  r.ship_date = D("2026-02-01");
  r.destination = "MY";
  r.consignee_id = "C-1011";
  r.consignee_name = "Straits Compute Sdn. Bhd.";
  r.classes = {"4A090.a"};
  LicenseMatch m = MatchLicense(r, {h});
  CHECK(m.refusals == std::vector<R>{R::kExpired, R::kWrongDestination, R::kOtherConsignee,
                                     R::kOtherEndUser, R::kOtherClass, R::kQuantityExhausted,
                                     R::kValueExhausted});
  CHECK(m.before.quantity == 0);  // the named license's balance is shown with the refusal
}

TEST_CASE("RefusalReasonsHaveStableNames", "[license]") {
  CHECK(LicenseRefusalName(R::kWrongDestination) == "wrong-destination");
  CHECK(LicenseRefusalName(R::kValueUnknown) == "value-unknown");
  CHECK(LicenseRefusalName(R::kNoCoveringLicense) == "no-covering-license");
}

// check, ship and the audit ask with RequestForLine: the destination is the end user's country
// (not the consignee's), the classes are the decision's, and the parties keep their ids.
TEST_CASE("TheRequestOfALineIsTheEndUsersCountryTheDecisionsClassesAndBothParties", "[license]") {
  ShipmentFacts s;
  s.consignee = PartyFacts::Of("Forwarder Pte", "SG");
  s.consignee.id = "C-1";
  s.end_user = PartyFacts::Of("Lab Sdn Bhd", "MY");
  s.end_user.id = "C-2";
  LineDecision d;
  d.decision = DecisionKind::kLicenseRequired;
  d.classes = {"4A090.a", "3A090.a"};
  LicenseRequest r =
      RequestForLine(s, *ParseDate("2025-03-01"), d, 3, UsdCents{150000}, "D1234567");
  CHECK(r.destination == "MY");
  CHECK(r.classes == std::vector<std::string>{"4A090.a", "3A090.a"});
  CHECK(r.consignee_id == "C-1");
  CHECK(r.consignee_name == "Forwarder Pte");
  CHECK(r.end_user_id == "C-2");
  CHECK(r.end_user_name == "Lab Sdn Bhd");
  CHECK(r.ship_date == *ParseDate("2025-03-01"));
  CHECK(r.quantity == 3);
  CHECK(r.unit_value == UsdCents{150000});
  CHECK(r.named_license == "D1234567");
}

}  // namespace chipgate::testing
