// The output formats of the commands (`--format`), one enum for all of them, and the parsing of
// the option against the formats a command can write: a format a command cannot write is a usage
// error (exit 2), never a silent fallback to text. docs/cli.md, "Output formats", says which
// command writes which.
#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>

#include "cli/args.h"

namespace chipgate::cli {

enum class OutputFormat { kText, kJson, kHtml, kJunit, kSarif, kTap, kCsv };

// The spelling on the command line: text, json, html, junit, sarif, tap, csv.
std::string_view FormatName(OutputFormat format);

// --format of `args` (kText when absent) if it is one of `accepted`; otherwise prints
// `chipgate COMMAND: --format must be one of a, b (found `x`)` to stderr and returns nullopt.
std::optional<OutputFormat> FormatOption(const Args& args, std::string_view command,
                                         std::initializer_list<OutputFormat> accepted);

}  // namespace chipgate::cli
