// Argument parsing for the chipgate commands. Accepts `--opt value` and `--opt=value`.
#include "cli/args.h"

#include <string_view>

// Rules, in the order applied to each argument:
// - `--` itself, and anything not starting with `--` (including `-x`), is a positional. `--` does
//   not end option parsing: a later `--name` is still an option.
// - `--name=value` splits at the first `=`; the value may be empty or contain `=`.
// - a flag given a value is an error; a value option without `=` takes the next argument
//   whatever it is (so `--output --format` writes to a file named `--format`).
// - a value option given twice: Get gives the last value, GetAll every value in order (the
//   commands read repeatable options, such as --rules, with GetAll); a flag given twice is one
//   flag.
// - any other `--name` is an unknown option (a usage error).
// On error nothing is returned and `error` holds one sentence naming the option.
namespace chipgate::cli {

std::optional<Args> ParseArgs(int argc, char** argv, int first, const ArgSpec& spec,
                              std::string& error) {
  Args args;
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (!a.starts_with("--") || a == "--") {
      args.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    if (spec.flags.count(name)) {
      if (inline_value) {
        error = "option `--" + name + "` takes no value";
        return std::nullopt;
      }
      args.flags.insert(name);
    } else if (spec.values.count(name)) {
      if (!inline_value) {
        if (i + 1 >= argc) {
          error = "option `--" + name + "` needs a value";
          return std::nullopt;
        }
        value = argv[++i];
      }
      args.values[name] = value;
      args.all_values[name].push_back(value);
    } else {
      error = "unknown option `--" + name + "`";
      return std::nullopt;
    }
  }
  return args;
}

// Walks the arguments as ParseArgs does, skipping the value that follows a value option given
// without `=`.
bool WantsHelp(int argc, char** argv, int first, const ArgSpec& spec) {
  for (int i = first; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--help" || a == "-h") return true;
    if (a.starts_with("--") && a.find('=') == std::string_view::npos &&
        spec.values.count(std::string(a.substr(2))))
      ++i;
  }
  return false;
}

}  // namespace chipgate::cli
