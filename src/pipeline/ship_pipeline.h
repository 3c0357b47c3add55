// The library half of `ship` (docs/licenses.md, "Ship"), shared by the command line and the
// service: after the manifest was decided as `check --db` decides it (check_pipeline.h), one
// write transaction of the database (Store::RecordShipment) matches the license_required lines
// again against the balances read there and records the shipment, its license uses and its audit
// records when every line may ship, or only the refused attempt's audit records when any is held.
#pragma once

#include <string>

#include "chipgate/manifest.h"
#include "chipgate/store.h"
#include "pipeline/check_report.h"

namespace chipgate {

// A manifest without `shipment.id` ships as `SHIP-<date>-<12 hex digits of the manifest's
// digest>`: the same file shipped twice on the same date gets the same id, so the second attempt
// is refused as an id already recorded instead of shipping the goods twice.
std::string GeneratedShipmentId(const Manifest& m);

// The transaction's outcome and the decision made inside it (kept for the output).
struct ShipOutcome {
  Store::ShipResult result;
  Store::ShipDecision decided;
};

// Records `report` (decided and authorized against the licenses read before) through `store`, a
// writable connection: gives the manifest its generated id when it has none, matches the lines
// again under the write lock (AuthorizeLines), and on success marks the report recorded in `db`
// (MarkRecorded). An error leaves nothing shipped or recorded.
Result<ShipOutcome> RecordShip(Store& store, CheckReport& report, Manifest& manifest,
                               const std::string& actor, const std::string& db);

// The `chipgate.ship/v1` document: check's body, then the tail (recorded, audit, shipped and
// each license use written).
std::string ShipJson(const CheckReport& report, const ShipOutcome& outcome);

}  // namespace chipgate
