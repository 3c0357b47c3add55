// chipgate command line: one table of {name, usage, options, handler}; everything else is the
// library. Usage errors exit 2.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/commands.h"

namespace chipgate::cli {
namespace {

struct Command {
  const char* name;
  const char* usage;
  ArgSpec spec;
  int (*handler)(const Args&);
};

const Command kCommands[] = {
    {"check", "check MANIFEST [--rules DIR] [--date YYYY-MM-DD] [--format text|json] [--explain]",
     {{"rules", "date", "format", "line"}, {"explain"}}, RunCheck},
    {"explain", "explain MANIFEST --line N [--rules DIR] [--date YYYY-MM-DD]",
     {{"rules", "date", "line"}, {}}, RunExplain},
    {"lint", "lint DIR", {{}, {}}, RunLint},
    {"test", "test DIR [--format text|json] [--coverage] [--fail-under PCT]",
     {{"format", "fail-under"}, {"coverage"}}, RunTest},
};

void PrintUsage(FILE* out) {
  std::fprintf(out, "usage: chipgate COMMAND [ARGS]\n\ncommands:\n");
  for (const auto& c : kCommands) std::fprintf(out, "  chipgate %s\n", c.usage);
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
    auto args = ParseArgs(argc, argv, 2, c.spec, error);
    if (!args) {
      std::fprintf(stderr, "chipgate %s: %s\nusage: chipgate %s\n", c.name, error.c_str(), c.usage);
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
