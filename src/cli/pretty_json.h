// PrettyJson: writes JSON text exactly as nlohmann::json::dump(2) lays it out (two-space indent,
// "key": value, [] and {} when empty), straight into a string, for the reports' per-line and
// per-finding values where building a json object per value was a large share of the run time.
// Strings are escaped as dump() does; bytes that are not valid UTF-8 become U+FFFD, so the
// output is always valid JSON (dump() would throw instead).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chipgate::cli {

// Appends `s` as a JSON string literal (quotes included).
void AppendJsonString(std::string& out, std::string_view s);

class PrettyJson {
 public:
  // `depth`: the nesting level the first value sits at (its closing bracket is indented 2*depth).
  PrettyJson(std::string& out, int depth) : out_(out), base_(depth) {}

  PrettyJson& BeginObject() { return Open('{'); }
  PrettyJson& EndObject() { return Close('}'); }
  PrettyJson& BeginArray() { return Open('['); }
  PrettyJson& EndArray() { return Close(']'); }
  PrettyJson& Key(std::string_view key);
  PrettyJson& String(std::string_view v);
  PrettyJson& Int(int64_t v);
  PrettyJson& Null();
  PrettyJson& Raw(std::string_view json);  // an already-encoded value

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

}  // namespace chipgate::cli
