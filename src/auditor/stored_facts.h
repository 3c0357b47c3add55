// The facts of a recorded shipment as chipgate decides them again: the inventory audit and the
// pack replay (`test --against-db`) both build them here, so the two re-decide a shipment alike.
#pragma once

#include "chipgate/facts.h"
#include "chipgate/status.h"
#include "chipgate/store.h"

namespace chipgate {

// The shipment row's facts completed from the customer master, as `check --db` completes a
// manifest (docs/db-schema.md, "Completing a shipment"): a disagreement with the row is kept in
// `conflicts`, which the engine reads. An error names the shipment.
Result<ShipmentFacts> StoredShipmentFacts(const Store& store, const StoredShipment& shipment);

// A recorded line's part from the store with the line's quantity. A part the store does not
// have is not an error: it becomes an item with no data and a note, which the engine decides as
// `review` (fail closed).
Result<ItemFacts> StoredLineItem(const Store& store, const StoredShipmentLine& line);

}  // namespace chipgate
