// The steps `check` and `ship` share before anything is recorded: the rule pack, the manifest,
// the inventory and licenses of --db, the decision of every line and, with --db, the license
// each license_required line may ship under (AuthorizeLines). One path, so `ship` decides exactly
// as `check` does (docs/licenses.md, "Ship").
#pragma once

#include "cli/args.h"
#include "cli/output_format.h"
#include "pipeline/check_pipeline.h"

namespace chipgate::cli {

// CheckRun: pipeline/check_pipeline.h (the service builds the same).

// Loads the pack and the manifest, completes them from --db, decides (every line, or only line
// `only_line` > 0; with traces when `want_trace`) and, with --db, matches license_required lines
// to the licenses read. False after printing why (bad input: exit 2), the diagnostics as JSON
// Lines when `format` is not text (docs/cli.md, "Output formats").
bool DecideManifest(const Args& args, int only_line, bool want_trace, CheckRun& run,
                    OutputFormat format);

}  // namespace chipgate::cli
