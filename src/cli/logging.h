// Operational logging (spdlog): what the program did, for operators. Separate from the audit
// trail, which records decisions and is never replaced by these logs.
#pragma once

#include <string>

#include "chipgate/status.h"

namespace chipgate::cli {

// level: trace, debug, info, warn, error, off (default warn). With a file, lines are JSON.
Status SetUpLogging(const std::string& level, const std::string& file);

// The one form of a message passed to spdlog (its patterns print it as %v): a JSON string, so a
// log-file line stays one JSON object whatever the message holds, made terminal-safe, so user
// values (paths, part numbers) cannot act on the terminal showing the stderr log.
std::string LogMessage(const std::string& text);

}  // namespace chipgate::cli
