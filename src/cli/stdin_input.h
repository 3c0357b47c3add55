// Standard input as a command's input file: `chipgate check -` reads the manifest from stdin.
// `-` is the one spelling (a file named `-` is `./-`), and `<stdin>` is the name diagnostics,
// messages and the digest's file name show for what was read from it (docs/cli.md, "Standard
// input").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "chipgate/status.h"

namespace chipgate::cli {

// The argument that names standard input, and the name shown for what was read from it.
inline constexpr std::string_view kStdinArg = "-";
inline constexpr std::string_view kStdinName = "<stdin>";

// Reads standard input to its end, sequentially (a pipe cannot seek). More than `max_bytes` is
// an error naming `<stdin>` and the limit, as ReadFileText words it for a file, and nothing
// beyond the first byte over the limit is read, so an endless stream costs `max_bytes` of
// memory. Standard input is read at most once per process: a second call is an error, never
// an empty text.
Result<std::string> ReadStdin(size_t max_bytes);

}  // namespace chipgate::cli
