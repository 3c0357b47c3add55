// One CSV field, quoted and guarded (export_field.h).
#include "cli/export_field.h"

namespace chipgate::cli {

std::string CsvField(std::string_view value) {
  bool guard = !value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' ||
                                  value[0] == '@' || value[0] == '\t' || value[0] == '\r');
  bool quote = guard || value.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) return std::string(value);
  std::string out = "\"";
  if (guard) out += '\'';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace chipgate::cli
