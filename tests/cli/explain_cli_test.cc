// `chipgate explain` for a compliance officer (docs/cli.md, "`chipgate explain`"): the decision
// first, the reasons that decided it with their citation and the facts they read (each with
// where it came from), the classification in effect, computed counterfactuals that really change
// the decision, the full trace only with --trace, and text wrapped to the width asked for.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kInline = SourcePath("examples/manifests/inline-specs.yaml");
const std::string kMixed = SourcePath("examples/manifests/order-mixed.yaml");
const std::string kExamples = SourcePath("rules/examples");
const std::string kUsEar = SourcePath("rules/us-ear");
const std::string kCompany = SourcePath("examples/company-pack");

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The index of the first line containing `what`, or -1.
int LineOf(const std::vector<std::string>& lines, const std::string& what) {
  for (size_t i = 0; i < lines.size(); ++i)
    if (lines[i].find(what) != std::string::npos) return static_cast<int>(i);
  return -1;
}

// A one-line manifest to SG-headquartered-in-CN parties (as inline-specs.yaml's) with `extra`
// shipment fields and the item `specs`.
std::string Manifest(const TempDir& dir, const std::string& name, const std::string& shipment,
                     const std::string& specs) {
  return dir.Write(name,
                   "shipment:\n"
                   "  id: SO-T\n" +
                       shipment +
                       "lines:\n"
                       "  - part: P-1\n"
                       "    quantity: 2\n"
                       "    specs: {" +
                       specs + "}\n");
}

// Runs chipgate with text as wide as it gets (COLUMNS=1000), so a test can look for a whole
// sentence; ExplainWrapsToTheWidthAsked checks the wrapping itself.
RunResult Wide(const std::vector<std::string>& args) {
  RunOptions o;
  o.env = {{"COLUMNS", "1000"}};
  return RunChipgateWith(args, o);
}

}  // namespace

TEST_CASE("ExplainLeadsWithTheDecisionAndTheRuleThatDecidedIt", "[cli][explain]") {
  RunResult r = Wide({"explain", kInline, "--rules", kExamples, "--line", "2"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);  // may ship under NAC
  auto lines = Lines(r.out);
  REQUIRE(lines.size() > 4);
  CHECK(lines[0] ==
        "line 2: part GAMING-GPU -> license_exception: may ship under License Exception NAC");
  CHECK(lines[1] == "decided by:");
  // The deciding rule and its citation, then its facts, within the first lines.
  CHECK(lines[2].rfind("  rule d5-headquartered: license required", 0) == 0);
  int facts = LineOf(lines, "    facts: ");
  CHECK(facts >= 3);
  CHECK(facts <= 4);
  std::string rule_text;
  for (int i = 2; i < facts; ++i) rule_text += lines[i] + " ";
  CHECK_THAT(rule_text, Catch::Contains("[15 CFR 744.23(a)(3)]"));
  CHECK_THAT(r.out, Catch::Contains("end_user.headquarters = CN (manifest)"));
  CHECK_THAT(r.out, Catch::Contains("covered by License Exception NAC"));
  // The class the item meets is its classification, never a decision of the line.
  CHECK_THAT(r.out, Catch::Contains("classification on 2024-06-01: 3A090.a, 3A090.a.1"));
  CHECK_THAT(r.out, !Catch::Contains("(no_license_required)"));
  // No trace without --trace; it says how to get it.
  CHECK_THAT(r.out, !Catch::Contains("rule d5-advanced-computing: false"));
  CHECK_THAT(r.out, Catch::Contains("--trace"));
}

TEST_CASE("ExplainTraceStillGivesTheFullTrace", "[cli][explain]") {
  RunResult r = Wide({"explain", kInline, "--rules", kExamples, "--line", "2", "--trace"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  for (const char* entry :
       {"class 3A090.a.1: true", "tpp=5285", "rule d5-advanced-computing: false",
        "rule d5-headquartered: true", "exception NAC: true", "trace:"}) {
    CHECK_THAT(r.out, Catch::Contains(entry));
  }
  // The explanation still comes first.
  CHECK(r.out.rfind("line 2: part GAMING-GPU -> license_exception", 0) == 0);
  // check --explain takes --trace too, and refuses it alone.
  RunResult all =
      Wide({"check", kInline, "--rules", kExamples, "--explain", "--trace", "--no-audit"});
  CHECK_THAT(all.out, Catch::Contains("rule d5-headquartered: true"));
  RunResult alone = Wide({"check", kInline, "--rules", kExamples, "--trace", "--no-audit"});
  CHECK(alone.exit_code == 2);
  CHECK_THAT(alone.err, Catch::Contains("--trace"));
}

// The old trace printed a name or free string that no rule literal has as `'?'`: every string
// fact must print its real value, in the trace and in the explanation.
TEST_CASE("ExplainShowsEveryStringFactWithItsRealValue", "[cli][explain]") {
  TempDir dir;
  // The company pack's holds read consignee.name and end_user.name; us-ear's producer rule reads
  // the free-string attribute `producer`; the supercomputer rules read end_use.
  std::string m = Manifest(dir, "m.yaml",
                           "  date: 2025-06-01\n"
                           "  end_use: Supercomputing\n"
                           "  consignee: {name: \"Lotus Compute Sdn Bhd\", country: MY, "
                           "headquarters: MY}\n",
                           "type: ic, tpp: 5285, die_area_mm2: 609, datacenter: false, "
                           "producer: \"Acme Semi\"");
  RunOptions wide;  // one value on one line
  wide.env = {{"COLUMNS", "1000"}};
  RunResult r = RunChipgateWith(
      {"explain", m, "--rules", kUsEar, "--rules", kCompany, "--line", "1", "--trace"}, wide);
  INFO(r.out << r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  CHECK_THAT(r.out, Catch::Contains("consignee.name='Lotus Compute Sdn Bhd'"));
  CHECK_THAT(r.out, Catch::Contains("end_user.name='Lotus Compute Sdn Bhd'"));
  CHECK_THAT(r.out, Catch::Contains("producer='Acme Semi'"));
  CHECK_THAT(r.out, Catch::Contains("end_use='supercomputer'"));
  CHECK_THAT(r.out, !Catch::Contains("'?'"));
  // To CN the supercomputer rule decides, and the explanation shows the end use as stated.
  std::string cn = Manifest(dir, "cn.yaml",
                            "  date: 2024-06-01\n"
                            "  end_use: Supercomputing\n"
                            "  consignee: {name: \"Lotus Compute\", country: CN, headquarters: "
                            "CN}\n",
                            "type: other");
  RunResult c = Wide({"explain", cn, "--rules", kUsEar, "--line", "1"});
  INFO(c.out << c.err);
  CHECK(c.exit_code == 1);
  CHECK_THAT(c.out, Catch::Contains("rule eu-supercomputer: license required"));
  CHECK_THAT(c.out, Catch::Contains("end_use = Supercomputing (manifest)"));
  CHECK_THAT(c.out, Catch::Contains("destination = CN (manifest)"));
}

TEST_CASE("ExplainSaysWhereEachFactCameFrom", "[cli][explain]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  // Line 5: the database's specs, and the manifest's own `datacenter: true`.
  RunResult r = Wide({"explain", kMixed, "--db", db, "--rules", kUsEar, "--line", "5"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.rfind("line 5: part NV-RTX6000ADA-48G -> license_required: held", 0) == 0);
  CHECK_THAT(r.out, Catch::Contains("datacenter = true (manifest)"));
  size_t tpp = r.out.find("tpp = ");
  REQUIRE(tpp != std::string::npos);
  CHECK(r.out.substr(tpp, r.out.find(')', tpp) - tpp + 1).find("(database)") != std::string::npos);
  CHECK_THAT(r.out, Catch::Contains("destination = AE (manifest)"));
  // A held line never labels a reason no_license_required.
  CHECK_THAT(r.out, !Catch::Contains("(no_license_required)"));

  // A fact the pack computes (a derived attribute) says so, with its formula; a date from
  // --date says it came from the command line.
  std::string m =
      Manifest(dir, "pd.yaml", "  consignee: {name: Lab, country: SG, headquarters: CN}\n",
               "type: ic, tpp: 2400, die_area_mm2: 300, datacenter: true");
  RunResult pd = Wide({"explain", m, "--rules", kUsEar, "--line", "1", "--date", "2024-06-01"});
  INFO(pd.out << pd.err);
  CHECK_THAT(pd.out, Catch::Contains("pd = 8 (pack: tpp / die_area_mm2)"));
  // The JSON carries the same sources.
  RunResult j = RunChipgate(
      {"explain", m, "--rules", kUsEar, "--line", "1", "--date", "2024-06-01", "--format", "json"});
  auto doc = nlohmann::json::parse(j.out);
  bool pack_fact = false;
  for (const auto& d : doc["lines"][0]["explanation"]["decided_by"])
    for (const auto& f : d["facts"])
      pack_fact |=
          f["name"] == "pd" && f["source"] == "pack" && f["formula"] == "tpp / die_area_mm2";
  CHECK(pack_fact);
  CHECK(MatchesSchema("explain", j.out));

  // The customer master fills the end user's headquarters (database); the date defaults to
  // today when neither the manifest nor --date gives one (default).
  std::string named = dir.Write("named.yaml",
                                "shipment:\n"
                                "  consignee: {id: C-1011}\n"
                                "lines:\n"
                                "  - part: P-1\n"
                                "    specs: {type: ic, tpp: 5285, die_area_mm2: 609, "
                                "datacenter: false}\n");
  RunResult filled = Wide({"explain", named, "--db", db, "--rules", kUsEar, "--line", "1", "--date",
                           "2025-03-01", "--format", "json"});
  INFO(filled.out << filled.err);
  auto fj = nlohmann::json::parse(filled.out);
  bool from_db = false;
  for (const auto& d : fj["lines"][0]["explanation"]["decided_by"])
    for (const auto& f : d["facts"])
      from_db |=
          f["source"] == "database" && f["name"].get<std::string>().rfind("end_user.", 0) == 0;
  CHECK(from_db);
}

TEST_CASE("ExplainShowsTheClassInEffectAndSaysWhichIsNot", "[cli][explain]") {
  RunResult r = Wide({"explain", kInline, "--rules", kUsEar, "--line", "1"});
  INFO(r.out << r.err);
  CHECK_THAT(r.out, Catch::Contains("classification on 2024-06-01: 3A090.a, 3A090.a.1"));
  // The class not in effect is told apart from the paragraph listed by its title and by the
  // classes the paragraph is met through on the date.
  CHECK_THAT(r.out,
             Catch::Contains("3A090.a: (IC with I/O transfer rate of 600 GB/s or more and bit "
                             "length x TOPS of 4800 or more (2022 text)) no longer in effect: it "
                             "applied from 2022-10-07 until 2023-11-17; not applied; the "
                             "paragraph is met on this date through 3A090.a.1, 3A090.a.2"));
  RunResult j = Wide({"explain", kInline, "--rules", kUsEar, "--line", "1", "--format", "json"});
  auto doc = nlohmann::json::parse(j.out);
  const auto& inactive = doc["lines"][0]["explanation"]["inactive_classes"];
  REQUIRE(inactive.size() == 1);
  CHECK(inactive[0]["id"] == "3A090.a");
  CHECK(inactive[0]["instead"] == nlohmann::json::array({"3A090.a.1", "3A090.a.2"}));
  RunResult t = Wide({"explain", kInline, "--rules", kUsEar, "--line", "1", "--trace"});
  CHECK_THAT(t.out, Catch::Contains("class 3A090.a: not in effect — no longer in effect"));
}

// Every counterfactual the JSON reports, applied to the manifest (or as --date), really gives
// the decision it says; and there is at least one.
TEST_CASE("ExplainWouldChangeLinesReallyChangeTheDecision", "[cli][explain]") {
  TempDir dir;
  std::string text = ReadFile(kInline);
  std::string m = dir.Write("m.yaml", text);
  RunResult r = Wide({"explain", m, "--rules", kExamples, "--line", "1", "--format", "json"});
  INFO(r.out << r.err);
  auto doc = nlohmann::json::parse(r.out);
  const auto& line = doc["lines"][0];
  REQUIRE(line["decision"] == "license_required");
  const auto& changes = line["explanation"]["would_change"];
  REQUIRE(!changes.empty());
  int applied = 0;
  for (const auto& c : changes) {
    INFO(c.dump());
    bool changes_answer = c["decision"] != line["decision"] || c["kind"] == "license";
    CHECK(changes_answer);
    if (c["kind"] == "fact" && c["fact"] == "end_user.headquarters") {
      std::string edited = text;
      // Both parties are headquartered in CN in this manifest; only the end user's changes.
      size_t at = edited.find(
          "end_user:  {name: \"Example Cloud Pte Ltd\", country: SG, "
          "headquarters: CN}");
      REQUIRE(at != std::string::npos);
      edited.replace(edited.find("headquarters: CN", at), 16,
                     "headquarters: " + c["value"].get<std::string>());
      std::string path = dir.Write("edited.yaml", edited);
      auto again = nlohmann::json::parse(
          Wide({"explain", path, "--rules", kExamples, "--line", "1", "--format", "json"}).out);
      CHECK(again["lines"][0]["decision"] == c["decision"]);
      ++applied;
    } else if (c["kind"] == "date") {
      auto again =
          nlohmann::json::parse(Wide({"explain", m, "--rules", kExamples, "--line", "1", "--format",
                                      "json", "--date", c["date"].get<std::string>()})
                                    .out);
      CHECK(again["lines"][0]["decision"] == c["decision"]);
      ++applied;
    }
  }
  CHECK(applied > 0);
  // The text says the same, in one sentence each.
  RunResult t = Wide({"explain", m, "--rules", kExamples, "--line", "1"});
  CHECK_THAT(t.out, Catch::Contains("would change the answer:"));
  CHECK_THAT(t.out, Catch::Contains("  - if end_user.headquarters were SG instead of CN: "));
  CHECK_THAT(t.out, Catch::Contains("  - with a license for 3A090.a to SG, the line may ship"));
}

TEST_CASE("ExplainWrapsToTheWidthAsked", "[cli][explain]") {
  for (int width : {60, 100}) {
    RunOptions o;
    o.env = {{"COLUMNS", std::to_string(width)}};
    RunResult r =
        RunChipgateWith({"explain", kInline, "--rules", kUsEar, "--line", "1", "--trace"}, o);
    INFO(r.out << r.err);
    size_t longest = 0;
    for (const auto& l : Lines(r.out)) {
      // Count code points (the trace's dash is one column in three bytes).
      size_t cols = 0;
      for (char ch : l) cols += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
      // A single word longer than the width stays whole; no such word is in this output.
      CHECK(cols <= static_cast<size_t>(width));
      longest = std::max(longest, cols);
    }
    CHECK(longest > static_cast<size_t>(width) - 15);  // it does use the width
  }
}

}  // namespace chipgate::testing
