// Store::RecordShipment (docs/licenses.md, "Ship"): the shipment, its lines, its license uses and
// its audit records in one transaction; a refused decision writes only its audit records; the
// decider sees every recorded use whatever its date; an id already recorded, a part not stored,
// a decider's error and a use beyond a license's limits each write nothing at all.
#include <catch2/catch.hpp>

#include "chipgate/audit_entry.h"
#include "chipgate/store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// A database with two parts and one license for five units with a value limit of $1,000.
struct ShipDb {
  TempDir dir;
  std::string path = TestDatabase(dir, "ship.db");
  Store store = Open();

  Store Open() {
    auto s = Store::Open(path, StoreOptions{.create = true});
    INFO(s.status().message());
    REQUIRE(s.ok());
    ImportFiles files;
    files.parts = dir.Write("parts.csv", "part_number,type\nGPU-1,ic\nBOX-1,other\n");
    files.licenses = dir.Write(
        "licenses.csv",
        "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
        "valid_until,conditions\n"
        "D7200001,3A090.a,SG,,,5,1000,2025-01-01,2025-12-31,\n");
    auto diags = s->Import(files);
    INFO(RenderDiagnostics(diags));
    REQUIRE(diags.empty());
    return std::move(s.value());
  }

  std::string Count(const std::string& table) {
    return RawScalar(path, "SELECT count(*) FROM " + table);
  }
  // Quantity and value (cents) used of D7200001, all dates.
  std::pair<int64_t, int64_t> Used() {
    auto held = store.ReadLicense("D7200001", *ParseDate("9999-12-31"));
    REQUIRE(held.ok());
    REQUIRE(held.value());
    return {(*held)->used.quantity, (*held)->used.value};
  }
};

// A record of one line, built as `ship` builds it.
AuditEntry Entry(const std::string& shipment_id, bool shipped) {
  ShipmentFacts s;
  s.id = shipment_id;
  s.date = *ParseDate("2025-03-01");
  ItemFacts item;
  item.part = "GPU-1";
  LineDecision d;
  d.decision = DecisionKind::kLicenseRequired;
  return MakeShipEntry({.check = {.actor = "t",
                                  .input_digest = "sha256:00",
                                  .pack_digest = "sha256:11",
                                  .shipment = s,
                                  .line = 1,
                                  .item = item,
                                  .decision = d},
                        .shipped = shipped,
                        .authorization = shipped ? "D7200001" : "",
                        .outcome = shipped ? "shipped" : "not shipped"});
}

// A shipment of `quantity` GPU-1 under D7200001 at $100 a unit, dated `date`.
Store::ShipmentRecord Shipment(const std::string& id, int64_t quantity,
                               const std::string& date = "2025-03-01",
                               const std::string& part = "GPU-1") {
  Store::ShipmentRecord rec;
  rec.shipment.id = id;
  rec.shipment.date = *ParseDate(date);
  rec.shipment.consignee = PartyFacts::Of("Buyer", "SG");
  rec.shipment.end_user = rec.shipment.consignee;
  rec.shipment.lines.push_back({1, part, quantity, "D7200001", UsdCents{10000}});
  rec.uses.push_back({1, "D7200001", quantity, quantity * 10000});
  return rec;
}

// A decider that ships `rec` (nullopt: refuses) and writes one record.
Store::ShipDecider Ships(std::optional<Store::ShipmentRecord> rec) {
  return [rec](std::vector<HeldLicense>&&) -> Result<Store::ShipDecision> {
    Store::ShipDecision d;
    d.ship = rec;
    d.entries.push_back(Entry(rec ? rec->shipment.id : "S-REFUSED", rec.has_value()));
    return d;
  };
}

}  // namespace

TEST_CASE("RecordedShipmentWritesItsLinesUsesAndAuditRecordsTogether", "[store][ship][backend]") {
  ShipDb db;
  auto r = db.store.RecordShipment("S-1", Ships(Shipment("S-1", 2)));
  INFO(r.status().message());
  REQUIRE(r.ok());
  CHECK(r->shipped);
  CHECK(r->audit.count() == 1);
  CHECK(db.Count("shipments") == "1");
  CHECK(RawScalar(db.path, "SELECT license FROM shipment_lines WHERE shipment_id = 'S-1'") ==
        "D7200001");
  // The line's unit value is stored with it, so the audit's replay counts its value.
  CHECK(
      RawScalar(db.path, "SELECT unit_value_cents FROM shipment_lines WHERE shipment_id = 'S-1'") ==
      "10000");
  CHECK(RawScalar(db.path,
                  "SELECT quantity || '/' || value_cents || '/' || date FROM license_uses") ==
        "2/20000/2025-03-01");
  CHECK(db.Used() == std::pair<int64_t, int64_t>{2, 20000});
  CHECK(RawScalar(db.path, "SELECT command FROM audit_log") == "ship");
  auto v = db.store.VerifyAudit();
  REQUIRE(v.ok());
  CHECK(v->ok);
}

// With a scope, the decider gets the licenses ReadLicensesFor would pick (in force to the
// destination on the date, and the named ones whatever their dates), still with every use
// recorded whatever its date.
TEST_CASE("ScopedShipReadsTheLicensesInForceToTheDestinationAndTheNamedOnes",
          "[store][ship][backend]") {
  ShipDb db;
  ImportFiles files;
  files.licenses = db.dir.Write("more.csv",
                                "license_number,classes,destinations,consignee,end_user,quantity,"
                                "value_usd,valid_from,valid_until,conditions\n"
                                "D7200002,3A090.a,MY,,,5,,2025-01-01,2025-12-31,\n"
                                "D7200003,3A090.a,SG,,,5,,2024-01-01,2024-12-31,\n");
  auto more = db.store.Import(files);
  INFO(RenderDiagnostics(more));
  REQUIRE(more.empty());
  REQUIRE(db.store.RecordShipment("S-LATER", Ships(Shipment("S-LATER", 4, "2025-09-01"))).ok());
  auto seen_by = [&](Store::LicenseScope scope) {
    std::vector<std::string> numbers;
    int64_t used = -1;
    auto r = db.store.RecordShipment(
        "S-X",
        [&](std::vector<HeldLicense>&& held) -> Result<Store::ShipDecision> {
          for (const HeldLicense& h : held) {
            numbers.push_back(h.license.number);
            if (h.license.number == "D7200001") used = h.used.quantity;
          }
          return Store::ShipDecision{};
        },
        scope);
    REQUIRE(r.ok());
    return std::make_pair(numbers, used);
  };
  auto sg = seen_by({*ParseDate("2025-03-01"), "SG", {}});
  CHECK(sg.first == std::vector<std::string>{"D7200001"});  // not MY's, not the expired one
  CHECK(sg.second == 4);  // the use dated after the shipment counts
  auto named = seen_by({*ParseDate("2025-03-01"), "SG", {"D7200003", "D7200002"}});
  CHECK(named.first == std::vector<std::string>{"D7200001", "D7200002", "D7200003"});
  auto my = seen_by({*ParseDate("2025-03-01"), "MY", {}});
  CHECK(my.first == std::vector<std::string>{"D7200002"});
}

TEST_CASE("RefusedDecisionWritesOnlyItsAuditRecords", "[store][ship][backend]") {
  ShipDb db;
  auto r = db.store.RecordShipment("S-1", Ships(std::nullopt));
  REQUIRE(r.ok());
  CHECK_FALSE(r->shipped);
  CHECK(r->audit.count() == 1);
  CHECK(db.Count("shipments") == "0");
  CHECK(db.Count("shipment_lines") == "0");
  CHECK(db.Count("license_uses") == "0");
  CHECK(db.Count("audit_log") == "1");
}

TEST_CASE("DeciderSeesEveryRecordedUseWhateverItsDate", "[store][ship][backend]") {
  ShipDb db;
  REQUIRE(db.store.RecordShipment("S-LATER", Ships(Shipment("S-LATER", 4, "2025-09-01"))).ok());
  // A shipment dated before the recorded one still sees its use: the license is drawn on as a
  // whole, so no date can see it below zero.
  std::optional<HeldLicense> seen;
  auto r = db.store.RecordShipment(
      "S-EARLIER", [&](std::vector<HeldLicense>&& held) -> Result<Store::ShipDecision> {
        REQUIRE(held.size() == 1);
        seen = held[0];
        return Store::ShipDecision{};
      });
  REQUIRE(r.ok());
  REQUIRE(seen);
  CHECK(seen->used.quantity == 4);
  CHECK(RemainingOf(*seen).quantity == 1);
}

TEST_CASE("UseBeyondTheLicenseLimitWritesNothing", "[store][ship][backend]") {
  ShipDb db;
  REQUIRE(db.store.RecordShipment("S-1", Ships(Shipment("S-1", 4))).ok());
  // A decider that matched against stale balances (4 more of the 1 left): refused by the store.
  auto r = db.store.RecordShipment("S-2", Ships(Shipment("S-2", 4)));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("D7200001") != std::string::npos);
  CHECK(db.Count("shipments") == "1");
  CHECK(db.Count("license_uses") == "1");
  CHECK(db.Count("audit_log") == "1");
  CHECK(db.Used() == std::pair<int64_t, int64_t>{4, 40000});
  // The value limit too: one unit left, but worth more than the $600 remaining.
  Store::ShipmentRecord dear = Shipment("S-3", 1);
  dear.uses[0].value = 70000;
  CHECK_FALSE(db.store.RecordShipment("S-3", Ships(dear)).ok());
  CHECK(db.Used() == std::pair<int64_t, int64_t>{4, 40000});
}

TEST_CASE("ShipmentIdAlreadyRecordedIsRefusedBeforeDeciding", "[store][ship][backend]") {
  ShipDb db;
  REQUIRE(db.store.RecordShipment("S-1", Ships(Shipment("S-1", 1))).ok());
  bool asked = false;
  auto r = db.store.RecordShipment("S-1", [&](std::vector<HeldLicense>&&) {
    asked = true;
    return Result<Store::ShipDecision>(Store::ShipDecision{});
  });
  REQUIRE_FALSE(r.ok());
  CHECK_FALSE(asked);
  CHECK(r.status().message().find("shipment `S-1` is already recorded") != std::string::npos);
  // Typed: the service answers 409 and `ship` exits 3 on the code, never on the message.
  CHECK(r.status().code() == ErrorCode::kAlreadyRecorded);
  CHECK(db.Count("audit_log") == "1");
}

TEST_CASE("OtherShipRefusalsAreNotAlreadyRecorded", "[store][ship][backend]") {
  ShipDb db;
  // A decider's error and a part not stored are refusals of another kind.
  auto failed =
      db.store.RecordShipment("S-9", [](std::vector<HeldLicense>&&) -> Result<Store::ShipDecision> {
        return Status::Error("the decider failed");
      });
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.status().code() == ErrorCode::kFailed);
  auto missing =
      db.store.RecordShipment("S-8", Ships(Shipment("S-8", 1, "2025-03-01", "NOT-STORED")));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == ErrorCode::kFailed);
}

TEST_CASE("PartNotStoredOrDeciderErrorWritesNothing", "[store][ship][backend]") {
  ShipDb db;
  auto r = db.store.RecordShipment("S-1", Ships(Shipment("S-1", 1, "2025-03-01", "NOT-STORED")));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("part `NOT-STORED` of line 1 is not in the database") !=
        std::string::npos);
  auto failing = db.store.RecordShipment("S-2", [](std::vector<HeldLicense>&&) {
    return Result<Store::ShipDecision>(Status::Error("decider failed"));
  });
  REQUIRE_FALSE(failing.ok());
  CHECK(failing.status().message().find("decider failed") != std::string::npos);
  // A shipment recorded under another id than the one asked for is refused too.
  CHECK_FALSE(db.store.RecordShipment("S-3", Ships(Shipment("S-OTHER", 1))).ok());
  CHECK(db.Count("shipments") == "0");
  CHECK(db.Count("license_uses") == "0");
  CHECK(db.Count("audit_log") == "0");
}

}  // namespace chipgate::testing

namespace chipgate::testing {

// A shipment `ship` recorded with license uses may be re-imported (a shipments file exported from
// the ERP lists it again) only as it is: its uses were drawn for its lines as shipped.
TEST_CASE("AShippedShipmentReImportsUnchangedButCannotBeChanged",
          "[store][ship][import][backend]") {
  ShipDb db;
  REQUIRE(db.store.RecordShipment("S-1", Ships(Shipment("S-1", 2))).ok());
  const std::string header =
      "shipment_id,date,consignee,consignee_country,end_user,end_user_country,part_number,"
      "quantity,license,unit_value\n";
  ImportFiles files;
  files.shipments =
      db.dir.Write("same.csv", header + "S-1,2025-03-01,Buyer,SG,Buyer,SG,GPU-1,2,D7200001,100\n");
  ImportResult same = db.store.Import(files, {});
  INFO(RenderDiagnostics(same.diagnostics));
  REQUIRE(same.diagnostics.empty());
  REQUIRE(same.tables.size() == 2);
  CHECK(same.tables[1].table == ImportTable::kShipmentLines);
  CHECK(same.tables[1].unchanged == 1);
  // Another quantity, another date, or a line more: refused, nothing written.
  for (const char* rows : {"S-1,2025-03-01,Buyer,SG,Buyer,SG,GPU-1,3,D7200001,100\n",
                           "S-1,2025-03-02,Buyer,SG,Buyer,SG,GPU-1,2,D7200001,100\n",
                           "S-1,2025-03-01,Buyer,SG,Buyer,SG,GPU-1,2,D7200001,100\n"
                           "S-1,2025-03-01,Buyer,SG,Buyer,SG,BOX-1,1,,\n"}) {
    INFO(rows);
    files.shipments = db.dir.Write("changed.csv", header + rows);
    ImportResult changed = db.store.Import(files, {});
    REQUIRE(changed.diagnostics.size() == 1);
    CHECK(changed.diagnostics[0].code == "E603");
    CHECK(changed.diagnostics[0].message.find("recorded by `chipgate ship` with license uses") !=
          std::string::npos);
    CHECK(RawScalar(db.path, "SELECT quantity FROM shipment_lines") == "2");
    CHECK(db.Count("shipment_lines") == "1");
  }
  // --replace cannot clear it either.
  files.shipments = db.dir.Write("other.csv", header + "S-2,2025-03-01,Buyer,SG,,,BOX-1,1,,\n");
  ImportResult replaced = db.store.Import(files, ImportOptions{.replace = true});
  REQUIRE(replaced.diagnostics.size() == 1);
  CHECK(replaced.diagnostics[0].code == "E607");
  CHECK(db.Count("shipments") == "1");
}

}  // namespace chipgate::testing
