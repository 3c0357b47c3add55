// TAP 14 writing (tap_writer.h).
#include "cli/tap_writer.h"

#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

// One line of text: a line break or other control character is a space, `\` and `#` escaped.
std::string Description(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '#') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// Appends `value` as a YAML double-quoted scalar: a JSON string literal (its escapes, \n, \" and
// \uXXXX, are YAML's too, so every value stays on one line), with DEL and the C1 controls, which
// JSON leaves raw but YAML does not allow unescaped, written as \u escapes as well.
void AppendYamlString(std::string& out, const std::string& value) {
  std::string json;
  AppendJsonText(json, value);
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < json.size(); ++i) {
    auto c = static_cast<unsigned char>(json[i]);
    unsigned next = i + 1 < json.size() ? static_cast<unsigned char>(json[i + 1]) : 0;
    if (c == 0x7F || (c == 0xC2 && next >= 0x80 && next <= 0x9F)) {
      unsigned cp = c == 0x7F ? 0x7F : next;
      out += "\\u00";
      out += kHex[cp >> 4];
      out += kHex[cp & 0xF];
      if (c == 0xC2) ++i;
    } else {
      out += json[i];
    }
  }
}

}  // namespace

std::string TapText(const std::vector<TapPoint>& points, const std::vector<std::string>& comments) {
  std::string out = "TAP version 14\n1.." + std::to_string(points.size()) + "\n";
  for (size_t i = 0; i < points.size(); ++i) {
    const TapPoint& p = points[i];
    out += (p.ok ? "ok " : "not ok ") + std::to_string(i + 1);
    if (!p.description.empty()) out += " - " + Description(p.description);
    out += "\n";
    if (p.yaml.empty()) continue;
    out += "  ---\n";
    for (const auto& [key, value] : p.yaml) {
      out += "  " + key + ": ";
      AppendYamlString(out, value);
      out += "\n";
    }
    out += "  ...\n";
  }
  for (const auto& c : comments) out += "# " + Description(c) + "\n";
  return out;
}

}  // namespace chipgate::cli
