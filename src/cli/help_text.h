// What `chipgate COMMAND --help`, `chipgate help`, the man page and the shell completions say.
// The command table in main.cc gives each command's name, usage line and accepted options; this
// file adds one sentence per command and one per option. Every text below is built from those
// two sources, so the usage printed on a usage error, the help, the man page and the completions
// cannot disagree about which options exist.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/args.h"

namespace chipgate::cli {

// One command as the table in main.cc declares it. `usage` is the usage line without the
// leading `chipgate ` (several forms separated by ` | `); `spec` is what ParseArgs accepts,
// without the common options.
struct CommandInfo {
  std::string_view name;
  std::string_view usage;
  const ArgSpec* spec;
};

// The options every command accepts (main() adds them to each spec).
const ArgSpec& CommonOptions();

// One sentence saying what the command does; empty when none is written for it.
std::string_view CommandSummary(std::string_view command);

// The words that may follow the command (`db` -> `init`, `import`); empty for most commands.
std::vector<std::string_view> Subcommands(std::string_view command);

// How an option is described: `value` is its placeholder (`DIR`, `text|json`), empty for a flag;
// `text` one sentence, empty when none is written for it. The placeholder is the word that
// follows `--name ` in the usage line when there is one, so the values a --format accepts are
// written once, in the usage.
struct OptionDoc {
  std::string value;
  std::string_view text;
};
OptionDoc DescribeOption(const CommandInfo& c, std::string_view option);

// Every option of the command, then the common ones, each in name order.
std::vector<std::string> OptionsOf(const CommandInfo& c);

// `usage: chipgate USAGE`, one line per form, as printed on a usage error (stderr) and at the
// top of the command's help.
std::string UsageText(const CommandInfo& c);

// `chipgate COMMAND --help`: the usage, the summary, then every option with its description.
std::string CommandHelp(const CommandInfo& c);

// `chipgate --help`: every command's usage line and summary, and the common options.
std::string GeneralHelp(const std::vector<CommandInfo>& commands);

// The man page chipgate(1) in roff (man(7) macros), generated at build time from the same
// texts (`chipgate help --man`).
std::string ManPage(const std::vector<CommandInfo>& commands, std::string_view version);

}  // namespace chipgate::cli
