// ScreenNames (chipgate/name_screening.h): each name is resolved as the end user of a shipment
// with no lines, so the resolver screens it exactly as it screens a shipment's parties (the
// pack's screener, the imported lists' versions in force on the date, each entry's own dates);
// the hits are then read off the resolved shipment and given what they imply on a line, as the
// evaluator gives it (an exact hit the party's or list's effect, any other `review`).
#include "chipgate/name_screening.h"

#include "base/country.h"
#include "engine/engine_internal.h"
#include "eval/list_screen.h"  // with PartyHit, PartyMatchKind and FormatMatchScore (eval/resolved.h)

namespace chipgate {
namespace {

NameMatchKind KindOf(PartyMatchKind kind) {
  switch (kind) {
    case PartyMatchKind::kExact:
      return NameMatchKind::kExact;
    case PartyMatchKind::kSimilar:
      return NameMatchKind::kSimilar;
    case PartyMatchKind::kContains:
      return NameMatchKind::kContains;
  }
  return NameMatchKind::kSimilar;  // unreachable: not exact is never cleared
}

// A pack party's hit, worded as the evaluator words it on a line (ScreenParties).
NameHit PackHit(const Engine& engine, const PartyInfo& pi, const PartyHit& hit) {
  NameHit out;
  out.origin = ListingOrigin::kPack;
  out.entry_id = pi.id;
  out.listed_name = pi.name;
  out.matched_name = hit.matched_name;
  out.list = pi.list;
  out.source = "pack " + engine.pack_name() + " " + engine.pack_version();
  out.kind = KindOf(hit.kind);
  out.score = hit.score;
  out.cite = pi.cite;
  std::string detail = "name `" + hit.name + "`";
  if (hit.kind == PartyMatchKind::kExact) {
    out.decision = pi.effect;
    detail += " matches `" + pi.name + "`";
    if (!pi.list.empty())
      detail += " (" + pi.list + (pi.footnote.empty() ? "" : ", footnote " + pi.footnote) + ")";
  } else {
    out.decision = DecisionKind::kReview;
    bool contains = hit.kind == PartyMatchKind::kContains;
    detail += (contains ? " contains `" : " resembles `") + hit.matched_name + "`";
    if (hit.matched_name != pi.name) detail += ", an alias of `" + pi.name + "`";
    detail += (contains ? ", among other words (coverage " : " (score ") +
              FormatMatchScore(hit.score) + ")";
  }
  out.detail = std::move(detail);
  return out;
}

// An imported entry's hit: the reason a line would get (ListHitReason).
NameHit ImportedHit(const ResolvedShipmentData& s, const PartyHit& hit) {
  const ListEntryInfo& info = s.lists->entries[hit.party];
  Reason r = ListHitReason(*s.lists, s.list_versions, hit, "name `" + hit.name + "`");
  NameHit out;
  out.origin = ListingOrigin::kImported;
  out.entry_id = info.entry.entry_id;
  out.listed_name = info.entry.name;
  out.matched_name = hit.matched_name;
  out.list = info.entry.list;
  int version = s.lists->VersionOf(s.list_versions, hit.party);
  if (version >= 0) out.source = s.lists->versions[version].Label();
  out.kind = KindOf(hit.kind);
  out.score = hit.score;
  out.decision = r.decision;
  out.cite = std::string(r.cite);
  out.detail = std::move(r.detail);
  return out;
}

}  // namespace

std::string_view NameMatchKindName(NameMatchKind kind) {
  switch (kind) {
    case NameMatchKind::kExact:
      return "exact";
    case NameMatchKind::kSimilar:
      return "similar";
    case NameMatchKind::kContains:
      return "contains";
  }
  return "similar";
}

std::string_view ListingOriginName(ListingOrigin origin) {
  return origin == ListingOrigin::kPack ? "pack" : "imported";
}

std::string_view OutcomeName(const NameScreening& screening) {
  return screening.outcome ? DecisionName(*screening.outcome) : std::string_view("clear");
}

NameScreeningResult ScreenNames(const Engine& engine, const ScreeningLists& lists,
                                std::span<const NameQuery> queries, Date date) {
  NameScreeningResult result;
  for (size_t i = 0; i < queries.size(); ++i) {
    const NameQuery& q = queries[i];
    // A name with nothing to screen would come back clear: refused instead (fail closed).
    if (q.name.find_first_not_of(" \t\r\n") == std::string::npos)
      result.errors.push_back({i, "name", "the name is empty"});
    if (!q.country.empty() && !IsIsoCountry(q.country))
      result.errors.push_back(
          {i, "country", "`" + q.country + "` is not an ISO 3166-1 alpha-2 country code"});
  }
  if (!result.errors.empty()) return result;
  const Program& program = EngineInternals::ProgramOf(engine);
  for (const NameQuery& q : queries) {
    ShipmentFacts shipment;
    shipment.date = date;
    shipment.end_user = PartyFacts::Of(q.name, q.country);
    std::vector<Diagnostic> diags;  // none: the country was checked above
    ResolvedShipment resolved = engine.ResolveShipment(shipment, diags, &lists);
    const ResolvedShipmentData& s = EngineInternals::DataOf(resolved);
    NameScreening out;
    out.query = q;
    const Epoch& epoch = program.epochs[s.epoch];
    for (const PartyHit& hit : s.hits) {
      if (!epoch.party_active[hit.party]) continue;  // not in force on the date
      out.hits.push_back(PackHit(engine, program.parties[hit.party], hit));
    }
    for (const PartyHit& hit : s.list_hits) out.hits.push_back(ImportedHit(s, hit));
    for (const NameHit& hit : out.hits)
      out.outcome = out.outcome ? MostRestrictive(*out.outcome, hit.decision) : hit.decision;
    result.screenings.push_back(std::move(out));
  }
  return result;
}

}  // namespace chipgate
