// Loads a rule pack (a directory of YAML files, `tests/` excluded) into the AST, reporting every
// structural problem as a located diagnostic. Semantic checks are the validator's job.
#pragma once

#include <string>
#include <vector>

#include "ast/pack.h"
#include "base/source_file.h"
#include "chipgate/status.h"

namespace chipgate {

// The YAML files of a pack directory, sorted by path; `tests/` and hidden entries excluded.
Result<std::vector<SourceFile>> ReadPackDir(const std::string& dir);

// Parses `files` into one Pack; appends diagnostics. The digest covers every file's relative
// name and bytes, so any edit of the pack changes it.
Pack LoadPack(const std::vector<SourceFile>& files, const std::string& root,
              std::vector<Diagnostic>& diags);

}  // namespace chipgate
