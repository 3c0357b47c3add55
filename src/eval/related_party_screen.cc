// Who the parties are (related_party_screen.h): owners and ultimate parents screened against the
// pack's parties and the imported lists, the affiliates rule over the ownership graph, and a
// listed parent whose share nobody gave held for review.
#include "eval/related_party_screen.h"

#include <array>
#include <cstdio>
#include <utility>
#include <vector>

#include "base/string_key.h"
#include "eval/affiliates.h"
#include "eval/list_screen.h"
#include "screen/party_screen.h"

namespace chipgate {

std::string_view PackListOfCode(std::string_view code) {
  // Imported codes (chipgate/screening_list.h, ScreeningListEntry::list) and the pack's words for
  // the lists the affiliates rule of 15 CFR 744.11(a) names: the Entity List, the Military
  // End-User List (744.21) and the SDN List (744.8).
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kCodes = {{
      {"EL", "entity_list"},
      {"MEU", "meu"},
      {"SDN", "sdn"},
  }};
  for (const auto& [c, list] : kCodes)
    if (c == code) return list;
  return {};
}

namespace {

// A listing a name hit: an entry of the imported lists, or a party of the pack.
struct Listing {
  bool on_list = false;
  int index = -1;
  bool operator==(const Listing&) const = default;
};

// What screening one name found among the listings the affiliates rule counts.
struct NameMarks {
  bool listed = false;    // an exact hit on a counted listing
  bool possible = false;  // only possible (not exact) hits on counted listings
  Listing listing;        // listed: the first counted listing it hit exactly
  PartyHit hit;           // listed: that hit (the matched name, for messages)
  DecisionKind effect = DecisionKind::kNoLicenseRequired;  // listed: the counted hits' strictest

  void Count(const Listing& l, const PartyHit& h, DecisionKind e) {
    if (h.kind != PartyMatchKind::kExact) {
      possible = true;
      return;
    }
    if (!listed) listing = l, hit = h;
    listed = true;
    effect = MostRestrictive(effect, e);
  }
};

// Whether an imported entry's list is one of the affiliates rule's `lists:`.
bool ListCounts(const AffiliatesInfo& a, const ListEntryInfo& info) {
  std::string_view name = PackListOfCode(info.entry.list);
  if (name.empty()) return false;
  for (const std::string& l : a.lists)
    if (l == name) return true;
  return false;
}

// Everything one screening of related names needs: the program, the lists (may be null), the
// shipment being resolved.
struct RelatedScreener {
  const Program& p;
  const std::shared_ptr<const ScreeningListsData>& lists;
  ResolvedShipmentData& s;

  // Screens `name` against the pack's parties in force in the shipment's epoch and the list
  // entries in force on its date. With `of` (whose owner or parent it is), every hit is recorded
  // in `s.related_hits` as `relation` ("owner", "parent"); without, nothing is recorded (node 0 of
  // an ownership graph, the party itself, screened already under its own role).
  NameMarks Screen(const std::string& name, const char* relation, const std::string* of) {
    NameMarks m;
    if (name.empty()) return m;
    const Epoch& ep = p.epochs[s.epoch];
    const auto& counts = p.affiliates.party_counts;
    for (PartyMatch& hit : p.party_screener.Screen(name)) {
      if (!ep.party_active[hit.party]) continue;
      PartyHit h{hit.party, relation, name, hit.kind, hit.score, std::move(hit.matched_name)};
      if (hit.party < static_cast<int>(counts.size()) && counts[hit.party])
        m.Count({false, hit.party}, h, p.parties[hit.party].effect);
      if (of) s.related_hits.push_back({std::move(h), *of, false});
    }
    if (!lists) return m;
    // The versions in force on the shipment's date; ScreenListEntries sets the same ones later.
    if (s.list_versions.empty()) s.list_versions = VersionsInForce(lists->versions, s.date);
    for (PartyMatch& hit : lists->screener.Screen(name)) {
      if (!EntryInForce(*lists, s.list_versions, hit.party, s.date)) continue;
      const ListEntryInfo& info = lists->entries[hit.party];
      PartyHit h{hit.party, relation, name, hit.kind, hit.score, std::move(hit.matched_name)};
      if (ListCounts(p.affiliates, info)) m.Count({true, hit.party}, h, info.decision);
      if (of) {
        s.related_hits.push_back({std::move(h), *of, true});
        s.lists = lists;  // the hit's reasons point into the lists
      }
    }
    return m;
  }

  // "`Alpha` (party `el-a`, entity_list)", "`Alfa` matches `Alpha` (party `el-a`, entity_list)",
  // or for an imported entry "`Huawei` matches `Huawei`, a name of `Huawei Technologies Co.,
  // Ltd.` (EL entry `4a1c…`, 84 FR 22961, listed 2019-05-16; list csl-csv csl.csv sha256:…)":
  // which listing a name matched, naming the list version for imported entries.
  std::string ListingText(const NameMarks& m) const {
    const PartyHit& h = m.hit;
    if (m.listing.on_list)
      return ListHitReason(*lists, s.list_versions, h, "`" + h.name + "`").detail;
    const PartyInfo& pi = p.parties[m.listing.index];
    std::string out = "`" + h.name + "`";
    if (NameKey(h.name) != NameKey(pi.name)) out += " matches `" + pi.name + "`";
    return out + " (party `" + pi.id + "`, " + pi.list + ")";
  }
};

// How a party is named in messages: "end user `Foo Ltd`", or "end user (no name given)".
std::string PartyLabel(const char* role, const PartyFacts& p) {
  return std::string(role) + (p.name.empty() ? " (no name given)" : " `" + p.name + "`");
}

// Per node of one party's ownership graph: what screening its name found, and the flags
// ComputeListedShare takes.
struct OwnerMarks {
  std::vector<NameMarks> nodes;
  std::vector<uint8_t> listed, possible;
};

// Screens every node's name (node 0 too: a listed party in a cycle of cross-holdings counts for
// what it holds). Owners' hits (nodes 1 and up) are recorded; node 0's own name was screened as
// the consignee or end user already.
OwnerMarks ScreenOwners(RelatedScreener& screener, const PartyFacts& party,
                        const std::string& label) {
  const auto& nodes = party.owners.nodes;
  OwnerMarks m{std::vector<NameMarks>(nodes.size()), std::vector<uint8_t>(nodes.size(), 0),
               std::vector<uint8_t>(nodes.size(), 0)};
  for (size_t v = 0; v < nodes.size(); ++v) {
    m.nodes[v] = screener.Screen(nodes[v].name, "owner", v > 0 ? &label : nullptr);
    m.listed[v] = m.nodes[v].listed;
    m.possible[v] = m.nodes[v].possible && !m.nodes[v].listed;
  }
  return m;
}

// "`A` (party `el-a`, entity_list), `B` (...)": the listed owners a share flows from.
std::string ListedOwners(const RelatedScreener& screener, const OwnerMarks& m,
                         const std::vector<int>& owners) {
  std::string out;
  for (int v : owners) out += (out.empty() ? "" : ", ") + screener.ListingText(m.nodes[v]);
  return out;
}

// A share as people write it: "55 %", "36 %", "33.33 %".
std::string Percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g %%", fraction * 100);
  return buf;
}

// The affiliates rule for one party whose ownership was given (owners screened into `m`): an
// affiliate when exact hits alone reach the threshold (the listed owners' most restrictive effect
// applies); undetermined when the shares did not settle; possible when owners that only possibly
// match a listed party would reach it. Below the threshold, nothing.
void CheckShares(const RelatedScreener& screener, const PartyFacts& party, const std::string& label,
                 const OwnerMarks& m) {
  using Kind = AffiliateFinding::Kind;
  ResolvedShipmentData& s = screener.s;
  const double t = screener.p.affiliates.threshold;
  ListedShare exact = ComputeListedShare(party.owners, m.listed, t);
  if (exact.share >= t - kShareEpsilon) {
    DecisionKind d = DecisionKind::kReview;
    for (int v : exact.listed_owners) d = MostRestrictive(d, m.nodes[v].effect);
    s.affiliates.push_back(
        {Kind::kAffiliate, label, d,
         label + " is owned " + Percent(exact.share) +
             ", directly or indirectly, by listed parties and their affiliates: " +
             ListedOwners(screener, m, exact.listed_owners)});
    return;
  }
  if (!exact.settled) {
    s.affiliates.push_back({Kind::kUndetermined, label, DecisionKind::kReview,
                            "the cross-holdings among the owners of " + label +
                                " are too deep to compute the listed share (at least " +
                                Percent(exact.share) + ")"});
    return;
  }
  std::vector<uint8_t> either(m.listed);
  for (size_t v = 0; v < either.size(); ++v) either[v] |= m.possible[v];
  ListedShare upper = ComputeListedShare(party.owners, either, t);
  if (upper.share >= t - kShareEpsilon) {
    // Listed owners named with what they matched, possible ones as such (their own reasons say
    // what they resemble).
    std::string names;
    for (int v : upper.listed_owners) {
      names += (names.empty() ? "" : ", ") +
               (m.listed[v] ? screener.ListingText(m.nodes[v])
                            : "`" + party.owners.nodes[v].name + "` (possible match)");
    }
    s.affiliates.push_back({Kind::kPossible, label, DecisionKind::kReview,
                            label + " would be owned " + Percent(upper.share) +
                                " by listed parties if its possible matches are listed: " + names});
  }
}

// Whether the listed parent is one of the owners given: a node (other than the party) hitting
// the same listing, or written with the same name key. Then the shares decide.
bool ParentIsAnOwner(const PartyFacts& party, const OwnerMarks& m, const NameMarks& parent) {
  std::string key = NameKey(party.parent_name);
  for (size_t v = 1; v < m.nodes.size(); ++v) {
    if (m.nodes[v].listed && m.nodes[v].listing == parent.listing) return true;
    if (!key.empty() && NameKey(party.owners.nodes[v].name) == key) return true;
  }
  return false;
}

// The affiliates rule for one party on a date when it is in force: unchecked without ownership,
// the shares when given (CheckShares), and a listed ultimate parent held for review when the
// shares do not include it. A parent's possible hits are `review` through their own reasons.
void CheckAffiliates(RelatedScreener& screener, const PartyFacts& party, const char* role) {
  using Kind = AffiliateFinding::Kind;
  ResolvedShipmentData& s = screener.s;
  std::string label = PartyLabel(role, party);
  NameMarks parent = screener.Screen(party.parent_name, "parent", &label);
  bool given = party.ownership == OwnershipState::kGiven;
  if (!given) s.affiliates.push_back({Kind::kUnchecked, label, DecisionKind::kReview, label});
  OwnerMarks m;
  if (given && !party.owners.nodes.empty()) {
    m = ScreenOwners(screener, party, label);
    CheckShares(screener, party, label, m);
  }
  if (!parent.listed || (given && ParentIsAnOwner(party, m, parent))) return;
  s.affiliates.push_back({Kind::kParentListed, label, DecisionKind::kReview,
                          "the parent of " + label + " is listed: " + screener.ListingText(parent) +
                              "; " +
                              (given ? "the owners given do not include it, so its share of the "
                                       "party is not known"
                                     : "who owns the party is not given, so the parent's share "
                                       "is not known")});
}

}  // namespace

// Owners and parents are screened whenever they are given; the affiliates rule is checked only on
// a date inside one of its periods in force.
void ResolveRelatedParties(const Program& p, const ShipmentFacts& in, ResolvedShipmentData& s,
                           bool same_party,
                           const std::shared_ptr<const ScreeningListsData>& lists) {
  s.conflicts = in.conflicts;
  const AffiliatesInfo::Period* period =
      p.affiliates.present ? p.affiliates.PeriodOn(in.date) : nullptr;
  bool in_force = period && period->in_force;
  if (in_force) s.affiliates_period = period;
  struct Role {
    const PartyFacts& party;
    const char* role;
  };
  std::vector<Role> roles = {{in.consignee, same_party ? "consignee and end user" : "consignee"}};
  if (!same_party) roles.push_back({in.end_user, "end user"});
  RelatedScreener screener{p, lists, s};
  for (const Role& r : roles) {
    if (in_force) {
      CheckAffiliates(screener, r.party, r.role);
      continue;
    }
    std::string label = PartyLabel(r.role, r.party);
    screener.Screen(r.party.parent_name, "parent", &label);
    if (r.party.ownership == OwnershipState::kGiven) ScreenOwners(screener, r.party, label);
  }
}

}  // namespace chipgate
