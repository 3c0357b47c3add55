// Diagnostics as JSON (diagnostic_json.h): the report member and the JSON Lines record share the
// key order and the null for an unknown line or column.
#include "pipeline/diagnostic_json.h"

#include "pipeline/json_report.h"

namespace chipgate {

const char* SeverityName(Severity severity) {
  return severity == Severity::kError ? "error" : "warning";
}

void DiagnosticJson(PrettyJson& j, const Diagnostic& d) {
  j.BeginObject().Key("code").String(d.code).Key("severity").String(SeverityName(d.severity));
  j.Key("file").StringOrNull(d.loc.file).Key("line");
  if (d.loc.line > 0) {
    j.Int(d.loc.line);
  } else {
    j.Null();
  }
  j.Key("column");
  if (d.loc.col > 0) {
    j.Int(d.loc.col);
  } else {
    j.Null();
  }
  j.Key("message").String(d.message).EndObject();
}

// Written by hand rather than with PrettyJson, whose layout is always multi-line; the strings go
// through the same escaping (AppendJsonText), so a control character or invalid UTF-8 in a
// message cannot break the record.
std::string DiagnosticJsonLine(const Diagnostic& d) {
  auto number = [](int n) { return n > 0 ? std::to_string(n) : std::string("null"); };
  std::string out = "{\"schema\": ";
  AppendJsonText(out, SchemaName(JsonKind::kDiagnostic));
  out += ", \"chipgate_version\": ";
  AppendJsonText(out, ChipgateVersion());
  out += ", \"code\": ";
  AppendJsonText(out, d.code);
  out += ", \"severity\": \"" + std::string(SeverityName(d.severity)) + "\", \"file\": ";
  if (d.loc.file.empty()) {
    out += "null";
  } else {
    AppendJsonText(out, d.loc.file);
  }
  out += ", \"line\": " + number(d.loc.line) + ", \"column\": " + number(d.loc.col) +
         ", \"message\": ";
  AppendJsonText(out, d.message);
  return out + "}\n";
}

}  // namespace chipgate
