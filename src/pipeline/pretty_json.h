// PrettyJson: the one writer of the command line's JSON output (check, test and audit reports,
// and the message strings of the JSON operational log). It lays text out exactly as
// nlohmann::json::dump(2) does (two-space indent, "key": value, [] and {} when empty, doubles
// printed by dump() itself), which is what the reports' contract and golden files were first
// produced with, and writes straight into a string: no document is built, so a report of a million
// findings is written in flat memory. Strings are escaped as dump() escapes them; bytes that are
// not valid UTF-8 become U+FFFD, so the output is always valid JSON (dump() would throw instead).
// The audit log's hashed bytes are not written here: src/audit owns that canonical encoding.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chipgate {

// Appends `s` as a JSON string literal (quotes included).
void AppendJsonText(std::string& out, std::string_view s);
// Appends `v` exactly as dump() prints a double ("100.0", "0.001", "1e+16", "1.5e-05"; NaN and
// infinities, which JSON cannot hold, as null), by dump() itself: the one use of nlohmann here.
void AppendJsonDouble(std::string& out, double v);

// Writes into `out`. The writer keeps its state apart from the text, so a caller may flush `out`
// to a stream and clear it between values.
class PrettyJson {
 public:
  // `depth`: the nesting level the first value sits at (its closing bracket is indented 2*depth).
  PrettyJson(std::string& out, int depth) : out_(out), base_(depth) {}
  // A writer that continues a top-level object another writer opened and wrote members into
  // (whose text is already in the output): the next Key starts with a comma, EndObject closes it.
  // This lets a report be written in two parts, e.g. `check`'s decisions before its record.
  static PrettyJson ContinueObject(std::string& out);

  PrettyJson& BeginObject() { return Open('{'); }
  PrettyJson& EndObject() { return Close('}'); }
  PrettyJson& BeginArray() { return Open('['); }
  PrettyJson& EndArray() { return Close(']'); }
  PrettyJson& Key(std::string_view key);
  PrettyJson& String(std::string_view v);
  PrettyJson& Int(int64_t v);
  PrettyJson& Double(double v);
  PrettyJson& Bool(bool v);
  PrettyJson& Null();
  // `v`, or null when it is empty: in every JSON document a value that is not there is null,
  // never "" (docs/cli.md, "Machine-readable output").
  PrettyJson& StringOrNull(std::string_view v) { return v.empty() ? Null() : String(v); }

 private:
  PrettyJson& Open(char bracket);
  PrettyJson& Close(char bracket);
  void BeforeValue();  // separator and indent for an array element; nothing after a key
  void Indent(size_t depth);

  std::string& out_;
  int base_;
  std::vector<bool> empty_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace chipgate
