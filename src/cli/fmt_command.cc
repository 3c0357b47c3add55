// `chipgate fmt [--check] [--format text|json] PATH...`: rewrites rule files (packs, their rule
// tests, company packs) in the canonical layout of chipgate/rule_format.h, as `opa fmt` and
// `cedar format` do for theirs. A PATH is a file, a directory (every `.yaml`/`.yml` file below it,
// names starting with `.` skipped, rule tests included), or `-` (standard input, formatted text
// on stdout). `--check` changes nothing: it prints a unified diff per file not formatted.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "chipgate/rule_format.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/diagnostics_json.h"
#include "cli/output_file.h"
#include "cli/output_format.h"
#include "cli/stdin_input.h"
#include "cli/unified_diff.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

namespace fs = std::filesystem;

// The largest rule file read, as the pack loader's limit (docs/rule-language.md, "Limits").
constexpr size_t kMaxFileBytes = 64u << 20;

// The files the pack loader and the rule-test loader read (docs/rule-language.md §1).
bool IsRuleFileName(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

// The files PATHs name, each directory's in sorted order; a PATH that is neither a file nor a
// directory is an E100 diagnostic.
std::vector<std::string> CollectFiles(const std::vector<std::string>& paths,
                                      std::vector<Diagnostic>& diags) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (path == kStdinArg || fs::is_regular_file(path, ec)) {
      files.push_back(path);
      continue;
    }
    if (!fs::is_directory(path, ec)) {
      diags.push_back({Severity::kError, "E100", SourceLoc(path, 0, 0),
                       "`" + path + "` is neither a rule file nor a directory"});
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      if (p.filename().string().rfind('.', 0) == 0) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && IsRuleFileName(p)) found.push_back(p.string());
    }
    if (ec) {
      diags.push_back({Severity::kError, "E100", SourceLoc(path, 0, 0),
                       "cannot read directory `" + path + "`: " + ec.message()});
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

// The bytes of `path` (standard input for `-`), or an E100 diagnostic: a file that cannot be
// read is reported with the others and the run goes on, as lint does with a pack's files.
std::optional<std::string> ReadText(const std::string& path, std::vector<Diagnostic>& diags) {
  if (path == kStdinArg) {
    auto text = ReadStdin(kMaxFileBytes);
    if (!text.ok()) {
      diags.push_back({Severity::kError, "E100", SourceLoc(std::string(kStdinName), 0, 0),
                       text.status().message()});
      return std::nullopt;
    }
    return *text;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in || text.str().size() > kMaxFileBytes) {
    diags.push_back({Severity::kError, "E100", SourceLoc(path, 0, 0),
                     "cannot read `" + path + "`, or it is larger than 64 MiB"});
    return std::nullopt;
  }
  return text.str();
}

// One file examined: whether it was in the canonical layout already.
struct Examined {
  std::string file;
  bool formatted;
};

// {"schema": "chipgate.fmt/v1", "chipgate_version", "check", "files": [{"file", "formatted"}],
// "unformatted", "diagnostics": [...]}: with --check, `formatted: false` is a file the
// command would change; without, one it rewrote.
std::string FmtJson(bool check, const std::vector<Examined>& files,
                    const std::vector<Diagnostic>& diags) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kFmt);
  j.Key("check").Bool(check);
  j.Key("files").BeginArray();
  int unformatted = 0;
  for (const auto& f : files) {
    j.BeginObject().Key("file").String(f.file).Key("formatted").Bool(f.formatted).EndObject();
    unformatted += f.formatted ? 0 : 1;
  }
  j.EndArray().Key("unformatted").Int(unformatted).Key("diagnostics").BeginArray();
  for (const auto& d : diags) DiagnosticJson(j, d);
  j.EndArray().EndObject();
  return out + "\n";
}

}  // namespace

// Exit 0 when every file is formatted (or was rewritten), 1 with --check when one is not, 2 when
// a file does not parse or uses YAML the formatter refuses (the other files are still done).
int RunFmt(const Args& args) {
  auto format = FormatOption(args, "fmt", {OutputFormat::kText, OutputFormat::kJson});
  if (!format) return kExitBadInput;
  bool check = args.Has("check");
  bool has_stdin = std::count(args.positional.begin(), args.positional.end(), kStdinArg) > 0;
  if (args.positional.empty() || (has_stdin && args.positional.size() > 1) ||
      (has_stdin && !check && *format == OutputFormat::kJson)) {
    std::fprintf(stderr,
                 "chipgate fmt: expected one or more PATHs, or `-` alone (standard input; "
                 "--format json only with --check)\n%s",
                 UsageOf("fmt").c_str());
    return kExitBadInput;
  }
  // Each file on its own: one that is refused does not stop the others. A file is written only
  // when its text changes (a formatted file keeps its time stamp), atomically, so an
  // interrupted run leaves every file either as it was or formatted.
  std::vector<Diagnostic> diags;
  std::vector<Examined> examined;
  for (const auto& path : CollectFiles(args.positional, diags)) {
    auto text = ReadText(path, diags);
    if (!text) continue;
    std::string name = path == kStdinArg ? std::string(kStdinName) : path;
    std::string formatted;
    if (!FormatRuleFile(name, *text, formatted, diags)) continue;
    examined.push_back({name, formatted == *text});
    if (check) {
      if (*format == OutputFormat::kText) {
        std::fputs(UnifiedDiff(name, name, *text, formatted).c_str(), stdout);
      }
    } else if (path == kStdinArg) {
      std::fputs(formatted.c_str(), stdout);
    } else if (formatted != *text) {
      Status s = WriteFileAtomically(path, [&](std::ostream& o) { o << formatted; });
      if (!s.ok()) {
        diags.push_back({Severity::kError, "E100", SourceLoc(path, 0, 0), s.message()});
      }
    }
  }
  SortDiagnostics(diags);
  int unformatted = static_cast<int>(std::count_if(examined.begin(), examined.end(),
                                                   [](const Examined& e) { return !e.formatted; }));
  if (*format == OutputFormat::kJson) {
    std::fputs(FmtJson(check, examined, diags).c_str(), stdout);
  } else {
    PrintDiagnostics(diags, *format);
    if (check && unformatted > 0) {
      std::fprintf(
          stderr,
          "chipgate fmt: %d of %zu files not formatted (`chipgate fmt PATH` formats them)\n",
          unformatted, examined.size());
    }
  }
  if (!diags.empty()) return kExitBadInput;
  return check && unformatted > 0 ? kExitFindings : kExitOk;
}

}  // namespace chipgate::cli
