// Hostile input (issue 7), named cases that were covered only by fuzzing: alias bombs, very
// long values, bytes that are not UTF-8, empty and whitespace-only files, huge numbers and deep
// nesting, each in a rule file and in a manifest. Every one must end quickly in a located error
// (file:line:col), exit 2 from the CLI, nothing on stdout (no decision), and never a crash or an
// uncaught exception ("internal error").
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "chipgate/engine.h"
#include "chipgate/manifest.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {
namespace fs = std::filesystem;

const std::string kShipment =
    "shipment:\n"
    "  id: SO-HOSTILE\n"
    "  date: 2025-06-01\n"
    "  consignee: {name: Buyer, country: DE, headquarters: DE}\n";

// A manifest line that every pack with data would decide (it clears under us-ear).
const std::string kClearLine =
    "  - part: SMALL-IC\n    specs: {type: ic, tpp: 10, die_area_mm2: 100, datacenter: false}\n";

// a0 is a list of nine scalars; each further level a list of nine aliases of the level below:
// `*a9` stands for 9^10 scalars (about 3.5 billion).
std::string AliasBomb(int levels = 9) {
  std::string s = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= levels; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    s += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) s += (k ? ", " : "") + prev;
    s += "]\n";
  }
  return s;
}

// Hostile input must be refused, never hang the reader. This bound only catches a hang (or an
// exponential blow-up): it is generous enough for a machine running the whole suite in parallel.
// How fast refusals really are is measured in bench/shape_bench.cc, not asserted here.
constexpr double kHangBound = 60.0;

// Runs `check` (no audit log) and times it.
struct Timed {
  RunResult r;
  double seconds = 0;
};
Timed Check(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"check"};
  all.insert(all.end(), args.begin(), args.end());
  all.push_back("--no-audit");
  auto start = std::chrono::steady_clock::now();
  Timed t{RunChipgate(all), 0};
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return t;
}

// The contract for bad input: exit 2, no decision on stdout, no internal error, and a
// diagnostic `file:LINE:COL: error[code]` with LINE >= 1 for `file`; with `--format json` the
// same diagnostic as a JSON Lines record on stderr (docs/cli.md, "Diagnostics as JSON").
void ExpectLocatedRejection(const Timed& t, const std::string& file, const std::string& code) {
  INFO("stderr (first 2000 bytes): " << t.r.err.substr(0, 2000));
  CHECK(t.r.exit_code == 2);
  CHECK(t.r.out.empty());
  CHECK(t.r.err.find("internal error") == std::string::npos);
  CHECK(t.seconds < kHangBound);
  if (t.r.err.starts_with("{")) {
    auto first = nlohmann::json::parse(t.r.err.substr(0, t.r.err.find('\n')));
    CHECK(first["file"] == file);
    CHECK(first["code"] == code);
    CHECK(first["severity"] == "error");
    CHECK(first["line"].get<int>() >= 1);
    CHECK(first["column"].get<int>() >= 1);
    return;
  }
  std::smatch m;
  std::string head = t.r.err.substr(0, 4096);
  std::regex located(std::regex_replace(file, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                     R"(:([0-9]+):([0-9]+): error\[)" + code + R"(\])");
  REQUIRE(std::regex_search(head, m, located));
  CHECK(std::stoi(m[1]) >= 1);
  CHECK(std::stoi(m[2]) >= 1);
}

// Whether stderr holds a diagnostic at `file` `where` (":LINE:COL:"), rendered as text or as a
// JSON Lines record (with --format json).
bool HasLocation(const std::string& err, const std::string& file, const std::string& where) {
  if (err.find(file + where) != std::string::npos) return true;
  std::smatch m;
  std::regex at(R"(^:([0-9]+):([0-9]+):$)");
  if (!std::regex_match(where, m, at)) return false;
  std::istringstream in(err);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("{")) continue;
    auto d = nlohmann::json::parse(line);
    if (d["file"] == file && d["line"] == std::stoi(m[1]) && d["column"] == std::stoi(m[2]))
      return true;
  }
  return false;
}

// A copy of the bundled pack with `extra` files added, in `dir`.
std::string PackWith(const TempDir& dir,
                     const std::vector<std::pair<std::string, std::string>>& extra) {
  std::string pack = dir.path() + "/pack";
  fs::create_directories(pack);
  for (const auto& e : fs::directory_iterator(SourcePath("rules/us-ear"))) {
    if (e.is_regular_file()) fs::copy_file(e.path(), pack + "/" + e.path().filename().string());
  }
  for (const auto& [name, text] : extra) dir.Write("pack/" + name, text);
  return pack;
}

// Loads a pack directory with the library: it must fail with `code` located in `file`.
void ExpectPackRejected(const std::string& pack, const std::string& file, const std::string& code) {
  auto start = std::chrono::steady_clock::now();
  LoadResult r = Engine::Load(pack);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(RenderDiagnostics(r.diagnostics).substr(0, 2000));
  CHECK_FALSE(r.engine.has_value());
  CHECK(seconds < kHangBound);
  bool found = false;
  for (const auto& d : r.diagnostics) {
    found |= d.code == code && d.loc.file.ends_with(file) && d.loc.line >= 1 && d.loc.col >= 1;
  }
  CHECK(found);
}

}  // namespace

TEST_CASE("AliasBombInAManifestIsRefusedQuickly", "[reliability][hostile]") {
  TempDir dir;
  // As the list of lines, and hidden in a line's components.
  std::string as_lines = dir.Write("bomb-lines.yaml", AliasBomb() + kShipment + "lines: *a9\n");
  ExpectLocatedRejection(Check({as_lines}), as_lines, "E107");
  std::string text = AliasBomb() + kShipment + "lines:\n" + kClearLine +
                     "  - {part: BOX, specs: {type: computer}, components: *a9}\n";
  std::string in_components = dir.Write("bomb-components.yaml", text);
  ExpectLocatedRejection(Check({in_components, "--format", "json"}), in_components, "E107");
  // The library entry point: no manifest, a located error.
  ManifestLoad load = LoadManifestFromString("m.yaml", text, *ParseDate("2025-06-01"));
  CHECK_FALSE(load.manifest.has_value());
  REQUIRE_FALSE(load.diagnostics.empty());
  CHECK(load.diagnostics[0].code == "E107");
  CHECK(load.diagnostics[0].loc.line >= 1);
}

TEST_CASE("AliasBombInARulePackIsRefusedQuickly", "[reliability][hostile]") {
  TempDir dir;
  std::string pack = PackWith(
      dir,
      {{"bomb.yaml", AliasBomb() + "country_groups:\n  - {id: BOMB, cite: c, members: *a9}\n"}});
  ExpectPackRejected(pack, "bomb.yaml", "E107");
  std::string manifest = dir.Write("m.yaml", kShipment + "lines:\n" + kClearLine);
  ExpectLocatedRejection(Check({manifest, "--rules", pack}), pack + "/bomb.yaml", "E107");
  // The same through LoadFromStrings (one file, the whole pack).
  LoadResult r = LoadPackText({{"pack/rules.yaml", AliasBomb() + "classes: *a9\n"}});
  CHECK_FALSE(r.engine.has_value());
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics[0].code == "E107");
}

TEST_CASE("VeryLongValuesAreBoundedAndRefused", "[reliability][hostile]") {
  TempDir dir;
  // A 10 MB part name in a manifest (under the 16 MiB manifest limit).
  std::string manifest =
      dir.Write("long-part.yaml", kShipment + "lines:\n  - part: " + std::string(10'000'000, 'P') +
                                      "\n    specs: {type: ic, tpp: 1}\n");
  Timed t = Check({manifest, "--format", "json"});
  ExpectLocatedRejection(t, manifest, "E107");
  CHECK(t.r.err.find("field `lines[1].part`") != std::string::npos);
  CHECK(t.r.err.size() < 100'000);  // the value is not echoed in full

  // A 2 MiB rule id in a rule file.
  std::string clear = dir.Write("m.yaml", kShipment + "lines:\n" + kClearLine);
  std::string pack = PackWith(
      dir,
      {{"long.yaml", "license_rules:\n  - id: " + std::string(size_t{2} << 20, 'r') +
                         "\n    cite: c\n    classes: any\n    when: \"destination == 'KP'\"\n"}});
  ExpectPackRejected(pack, "long.yaml", "E107");
  Timed p = Check({clear, "--rules", pack});
  ExpectLocatedRejection(p, pack + "/long.yaml", "E107");
  CHECK(p.r.err.find("field `license_rules[1].id`") != std::string::npos);

  // A 1 MB expression: under the value limit, stopped by the expression limit (4,096 terms).
  std::string cond = "destination == 'KP'";
  while (cond.size() < 1'000'000) cond += " or destination == 'KP'";
  fs::remove_all(pack);
  pack = PackWith(
      dir,
      {{"long.yaml", "license_rules:\n  - id: long\n    cite: c\n    classes: any\n    when: \"" +
                         cond + "\"\n"}});
  ExpectPackRejected(pack, "long.yaml", "E201");
  Timed e = Check({clear, "--rules", pack});
  ExpectLocatedRejection(e, pack + "/long.yaml", "E201");
  CHECK(e.r.err.find("too long") != std::string::npos);
}

TEST_CASE("NonUtf8BytesAreALocatedErrorNamingTheField", "[reliability][hostile]") {
  TempDir dir;
  // A part name that is otherwise valid: before the fix `--format json` threw inside the JSON
  // writer (exit 2, "internal error", no location), and text output printed a decision.
  const std::string bad =
      "A\xff\xfe"
      "B";
  for (const char* format : {"text", "json"}) {
    std::string yaml = dir.Write(
        "part.yaml", kShipment + "lines:\n  - part: " + bad + "\n    specs: {type: ic, tpp: 1}\n");
    Timed t = Check({yaml, "--format", format});
    INFO(format);
    ExpectLocatedRejection(t, yaml, "E101");
    CHECK(HasLocation(t.r.err, yaml, ":6:12:"));  // the 0xFF byte itself
    CHECK(t.r.err.find("field `lines[1].part`") != std::string::npos);
    std::string json = dir.Write(
        "part.json",
        R"({"shipment": {"id": "J", "date": "2025-06-01", "consignee": {"country": "DE"}},)"
        R"( "lines": [{"part": ")" +
            bad + R"(", "specs": {"type": "ic", "tpp": 1}}]})");
    Timed j = Check({json, "--format", format});
    ExpectLocatedRejection(j, json, "E101");
    CHECK(j.r.err.find("field `lines[1].part`") != std::string::npos);
  }
  // In a country code.
  std::string country = dir.Write(
      "country.yaml",
      "shipment:\n  date: 2025-06-01\n  consignee: {country: C\xff}\nlines:\n" + kClearLine);
  Timed c = Check({country});
  ExpectLocatedRejection(c, country, "E101");
  CHECK(c.r.err.find("field `shipment.consignee.country`") != std::string::npos);
  // The library entry point.
  ManifestLoad load = LoadManifestFromString(
      "m.yaml", kShipment + "lines:\n  - part: " + bad + "\n", *ParseDate("2025-06-01"));
  CHECK_FALSE(load.manifest.has_value());
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].code == "E101");
  CHECK(load.diagnostics[0].loc.line == 6);
  CHECK(load.diagnostics[0].loc.col == 12);

  // In a rule id, inside an expression, and a UTF-16 byte-order mark at the start of a file.
  std::string clear = dir.Write("m.yaml", kShipment + "lines:\n" + kClearLine);
  const std::vector<std::tuple<std::string, std::string, std::string>> packs = {
      {"license_rules:\n  - id: r\xff\xfe\n    cite: c\n    classes: any\n    when: \"destination "
       "== 'KP'\"\n",
       "license_rules[1].id", ":2:10:"},
      {"license_rules:\n  - id: r\n    cite: c\n    classes: any\n    when: \"destination == "
       "'K\xff'\"\n",
       "license_rules[1].when", ":5:29:"},
      {"\xff\xfelicense_rules: []\n", "", ":1:1:"},
  };
  for (const auto& [text, field, where] : packs) {
    INFO(field);
    fs::remove_all(dir.path() + "/pack");
    std::string pack = PackWith(dir, {{"bad.yaml", text}});
    ExpectPackRejected(pack, "bad.yaml", "E101");
    Timed p = Check({clear, "--rules", pack, "--format", "json"});
    ExpectLocatedRejection(p, pack + "/bad.yaml", "E101");
    CHECK(HasLocation(p.r.err, pack + "/bad.yaml", where));
    if (!field.empty()) CHECK(p.r.err.find("field `" + field + "`") != std::string::npos);
  }
}

TEST_CASE("EmptyAndWhitespaceOnlyFilesAreRefused", "[reliability][hostile]") {
  TempDir dir;
  for (const std::string text : {"", "   \n\t\n  \n", "# only a comment\n"}) {
    INFO("text `" << text << "`");
    std::string manifest = dir.Write("empty.yaml", text);
    ExpectLocatedRejection(Check({manifest}), manifest, "E105");
    // A pack whose only file is empty: before, it loaded and cleared every line with data.
    fs::remove_all(dir.path() + "/pack");
    std::string pack = dir.path() + "/pack";
    dir.Write("pack/pack.yaml", text);
    std::string clear = dir.Write("m.yaml", kShipment + "lines:\n  - {part: ANY, specs: {}}\n");
    ExpectPackRejected(pack, "pack.yaml", "E100");
    ExpectLocatedRejection(Check({clear, "--rules", pack}), pack + "/pack.yaml", "E100");
  }
  // An empty file beside real ones is still fine (tests/load: AnEmptyFileIsFine).
  TempDir other;
  std::string pack = PackWith(other, {{"zz-empty.yaml", ""}});
  CHECK(Engine::Load(pack).engine.has_value());
}

TEST_CASE("HugeNumbersAreLocatedErrorsOrUnknown", "[reliability][hostile]") {
  TempDir dir;
  const std::vector<std::tuple<std::string, std::string, std::string>> lines = {
      {"    specs: {type: ic, tpp: 1e400}\n", "E503", "tpp"},
      {"    specs: {type: ic, tpp: 1e308, die_area_mm2: '1e308 * 10'}\n", "E503", "die_area_mm2"},
      {"    specs: {type: ic, tpp: -1e400}\n", "E503", "tpp"},
      {"    quantity: 1e400\n    specs: {type: ic, tpp: 1}\n", "E103", "quantity"},
      {"    quantity: 1e308 * 10\n    specs: {type: ic, tpp: 1}\n", "E103", "quantity"},
      {"    quantity: 1e308\n    specs: {type: ic, tpp: 1}\n", "E106", "quantity"},
  };
  for (const auto& [line, code, name] : lines) {
    INFO(line);
    std::string manifest = dir.Write("huge.yaml", kShipment + "lines:\n  - part: HUGE\n" + line);
    Timed t = Check({manifest, "--format", "json"});
    ExpectLocatedRejection(t, manifest, code);
    CHECK(t.r.err.find(name) != std::string::npos);
  }
  // In a rule file: a literal that overflows is a located E201.
  std::string clear = dir.Write("m.yaml", kShipment + "lines:\n" + kClearLine);
  std::string pack = PackWith(
      dir, {{"huge.yaml", "classes:\n  - {id: HUGE.a, cite: c, when: \"tpp >= 1e400\"}\n"}});
  ExpectPackRejected(pack, "huge.yaml", "E201");
  ExpectLocatedRejection(Check({clear, "--rules", pack}), pack + "/huge.yaml", "E201");
  // `1e308 * 10` is a valid expression whose value is not finite: unknown, so the line is held.
  Engine engine = MustLoad(
      "attributes: [{name: tpp, type: number}]\n"
      "classes: [{id: X.a, cite: c, when: \"tpp >= 1e308 * 10\"}]\n"
      "license_rules: [{id: r, cite: c, classes: [X.a], when: \"true\"}]\n");
  ShipmentFacts s;
  s.date = *ParseDate("2025-06-01");
  s.end_user.country = "DE";
  ItemFacts item;
  item.part = "P";
  item.Set("tpp", 5.0);
  LineDecision d = engine.Decide(s, item);
  CHECK(d.decision == DecisionKind::kReview);
}

TEST_CASE("DeepNestingIsALocatedError", "[reliability][hostile]") {
  TempDir dir;
  std::string yaml =
      dir.Write("deep.yaml", kShipment + "lines: " + std::string(10'000, '[') + "\n");
  ExpectLocatedRejection(Check({yaml}), yaml, "E101");
  std::string json =
      dir.Write("deep.json", R"({"shipment": {"consignee": {"country": "DE"}}, "lines": )" +
                                 std::string(10'000, '[') + std::string(10'000, ']') + "}");
  Timed j = Check({json, "--format", "json"});
  ExpectLocatedRejection(j, json, "E101");
  CHECK(j.r.err.find("nested too deeply") != std::string::npos);
  std::string clear = dir.Write("m.yaml", kShipment + "lines:\n" + kClearLine);
  std::string pack = PackWith(dir, {{"deep.yaml", "classes: " + std::string(10'000, '[') + "\n"}});
  ExpectPackRejected(pack, "deep.yaml", "E101");
  ExpectLocatedRejection(Check({clear, "--rules", pack}), pack + "/deep.yaml", "E101");
}

}  // namespace chipgate::testing
