// `chipgate ship` end to end through the binary and the sample database (docs/licenses.md,
// "Ship"): a clean ship records the shipment, draws on the license (`license show` reflects it)
// and appends `ship` audit records; shipping again exhausts the license; each refusal (a held
// line, a license that does not cover a line, an exhausted license) writes nothing but the
// attempt's audit records; an id already recorded is an error naming it; a manifest without an id
// gets one.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// D7100001: five DGX servers (4A090.a) to Lion City Cloud (C-1010, SG), no value limit.
const char* const kLicenses =
    "license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,"
    "valid_until,conditions\n"
    "D7100001,4A090.a,SG,C-1010,C-1010,5,,2025-01-01,2025-12-31,five servers\n";

// The sample database with the license above imported as well.
struct ShipDb {
  TempDir dir;
  std::string db = Build();

  std::string Build() {
    std::string path = BuildSampleDatabase(dir);
    RunResult r =
        RunChipgate({"db", "import", path, "--licenses", dir.Write("lic.csv", kLicenses)});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return path;
  }
  RunResult Ship(const std::string& manifest_path, const std::string& format = "json") {
    return RunChipgate({"ship", manifest_path, "--db", db, "--format", format, "--actor", "t"});
  }
  nlohmann::json ShipJson(const std::string& manifest_path, int expected_exit) {
    RunResult r = Ship(manifest_path);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == expected_exit);
    return nlohmann::json::parse(r.out);
  }
  std::string Scalar(const std::string& query) const { return RawScalar(db, query); }
  // Rows written by ship (the sample import writes shipments but no uses or audit records).
  std::string Counts() const {
    return Scalar(
        "SELECT (SELECT count(*) FROM shipments) || '/' || (SELECT count(*) FROM shipment_lines) "
        "|| '/' || (SELECT count(*) FROM license_uses) || '/' || (SELECT count(*) FROM "
        "audit_log)");
  }
  // The license as `license show --format json` prints it.
  nlohmann::json License(const std::string& number) const {
    RunResult r = RunChipgate(
        {"license", "show", number, "--db", db, "--date", "2025-12-31", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out)["license"];
  }
};

// One DGX H100 line to Lion City Cloud on 2025-03-01 with `extra` YAML fields; `id` "" leaves
// the shipment's id out.
std::string DgxManifest(const std::string& id, int quantity, const std::string& extra) {
  return "shipment:\n" + (id.empty() ? std::string() : "  id: " + id + "\n") +
         "  date: 2025-03-01\n  consignee: {id: C-1010}\nlines:\n"
         "  - {part: NV-DGX-H100, quantity: " +
         std::to_string(quantity) + (extra.empty() ? "" : ", " + extra) + "}\n";
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("CleanShipRecordsTheShipmentAndDepletesTheLicense", "[cli][ship]") {
  ShipDb s;
  std::string before = s.Counts();
  auto j = s.ShipJson(SourcePath("examples/manifests/order-cloud-sg.yaml"), 0);
  CHECK(j["shipment"] == "SO-2025-0301");
  CHECK(j["may_ship"] == true);
  CHECK(j["shipped"] == true);
  CHECK(j["recorded"] == true);
  CHECK(j["lines"][0]["authorization"]["id"] == "D6789012");
  CHECK(j["lines"][0]["authorization"]["remaining_quantity"] == 4);
  CHECK(j["license_uses"] == nlohmann::json::parse(R"([{"line": 1, "license": "D6789012",
      "quantity": 4, "value_usd": "1600000.00"}])"));
  CHECK(j["audit"]["last_seq"].get<int>() - j["audit"]["first_seq"].get<int>() == 1);
  // One shipment, two lines, one use, two records more than before.
  auto n = [](const std::string& counts, int i) {
    size_t pos = 0;
    for (int k = 0; k < i; ++k) pos = counts.find('/', pos) + 1;
    return std::stoi(counts.substr(pos));
  };
  std::string after = s.Counts();
  for (int i = 0; i < 4; ++i) CHECK(n(after, i) - n(before, i) == std::vector{1, 2, 1, 2}[i]);
  CHECK(s.Scalar("SELECT group_concat(line || ':' || coalesce(license, '-'), ' ') FROM "
                 "shipment_lines WHERE shipment_id = 'SO-2025-0301'") == "1:D6789012 2:NAC");
  CHECK(s.Scalar("SELECT consignee_id || ' ' || end_user_country FROM shipments WHERE id = "
                 "'SO-2025-0301'") == "C-1010 SG");
  CHECK(s.Scalar("SELECT quantity || ' ' || value_cents FROM license_uses WHERE shipment_id = "
                 "'SO-2025-0301'") == "4 160000000");
  auto lic = s.License("D6789012");
  CHECK(lic["quantity"]["used"] == 4);
  CHECK(lic["quantity"]["remaining"] == 4);
  CHECK(lic["value_usd"]["remaining"] == "1600000.00");
  // The records say `ship`, what each line shipped under, and verify.
  CHECK(s.Scalar("SELECT group_concat(command, ' ') FROM audit_log") == "ship ship");
  std::string reasons = s.Scalar("SELECT reasons FROM audit_log WHERE seq = 1");
  CHECK(Has(reasons,
            "\"decision\":\"shipped\",\"message\":\"shipped in shipment SO-2025-0301 under "
            "license D6789012: remaining quantity 8 -> 4, value (USD) 3200000.00 -> "
            "1600000.00\",\"rule\":\"ship\""));
  CHECK(Has(s.Scalar("SELECT reasons FROM audit_log WHERE seq = 2"),
            "shipped in shipment SO-2025-0301 under License Exception NAC"));
  CHECK(RunChipgate({"log", "verify", "--db", s.db}).exit_code == 0);
}

TEST_CASE("ShipTextSaysWhatWasRecorded", "[cli][ship]") {
  ShipDb s;
  RunResult r =
      s.Ship(s.dir.Write("m.yaml", DgxManifest("S-TEXT", 2, "license: D7100001")), "text");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(Has(r.out, "    license D7100001 covers the line: remaining quantity 5 -> 3"));
  CHECK(Has(r.out,
            "shipped: shipment S-TEXT recorded with 1 line\n"
            "  line 1: 2 units drawn on license D7100001\n"));
}

TEST_CASE("ShippingTwiceExhaustsTheLicense", "[cli][ship]") {
  ShipDb s;
  auto first = s.ShipJson(s.dir.Write("a.yaml", DgxManifest("S-A", 3, "license: D7100001")), 0);
  CHECK(first["lines"][0]["authorization"]["remaining_quantity"] == 2);
  std::string before = s.Counts();
  auto second = s.ShipJson(s.dir.Write("b.yaml", DgxManifest("S-B", 3, "license: D7100001")), 1);
  CHECK(second["shipped"] == false);
  CHECK(second["may_ship"] == false);
  CHECK(second["license_uses"].empty());
  CHECK(second["lines"][0]["license_refused"] ==
        nlohmann::json{{"license", "D7100001"}, {"reasons", {"quantity-exhausted"}}});
  // Only the attempt's one record was written.
  CHECK(s.Scalar("SELECT count(*) FROM shipments WHERE id = 'S-B'") == "0");
  CHECK(s.Scalar("SELECT count(*) FROM audit_log WHERE subject LIKE 'shipment S-B %'") == "1");
  CHECK(Has(s.Scalar("SELECT reasons FROM audit_log WHERE subject LIKE 'shipment S-B %'"),
            "\"decision\":\"not_shipped\",\"message\":\"not shipped: license D7100001 does not "
            "cover the line (quantity-exhausted)\""));
  CHECK(s.Counts().substr(0, s.Counts().rfind('/')) == before.substr(0, before.rfind('/')));
  auto lic = s.License("D7100001");
  CHECK(lic["quantity"]["used"] == 3);
  CHECK(lic["quantity"]["remaining"] == 2);
  // The last two units still ship, and then the license is at zero.
  s.ShipJson(s.dir.Write("c.yaml", DgxManifest("S-C", 2, "license: D7100001")), 0);
  CHECK(s.License("D7100001")["quantity"]["remaining"] == 0);
  CHECK(RunChipgate({"log", "verify", "--db", s.db}).exit_code == 0);
}

TEST_CASE("EachRefusalRecordsNothingButTheAttemptsAuditRecords", "[cli][ship]") {
  struct Case {
    std::string name, manifest, outcome;
  };
  std::vector<Case> cases = {
      // A part neither stored nor described: review.
      {"review",
       "shipment: {id: S-R, date: 2025-03-01, consignee: {id: C-1010}}\nlines:\n"
       "  - {part: NOT-IN-THE-DB, quantity: 1}\n",
       "not shipped: the line is review"},
      // A named license for another destination and class.
      {"license does not cover", DgxManifest("S-W", 1, "license: D3456789"),
       "not shipped: license D3456789 does not cover the line (wrong-destination, "
       "other-consignee, other-end-user, other-class, value-unknown)"},
      // No license named and none covers five (D7100001 has 5, D6789012 needs a unit value).
      {"no license covers", DgxManifest("S-N", 6, ""),
       "not shipped: no license covers the line (no-covering-license, value-unknown)"},
      // One line covered, one held: neither ships.
      {"another line held",
       "shipment: {id: S-O, date: 2025-03-01, consignee: {id: C-1010}}\nlines:\n"
       "  - {part: NV-DGX-H100, quantity: 1, license: D7100001}\n"
       "  - {part: NOT-IN-THE-DB, quantity: 1}\n",
       "not shipped: another line of the shipment is held"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      ShipDb s;
      std::string before = s.Scalar(
          "SELECT (SELECT count(*) FROM shipments) || '/' || (SELECT count(*) FROM "
          "license_uses)");
      auto j = s.ShipJson(s.dir.Write("m.yaml", c.manifest), 1);
      CHECK(j["shipped"] == false);
      CHECK(j["recorded"] == true);
      CHECK(s.Scalar("SELECT (SELECT count(*) FROM shipments) || '/' || (SELECT count(*) FROM "
                     "license_uses)") == before);
      size_t lines = j["lines"].size();
      CHECK(s.Scalar("SELECT count(*) FROM audit_log WHERE command = 'ship'") ==
            std::to_string(lines));
      std::string all = s.Scalar("SELECT group_concat(reasons, ' ') FROM audit_log");
      CHECK(Has(all, c.outcome));
      CHECK_FALSE(Has(all, "\"decision\":\"shipped\""));
      CHECK(s.License("D7100001")["quantity"]["used"] == 0);
    }
  }
}

TEST_CASE("ExistingShipmentIdIsAnErrorNamingIt", "[cli][ship]") {
  ShipDb s;
  std::string m = SourcePath("examples/manifests/order-cloud-sg.yaml");
  REQUIRE(s.Ship(m).exit_code == 0);
  std::string before = s.Counts();
  RunResult again = s.Ship(m);
  CHECK(again.exit_code == 2);
  CHECK(again.out.empty());
  CHECK(Has(again.err, "shipment `SO-2025-0301` is already recorded"));
  CHECK(Has(again.err, "nothing was shipped or recorded again"));
  // An id imported from shipments.csv is taken as well.
  RunResult imported =
      s.Ship(s.dir.Write("i.yaml", DgxManifest("SO-22-0101", 1, "license: D7100001")));
  CHECK(imported.exit_code == 2);
  CHECK(Has(imported.err, "shipment `SO-22-0101` is already recorded"));
  CHECK(s.Counts() == before);
  CHECK(s.License("D6789012")["quantity"]["used"] == 4);
}

TEST_CASE("ManifestWithoutAnIdShipsUnderAGeneratedOne", "[cli][ship]") {
  ShipDb s;
  std::string m = s.dir.Write("noid.yaml", DgxManifest("", 1, "license: D7100001"));
  auto j = s.ShipJson(m, 0);
  std::string id = j["shipment"];
  // SHIP-<date>-<the first 12 hex digits of the manifest's sha256>.
  CHECK(id.rfind("SHIP-2025-03-01-", 0) == 0);
  CHECK(id.size() == 16 + 12);
  CHECK(s.Scalar("SELECT count(*) FROM shipments WHERE id = '" + id + "'") == "1");
  CHECK(s.Scalar("SELECT count(*) FROM audit_log WHERE subject LIKE 'shipment " + id + " %'") ==
        "1");
  // The same file again is the same shipment: refused, not shipped twice.
  RunResult again = s.Ship(m);
  CHECK(again.exit_code == 2);
  CHECK(Has(again.err, "shipment `" + id + "` is already recorded"));
  CHECK(s.License("D7100001")["quantity"]["used"] == 1);
}

TEST_CASE("ShipNeedsADatabaseAndAStoredPart", "[cli][ship]") {
  ShipDb s;
  RunResult no_db = RunChipgate({"ship", SourcePath("examples/manifests/order-cloud-sg.yaml")});
  CHECK(no_db.exit_code == 2);
  CHECK(Has(no_db.err, "--db DB is required"));
  // A line described inline that needs no license, but whose part is not in the inventory:
  // a shipment line must name a stored part, so nothing is recorded.
  std::string before = s.Counts();
  RunResult r = s.Ship(
      s.dir.Write("inline.yaml",
                  "shipment: {id: S-I, date: 2025-03-01, consignee: {name: Lab, country: DE}}\n"
                  "lines:\n  - {part: PLAIN-BOX, quantity: 1, specs: {type: other}}\n"));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(Has(r.err, "part `PLAIN-BOX` of line 1 is not in the database"));
  CHECK(s.Counts() == before);
}

}  // namespace chipgate::testing
