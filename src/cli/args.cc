// Argument parsing for the chipgate commands. Accepts `--opt value` and `--opt=value`.
#include "cli/args.h"

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
    } else {
      error = "unknown option `--" + name + "`";
      return std::nullopt;
    }
  }
  return args;
}

}  // namespace chipgate::cli
