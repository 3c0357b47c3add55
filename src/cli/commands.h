// The chipgate commands. Each handler takes the already-parsed arguments and returns the exit
// code (docs/cli.md, "Exit codes"): 0 success, 1 findings / held lines / failures, 2 bad input or
// usage.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/args.h"

namespace chipgate::cli {

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitBadInput = 2;

int RunLint(const Args& args);
int RunCheck(const Args& args);
int RunExplain(const Args& args);
int RunTest(const Args& args);
int RunDb(const Args& args);
int RunLists(const Args& args);
int RunLog(const Args& args);
int RunAudit(const Args& args);
int RunLicense(const Args& args);
int RunParts(const Args& args);
int RunRules(const Args& args);
int RunShip(const Args& args);
int RunScreen(const Args& args);
int RunServe(const Args& args);
int RunVersion(const Args& args);
int RunFmt(const Args& args);

// `usage: chipgate ...` for a command of the table in main.cc (one line per form): the text a
// handler prints with its own usage errors, the same as --help shows. Empty for an unknown name.
std::string UsageOf(std::string_view command);

// Who runs the command: --actor, else $CHIPGATE_ACTOR, $USER, $LOGNAME, else uid:N.
std::string Actor(const Args& args);

// Resolves --rules, repeatable (a stack, base first; default: the bundled us-ear pack); prints an
// error and returns an empty list on failure.
std::vector<std::string> RulesDirs(const Args& args);

// The stack's name for messages: its directories joined by ` + `.
std::string StackName(const std::vector<std::string>& dirs);

}  // namespace chipgate::cli
