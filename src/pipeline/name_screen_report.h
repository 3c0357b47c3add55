// Screening names (chipgate/name_screening.h) from a database, shared by `chipgate screen` and
// `POST /v1/screen` so both read the same lists and write the same `chipgate.screen/v1`
// document. A screening is not recorded in the audit log: no record kind holds a name screened
// outside a shipment (docs/serve.md, "Audit", says why).
#pragma once

#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "chipgate/name_screening.h"
#include "chipgate/store.h"
#include "pipeline/check_pipeline.h"

namespace chipgate {

// The imported lists of `store`, read in one snapshot: from `cache` when given (the service),
// else read and built for this call (the command line).
Result<ScreeningLists> ReadListsForScreening(Store& store, ScreeningListsCache* cache = nullptr);

// The `chipgate.screen/v1` document: the date, the rules, and per name its outcome and hits.
std::string ScreenJson(const Engine& engine, const std::vector<NameScreening>& screenings,
                       Date date);

}  // namespace chipgate
