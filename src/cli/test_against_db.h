// `chipgate test PACK --against-db DB [--baseline DIR]`: the decisions an edit of the pack changes
// on the database's parts and past shipments (chipgate/pack_replay.h), as text grouped by rule or
// as JSON (schema `chipgate.test-against-db/v1`, docs/rule-tests.md, "Against a database").
#pragma once

#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/output_format.h"

namespace chipgate::cli {

// The run with PACK (`pack_dir`) stacked on `below` (the --rules packs): 0 nothing changes, 1 a
// decision changes, 2 bad input (a pack with errors, no baseline, the database unreadable).
int RunTestAgainstDb(const Args& args, const std::string& pack_dir,
                     const std::vector<std::string>& below, OutputFormat format);

}  // namespace chipgate::cli
