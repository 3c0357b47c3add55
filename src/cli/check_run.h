// The steps `check` and `ship` share before anything is recorded: the rule pack, the manifest,
// the inventory and licenses of --db, the decision of every line and, with --db, the license
// each license_required line may ship under (AuthorizeLines). One path, so `ship` decides exactly
// as `check` does (docs/licenses.md, "Ship").
#pragma once

#include <optional>
#include <vector>

#include "chipgate/engine.h"
#include "chipgate/license.h"
#include "chipgate/manifest.h"
#include "chipgate/screening_list.h"
#include "cli/args.h"
#include "cli/check_report.h"
#include "cli/output_format.h"

namespace chipgate::cli {

// Everything a decided manifest's report points into, and the report. Stays where it was built:
// the report holds pointers to the engine and the manifest.
struct CheckRun {
  std::optional<Engine> engine;
  std::optional<Manifest> manifest;
  ScreeningLists lists;               // from --db; the decisions point into it
  std::optional<CheckReport> report;  // set when DecideManifest succeeded
  std::vector<Trace> traces;          // one per report line when traces were asked for
  CheckRun() = default;
  CheckRun(const CheckRun&) = delete;
  CheckRun& operator=(const CheckRun&) = delete;
};

// Loads the pack and the manifest, completes them from --db, decides (every line, or only line
// `only_line` > 0; with traces when `want_trace`) and, with --db, matches license_required lines
// to the licenses read. False after printing why (bad input: exit 2), the diagnostics as JSON
// Lines when `format` is not text (docs/cli.md, "Output formats").
bool DecideManifest(const Args& args, int only_line, bool want_trace, CheckRun& run,
                    OutputFormat format);

}  // namespace chipgate::cli
