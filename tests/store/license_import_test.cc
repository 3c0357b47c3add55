// The license column of shipments: placeholders (`N/A`, `none`, `EAR99`, `pending`, ...) are
// refused at import with an error at the field, and only the documented shapes are stored.
#include <catch2/catch.hpp>

#include "base/license_value.h"
#include "chipgate/store.h"
#include "support/open_store.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const char* kParts = "part_number,type\nNIC,other\n";
const char* kHeader = "shipment_id,date,consignee,consignee_country,part_number,quantity,license\n";

}  // namespace

TEST_CASE("LicenseValueShapes", "[store][license][backend]") {
  for (const char* v :
       {"N/A",     "n/a",     "none",       "None",     "-",       "0",    "no license",
        "EAR99",   "pending", "NLR",        "TBD",      "nac",     " NAC", "NAC ",
        "D000000", "D12345",  "D123456789", "d1234567", "LICENSE", "yes",  "x"}) {
    INFO(v);
    CHECK(ClassifyLicenseValue(v) == LicenseValueKind::kInvalid);
  }
  CHECK(ClassifyLicenseValue("") == LicenseValueKind::kNone);
  for (const char* v : {"NAC", "ACA", "HBM", "GBS"})
    CHECK(ClassifyLicenseValue(v) == LicenseValueKind::kExceptionCode);
  for (const char* v : {"D123456", "D1234567", "D12345678", "Z0456789"}) {
    CHECK(ClassifyLicenseValue(v) == LicenseValueKind::kLicenseNumber);
  }
}

TEST_CASE("PlaceholderLicenseIsRefusedAtImportAtTheField", "[store][license][backend]") {
  for (const char* v : {"N/A", "none", "-", "0", "no license", "EAR99", "pending", "NLR"}) {
    INFO(v);
    TempDir dir;
    Store store = MustOpen(TestDatabase(dir, "l.db"));
    std::string parts = dir.Write("p.csv", kParts);
    std::string ships =
        dir.Write("s.csv", std::string(kHeader) + "S1,2024-06-01,A,DE,NIC,1,D1234567\n" +
                               "S2,2024-06-01,A,DE,NIC,1,\"" + v + "\"\n");
    auto diags = store.Import({parts, "", "", ships});
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].code == "E610");
    CHECK(diags[0].loc.file == ships);
    CHECK(diags[0].loc.line == 3);
    CHECK(diags[0].loc.col == 26);  // the field's first byte (its opening quote)
    CHECK_THAT(diags[0].message, Catch::StartsWith("column `license`: `" + std::string(v) +
                                                   "` is not a license value"));
    CHECK(RenderDiagnostics(diags).find(ships + ":3:26: error[E610]") == 0);
    int shipments = 0;
    REQUIRE(store.ForEachShipment([&](const StoredShipment&) { return ++shipments > 0; }).ok());
    CHECK(shipments == 0);  // the good row was rolled back too
  }
}

TEST_CASE("DocumentedLicenseShapesAreImported", "[store][license][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "l.db"));
  std::string parts = dir.Write("p.csv", kParts);
  std::string ships =
      dir.Write("s.csv", std::string(kHeader) + "S1,2024-06-01,A,DE,NIC,1,D1234567\n" +
                             "S2,2024-06-01,A,DE,NIC,1,NAC\nS3,2024-06-01,A,DE,NIC,1,\n");
  CHECK(store.Import({parts, "", "", ships}).empty());
}

// Every import error points at the field's first byte and shows the row as it was read: the
// CSV text stays with the diagnostic (the file is rewritten before rendering here, and the old
// row must still be shown).
TEST_CASE("ImportErrorsPointAtTheFieldAndShowTheRowAsRead", "[store][import][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "l.db"));
  std::string parts = dir.Write("p.csv", "part_number,type,tpp\nGPU,ic,many\n");
  auto diags = store.Import({parts, "", "", ""});
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].loc.line == 2);
  CHECK(diags[0].loc.col == 8);  // `many` starts at byte 8 of `GPU,ic,many`
  dir.Write("p.csv", "part_number,type,tpp\nSOMETHING ELSE ENTIRELY\n");
  std::string text = RenderDiagnostics(diags);
  INFO(text);
  CHECK(text.find(parts + ":2:8: error[") == 0);
  CHECK(text.find("GPU,ic,many") != std::string::npos);
  CHECK(text.find("SOMETHING ELSE") == std::string::npos);
  CHECK(text.find("       ^") != std::string::npos);  // the caret under column 8
}

}  // namespace chipgate::testing
