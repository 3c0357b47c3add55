// Store::InReadSnapshot: the reads a check makes (parts, screening lists, the customer master)
// come from one snapshot, so an import another connection commits between them is not seen by
// any of them until the snapshot ends.
#include <catch2/catch.hpp>

#include "chipgate/screening_list.h"
#include "chipgate/store.h"
#include "support/open_store.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

void MustImport(Store& store, const ImportFiles& files) {
  auto diags = store.Import(files);
  INFO(RenderDiagnostics(diags));
  REQUIRE(diags.empty());
}

// The `tpp` the database gives part GPU-1 (empty when it has none).
std::string Tpp(const Store& store) {
  ItemFacts line;
  line.part = "GPU-1";
  std::vector<ItemFacts*> lines = {&line};
  REQUIRE(store.CompleteAll(lines).ok());
  for (const auto& [name, value] : line.specs)
    if (name == "tpp") return value.Text();
  return "";
}

// The headquarters the customer master gives party C-1.
std::string Headquarters(const Store& store) {
  ShipmentFacts s;
  s.id = "T-1";
  s.date = *ParseDate("2026-01-05");
  s.end_user.id = "C-1";
  REQUIRE(store.CompleteShipment(s).ok());
  return s.end_user.headquarters;
}

size_t ListEntries(const Store& store) {
  auto lists = store.ReadScreeningLists();
  REQUIRE(lists.ok());
  size_t n = 0;
  for (const ScreeningListFile& f : lists.value()) n += f.entries.size();
  return n;
}

}  // namespace

TEST_CASE("ReadsInOneSnapshotDoNotSeeAnImportCommittedBetweenThem", "[store][backend]") {
  TempDir dir;
  std::string db = TestDatabase(dir, "s.db");
  Store writer = MustOpen(db);
  MustImport(writer, {dir.Write("p1.csv", "part_number,type,tpp\nGPU-1,ic,1000\n"), "",
                      dir.Write("c1.csv",
                                "party_id,name,country,headquarters\n"
                                "C-1,Kinabalu Compute Sdn Bhd,MY,MY\n"),
                      ""});
  Store reader = MustOpen(db, {.read_only = true});
  ScreeningListRead list = ReadScreeningList(SourcePath("tests/data/lists/csl.csv"));
  REQUIRE(list.file.has_value());

  Status read = reader.InReadSnapshot([&]() -> Status {
    CHECK(Headquarters(reader) == "MY");
    // Another connection commits new facts of every kind while the snapshot is open.
    MustImport(writer, {dir.Write("p2.csv", "part_number,type,tpp\nGPU-1,ic,5000\n"), "",
                        dir.Write("c2.csv",
                                  "party_id,name,country,headquarters\n"
                                  "C-1,Kinabalu Compute Sdn Bhd,MY,CN\n"),
                        ""});
    REQUIRE(writer.ImportScreeningList(*list.file).ok());
    CHECK(Tpp(reader) == "1000");
    CHECK(ListEntries(reader) == 0);
    CHECK(Headquarters(reader) == "MY");
    return Status::Ok();
  });
  CHECK(read.ok());
  // After the snapshot the same reader sees the import.
  CHECK(Tpp(reader) == "5000");
  CHECK(ListEntries(reader) == list.file->entries.size());
  CHECK(Headquarters(reader) == "CN");
}

TEST_CASE("AFailureInsideASnapshotIsReturnedAndTheSnapshotEnds", "[store][backend]") {
  TempDir dir;
  std::string db = TestDatabase(dir, "s.db");
  Store store = MustOpen(db);
  Status failed = store.InReadSnapshot([] { return Status::Error("stop"); });
  CHECK_FALSE(failed.ok());
  CHECK(failed.message() == "stop");
  // The snapshot ended: a write on the same connection is possible again.
  MustImport(store, {dir.Write("p.csv", "part_number,type\nGPU-1,ic\n"), "", "", ""});
}

}  // namespace chipgate::testing
