// A small command-line parser: positionals plus `--name value` / `--flag` options, validated
// against the command's declared options so a typo is a usage error (exit 2), not ignored.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace chipgate::cli {

// The options one command accepts; a name is in at most one of the two sets (main() adds
// `log-level` and `log-file` to every command's values).
struct ArgSpec {
  std::set<std::string> values;  // options that take a value
  std::set<std::string> flags;   // options without a value
};

// The result of a successful parse: positionals in order, and only options declared in the
// ArgSpec (names without the leading `--`).
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;                   // the last value of each option
  std::map<std::string, std::vector<std::string>> all_values;  // every value, in order
  std::set<std::string> flags;

  std::optional<std::string> Get(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  // Every value of a repeatable option (`--rules A --rules B`), in command-line order; empty when
  // the option is absent.
  std::vector<std::string> GetAll(const std::string& name) const {
    auto it = all_values.find(name);
    return it == all_values.end() ? std::vector<std::string>{} : it->second;
  }
  bool Has(const std::string& flag) const { return flags.count(flag) > 0; }
};

// Parses argv[first..]; on error returns nullopt and sets `error`.
std::optional<Args> ParseArgs(int argc, char** argv, int first, const ArgSpec& spec,
                              std::string& error);

// Whether argv[first..] asks for help: an argument `--help` or `-h` that is not the value of a
// value option (`--output --help` writes to a file named `--help`). Checked before ParseArgs,
// so help is given even when other arguments are wrong.
bool WantsHelp(int argc, char** argv, int first, const ArgSpec& spec);

}  // namespace chipgate::cli
