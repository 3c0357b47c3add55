// LicenseIndex (chipgate/license_index.h) against the linear matcher: on generated licenses and
// lines (fixed seed) every match must be MatchLicense's to the last field, and every license that
// could matter to MatchLicense must be a candidate; then the tie-breaks and the edges of the index
// (expiry, classes listed twice, numbers held twice, uses changing between lines) one by one.
#include <catch2/catch.hpp>
#include <random>

#include "chipgate/license.h"
#include "chipgate/license_index.h"

namespace chipgate::testing {
namespace {

Date D(const char* text) { return *ParseDate(text); }

// A license covering 3A090.a to Singapore for anyone, without limits, valid in 2025.
HeldLicense Held(const char* number, const char* valid_until = "2025-12-31") {
  License l;
  l.number = number;
  l.classes = {"3A090.a"};
  l.destinations = {"SG"};
  l.valid_from = D("2025-01-01");
  l.valid_until = D(valid_until);
  l.line = 2;
  return {l, {}};
}

// One unit of a 3A090.a.1 chip to Singapore on 2025-06-01, no license named.
LicenseRequest Line() {
  LicenseRequest r;
  r.classes = {"3A090.a.1"};
  r.destination = "SG";
  r.consignee_name = r.end_user_name = "Lion City Cloud Services Pte. Ltd.";
  r.ship_date = D("2025-06-01");
  r.quantity = 1;
  r.unit_value = 100'000;
  return r;
}

template <typename T>
T Pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[rng() % from.size()];
}

// Licenses drawn from small pools, so that the cases the index must get right occur often:
// classes that are prefixes of each other or do not parse, several destinations, numbers held
// twice, equal expiry dates, limits nearly used up.
std::vector<HeldLicense> RandomLicenses(std::mt19937& rng, size_t n) {
  const std::vector<std::string> classes = {"3A090",   "3A090.a", "3A090.a.1", "3A090.b", "3A090.c",
                                            "4A090.a", "4A090.b", "5A992.c",   "EAR99",   "3A090a"};
  const std::vector<std::string> countries = {"SG", "MY", "AE", "CN", "DE"};
  const std::vector<std::string> parties = {"", "", "C-1", "C-2", "ACME Ltd.", "Other Co"};
  std::vector<HeldLicense> out;
  for (size_t i = 0; i < n; ++i) {
    License l;
    l.number = "D" + std::to_string(1000000 + rng() % (n / 2 + 1));  // some numbers twice
    for (size_t k = 1 + rng() % 2; k > 0; --k) l.classes.push_back(Pick(rng, classes));
    for (size_t k = 1 + rng() % 3; k > 0; --k) l.destinations.push_back(Pick(rng, countries));
    l.consignee = Pick(rng, parties);
    l.end_user = Pick(rng, parties);
    if (rng() % 2) l.quantity_limit = 1 + rng() % 20;
    if (rng() % 2) l.value_limit = 1 + rng() % 2'000'000;
    // Dates in a span of about two years, ranges of a few days to a year: many equal expiries.
    l.valid_from = Date{static_cast<int>(20000 + rng() % 600)};
    l.valid_until = Date{l.valid_from.days + static_cast<int>(rng() % 365)};
    l.line = static_cast<int>(i + 2);
    HeldLicense h{l, {}};
    if (l.quantity_limit) h.used.quantity = rng() % (*l.quantity_limit + 2);
    if (l.value_limit) h.used.value = rng() % (*l.value_limit + 2);
    out.push_back(h);
  }
  return out;
}

LicenseRequest RandomRequest(std::mt19937& rng, const std::vector<HeldLicense>& held) {
  const std::vector<std::string> classes = {"3A090.a.1", "3A090.a",  "3A090.b", "3A090",
                                            "4A090.a",   "4A090.b",  "5A992.c", "EAR99",
                                            "3A090a",    "3A090.c.2"};
  const std::vector<std::string> countries = {"SG", "MY", "AE", "CN", "DE", "FR"};
  LicenseRequest r;
  for (size_t k = rng() % 3; k > 0; --k) r.classes.push_back(Pick(rng, classes));  // 0 to 2
  r.destination = Pick(rng, countries);
  r.consignee_id = Pick(rng, std::vector<std::string>{"", "C-1", "c-2"});
  // `C 1` has the name key of the license cell `C-1`, so a cell can match by id and by name.
  r.consignee_name = Pick(rng, std::vector<std::string>{"", "Acme Ltd", "Other Co.", "C 1"});
  r.end_user_id = Pick(rng, std::vector<std::string>{"", "C-1", "C-2"});
  r.end_user_name = Pick(rng, std::vector<std::string>{"", "ACME LTD", "Other Co"});
  r.ship_date = Date{static_cast<int>(20000 + rng() % 1000)};
  r.quantity = static_cast<int64_t>(rng() % 8);  // 0 is refused
  if (rng() % 4) r.unit_value = rng() % 300'000;
  switch (rng() % 6) {  // a third of the lines name a license, some of them not one held
    case 0:
      r.named_license = held[rng() % held.size()].license.number;
      break;
    case 1:
      r.named_license = Pick(rng, std::vector<std::string>{"D7654321", "NAC", "N/A", "pending"});
      break;
    default:
      break;
  }
  return r;
}

// Every field of two results, named in the failure message.
void RequireSame(const LicenseMatch& linear, const LicenseMatch& indexed) {
  REQUIRE(linear.license == indexed.license);
  REQUIRE(linear.refusals == indexed.refusals);
  REQUIRE(linear.line_value == indexed.line_value);
  REQUIRE(linear.before.quantity == indexed.before.quantity);
  REQUIRE(linear.before.value == indexed.before.value);
  REQUIRE(linear.after.quantity == indexed.after.quantity);
  REQUIRE(linear.after.value == indexed.after.value);
}

}  // namespace

TEST_CASE("TheIndexedMatchIsTheLinearMatchOnGeneratedLicensesAndLines", "[license]") {
  std::mt19937 rng(20261206);
  size_t cleared = 0, value_unknown = 0, named = 0;
  for (int round = 0; round < 40; ++round) {
    std::vector<HeldLicense> held = RandomLicenses(rng, 20 + rng() % 200);
    std::vector<HeldLicense> linear = held;  // the two copies deplete side by side
    const LicenseIndex index(held);
    // Lines of one shipment, each seeing the uses of the lines cleared before it.
    for (int line = 0; line < 150; ++line) {
      LicenseRequest r = RandomRequest(rng, held);
      LicenseMatch want = MatchLicense(r, linear);
      LicenseMatch got = index.Match(r);
      INFO("round " << round << " line " << line);
      RequireSame(want, got);
      cleared += want.cleared();
      named += !r.named_license.empty();
      value_unknown += want.refusals.size() == 2;
      if (want.cleared()) {
        AddUse(linear[*want.license], r.quantity, want.line_value);
        AddUse(held[*got.license], r.quantity, got.line_value);
      }
    }
  }
  // The generator reaches every kind of result, so the comparison above means something.
  CHECK(cleared > 100);
  CHECK(named > 500);
  CHECK(value_unknown > 10);
}

TEST_CASE("EveryLicenseThatCouldCoverALineIsACandidateInPreferredOrder", "[license]") {
  std::mt19937 rng(7);
  size_t candidates = 0, all = 0;
  for (int round = 0; round < 20; ++round) {
    std::vector<HeldLicense> held = RandomLicenses(rng, 300);
    const LicenseIndex index(held);
    for (int line = 0; line < 100; ++line) {
      LicenseRequest r = RandomRequest(rng, held);
      r.named_license.clear();
      std::vector<size_t> got = index.Candidates(r);
      // Each candidate once, each preferred over or tied with the next.
      for (size_t k = 1; k < got.size(); ++k) {
        const License& a = held[got[k - 1]].license;
        const License& b = held[got[k]].license;
        REQUIRE(got[k - 1] != got[k]);
        REQUIRE((a.valid_until < b.valid_until ||
                 (a.valid_until == b.valid_until && a.number < b.number) ||
                 (a.valid_until == b.valid_until && a.number == b.number && got[k - 1] < got[k])));
      }
      // A license left out must have a refusal other than value-unknown.
      for (size_t i = 0; i < held.size(); ++i) {
        auto why = LicenseRefusals(r, held[i]);
        bool matters = why.empty() || why == std::vector{LicenseRefusal::kValueUnknown};
        if (matters) REQUIRE(std::find(got.begin(), got.end(), i) != got.end());
      }
      candidates += got.size();
      all += held.size();
    }
  }
  // Far fewer than all: the point of the index.
  CHECK(candidates * 10 < all);
}

TEST_CASE("IndexedLicensesExpiringTheSameDayAreChosenByTheSmallerNumber", "[license]") {
  // D2000000 is listed under 3A090, the others under 3A090.a: the tie crosses two lists.
  std::vector<HeldLicense> held = {Held("D3000000"), Held("D2000000"), Held("D4000000")};
  held[1].license.classes = {"3A090"};
  LicenseMatch m = LicenseIndex(held).Match(Line());
  REQUIRE(m.cleared());
  CHECK(*m.license == 1);
  CHECK(*MatchLicense(Line(), held).license == 1);
}

TEST_CASE("IndexedLicensesEqualInExpiryAndNumberAreChosenInListOrder", "[license]") {
  std::vector<HeldLicense> held = {Held("D2000000"), Held("D2000000")};
  held[1].license.classes = {"3A090"};
  LicenseIndex index(held);
  CHECK(*index.Match(Line()).license == 0);
  CHECK(index.Candidates(Line()) == std::vector<size_t>{0, 1});
  // Named: the first license of that number, as MatchLicense.
  LicenseRequest named = Line();
  named.named_license = "D2000000";
  CHECK(*index.Match(named).license == 0);
}

TEST_CASE("TheIndexSkipsAnEarlierExpiringLicenseNotYetValid", "[license]") {
  std::vector<HeldLicense> held = {Held("D2000000", "2025-12-31"), Held("D3000000", "2025-07-01")};
  held[1].license.valid_from = D("2025-06-02");
  LicenseMatch m = LicenseIndex(held).Match(Line());
  REQUIRE(m.cleared());
  CHECK(*m.license == 0);
}

TEST_CASE("AnIndexedLicenseIsACandidateOnItsLastDayAndNotAfter", "[license]") {
  std::vector<HeldLicense> held = {Held("D2000000", "2025-06-01"), Held("D3000000", "2025-05-31")};
  LicenseIndex index(held);
  CHECK(index.Candidates(Line()) == std::vector<size_t>{0});
  CHECK(*index.Match(Line()).license == 0);
}

TEST_CASE("ALicenseWithTwoClassesCoveringTheLineIsOneCandidate", "[license]") {
  std::vector<HeldLicense> held = {Held("D2000000")};
  held[0].license.classes = {"3A090", "3A090.a", "3A090.a"};
  held[0].license.destinations = {"SG", "SG"};
  CHECK(LicenseIndex(held).Candidates(Line()) == std::vector<size_t>{0});
}

TEST_CASE("ALicenseWhoseConsigneeMatchesByIdAndByNameIsOneCandidate", "[license]") {
  std::vector<HeldLicense> held = {Held("D2000000"), Held("D3000000"), Held("D4000000")};
  held[0].license.consignee = "C-1010";  // matches the line's id, and its name key is `c 1010`
  held[1].license.consignee = "Other Co";
  held[2].license.consignee = "LION CITY CLOUD SERVICES PTE LTD";
  LicenseRequest r = Line();
  r.consignee_id = "c-1010";
  r.consignee_name = "C 1010";
  const LicenseIndex index(held);
  CHECK(index.Candidates(r) == std::vector<size_t>{0});
  r.consignee_name = "Lion City Cloud Services Pte. Ltd.";
  CHECK(index.Candidates(r) == std::vector<size_t>{0, 2});
  RequireSame(MatchLicense(r, held), index.Match(r));
}

TEST_CASE("EveryClassOfAnIndexedLineMustBeCovered", "[license]") {
  // The 4A090.a license is a candidate for the 4A090.a class, but misses 3A090.a.1.
  std::vector<HeldLicense> held = {Held("D2000000"), Held("D3000000", "2025-08-01")};
  held[0].license.classes = {"4A090.a"};
  held[1].license.classes = {"3A090.a", "4A090.a"};
  LicenseRequest r = Line();
  r.classes = {"4A090.a", "3A090.a.1"};
  LicenseMatch m = LicenseIndex(held).Match(r);
  REQUIRE(m.cleared());
  CHECK(*m.license == 1);
  // A line with a class no license lists, or one that does not parse, has no candidates.
  r.classes = {"3A090.a.1", "5A992.c"};
  CHECK(LicenseIndex(held).Candidates(r).empty());
  r.classes = {"3A090.a.1", "3A090a"};
  CHECK(LicenseIndex(held).Candidates(r).empty());
  r.classes = {};
  CHECK(LicenseIndex(held).Match(r).refusals == std::vector{LicenseRefusal::kNoCoveringLicense});
}

TEST_CASE("TheIndexReadsUsesAtMatchTime", "[license]") {
  // D2000000 expires first but has room for one unit: the second line goes to D3000000.
  std::vector<HeldLicense> held = {Held("D3000000", "2025-12-31"), Held("D2000000", "2025-09-30")};
  held[1].license.quantity_limit = 1;
  const LicenseIndex index(held);
  LicenseMatch first = index.Match(Line());
  REQUIRE(first.cleared());
  CHECK(*first.license == 1);
  AddUse(held[1], 1, first.line_value);
  LicenseMatch second = index.Match(Line());
  REQUIRE(second.cleared());
  CHECK(*second.license == 0);
}

TEST_CASE("TheIndexRefusesNamedLicensesAsTheLinearMatcherDoes", "[license]") {
  std::vector<HeldLicense> held = {Held("D2000000", "2025-05-31")};
  const LicenseIndex index(held);
  LicenseRequest r = Line();
  for (const char* named : {"D2000000", "D7654321", "NAC", "N/A"}) {
    r.named_license = named;
    INFO(named);
    RequireSame(MatchLicense(r, held), index.Match(r));
  }
  r.named_license = "D2000000";
  CHECK(index.Match(r).refusals == std::vector{LicenseRefusal::kExpired});
}

}  // namespace chipgate::testing
