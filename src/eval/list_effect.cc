// What a hit on each screening list implies (chipgate/screening_list.h, EffectOfList). The
// table is the decision documented, with its reasons and what is uncertain, in
// docs/screening.md ("What each list implies") and docs/regulations.md ("Screening lists"). It is
// a table in code, not pack data: the lists' legal effects do not change with a pack's dates.
#include <array>

#include "chipgate/screening_list.h"

namespace chipgate {
namespace {

struct ListEffectRow {
  std::string_view code;
  ListEffect effect;
};

constexpr DecisionKind kProhibited = DecisionKind::kProhibited;
constexpr DecisionKind kLicense = DecisionKind::kLicenseRequired;
constexpr DecisionKind kReview = DecisionKind::kReview;

const std::array<ListEffectRow, 8> kEffects = {{
    {"EL",
     {kLicense, "15 CFR 744.11; Supp. No. 4 to part 744",
      "listed on the Entity List: a license is required for all items subject to the EAR, and "
      "no License Exception applies unless the entry says so"}},
    {"MEU",
     {kLicense, "15 CFR 744.21; Supp. No. 7 to part 744",
      "listed on the Military End-User List: a license is required for the items of Supp. No. 2 "
      "to part 744 (held as license required for every item: whether this item is one is not "
      "checked)"}},
    {"UVL",
     {kReview, "15 CFR 744.15",
      "listed on the Unverified List: no License Exception may be used, and a UVL statement from "
      "the party is required before export (15 CFR 744.15(b))"}},
    {"DPL",
     {kProhibited, "15 CFR 764.3(a)(2); 15 CFR 736.2(b)(4) (General Prohibition 4)",
      "listed on the Denied Persons List: a denial order prohibits taking part in any "
      "transaction subject to the EAR with this person"}},
    {"SDN",
     {kProhibited,
      "the OFAC program regulations of 31 CFR chapter V; 15 CFR 744.8 (89 FR 20107, FR Doc "
      "2024-06067)",
      "listed as a Specially Designated National: dealings are blocked without OFAC "
      "authorization, and the EAR require a license for items subject to the EAR (15 CFR "
      "744.8)"}},
    {"ISN",
     {kReview, "the State Department nonproliferation sanction named in the entry",
      "listed under a State Department nonproliferation sanction: what it bars depends on the "
      "sanction; review"}},
    {"DTC",
     {kReview, "22 CFR 127.7",
      "debarred under the ITAR: bars defense articles and services; review for items subject to "
      "the EAR"}},
    {"CMIC",
     {kReview, "Executive Order 13959, as amended by Executive Order 14032",
      "on the Non-SDN Chinese Military-Industrial Complex Companies List: restricts securities "
      "purchases, not exports; review"}},
}};

// Every list without a row of its own (SSI, FSE, CAP, PLC, MBS, OpenSanctions datasets other than
// the U.S. SDN and denied persons lists): fail closed, a person reviews the hit.
constexpr ListEffect kOther = {kReview, "the list named in the entry",
                               "on a screening list whose effect chipgate does not encode: review"};

}  // namespace

const ListEffect& EffectOfList(std::string_view code) {
  for (const auto& row : kEffects)
    if (row.code == code) return row.effect;
  return kOther;
}

}  // namespace chipgate
