// chipgate command line: one table of {name, usage, options, handler}; everything else is the
// library. Usage errors exit 2. The table is also the source of `COMMAND --help`, `chipgate
// help`, the man page and the shell completions (help_text.h, completion.h).
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/completion.h"
#include "cli/help_text.h"
#include "cli/logging.h"
#include "cli/output_file.h"
#include "cli/stdin_input.h"

namespace chipgate::cli {
namespace {

// Which positional argument is a file, and what kind (for the output clash check).
// kSecondIsDatabase is `db init DB` / `db import DB`: the first positional is the subcommand;
// kSecondIsInput is `lists import FILE`.
enum class PositionalFile { kNone, kFirstIsInput, kSecondIsDatabase, kSecondIsInput };

// One subcommand: `usage` is printed on a usage error and in --help; `spec` is what ParseArgs
// accepts (main() adds the common logging options); `positional_file` says which positional
// OutputClash must protect. `manifest_from_stdin`: the first positional is a manifest that may
// be `-`, standard input (docs/cli.md, "Standard input"); `-` anywhere else is refused.
struct Command {
  const char* name;
  const char* usage;
  ArgSpec spec;
  int (*handler)(const Args&);
  PositionalFile positional_file = PositionalFile::kNone;
  bool manifest_from_stdin = false;
};

// The handlers that print the table itself are defined after it.
int RunHelp(const Args& args);
int RunCompletion(const Args& args);

// The order here is the order of the usage text. Each spec must list every option its handler
// reads: an undeclared one is refused by ParseArgs before the handler runs. `check` accepts
// --line only to refuse it with a pointer to `explain` (RunCheck).
const Command kCommands[] = {
    {"check",
     "check MANIFEST [--rules DIR]... [--db DB] [--audit DB | --no-audit] [--actor NAME] [--date "
     "YYYY-MM-DD] [--format text|json|junit] [--explain [--trace]] [--fail-on "
     "review|license_required|prohibited] [--max-manifest-bytes N] [--max-lines N] [--max-depth N] "
     "[--no-progress]",
     {{"rules", "date", "format", "line", "db", "audit", "actor", "max-manifest-bytes", "max-lines",
       "max-depth", "fail-on"},
      {"explain", "trace", "no-audit", "no-progress"}},
     RunCheck,
     PositionalFile::kFirstIsInput,
     true},
    {"explain",
     "explain MANIFEST --line N [--rules DIR]... [--db DB] [--date YYYY-MM-DD] [--format "
     "text|json] [--trace] "
     "[--max-manifest-bytes N] [--max-lines N] [--max-depth N]",
     {{"rules", "date", "line", "db", "format", "max-manifest-bytes", "max-lines", "max-depth"},
      {"trace"}},
     RunExplain,
     PositionalFile::kFirstIsInput,
     true},
    {"ship",
     "ship MANIFEST --db DB [--rules DIR]... [--actor NAME] [--date YYYY-MM-DD] [--format "
     "text|json] [--max-manifest-bytes N] [--max-lines N] [--max-depth N]",
     {{"rules", "date", "format", "db", "actor", "max-manifest-bytes", "max-lines", "max-depth"},
      {}},
     RunShip,
     PositionalFile::kFirstIsInput,
     true},
    {"screen",
     "screen NAME... [--country CC] [--rules DIR]... [--db DB] [--date YYYY-MM-DD] [--format "
     "text|json]",
     {{"country", "rules", "db", "date", "format"}, {}},
     RunScreen},
    {"serve",
     "serve --db DB [--rules DIR]... [--listen HOST:PORT] [--token-file FILE] [--tls-cert FILE "
     "--tls-key FILE] [--threads N] [--port-file FILE] [--max-manifest-bytes N] [--max-lines N] "
     "[--max-depth N] [--max-names N]",
     {{"rules", "db", "listen", "token-file", "tls-cert", "tls-key", "threads", "port-file",
       "max-manifest-bytes", "max-lines", "max-depth", "max-names"},
      {}},
     RunServe},
    {"audit",
     "audit --db DB [--rules DIR]... [--date YYYY-MM-DD] [--compare-date YYYY-MM-DD "
     "[--destinations CC,CC...]] [--format text|json|html|csv] [--output FILE] [--csv FILE] "
     "[--actor NAME] [--audit DB | --no-record] [--threads N] [--no-progress]",
     {{"db", "rules", "date", "compare-date", "destinations", "format", "output", "csv", "actor",
       "audit", "threads"},
      {"no-record", "no-progress"}},
     RunAudit},
    {"lint",
     "lint [--rules BASE]... DIR [--format text|json|junit|sarif|tap]",
     {{"rules", "format"}, {}},
     RunLint,
     PositionalFile::kFirstIsInput},
    {"test",
     "test [--rules BASE]... PATH [--run REGEX] [--format text|json|junit|sarif|tap] [--coverage] "
     "[--fail-under PCT] [--watch] | test [--rules BASE]... DIR --against-db DB [--baseline DIR] "
     "[--date YYYY-MM-DD] [--format text|json]",
     {{"rules", "format", "fail-under", "run", "against-db", "baseline", "date"},
      {"coverage", "watch"}},
     RunTest,
     PositionalFile::kFirstIsInput},
    {"fmt", "fmt [--check] [--format text|json] PATH...", {{"format"}, {"check"}}, RunFmt},
    {"db",
     "db init DB [--format text|json] | db import DB [--parts F] [--components F] [--parties F] "
     "[--ownership F] [--shipments F] [--licenses F] [--replace] [--map 'NAME=column']... "
     "[--no-progress] [--format text|json] | db migrate --from DB --to DB [--format text|json]",
     {{"parts", "components", "parties", "ownership", "shipments", "licenses", "format", "map",
       "from", "to"},
      {"replace", "no-progress"}},
     RunDb,
     PositionalFile::kSecondIsDatabase},
    {"lists",
     "lists import --db DB FILE [--format text|json] | lists status --db DB [--format text|json] | "
     "lists remove --db DB --digest DIGEST [--format text|json]",
     {{"db", "format", "digest"}, {}},
     RunLists,
     PositionalFile::kSecondIsInput},
    {"license",
     "license list --db DB [--date YYYY-MM-DD] [--format text|json] | license show NUMBER --db DB "
     "[--date YYYY-MM-DD] [--format text|json]",
     {{"db", "date", "format"}, {}},
     RunLicense},
    {"parts",
     "parts list --db DB [--rules DIR]... [--date YYYY-MM-DD] [--class CLASS] [--declared ECCN] "
     "[--mismatch] [--match TEXT] [--format text|json|csv] | parts show PART --db DB [--rules "
     "DIR]... [--date YYYY-MM-DD] [--format text|json]",
     {{"db", "rules", "date", "format", "class", "declared", "match"}, {"mismatch"}},
     RunParts},
    {"rules",
     "rules list [--rules DIR]... [--format text|json] | rules show ID [--rules DIR]... [--format "
     "text|json]",
     {{"rules", "format"}, {}},
     RunRules},
    {"log",
     "log verify --db DB [--audited-db DB] [--expect-head SEQ:HASH] [--checkpoints FILE "
     "[--public-key PUB.pem]] [--format text|json] | log checkpoint --db DB --checkpoints FILE "
     "[--audited-db DB] [--key KEY.pem] [--format text|json] | log export --db DB [--format json]",
     {{"db", "expect-head", "checkpoints", "public-key", "key", "format", "audited-db"}, {}},
     RunLog},
    {"version", "version [--format text|json]", {{"format"}, {}}, RunVersion},
    {"completion", "completion bash|zsh|fish", {{}, {}}, RunCompletion},
    {"help", "help [COMMAND] | help --man", {{}, {"man"}}, RunHelp},
};

// The table as help_text.h and completion.h read it.
std::vector<CommandInfo> CommandInfos() {
  std::vector<CommandInfo> out;
  for (const auto& c : kCommands) out.push_back({c.name, c.usage, &c.spec});
  return out;
}

const Command* FindCommand(std::string_view name) {
  for (const auto& c : kCommands) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

// `chipgate help [COMMAND]` on stdout (exit 0); an unknown COMMAND is a usage error.
// `help --man` prints the man page, which the build generates with it.
int RunHelp(const Args& args) {
  if (args.Has("man") && args.positional.empty()) {
    std::fputs(ManPage(CommandInfos(), CHIPGATE_VERSION).c_str(), stdout);
    return kExitOk;
  }
  if (args.positional.empty() && !args.Has("man")) {
    std::fputs(GeneralHelp(CommandInfos()).c_str(), stdout);
    return kExitOk;
  }
  const Command* c =
      args.positional.size() == 1 && !args.Has("man") ? FindCommand(args.positional[0]) : nullptr;
  if (!c) {
    std::fprintf(stderr, "chipgate help: expected one command name, or --man alone\n%s",
                 UsageOf("help").c_str());
    return kExitBadInput;
  }
  std::fputs(CommandHelp({c->name, c->usage, &c->spec}).c_str(), stdout);
  return kExitOk;
}

// `chipgate completion SHELL`: the script on stdout.
int RunCompletion(const Args& args) {
  auto shell = args.positional.size() == 1 ? ParseShell(args.positional[0]) : std::nullopt;
  if (!shell) {
    std::fprintf(stderr, "chipgate completion: expected one shell: bash, zsh or fish\n%s",
                 UsageOf("completion").c_str());
    return kExitBadInput;
  }
  std::fputs(CompletionScript(*shell, CommandInfos()).c_str(), stdout);
  return kExitOk;
}

// The options that name files, classified the same for every command: a new option that names a
// file belongs in one of these lists. The checkpoint file is read (and appended to by `log
// checkpoint`): never a database. --log-file is appended to by whichever command is given it,
// so it is an output too.
const std::initializer_list<const char*> kDatabaseOptions = {"db",         "audit", "against-db",
                                                             "audited-db", "from",  "to"};
const std::initializer_list<const char*> kInputOptions = {
    "rules",    "parts",       "components", "parties",    "ownership", "shipments",
    "licenses", "checkpoints", "key",        "public-key", "baseline"};
const std::initializer_list<const char*> kOutputOptions = {"output", "log-file", "csv"};

// Whether the first positional is the manifest read from standard input (`check -`).
bool ManifestIsStdin(const Command& c, const Args& args) {
  return c.manifest_from_stdin && !args.positional.empty() && args.positional[0] == kStdinArg;
}

// `-` is standard input only where a command reads its manifest; a database, a pack, a CSV file
// or an output named `-` would otherwise be a file of that name. The message names the option.
std::optional<std::string> StdinMisuse(const Command& c, const Args& args) {
  const std::string why =
      " (standard input) is not accepted here: only the MANIFEST of `check` and `explain` is read "
      "from standard input; a file named `-` is `./-`";
  for (auto names : {kDatabaseOptions, kInputOptions, kOutputOptions}) {
    for (const char* n : names) {
      for (const auto& v : args.GetAll(n)) {
        if (v == kStdinArg) return "`--" + std::string(n) + " -`" + why;
      }
    }
  }
  size_t file_positional = c.positional_file == PositionalFile::kFirstIsInput ? 0 : 1;
  if (c.positional_file != PositionalFile::kNone && !ManifestIsStdin(c, args) &&
      args.positional.size() > file_positional && args.positional[file_positional] == kStdinArg)
    return "`-`" + why;
  return std::nullopt;
}

// The databases, inputs and outputs of one command line.
CommandFiles FilesOf(const Command& c, const Args& args) {
  CommandFiles files;
  // Every value of an option counts (--rules is repeatable).
  auto add = [&](std::vector<std::string>& to, std::initializer_list<const char*> names) {
    for (const char* n : names) {
      for (const auto& v : args.GetAll(n)) to.push_back(v);
    }
  };
  add(files.databases, kDatabaseOptions);
  add(files.inputs, kInputOptions);
  add(files.outputs, kOutputOptions);
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
  // Standard input is no file: nothing can overwrite it.
  if (c.positional_file == PositionalFile::kFirstIsInput && !args.positional.empty() &&
      !ManifestIsStdin(c, args))
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
  if (auto misuse = StdinMisuse(c, args)) {
    std::fprintf(stderr, "chipgate %s: %s\n", c.name, misuse->c_str());
    return kExitBadInput;
  }
  if (auto clash = OutputClash(FilesOf(c, args))) {
    std::fprintf(stderr, "chipgate %s: %s\n", c.name, chipgate::TerminalSafe(*clash).c_str());
    return kExitBadInput;
  }
  auto log_settings =
      ParseLogSettings(args.Get("log-level"), args.Get("log-format"), args.Get("log-file"));
  chipgate::Status log_status =
      log_settings.ok() ? SetUpLogging(*log_settings) : log_settings.status();
  if (!log_status.ok()) {
    std::fprintf(stderr, "chipgate %s: %s\n", c.name,
                 chipgate::TerminalSafe(log_status.message()).c_str());
    return kExitBadInput;
  }
  LogTimer timer;
  Log(LogLevel::kDebug, LogComponent::kCli, "command started",
      {{"command", c.name}, {"arguments", static_cast<int64_t>(args.positional.size())}});
  // A handler returns its exit code; one that throws gives exit 2.
  int code = kExitBadInput;
  try {
    code = c.handler(args);
  } catch (const std::exception& e) {
    // Fail closed: an internal error never produces a "may ship" answer.
    std::fprintf(stderr, "chipgate %s: internal error: %s\n", c.name,
                 chipgate::TerminalSafe(e.what()).c_str());
    Log(LogLevel::kInfo, LogComponent::kCli, "internal error", {{"command", c.name}});
    return kExitBadInput;
  }
  Log(LogLevel::kDebug, LogComponent::kCli, "command finished",
      {{"command", c.name}, {"exit_code", code}, timer.Elapsed()});
  // A verdict, report or export that did not reach its reader is not a success.
  if (chipgate::Status s = FlushStdout(); !s.ok()) {
    std::fprintf(stderr, "chipgate %s: %s\n", c.name, s.message().c_str());
    return kExitBadInput;
  }
  return code;
}

}  // namespace

// The usage line of a command of the table, for the handlers' own usage errors (commands.h).
std::string UsageOf(std::string_view command) {
  const Command* c = FindCommand(command);
  return c ? UsageText({c->name, c->usage, &c->spec}) : "";
}

}  // namespace chipgate::cli

// argv[1] is the command; everything after it goes to ParseArgs. `--help`/`-h` and `--version`
// in that position are the `help` and `version` commands; `--help` or `-h` anywhere among a
// command's arguments prints that command's help (exit 0), whatever else is there.
int main(int argc, char** argv) {
  using namespace chipgate::cli;
  if (argc < 2) {
    std::fputs(GeneralHelp(CommandInfos()).c_str(), stderr);
    return kExitBadInput;
  }
  // Plain stdio here: logging is not set up until a command is chosen.
  std::string name = argv[1];
  if (name == "--help" || name == "-h") name = "help";
  if (name == "--version") name = "version";
  const Command* c = FindCommand(name);
  if (!c) {
    std::fprintf(stderr, "chipgate: unknown command `%s`\n", chipgate::TerminalSafe(name).c_str());
    std::fputs(GeneralHelp(CommandInfos()).c_str(), stderr);
    return kExitBadInput;
  }
  ArgSpec spec = c->spec;
  // The spec is copied per run so the table stays constant.
  spec.values.insert(CommonOptions().values.begin(), CommonOptions().values.end());
  if (WantsHelp(argc, argv, 2, spec)) {
    std::fputs(CommandHelp({c->name, c->usage, &c->spec}).c_str(), stdout);
    if (chipgate::Status s = FlushStdout(); !s.ok()) {
      std::fprintf(stderr, "chipgate %s: %s\n", c->name, s.message().c_str());
      return kExitBadInput;
    }
    return kExitOk;
  }
  std::string error;
  auto args = ParseArgs(argc, argv, 2, spec, error);
  if (!args) {
    std::fprintf(stderr, "chipgate %s: %s\n%s", c->name, chipgate::TerminalSafe(error).c_str(),
                 UsageText({c->name, c->usage, &c->spec}).c_str());
    return kExitBadInput;
  }
  return Run(*c, *args);
}
