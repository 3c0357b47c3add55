// Bills of materials in `chipgate check --db` and `chipgate audit`, through the CLI on databases
// built by the importer (or, for a cycle the importer refuses, written with SQLite directly): a
// graph of shared sub-assemblies is decided fast, a cycle is one finding and the audit goes on,
// a computer with unknown contents is unclassifiable, and a container its contents contradict
// is reported.
#include <sqlite3.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

std::string NewDb(const TempDir& dir, const std::string& parts, const std::string& comps = "") {
  std::string db = dir.path() + "/inv.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  std::vector<std::string> args = {"db", "import", db, "--parts", dir.Write("parts.csv", parts)};
  if (!comps.empty()) args.insert(args.end(), {"--components", dir.Write("components.csv", comps)});
  RunResult r = RunChipgate(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return db;
}

nlohmann::json Check(const TempDir& dir, const std::string& db, const std::string& part,
                     const char* country, int want_exit) {
  std::string m = dir.Write(
      "m.yaml", std::string("shipment: {id: T, date: 2025-06-01, consignee: {name: X, country: ") +
                    country + ", headquarters: " + country + "}}\nlines: [{part: " + part + "}]\n");
  RunResult r = RunChipgate({"check", m, "--db", db, "--format", "json", "--no-audit", "--rules",
                             SourcePath("rules/us-ear")});
  INFO(r.err);
  REQUIRE(r.exit_code == want_exit);
  return nlohmann::json::parse(r.out);
}

nlohmann::json Audit(const std::string& db) {
  RunResult r = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--format",
                             "json", "--date", "2025-06-01", "--no-record"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  return nlohmann::json::parse(r.out);
}

std::multiset<std::string> Kinds(const nlohmann::json& j) {
  std::multiset<std::string> out;
  for (const auto& f : j["findings"])
    out.insert(f["kind"].get<std::string>() + " " + f["part"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("ADiamondChainBillOfMaterialsIsCheckedAndAuditedFast", "[auditor][bom]") {
  TempDir dir;
  // SRV contains X0 and Y0; Xi and Yi both contain X(i+1) and Y(i+1): 2^23 paths to the H100s.
  std::string parts =
      "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\nSRV,4A090.a,computer,,,true\n";
  std::string comps = "parent,child,quantity\nSRV,X0,1\nSRV,Y0,1\n";
  for (int i = 0; i <= 22; ++i) {
    std::string x = "X" + std::to_string(i), y = "Y" + std::to_string(i);
    const char* data = i == 22 ? ",3A090.a,ic,15832,814,true\n" : ",4A090.a,other,,,\n";
    parts += x + data + y + data;
    if (i == 22) continue;
    std::string nx = "X" + std::to_string(i + 1), ny = "Y" + std::to_string(i + 1);
    comps += x + "," + nx + ",2\n" + x + "," + ny + ",2\n" + y + "," + nx + ",2\n" + y + "," + ny +
             ",2\n";
  }
  std::string db = NewDb(dir, parts, comps);
  // No time is measured here (bench/shape_bench.cc does): that each shared sub-assembly is read
  // and decided once is pinned structurally by SharedSubAssembliesAreReadOnceAsADag and
  // ASharedComponentGraphIsDecidedInLinearTime; here the whole path must give the right answers.
  nlohmann::json j = Check(dir, db, "SRV", "CN", 1);
  CHECK(j["lines"][0]["decision"] == "license_required");
  CHECK(j["lines"][0]["classes"] == nlohmann::json::array({"4A090.a"}));
  RunResult a = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                             "2025-06-01", "--no-record"});
  INFO(a.err);
  CHECK(a.exit_code == 0);  // every part is declared as it classifies
}

TEST_CASE("AStoredCycleIsOneAuditFindingAndTheAuditGoesOn", "[auditor][bom]") {
  TempDir dir;
  std::string db = NewDb(dir,
                         "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\n"
                         "A,4A090.a,computer,,,true\nB,EAR99,other,,,\nC,EAR99,other,,,\n"
                         "TOP,4A090.a,computer,,,true\nL4,EAR99,ic,1940,294.5,true\n");
  RawExec(db,
          "INSERT INTO part_components VALUES ('A', 'B', 1), ('B', 'C', 1), ('C', 'A', 1), ('TOP', "
          "'A', 2);");
  nlohmann::json j = Audit(db);
  CHECK(Kinds(j) ==
        std::multiset<std::string>{"bom_cycle A", "unclassifiable TOP", "misclassified L4"});
  for (const auto& f : j["findings"]) {
    if (f["kind"] == "bom_cycle") {
      CHECK(f["summary"].get<std::string>().find("`A` contains `B` contains `C` contains `A`") !=
            std::string::npos);
    }
    if (f["part"] == "TOP")
      CHECK(f["summary"].get<std::string>().find("cyclic") != std::string::npos);
  }
  CHECK(j["parts"] == 5);
  for (const char* part : {"A", "B", "TOP"}) {
    INFO(part);
    nlohmann::json c = Check(dir, db, part, "DE", 1);
    CHECK(c["lines"][0]["decision"] == "review");
    CHECK(c.dump().find("is cyclic") != std::string::npos);
  }
}

TEST_CASE("AComputerWithUnknownContentsIsUnclassifiable", "[auditor][bom]") {
  TempDir dir;
  std::string db = NewDb(dir,
                         "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter,bom_complete\n"
                         "BARE,EAR99,computer,,,true,\nEMPTY,EAR99,computer,,,true,true\n");
  nlohmann::json j = Audit(db);
  CHECK(Kinds(j) == std::multiset<std::string>{"unclassifiable BARE"});
  CHECK(j["findings"][0]["summary"].get<std::string>().find(
            "the bill of materials of part `BARE` is not known") != std::string::npos);
  CHECK(Check(dir, db, "BARE", "CN", 1)["lines"][0]["decision"] == "review");
  CHECK(Check(dir, db, "EMPTY", "CN", 0)["lines"][0]["decision"] == "no_license_required");
  // An explicit `components: []` on the line fills the missing bill of materials.
  std::string m = dir.Write(
      "e.yaml",
      "shipment: {id: T, date: 2025-06-01, consignee: {name: X, country: CN, headquarters: CN}}\n"
      "lines: [{part: BARE, components: []}]\n");
  RunResult r = RunChipgate({"check", m, "--db", db, "--format", "json", "--no-audit", "--rules",
                             SourcePath("rules/us-ear")});
  CHECK(r.exit_code == 0);
}

TEST_CASE("ContainersContradictedByTheirContentsAreAuditFindings", "[auditor][bom]") {
  TempDir dir;
  std::string db = NewDb(dir,
                         "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\n"
                         "H100,3A090.a,ic,15832,814,true\nSTACK,3A090.c,memory,,,true\nDESK,4A090."
                         "a,computer,,,false\n",
                         "parent,child,quantity\nSTACK,H100,1\nDESK,H100,1\n");
  nlohmann::json j = Audit(db);
  std::multiset<std::string> kinds = Kinds(j);
  CHECK(kinds.count("part_needs_review STACK") == 1);
  CHECK(kinds.count("part_needs_review DESK") == 1);
  nlohmann::json desk = Check(dir, db, "DESK", "CN", 1);
  CHECK(desk["lines"][0]["decision"] == "license_required");
  CHECK(desk["lines"][0]["exception"].is_null());
  CHECK(Check(dir, db, "STACK", "DE", 1)["lines"][0]["decision"] == "review");
}

}  // namespace chipgate::testing
