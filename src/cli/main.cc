// chipgate command line: one table of {name, usage, options, handler}; everything else is the
// library. Usage errors exit 2.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/commands.h"
#include "cli/logging.h"

namespace chipgate::cli {
namespace {

struct Command {
  const char* name;
  const char* usage;
  ArgSpec spec;
  int (*handler)(const Args&);
};

const Command kCommands[] = {
    {"check",
     "check MANIFEST [--rules DIR] [--db DB] [--audit DB | --no-audit] [--actor NAME] [--date YYYY-MM-DD] "
     "[--format text|json] [--explain [--line N]] [--max-manifest-bytes N] [--max-lines N] [--max-depth N]",
     {{"rules", "date", "format", "line", "db", "audit", "actor", "max-manifest-bytes", "max-lines", "max-depth"},
      {"explain", "no-audit"}},
     RunCheck},
    {"explain", "explain MANIFEST --line N [--rules DIR] [--db DB] [--date YYYY-MM-DD] [--max-manifest-bytes N] [--max-lines N] [--max-depth N]",
     {{"rules", "date", "line", "db", "max-manifest-bytes", "max-lines", "max-depth"}, {}}, RunExplain},
    {"audit",
     "audit --db DB [--rules DIR] [--date YYYY-MM-DD] [--compare-date YYYY-MM-DD] [--format text|json|html] "
     "[--output FILE] [--actor NAME] [--no-record]",
     {{"db", "rules", "date", "compare-date", "format", "output", "actor"}, {"no-record"}}, RunAudit},
    {"lint", "lint DIR", {{}, {}}, RunLint},
    {"test", "test DIR [--format text|json] [--coverage] [--fail-under PCT]",
     {{"format", "fail-under"}, {"coverage"}}, RunTest},
    {"db", "db init DB | db import DB [--parts F] [--components F] [--parties F] [--shipments F]",
     {{"parts", "components", "parties", "shipments"}, {}}, RunDb},
    {"log",
     "log verify --db DB [--expect-head SEQ:HASH] [--checkpoints FILE [--public-key PUB.pem]] | "
     "log checkpoint --db DB --checkpoints FILE [--key KEY.pem] | log export --db DB",
     {{"db", "expect-head", "checkpoints", "public-key", "key"}, {}}, RunLog},
};

void PrintUsage(FILE* out) {
  std::fprintf(out, "usage: chipgate COMMAND [ARGS]\n\ncommands:\n");
  for (const auto& c : kCommands) std::fprintf(out, "  chipgate %s\n", c.usage);
  std::fprintf(out, "\ncommon options: --log-level trace|debug|info|warn|error|off, --log-file FILE\n");
  std::fprintf(out, "\nsee docs/cli.md for details\n");
}

}  // namespace
}  // namespace chipgate::cli

int main(int argc, char** argv) {
  using namespace chipgate::cli;
  if (argc < 2) {
    PrintUsage(stderr);
    return kExitBadInput;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintUsage(stdout);
    return kExitOk;
  }
  if (name == "--version" || name == "version") {
    std::printf("chipgate %s\n", CHIPGATE_VERSION);
    return kExitOk;
  }
  for (const auto& c : kCommands) {
    if (name != c.name) continue;
    std::string error;
    ArgSpec spec = c.spec;
    spec.values.insert({"log-level", "log-file"});  // accepted by every command
    auto args = ParseArgs(argc, argv, 2, spec, error);
    if (!args) {
      std::fprintf(stderr, "chipgate %s: %s\nusage: chipgate %s\n", c.name, error.c_str(), c.usage);
      return kExitBadInput;
    }
    if (chipgate::Status s = SetUpLogging(args->Get("log-level").value_or("warn"), args->Get("log-file").value_or("")); !s.ok()) {
      std::fprintf(stderr, "chipgate %s: %s\n", c.name, s.message().c_str());
      return kExitBadInput;
    }
    try {
      return c.handler(*args);
    } catch (const std::exception& e) {
      // Fail closed: an internal error never produces a "may ship" answer.
      std::fprintf(stderr, "chipgate %s: internal error: %s\n", c.name, e.what());
      return kExitBadInput;
    }
  }
  std::fprintf(stderr, "chipgate: unknown command `%s`\n", name.c_str());
  PrintUsage(stderr);
  return kExitBadInput;
}
