// Screening names one at a time (`chipgate screen`, `POST /v1/screen`): each name is screened as
// a shipment's end user is, by the same screener, thresholds and dates, against the pack's
// parties and the imported screening lists, and its hits say what they imply as the engine
// decides them on a shipment line (docs/screening.md). A screening decides no shipment: its
// outcome is what the name alone would add to every line shipped to it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/date.h"
#include "chipgate/decision.h"
#include "chipgate/diagnostic.h"
#include "chipgate/engine.h"
#include "chipgate/screening_list.h"

namespace chipgate {

// One name to screen. `country`, when given, must be an ISO 3166-1 alpha-2 code; it is checked
// and reported, not matched (listed parties are matched by name only, as on a shipment).
struct NameQuery {
  std::string name;
  std::string country;  // empty = not given
};

// How a name matched a listed one, strongest first (docs/screening.md).
enum class NameMatchKind : uint8_t {
  kExact,     // equal after normalisation: the listing's effect applies
  kSimilar,   // resembles it (score >= the threshold): review
  kContains,  // holds every word of it among other words (coverage): review
};
std::string_view NameMatchKindName(NameMatchKind kind);  // "exact", "similar", "contains"

// Where a hit's listing comes from.
enum class ListingOrigin : uint8_t {
  kPack,      // a party of the rule pack (`parties:`)
  kImported,  // an entry of an imported screening list (`chipgate lists import`)
};
std::string_view ListingOriginName(ListingOrigin origin);  // "pack", "imported"

struct NameHit {
  ListingOrigin origin = ListingOrigin::kPack;
  std::string entry_id;      // the pack party's id, or the imported entry's id
  std::string listed_name;   // the listing's primary name
  std::string matched_name;  // its name or alias that matched, as written
  // The list: for a pack party its `list` (may be empty); for an imported entry its code (EL,
  // SDN, ...).
  std::string list;
  // For a pack party the pack (name and version); for an imported entry the list version that
  // has it (ScreeningListVersion::Label).
  std::string source;
  NameMatchKind kind = NameMatchKind::kExact;
  double score = 1;  // 1 for exact; else the similarity or the coverage
  // What the hit adds to a line: an exact hit the listing's effect, any other `review`.
  DecisionKind decision = DecisionKind::kReview;
  std::string cite;
  std::string detail;  // the reason's detail as a shipment line would show it
};

struct NameScreening {
  NameQuery query;
  std::vector<NameHit> hits;  // pack hits first, then imported; each in the screener's order
  // The most restrictive decision of the hits; none when there is no hit (the name is clear).
  std::optional<DecisionKind> outcome;
};
// "clear" without hits, else DecisionName(outcome): "review", "license_required", "prohibited".
std::string_view OutcomeName(const NameScreening& screening);

// A query that cannot be screened: an empty name, or a country that is not an ISO code.
struct NameQueryError {
  size_t index;         // into the queries
  std::string field;    // "name" or "country"
  std::string message;  // lowercase, user values in backticks
};
struct NameScreeningResult {
  std::vector<NameQueryError> errors;  // when not empty, nothing was screened
  std::vector<NameScreening> screenings;
};

// Screens each query on `date` against `engine`'s parties in force on the date and against
// `lists` (the versions in force on the date, each entry within its own dates). Safe to call from
// many threads with the same engine and lists.
NameScreeningResult ScreenNames(const Engine& engine, const ScreeningLists& lists,
                                std::span<const NameQuery> queries, Date date);

// A screening request as JSON (or YAML): `{"names": [{"name": "...", "country": "CN"}, ...],
// "date": "YYYY-MM-DD"}`; a name may also be given as a bare string, `country` and `date` may be
// left out (the caller's default date applies). docs/serve.md, `POST /v1/screen`.
struct NameRequest {
  std::vector<NameQuery> names;
  std::optional<Date> date;
};
struct NameRequestLimits {
  size_t max_bytes = 1 << 20;
  size_t max_names = 1000;
};
// On any problem `request` is empty and `diagnostics` locate each in `path` (E101 syntax, E103
// wrong shape, E104 unknown field, E105 missing field or no names, E106 a bad date, an empty name
// or a country that is not an ISO code, E107 over a limit: bytes or names).
struct NameRequestLoad {
  std::optional<NameRequest> request;
  std::vector<Diagnostic> diagnostics;
};
NameRequestLoad LoadNameRequestFromString(const std::string& path, const std::string& text,
                                          const NameRequestLimits& limits = {});

}  // namespace chipgate
