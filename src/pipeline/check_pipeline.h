// The steps `check` and `ship` share, as a library: the command line (src/cli) and the service
// (src/serve) both call these, so a manifest gets the same decision, the same audit records and
// the same JSON document whichever way it comes in. Nothing here prints or logs; the callers
// print, log and choose how a failure is reported (exit code, HTTP status).
//   manifest text -> ApplyShipmentDate -> ReadStoreFacts (with a database) -> DecideManifestLines
//   -> AuthorizeLines (with a database) -> CheckAuditEntries -> append -> MarkRecorded -> CheckJson
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chipgate/audit_entry.h"
#include "chipgate/engine.h"
#include "chipgate/license.h"
#include "chipgate/manifest.h"
#include "chipgate/screening_list.h"
#include "chipgate/store.h"
#include "pipeline/check_report.h"

namespace chipgate {

// Everything a decided manifest's report points into, and the report. Stays where it was built:
// the report holds pointers to the engine and the manifest. The engine is shared: the service's
// requests keep the program they started with alive while a reload swaps in another.
struct CheckRun {
  std::shared_ptr<const Engine> engine;
  std::optional<Manifest> manifest;
  ScreeningLists lists;               // from the database; the decisions point into it
  std::optional<CheckReport> report;  // set when the manifest was decided
  std::vector<Trace> traces;          // one per report line when traces were asked for
  CheckRun() = default;
  CheckRun(const CheckRun&) = delete;
  CheckRun& operator=(const CheckRun&) = delete;
};

// The manifest limits with a latest shipment date a year after `today` (docs/security.md): the
// rules in force later are not known.
Date LatestCheckedDate(Date today);

// A date given beside the manifest (`--date`, `?date=`) replaces its shipment.date; without one,
// a manifest that had no date keeps the default it was loaded with. Either way the date's source
// is set for explanations (the command line / the default).
void ApplyShipmentDate(Manifest& manifest, std::optional<Date> given);

// What the database adds to a manifest, read in one snapshot (an import committing meanwhile
// cannot give half the old facts and half the new): each line completed from the parts
// (Store::CompleteAll), the shipment's parties from the customer master (CompleteShipment, whose
// disagreements land in manifest.shipment.conflicts), the screening lists imported, and the
// licenses the lines can be matched to with their use as of the shipment date.
struct StoreFacts {
  ScreeningLists lists;
  size_t list_versions = 0;
  std::vector<HeldLicense> licenses;
};

// The screening lists built once for a long-running caller (the service): rebuilt only when the
// set of stored versions changed. A version is named by the digest of its file's bytes, so the
// same set of digests is the same lists. Thread-safe; the lists handed out are immutable and
// shared.
class ScreeningListsCache {
 public:
  // The lists of `store` as of the caller's read snapshot.
  Result<std::pair<ScreeningLists, size_t>> Get(const Store& store);

 private:
  std::mutex mutex_;
  std::optional<std::vector<std::string>> digests_;  // of the versions `lists_` was built from
  ScreeningLists lists_;
};

// `cache`, when given, supplies the lists (ScreeningListsCache); without it they are read and
// built for this call (the command line's one-shot run).
Result<StoreFacts> ReadStoreFacts(Store& store, Manifest& manifest,
                                  ScreeningListsCache* cache = nullptr);

// How DecideManifestLines decides: every line (check), or only the line whose manifest index is
// `only_line` > 0 and/or with a trace per line (explain). `progress`, when set, is called after
// each block of a manifest of more lines than one block (done, total).
struct DecideOptions {
  bool want_trace = false;
  int only_line = 0;
  std::function<void(int64_t done, int64_t total)> progress;
};

// Resolves every line before answering: one bad value anywhere (E5xx) refuses the whole
// manifest (`diagnostics` sorted, no report), so a partial answer is never given. Otherwise the
// report (pointing into `manifest`, `engine` and `lists`, which must outlive it) with its
// verdict, and one trace per report line when wanted. A manifest with no lines is `review`.
struct Decided {
  std::vector<Diagnostic> diagnostics;
  std::optional<CheckReport> report;
  std::vector<Trace> traces;
};
Decided DecideManifestLines(const Engine& engine, Manifest& manifest, const ScreeningLists& lists,
                            const DecideOptions& options);

// One audit record per decided line, attributed to `actor` (an attribution, not an
// authentication), built by the library as any embedding program builds it.
std::vector<AuditEntry> CheckAuditEntries(std::string_view actor, const CheckReport& report);
// The records of report lines [begin, end) only, the same as those of CheckAuditEntries: the
// service builds a large request's records in two parts on two threads.
std::vector<AuditEntry> CheckAuditEntries(std::string_view actor, const CheckReport& report,
                                          size_t begin, size_t end);
// The same records chunk by chunk (`chunk` lines at a time), for Store::AppendAuditChunks: a
// large check holds one chunk of entries instead of all of them. `report` must outlive the source.
AuditChunkSource CheckAuditChunks(std::string_view actor, const CheckReport& report,
                                  size_t chunk = 1000);

// After the records were appended: the report says where (`db`, as the caller names it) and
// which sequence numbers, so its tail shows them.
void MarkRecorded(CheckReport& report, const std::string& db, const Store::AppendResult& written);

}  // namespace chipgate
