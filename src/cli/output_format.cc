// --format parsing for every command (output_format.h).
#include "cli/output_format.h"

#include <cstdio>
#include <string>

#include "chipgate/terminal_text.h"

namespace chipgate::cli {

namespace {
// Every format, for looking a spelling up; FormatName gives each one's spelling.
constexpr OutputFormat kAll[] = {OutputFormat::kText,  OutputFormat::kJson,  OutputFormat::kHtml,
                                 OutputFormat::kJunit, OutputFormat::kSarif, OutputFormat::kTap,
                                 OutputFormat::kCsv};
}  // namespace

std::string_view FormatName(OutputFormat format) {
  switch (format) {
    case OutputFormat::kText:
      return "text";
    case OutputFormat::kJson:
      return "json";
    case OutputFormat::kHtml:
      return "html";
    case OutputFormat::kJunit:
      return "junit";
    case OutputFormat::kSarif:
      return "sarif";
    case OutputFormat::kTap:
      return "tap";
    case OutputFormat::kCsv:
      return "csv";
  }
  return "text";
}

std::optional<OutputFormat> FormatOption(const Args& args, std::string_view command,
                                         std::initializer_list<OutputFormat> accepted) {
  auto value = args.Get("format");
  // No --format is text for every command; an unknown spelling and a known format the command
  // does not write get the same message.
  if (!value) return OutputFormat::kText;
  for (OutputFormat f : kAll) {
    if (FormatName(f) != *value) continue;
    for (OutputFormat a : accepted) {
      if (a == f) return f;
    }
  }
  // The accepted names in the order the command lists them, for the message.
  std::string names;
  for (OutputFormat a : accepted) names += (names.empty() ? "" : ", ") + std::string(FormatName(a));
  std::fprintf(stderr, "chipgate %.*s: --format must be one of %s (found `%s`)\n",
               static_cast<int>(command.size()), command.data(), names.c_str(),
               TerminalSafe(*value).c_str());
  return std::nullopt;
}

}  // namespace chipgate::cli
