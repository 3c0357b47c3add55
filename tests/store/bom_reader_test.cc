// Bills of materials read from the database (BomReader through Store): a graph of shared
// sub-assemblies is read as a DAG (each part once), cycles and over-deep bills are marked on the
// item instead of failing or recursing, and `bom_complete` says that a part contains nothing.
#include <sqlite3.h>
#include <catch2/catch.hpp>
#include <map>
#include <unordered_set>
#include <utility>

#include "chipgate/store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

Store Open(const std::string& path) {
  auto s = Store::Open(path, StoreOptions{.create = true});
  INFO(s.status().message());
  REQUIRE(s.ok());
  return std::move(s.value());
}

// SRV contains X0 and Y0; Xi and Yi both contain X(i+1) and Y(i+1); X22 and Y22 are H100s. 90
// rows, 2^23 paths from SRV to an H100.
void DiamondChain(const TempDir& dir, Store& store, int levels = 22) {
  std::string parts = "part_number,type,tpp,die_area_mm2,datacenter\nSRV,computer,,,true\n";
  std::string comps = "parent,child,quantity\nSRV,X0,1\nSRV,Y0,1\n";
  for (int i = 0; i <= levels; ++i) {
    std::string x = "X" + std::to_string(i), y = "Y" + std::to_string(i);
    bool last = i == levels;
    parts += x + (last ? ",ic,15832,814,true\n" : ",other,,,\n") + y +
             (last ? ",ic,15832,814,true\n" : ",other,,,\n");
    if (last) continue;
    std::string nx = "X" + std::to_string(i + 1), ny = "Y" + std::to_string(i + 1);
    comps += x + "," + nx + ",2\n" + x + "," + ny + ",2\n" + y + "," + nx + ",2\n" + y + "," + ny +
             ",2\n";
  }
  auto diags =
      store.Import({dir.Write("parts.csv", parts), dir.Write("components.csv", comps), "", ""});
  INFO(RenderDiagnostics(diags));
  REQUIRE(diags.empty());
}

size_t DistinctItems(const ItemFacts& item, std::unordered_set<const ItemFacts*>& seen) {
  if (!seen.insert(&item).second) return 0;
  size_t n = 1;
  for (const auto& c : item.components) n += DistinctItems(c, seen);
  return n;
}

}  // namespace

TEST_CASE("SharedSubAssembliesAreReadOnceAsADag", "[store][bom][backend]") {
  TempDir dir;
  Store store = Open(TestDatabase(dir, "d.db"));
  DiamondChain(dir, store);
  // 2^23 paths: read as a DAG, the work is the distinct items counted below (bench/shape_bench.cc
  // times it).
  auto srv = store.LookupPart("SRV");
  REQUIRE(srv.ok());
  REQUIRE(srv.value().has_value());
  const ItemFacts& item = *srv.value();
  CHECK(item.contents == ContentsState::kListed);
  REQUIRE(item.components.size() == 2);
  // X1 under X0 and X1 under Y0 are one object.
  CHECK(&item.components[0].components[0] == &item.components[1].components[0]);
  // Every assembly once; a leaf part is not kept between reads (it costs one row), so it is read
  // once per distinct assembly that contains it: the two at the bottom level each read the leaf.
  std::unordered_set<const ItemFacts*> seen;
  CHECK(DistinctItems(item, seen) == 1 + 2 * 23 + 2);
}

TEST_CASE("CompleteAllOfADiamondChainReadsEachAssemblyOnce", "[store][bom][backend]") {
  TempDir dir;
  Store store = Open(TestDatabase(dir, "d.db"));
  DiamondChain(dir, store);
  ItemFacts a, b;
  a.part = b.part = "SRV";
  std::vector<ItemFacts*> lines = {&a, &b};
  REQUIRE(store.CompleteAll(lines).ok());
  std::unordered_set<const ItemFacts*> seen;
  CHECK(DistinctItems(a, seen) == 1 + 2 * 23 + 2);  // read as a DAG, not path by path
  CHECK(a.components.size() == 2);
  CHECK(&std::as_const(a).components[0] ==
        &std::as_const(b).components[0]);  // one reader for the manifest
}

TEST_CASE("ABillOfMaterialsDeeperThanTheBoundIsMarkedTooLarge", "[store][bom][backend]") {
  TempDir dir;
  Store store = Open(TestDatabase(dir, "d.db"));
  std::string parts = "part_number,type\n", comps = "parent,child,quantity\n";
  for (int i = 0; i <= 40; ++i) parts += "C" + std::to_string(i) + ",other\n";
  for (int i = 0; i < 40; ++i)
    comps += "C" + std::to_string(i) + ",C" + std::to_string(i + 1) + ",1\n";
  REQUIRE(store.Import({dir.Write("p.csv", parts), dir.Write("c.csv", comps), "", ""}).empty());
  auto top = store.LookupPart("C0");
  REQUIRE(top.ok());
  REQUIRE(top.value().has_value());
  const ItemFacts* p = &*top.value();
  bool too_large = false;
  for (int depth = 0; p && depth <= 40; ++depth) {
    too_large |= p->contents == ContentsState::kTooLarge;
    p = p->components.empty() ? nullptr : &p->components[0];
  }
  CHECK(too_large);
}

TEST_CASE("AStoredCycleIsMarkedOnTheItemNotAnError", "[store][bom][backend]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "c.db");
  { Store store = Open(path); }
  // Written past the importer (which refuses cycles), as a damaged or hand-edited database.
  RawExec(path,
          "INSERT INTO parts (part_number, type) VALUES ('A', 'computer'), ('B', 'other'), ('C', "
          "'other');"
          "INSERT INTO part_components VALUES ('A', 'B', 1), ('B', 'C', 1), ('C', 'A', 1);");
  Store store = Open(path);
  auto a = store.LookupPart("A");
  REQUIRE(a.ok());
  REQUIRE(a.value().has_value());
  const ItemFacts& c = a.value()->components.at(0).components.at(0);
  CHECK(c.part == "C");
  CHECK(c.contents == ContentsState::kCyclic);
  CHECK(c.bom_cycle == std::vector<std::string>{"A", "B", "C"});
  auto b = store.LookupPart("B");  // every part on the cycle names the same cycle
  REQUIRE(b.ok());
  CHECK(b.value()->components.at(0).components.at(0).bom_cycle ==
        std::vector<std::string>{"A", "B", "C"});
}

TEST_CASE("ImportRefusesCyclesOfAnyLength", "[store][bom][backend]") {
  TempDir dir;
  Store store = Open(TestDatabase(dir, "i.db"));
  REQUIRE(store.Import({dir.Write("p.csv", "part_number\nA\nB\nC\nD\n"), "", "", ""}).empty());
  std::string comps =
      dir.Write("components.csv", "parent,child,quantity\nA,B,1\nB,C,1\nD,A,1\nC,A,2\n");
  auto diags = store.Import({"", comps, "", ""});
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "E606");
  CHECK(diags[0].loc.file == comps);
  CHECK(diags[0].loc.line == 5);  // the row that closes the cycle
  CHECK(diags[0].message == "bill-of-materials cycle: `A` contains `B` contains `C` contains `A`");
  // Nothing was written.
  auto a = store.LookupPart("A");
  REQUIRE(a.ok());
  CHECK(a.value()->components.empty());
  // A cycle closed against rows already stored is refused too.
  REQUIRE(
      store.Import({"", dir.Write("c1.csv", "parent,child,quantity\nA,B,1\n"), "", ""}).empty());
  auto again = store.Import({"", dir.Write("c2.csv", "parent,child,quantity\nB,A,1\n"), "", ""});
  REQUIRE(again.size() == 1);
  CHECK(again[0].code == "E606");
  CHECK(again[0].loc.line == 2);
}

TEST_CASE("BomCompleteSaysAPartContainsNothing", "[store][bom][backend]") {
  TempDir dir;
  Store store = Open(TestDatabase(dir, "b.db"));
  auto diags = store.Import(
      {dir.Write("p.csv",
                 "part_number,type,bom_complete\nEMPTY,computer,true\nUNSAID,computer,\n"
                 "SAID-NO,computer,false\nWITH,computer,\nGPU,ic,\n"),
       dir.Write("c.csv", "parent,child,quantity\nWITH,GPU,1\n"), "", ""});
  INFO(RenderDiagnostics(diags));
  REQUIRE(diags.empty());
  auto state = [&](const char* part) { return store.LookupPart(part).value()->contents; };
  CHECK(state("EMPTY") == ContentsState::kListed);
  CHECK(state("UNSAID") == ContentsState::kNotGiven);
  CHECK(state("SAID-NO") == ContentsState::kNotGiven);
  CHECK(state("WITH") == ContentsState::kListed);  // component rows are the bill of materials
  // The streamed audit read agrees.
  std::map<std::string, ContentsState> streamed;
  REQUIRE(store
              .ForEachPartWithData(
                  [&](const std::string& p, const std::string&, const ItemFacts& item) {
                    streamed[p] = item.contents;
                    return true;
                  })
              .ok());
  CHECK(streamed["EMPTY"] == ContentsState::kListed);
  CHECK(streamed["UNSAID"] == ContentsState::kNotGiven);
  auto bad = store.Import({dir.Write("p2.csv", "part_number,bom_complete\nX,yes\n"), "", "", ""});
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].message == "column `bom_complete`: `yes` must be true or false");
}

}  // namespace chipgate::testing
