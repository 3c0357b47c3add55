// chipgate command line: one table of {name, usage, options, handler}; everything else is the
// library. Usage errors exit 2.
#include <cstdio>
#include <cstring>
#include <string>

#include "chipgate/engine.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/logging.h"
#include "cli/output_file.h"

namespace chipgate::cli {
namespace {

// Which positional argument is a file, and what kind (for the output clash check).
// kSecondIsDatabase is `db init DB` / `db import DB`: the first positional is the subcommand;
// kSecondIsInput is `lists import FILE`.
enum class PositionalFile { kNone, kFirstIsInput, kSecondIsDatabase, kSecondIsInput };

// One subcommand: `usage` is printed on a usage error and in --help; `spec` is what ParseArgs
// accepts (main() adds the common logging options); `positional_file` says which positional
// OutputClash must protect.
struct Command {
  const char* name;
  const char* usage;
  ArgSpec spec;
  int (*handler)(const Args&);
  PositionalFile positional_file = PositionalFile::kNone;
};

// The order here is the order of the usage text. Each spec must list every option its handler
// reads: an undeclared one is refused by ParseArgs before the handler runs. `check` accepts
// --line only to refuse it with a pointer to `explain` (RunCheck).
const Command kCommands[] = {
    {"check",
     "check MANIFEST [--rules DIR]... [--db DB] [--audit DB | --no-audit] [--actor NAME] [--date "
     "YYYY-MM-DD] "
     "[--format text|json|junit] [--explain] [--max-manifest-bytes N] [--max-lines N] [--max-depth "
     "N]",
     {{"rules", "date", "format", "line", "db", "audit", "actor", "max-manifest-bytes", "max-lines",
       "max-depth"},
      {"explain", "no-audit"}},
     RunCheck,
     PositionalFile::kFirstIsInput},
    {"explain",
     "explain MANIFEST --line N [--rules DIR]... [--db DB] [--date YYYY-MM-DD] [--format "
     "text|json] "
     "[--max-manifest-bytes N] [--max-lines N] [--max-depth N]",
     {{"rules", "date", "line", "db", "format", "max-manifest-bytes", "max-lines", "max-depth"},
      {}},
     RunExplain,
     PositionalFile::kFirstIsInput},
    {"audit",
     "audit --db DB [--rules DIR]... [--date YYYY-MM-DD] [--compare-date YYYY-MM-DD] [--format "
     "text|json|html] "
     "[--output FILE] [--actor NAME] [--no-record]",
     {{"db", "rules", "date", "compare-date", "format", "output", "actor"}, {"no-record"}},
     RunAudit},
    {"lint",
     "lint [--rules BASE]... DIR [--format text|json|junit|sarif|tap]",
     {{"rules", "format"}, {}},
     RunLint,
     PositionalFile::kFirstIsInput},
    {"test",
     "test [--rules BASE]... DIR [--format text|json|junit|sarif|tap] [--coverage] [--fail-under "
     "PCT]",
     {{"rules", "format", "fail-under"}, {"coverage"}},
     RunTest,
     PositionalFile::kFirstIsInput},
    {"db",
     "db init DB | db import DB [--parts F] [--components F] [--parties F] [--ownership F] "
     "[--shipments F] [--licenses F]",
     {{"parts", "components", "parties", "ownership", "shipments", "licenses"}, {}},
     RunDb,
     PositionalFile::kSecondIsDatabase},
    {"lists",
     "lists import --db DB FILE | lists status --db DB [--format text|json] | lists remove --db DB "
     "--digest DIGEST",
     {{"db", "format", "digest"}, {}},
     RunLists,
     PositionalFile::kSecondIsInput},
    {"license",
     "license list --db DB [--date YYYY-MM-DD] [--format text|json] | license show NUMBER --db DB "
     "[--date YYYY-MM-DD] [--format text|json]",
     {{"db", "date", "format"}, {}},
     RunLicense},
    {"log",
     "log verify --db DB [--expect-head SEQ:HASH] [--checkpoints FILE [--public-key PUB.pem]] | "
     "log checkpoint --db DB --checkpoints FILE [--key KEY.pem] | log export --db DB",
     {{"db", "expect-head", "checkpoints", "public-key", "key"}, {}},
     RunLog},
};

// To stdout for --help (success), to stderr for a usage error.
void PrintUsage(FILE* out) {
  std::fprintf(out, "usage: chipgate COMMAND [ARGS]\n\ncommands:\n");
  for (const auto& c : kCommands) std::fprintf(out, "  chipgate %s\n", c.usage);
  std::fprintf(out,
               "\ncommon options: --log-level trace|debug|info|warn|error|off, --log-file FILE\n");
  std::fprintf(out, "\nsee docs/cli.md for details\n");
}

// The databases, inputs and outputs of one command line. Options are classified by name, the
// same for every command: a new option that names a file belongs in one of these lists.
CommandFiles FilesOf(const Command& c, const Args& args) {
  CommandFiles files;
  // Every value of an option counts (--rules is repeatable).
  auto add = [&](std::vector<std::string>& to, std::initializer_list<const char*> names) {
    for (const char* n : names) {
      for (const auto& v : args.GetAll(n)) to.push_back(v);
    }
  };
  add(files.databases, {"db", "audit"});
  // The checkpoint file is read (and appended to by `log checkpoint`): never a database.
  add(files.inputs, {"rules", "parts", "components", "parties", "ownership", "shipments",
                     "licenses", "checkpoints", "key", "public-key"});
  // --log-file is appended to by whichever command is given it, so it is an output too.
  add(files.outputs, {"output", "log-file"});
  // The bundled pack is read when --rules is absent: protect it too.
  if (c.spec.values.count("rules") && !args.Get("rules")) {
    if (std::string bundled = chipgate::FindBundledPack("us-ear"); !bundled.empty())
      files.inputs.push_back(bundled);
  }
  // Mirrors Record() in check_command.cc: without --audit and --db, `check` writes this file.
  if (c.spec.values.count("audit") && !args.Get("audit") && !args.Get("db") &&
      !args.Has("no-audit")) {
    files.databases.push_back("chipgate-audit.db");  // check's default audit log
  }
  if (c.positional_file == PositionalFile::kFirstIsInput && !args.positional.empty())
    files.inputs.push_back(args.positional[0]);
  if (c.positional_file == PositionalFile::kSecondIsDatabase && args.positional.size() > 1) {
    files.databases.push_back(args.positional[1]);
  }
  if (c.positional_file == PositionalFile::kSecondIsInput && args.positional.size() > 1)
    files.inputs.push_back(args.positional[1]);
  return files;
}

// Runs a command whose arguments parsed: refuses outputs that would overwrite what it reads,
// sets up logging, runs it, and makes a lost write to stdout an error (exit 2).
// The clash check comes before logging is set up, so a --log-file naming the database is
// refused before it is created or appended to.
int Run(const Command& c, const Args& args) {
  if (auto clash = OutputClash(FilesOf(c, args))) {
    std::fprintf(stderr, "chipgate %s: %s\n", c.name, chipgate::TerminalSafe(*clash).c_str());
    return kExitBadInput;
  }
  if (chipgate::Status s =
          SetUpLogging(args.Get("log-level").value_or("warn"), args.Get("log-file").value_or(""));
      !s.ok()) {
    std::fprintf(stderr, "chipgate %s: %s\n", c.name, chipgate::TerminalSafe(s.message()).c_str());
    return kExitBadInput;
  }
  // A handler returns its exit code; one that throws gives exit 2.
  int code = kExitBadInput;
  try {
    code = c.handler(args);
  } catch (const std::exception& e) {
    // Fail closed: an internal error never produces a "may ship" answer.
    std::fprintf(stderr, "chipgate %s: internal error: %s\n", c.name,
                 chipgate::TerminalSafe(e.what()).c_str());
    return kExitBadInput;
  }
  // A verdict, report or export that did not reach its reader is not a success.
  if (chipgate::Status s = FlushStdout(); !s.ok()) {
    std::fprintf(stderr, "chipgate %s: %s\n", c.name, s.message().c_str());
    return kExitBadInput;
  }
  return code;
}

}  // namespace
}  // namespace chipgate::cli

// argv[1] is the command; everything after it goes to ParseArgs. Help and version are checked
// only in that position (`chipgate check --help` is an unknown option, exit 2).
int main(int argc, char** argv) {
  using namespace chipgate::cli;
  if (argc < 2) {
    PrintUsage(stderr);
    return kExitBadInput;
  }
  // Plain stdio here: logging is not set up until a command is chosen.
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
    // The spec is copied per run so the table stays constant.
    spec.values.insert({"log-level", "log-file"});  // accepted by every command
    auto args = ParseArgs(argc, argv, 2, spec, error);
    if (!args) {
      std::fprintf(stderr, "chipgate %s: %s\nusage: chipgate %s\n", c.name,
                   chipgate::TerminalSafe(error).c_str(), c.usage);
      return kExitBadInput;
    }
    return Run(c, *args);
  }
  std::fprintf(stderr, "chipgate: unknown command `%s`\n", chipgate::TerminalSafe(name).c_str());
  PrintUsage(stderr);
  return kExitBadInput;
}
