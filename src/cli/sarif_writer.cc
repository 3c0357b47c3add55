// SARIF 2.1.0 writing (sarif_writer.h) with PrettyJson, the command line's report writer.
#include "cli/sarif_writer.h"

#include <filesystem>

#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

namespace fs = std::filesystem;

// The schema's own id: the OASIS 2.1.0 errata 01 schema (tests/data/sarif/ holds a copy).
constexpr std::string_view kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

// RFC 3986 percent-encoding of a path: unreserved characters and `/` stay as they are.
std::string PercentEncode(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

const char* LevelName(SarifLevel level) {
  switch (level) {
    case SarifLevel::kError:
      return "error";
    case SarifLevel::kWarning:
      return "warning";
    case SarifLevel::kNote:
      return "note";
  }
  return "error";
}

// The base directory as a file URI ending in `/`, as SARIF requires of a base URI.
std::string DirUri(const std::string& dir) {
  std::string p = fs::absolute(dir).lexically_normal().generic_string();
  if (p.empty() || p.back() != '/') p += '/';
  return "file://" + PercentEncode(p);
}

constexpr size_t kNoRule = static_cast<size_t>(-1);

// One result; `rule_index` is its rule's place in the driver's rules, kNoRule when not there.
void ResultJson(PrettyJson& j, const SarifResult& r, size_t rule_index, const std::string& cwd) {
  j.BeginObject().Key("ruleId").String(r.rule_id);
  if (rule_index != kNoRule) j.Key("ruleIndex").Int(static_cast<int64_t>(rule_index));
  j.Key("level").String(LevelName(r.level));
  j.Key("message").BeginObject().Key("text").String(r.message).EndObject();
  if (!r.file.empty()) {
    auto [uri, relative] = FileUri(r.file, cwd);
    j.Key("locations").BeginArray().BeginObject().Key("physicalLocation").BeginObject();
    j.Key("artifactLocation").BeginObject().Key("uri").String(uri);
    if (relative) j.Key("uriBaseId").String("SRCROOT");
    j.EndObject();
    // A region needs its start line; the column is given only with it.
    if (r.line > 0) {
      j.Key("region").BeginObject().Key("startLine").Int(r.line);
      if (r.column > 0) j.Key("startColumn").Int(r.column);
      j.EndObject();
    }
    j.EndObject().EndObject().EndArray();
  }
  j.EndObject();
}

}  // namespace

std::pair<std::string, bool> FileUri(const std::string& path, const std::string& base_dir) {
  fs::path abs = fs::absolute(path).lexically_normal();
  fs::path rel = abs.lexically_relative(fs::absolute(base_dir).lexically_normal());
  std::string r = rel.generic_string();
  if (!rel.empty() && r != "." && !r.starts_with("..")) return {PercentEncode(r), true};
  return {"file://" + PercentEncode(abs.generic_string()), false};
}

// The run's tool, its base URI and its results, in the member order of the SARIF specification's
// examples. The working directory is read once, so every result is relative to the same root.
std::string SarifJson(const SarifLog& log) {
  std::string cwd = fs::current_path().string();
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject().Key("$schema").String(kSchemaUri);
  j.Key("version").String("2.1.0").Key("runs").BeginArray().BeginObject();
  j.Key("tool").BeginObject().Key("driver").BeginObject().Key("name").String("chipgate");
  j.Key("version").String(CHIPGATE_VERSION).Key("rules").BeginArray();
  for (const auto& rule : log.rules) {
    j.BeginObject().Key("id").String(rule.id);
    j.Key("shortDescription").BeginObject().Key("text").String(rule.description).EndObject();
    j.EndObject();
  }
  j.EndArray().EndObject().EndObject();
  j.Key("originalUriBaseIds").BeginObject().Key("SRCROOT").BeginObject();
  j.Key("uri").String(DirUri(cwd)).EndObject().EndObject();
  j.Key("results").BeginArray();
  for (const auto& r : log.results) {
    size_t index = 0;
    while (index < log.rules.size() && log.rules[index].id != r.rule_id) ++index;
    ResultJson(j, r, index < log.rules.size() ? index : kNoRule, cwd);
  }
  j.EndArray();
  if (!log.properties.empty()) {
    j.Key("properties").BeginObject();
    for (const auto& [k, v] : log.properties) j.Key(k).String(v);
    j.EndObject();
  }
  j.EndObject().EndArray().EndObject();
  return out + "\n";
}

}  // namespace chipgate::cli
