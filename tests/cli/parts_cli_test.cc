// `chipgate parts list|show` through the binary on the sample database and the us-ear pack: a
// known part's computed class and declared ECCN, a server's bill of materials, a part's recorded
// shipments, the list's filters, the JSON documents against their schemas, and the not-found
// error with its exit code and suggestions.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kUsEar = SourcePath("rules/us-ear");

// `parts ARGS --db DB --rules us-ear --date 2024-06-01`, the date fixing the rules in force.
RunResult Parts(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), "parts");
  for (const char* a : {"--db", "", "--rules", "", "--date", "2024-06-01"}) args.push_back(a);
  args[args.size() - 5] = db;
  args[args.size() - 3] = kUsEar;
  return RunChipgate(args);
}

// The part numbers of a `parts list --format json` document.
std::set<std::string> Listed(const RunResult& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::set<std::string> out;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  for (const auto& p : doc["parts"]) out.insert(p["part"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("PartsShowGivesTheComputedClassAndTheDeclaredEccn", "[cli][parts]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult r = Parts(db, {"show", "NV-H100-SXM5-80G"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.starts_with("part NV-H100-SXM5-80G\n"));
  CHECK(r.out.find("  class on 2024-06-01: 3A090.a (3A090.a, 3A090.a.1, 3A090.a.2) under us-ear") !=
        std::string::npos);
  CHECK(r.out.find("  declared ECCN: 3A090.a: agrees\n") != std::string::npos);
  // Stored attributes, each from the database, and the parts containing it.
  CHECK(r.out.find("    tpp: 15832\n") != std::string::npos);
  CHECK(r.out.find("  contained in:\n    DELL-XE9680-H100 (8)\n    NV-DGX-H100 (8)\n") !=
        std::string::npos);
  // Its recorded shipments, oldest first, with the license recorded on a line.
  CHECK(r.out.find("    2023-08-30 SO-23-0206 line 1: 8 to ") != std::string::npos);
  CHECK(r.out.find("    2024-02-12 SO-24-0302 line 1: 64 to ") != std::string::npos);
}

TEST_CASE("PartsShowListsTheBillOfMaterialsOfAServer", "[cli][parts]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult r = Parts(db, {"show", "NV-DGX-H100"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("  class on 2024-06-01: 4A090.a") != std::string::npos);
  CHECK(r.out.find("    2 x INTC-XEON-8480C (unclassifiable)\n"
                   "    8 x NIC-CX7-400G (uncontrolled)\n"
                   "    8 x NV-H100-SXM5-80G (3A090.a)\n") != std::string::npos);
  CHECK(r.out.find("  contained in: no part\n") != std::string::npos);
  const nlohmann::json doc =
      nlohmann::json::parse(Parts(db, {"show", "NV-DGX-H100", "--format", "json"}).out);
  CHECK(doc["part"]["contents"].size() == 3);
  CHECK(doc["part"]["contents"][2]["part"] == "NV-H100-SXM5-80G");
  CHECK(doc["part"]["contents"][2]["quantity"] == 8);
}

TEST_CASE("PartsShowJsonHasTheShipmentsOfThePart", "[cli][parts]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult r = Parts(db, {"show", "PSU-2000W-TI", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(MatchesSchema("part-show", r.out));
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  CHECK(doc["schema"] == "chipgate.part-show/v1");
  REQUIRE(!doc["part"]["shipments"].empty());
  const auto& first = doc["part"]["shipments"][0];
  CHECK(first["shipment"] == "SO-22-0102");
  CHECK(first["date"] == "2022-09-05");
  CHECK(first["destination"] == "CN");
  CHECK(first["quantity"] == 100);
  CHECK(first["license"] == "D0456789");
  CHECK(first["end_user"] == "HUAWEI TECHNOLOGIES CO LTD");
}

TEST_CASE("PartsShowGivesTheDecisionShipRecordedForALine", "[cli][parts]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  // SO-2025-0301 ships the DGX H100 line under license D6789012 (examples/manifests).
  RunResult shipped = RunChipgate({"ship", SourcePath("examples/manifests/order-cloud-sg.yaml"),
                                   "--db", db, "--rules", kUsEar});
  INFO(shipped.err);
  REQUIRE(shipped.exit_code == 0);
  RunResult r = Parts(db, {"show", "NV-DGX-H100", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  CHECK(MatchesSchema("part-show", r.out));
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& s : doc["part"]["shipments"]) {
    if (s["shipment"] == "SO-2025-0301") {
      found = true;
      CHECK(s["license"] == "D6789012");
      CHECK(s["decision"] == "license_required");
    } else {
      CHECK(s["decision"].is_null());  // imported from CSV, never decided by chipgate
    }
  }
  CHECK(found);
  // The text view wraps lines: read it as one line of words.
  RunResult text = Parts(db, {"show", "NV-DGX-H100"});
  std::string words;
  for (char c : text.out) {
    if ((c == ' ' || c == '\n') && (words.empty() || words.back() == ' ')) continue;
    words += c == '\n' ? ' ' : c;
  }
  CHECK(words.find("under D6789012; shipped with chipgate, decided license_required") !=
        std::string::npos);
}

TEST_CASE("PartsListFiltersNarrowTheList", "[cli][parts]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::set<std::string> all = Listed(Parts(db, {"list", "--format", "json"}));
  CHECK(all.size() == 57);  // every row of db/sample/parts.csv
  // Computed class: every listed part meets it, and a part known to meet it is there.
  std::set<std::string> a = Listed(Parts(db, {"list", "--class", "3A090.a", "--format", "json"}));
  CHECK(a.count("NV-H100-SXM5-80G") == 1);
  CHECK(a.count("NV-DGX-H100") == 0);  // 4A090.a, not 3A090.a
  CHECK(a.size() < all.size());
  // Declared ECCN in any spelling: `ECCN 3A090.a` and `3a090a` are 3A090.a.
  std::set<std::string> d =
      Listed(Parts(db, {"list", "--declared", "3a090.a", "--format", "json"}));
  CHECK(d.count("NV-H200-SXM-141G") == 1);  // declared `ECCN 3A090.a`
  CHECK(d.count("NV-A800-PCIE-80G") == 1);  // declared `3a090a`
  CHECK(d.count("NV-L4-24G") == 0);         // EAR99
  // Text in the number or the description, any case.
  std::set<std::string> m = Listed(Parts(db, {"list", "--match", "nv-dgx", "--format", "json"}));
  CHECK(m == std::set<std::string>{"NV-DGX-A100-640G", "NV-DGX-B200", "NV-DGX-H100"});
  // Mismatches: every one is differs or over_declared.
  RunResult mm = Parts(db, {"list", "--mismatch", "--format", "json"});
  REQUIRE(mm.exit_code == 0);
  const nlohmann::json doc = nlohmann::json::parse(mm.out);
  REQUIRE(!doc["parts"].empty());
  for (const auto& p : doc["parts"])
    CHECK((p["declared_check"] == "differs" || p["declared_check"] == "over_declared"));
  CHECK(doc["parts"].size() < all.size());
  CHECK(MatchesSchema("part-list", mm.out));
  // Two filters together narrow further: both must hold.
  std::set<std::string> both =
      Listed(Parts(db, {"list", "--match", "H100", "--class", "4A090.a", "--format", "json"}));
  CHECK(both == std::set<std::string>{"DELL-XE9680-H100", "NV-DGX-H100"});
}

TEST_CASE("PartsListCsvHasAHeaderAndOneRowPerPart", "[cli][parts]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult r = Parts(db, {"list", "--match", "NV-DGX", "--format", "csv"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.starts_with("part,description,declared_eccn,computed,classes,declared_check\n"));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 4);
  CHECK(r.out.find("\nNV-DGX-H100,") != std::string::npos);
}

TEST_CASE("PartsListTextIsAWrappedTable", "[cli][parts]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult r = Parts(db, {"list"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.starts_with("57 of 57 parts; classes on 2024-06-01 under us-ear "));
  // Not a terminal: no line is wider than 100 columns.
  size_t start = 0;
  for (size_t nl = r.out.find('\n'); nl != std::string::npos; nl = r.out.find('\n', start)) {
    CHECK(nl - start <= 100);
    start = nl + 1;
  }
}

TEST_CASE("PartsShowOfAnUnknownPartNamesItAndSuggests", "[cli][parts]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult r = Parts(db, {"show", "NV-H100-SXM5-80"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("chipgate parts: no part `NV-H100-SXM5-80` is stored; did you mean "
                   "`NV-H100-SXM5-80G`") != std::string::npos);
  RunResult none = Parts(db, {"show", "ZZZZZZZZZZZZ"});
  CHECK(none.exit_code == 2);
  CHECK(none.err == "chipgate parts: no part `ZZZZZZZZZZZZ` is stored\n");
}

TEST_CASE("PartsRefusesBadUsage", "[cli][parts]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  CHECK(Parts(db, {"show", "NV-DGX-H100", "--format", "csv"}).exit_code == 2);
  CHECK(Parts(db, {"show", "NV-DGX-H100", "--mismatch"}).exit_code == 2);
  CHECK(Parts(db, {"frobnicate"}).exit_code == 2);
  CHECK(RunChipgate({"parts", "list"}).exit_code == 2);  // no --db
  CHECK(RunChipgate({"parts", "list", "--db", dir.path() + "/missing.db"}).exit_code == 2);
  RunResult bad_date = RunChipgate({"parts", "list", "--db", db, "--date", "2024-13-01"});
  CHECK(bad_date.exit_code == 2);
  CHECK(bad_date.err.find("--date `2024-13-01` is not a date") != std::string::npos);
}

}  // namespace chipgate::testing
