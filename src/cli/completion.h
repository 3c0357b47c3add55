// `chipgate completion bash|zsh|fish`: a completion script for the shell, generated from the
// command table (main.cc) and the help texts (help_text.h), so the words it completes are the
// commands and options the parser accepts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/help_text.h"

namespace chipgate::cli {

enum class Shell { kBash, kZsh, kFish };

// `bash`, `zsh` or `fish`; nullopt for anything else.
std::optional<Shell> ParseShell(std::string_view name);

// The script completes: the command names; each command's subcommand words (`db init`); its
// options and the common ones; the choices of an option whose placeholder lists them
// (`--format text|json`); file names for every other option value and positional argument.
std::string CompletionScript(Shell shell, const std::vector<CommandInfo>& commands);

}  // namespace chipgate::cli
