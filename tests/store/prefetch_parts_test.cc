// Parts read in one batch (InventoryReader::PrefetchParts, used by Store::CompleteAll): a
// manifest's lines completed with the batch are the same, byte for byte, as each line completed
// by itself (Store::Complete, no batch), with repeated, missing and bill-of-materials parts; on
// SQLite the batch answers the reads (no per-part statement runs for the parts it read) only
// inside the read snapshot it was read in.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chipgate/store.h"
#include "store/bom_reader.h"
#include "store/sqlite/sqlite_backend.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// Everything an item says, its bill of materials included, as text: equal texts are equal items.
void Dump(const ItemFacts& item, std::string& out, int depth = 0) {
  out += std::string(static_cast<size_t>(depth) * 2, ' ') + item.part +
         " q=" + std::to_string(item.quantity) + " specs=" + (item.has_specs ? "1" : "0") +
         " contents=" + ContentsStateName(item.contents) + " note=" + item.note + " cycle=";
  for (const auto& p : item.bom_cycle) out += p + ",";
  out += "\n";
  for (const auto& [name, value] : item.specs) {
    out += std::string(static_cast<size_t>(depth) * 2 + 1, ' ') + name + "=" + value.Text() +
           " src=" + std::to_string(static_cast<int>(value.source)) +
           " num=" + (value.number ? std::to_string(*value.number) : "-") + "\n";
  }
  for (const auto& c : item.components) Dump(c, out, depth + 1);
}

std::string Dump(const ItemFacts& item) {
  std::string out;
  Dump(item, out);
  return out;
}

// Leaves, an assembly of assemblies, a part whose bill of materials is declared complete and
// empty, and (written past the importer) a part number with a quote and a backslash in it.
std::string Inventory(const TempDir& dir, const std::string& db) {
  auto store = Store::Open(db, StoreOptions{.create = true});
  REQUIRE(store.ok());
  std::string parts =
      "part_number,type,tpp,die_area_mm2,datacenter,bom_complete\n"
      "GPU-1,ic,4800,800,true,\nGPU-2,ic,1000,,,\nMEM-1,memory,,,,\nBOARD,other,,,,\n"
      "SRV,computer,,,true,\nEMPTY,other,,,,true\n";
  std::string comps =
      "parent,child,quantity\nBOARD,GPU-1,2\nBOARD,MEM-1,4\nSRV,BOARD,2\nSRV,GPU-2,1\n";
  auto diags = store->Import({dir.Write("p.csv", parts), dir.Write("c.csv", comps), "", ""});
  INFO(RenderDiagnostics(diags));
  REQUIRE(diags.empty());
  RawExec(db,
          "INSERT INTO parts (part_number, type, tpp) VALUES ('Q\"1\\x', 'ic', 5000);"
          "INSERT INTO part_components VALUES ('Q\"1\\x', 'MEM-1', 3);");
  return db;
}

ItemFacts Item(const std::string& part) {
  ItemFacts item;
  item.part = part;
  return item;
}

SpecValue Text(const std::string& text) {
  SpecValue v;
  v.text = text;
  return v;
}

// Manifest lines: repeated parts, a part not stored, one with inline data only, one whose inline
// value overrides the stored one, one listing its own components, and the quoted part.
std::vector<ItemFacts> Lines() {
  std::vector<ItemFacts> lines;
  for (const char* p :
       {"SRV", "GPU-1", "NOPE", "SRV", "BOARD", "GPU-1", "EMPTY", "Q\"1\\x", "MEM-1"})
    lines.push_back(Item(p));
  ItemFacts inline_only = Item("INLINE");
  inline_only.has_specs = true;
  inline_only.specs.push_back({"type", Text("ic")});
  lines.push_back(inline_only);
  ItemFacts overridden = Item("GPU-2");
  overridden.has_specs = true;
  overridden.specs.push_back({"tpp", Text("9000")});
  lines.push_back(overridden);
  ItemFacts listed = Item("SRV");
  listed.components.push_back(Item("GPU-1"));
  listed.components.push_back(Item("NOPE-2"));
  lines.push_back(listed);
  return lines;
}

// Counts the per-part statements ReadPart and ReadComponents run (not the batch's).
struct StatementCount {
  int parts = 0, components = 0;
  static int Trace(unsigned, void* self, void* stmt, void*) {
    std::string sql = sqlite3_sql(static_cast<sqlite3_stmt*>(stmt));
    auto* c = static_cast<StatementCount*>(self);
    if (sql.find("json_each") != std::string::npos) return 0;
    if (sql.find("FROM parts WHERE part_number = ?1") != std::string::npos) ++c->parts;
    if (sql.find("FROM part_components WHERE parent = ?1") != std::string::npos) ++c->components;
    return 0;
  }
};

}  // namespace

TEST_CASE("LinesCompletedInOneBatchAreTheLinesCompletedOneByOne", "[store][bom][backend]") {
  TempDir dir;
  std::string db = Inventory(dir, TestDatabase(dir, "b.db"));
  auto store = Store::Open(db, StoreOptions{.read_only = true});
  REQUIRE(store.ok());
  std::vector<ItemFacts> each = Lines(), batched = Lines();
  for (auto& line : each) {
    auto done = store->Complete(line);
    REQUIRE(done.ok());
    line = std::move(done.value());
  }
  std::vector<ItemFacts*> pointers;
  for (auto& line : batched) pointers.push_back(&line);
  REQUIRE(store->CompleteAll(pointers).ok());
  REQUIRE(each.size() == batched.size());
  for (size_t i = 0; i < each.size(); ++i) {
    INFO("line " << i + 1);
    CHECK(Dump(batched[i]) == Dump(each[i]));
  }
  // The cases the comparison is about are there: a stored bill of materials two levels deep, a
  // missing part, an inline override.
  CHECK(batched[0].components.size() == 2);
  CHECK(batched[0].components[0].components.size() == 2);
  CHECK(batched[2].note == "not found in the inventory database");
  CHECK(Dump(batched[10]).find("tpp=9000") != std::string::npos);
  CHECK(batched[7].components.size() == 1);
}

TEST_CASE("SqlitePrefetchAnswersThePartsItReadInItsSnapshotOnly", "[store][bom]") {
  TempDir dir;
  std::string path = Inventory(dir, dir.path() + "/p.db");  // a SQLite file on either run
  auto opened = sql::Db::Open(path, false, true, 1000);
  REQUIRE(opened.ok());
  SqliteBackend backend(std::move(opened.value()), path);
  StatementCount count;
  sqlite3_trace_v2(backend.db().raw(), SQLITE_TRACE_STMT, &StatementCount::Trace, &count);
  std::vector<std::string> parts = {"SRV", "GPU-1", "NOPE", "SRV", "EMPTY", "Q\"1\\x"};

  std::vector<std::string> read_alone, read_batched;
  auto read_all = [&](std::vector<std::string>& out) -> Status {
    BomReader bom(backend);
    for (const auto& p : parts) {
      auto item = bom.Read(p);
      if (!item.ok()) return item.status();
      out.push_back(item.value() ? Dump(*item.value()) : "not stored");
    }
    return Status::Ok();
  };
  REQUIRE(backend.InReadSnapshot([&] { return read_all(read_alone); }).ok());
  CHECK(count.parts > 0);

  StatementCount in_batch;
  REQUIRE(backend
              .InReadSnapshot([&]() -> Status {
                if (Status s = backend.PrefetchParts(parts); !s.ok()) return s;
                count = {};
                Status s = read_all(read_batched);
                in_batch = count;
                return s;
              })
              .ok());
  CHECK(read_batched == read_alone);
  // Only the quoted part (left out of the batch) is read by itself: its row and its edges.
  CHECK(in_batch.parts == 1);
  CHECK(in_batch.components == 1);

  // After the snapshot, and outside any, nothing is answered from the batch.
  count = {};
  BomReader after(backend);
  REQUIRE(after.Read("GPU-1").ok());
  CHECK(count.parts == 1);
  count = {};
  REQUIRE(backend.PrefetchParts(parts).ok());  // outside a snapshot: a hint with no effect
  BomReader outside(backend);
  REQUIRE(outside.Read("GPU-1").ok());
  CHECK(count.parts == 1);
}

TEST_CASE("ABatchReadInOneSnapshotIsNotAnAnswerInTheNext", "[store][bom][backend]") {
  TempDir dir;
  std::string db = Inventory(dir, TestDatabase(dir, "n.db"));
  auto reader = Store::Open(db, StoreOptions{.read_only = true});
  REQUIRE(reader.ok());
  auto tpp = [&]() {
    ItemFacts line = Item("GPU-2");
    std::vector<ItemFacts*> lines = {&line};
    REQUIRE(reader->CompleteAll(lines).ok());
    for (const auto& [name, value] : line.specs)
      if (name == "tpp") return value.Text();
    return std::string();
  };
  CHECK(tpp() == "1000");
  {
    auto writer = Store::Open(db, StoreOptions{});
    REQUIRE(writer.ok());
    auto diags =
        writer->Import({dir.Write("p2.csv", "part_number,type,tpp\nGPU-2,ic,2000\n"), "", "", ""});
    INFO(RenderDiagnostics(diags));
    REQUIRE(diags.empty());
  }
  CHECK(tpp() == "2000");
}

}  // namespace chipgate::testing
