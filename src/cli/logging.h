// Operational logging (spdlog): what the program did, for operators. Separate from the audit
// trail, which records decisions and is never replaced by these logs.
#pragma once

#include <string>

#include "chipgate/status.h"

namespace chipgate::cli {

// level: trace, debug, info, warn, error, off (default warn). With a file, lines are JSON.
Status SetUpLogging(const std::string& level, const std::string& file);

}  // namespace chipgate::cli
