// The customer master: migration 6 from a version-5 database with data, importing parties (old
// and new formats), ownership and shipments with party ids, every import error at its cell, and
// completing a shipment's parties (by id, name or alias; ultimate parent; ownership graph;
// conflicts between the shipment and the database).
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "base/string_key.h"
#include "chipgate/engine.h"
#include "chipgate/store.h"
#include "support/open_store.h"
#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Imports and requires no diagnostics.
void MustImport(Store& store, const ImportFiles& files) {
  auto diags = store.Import(files);
  INFO(RenderDiagnostics(diags));
  REQUIRE(diags.empty());
}

const char* kParties =
    "party_id,name,aliases,country,headquarters,parent,parent_headquarters,note\n"
    "G-1,\"Tianfu Cloud Group Co., Ltd.\",Tianfu Cloud,CN,CN,,,top of the group\n"
    "G-2,Tianfu Cloud Holdings (Hong Kong) Limited,Tianfu HK;TCH,HK,HK,G-1,,holding\n"
    "G-3,Kinabalu AI Compute Sdn. Bhd.,Kinabalu AI Compute; KAIC ,MY,MY,G-2,,subsidiary\n"
    "S-1,Solo Research Ltd,,DE,DE,,,no parent\n"
    "N-1,Named Parent Subsidiary Pte Ltd,,SG,SG,Offshore Parent Holdings,KY,parent not in the "
    "master\n";

// The facts of a shipment whose end user is `eu` (the consignee is anonymous).
ShipmentFacts ShipmentTo(PartyFacts eu) {
  ShipmentFacts s;
  s.id = "T-1";
  s.date = *ParseDate("2025-12-02");
  s.end_user = std::move(eu);
  return s;
}

PartyFacts Named(std::string name, std::string country = "") {
  PartyFacts p;
  p.name = std::move(name);
  p.country = std::move(country);
  return p;
}

std::vector<std::string> Conflicts(const ShipmentFacts& s) {
  std::vector<std::string> out;
  for (const auto& c : s.conflicts) {
    out.push_back(c.fact + ": " + c.first.source + "=" + c.first.value + " " + c.second.source +
                  "=" + c.second.value);
  }
  return out;
}

}  // namespace

TEST_CASE("PartyKeysIgnoreCasePunctuationAndSpacing", "[store][parties][backend]") {
  CHECK(NameKey("Straits Compute Sdn. Bhd.") == "straitscomputesdnbhd");
  CHECK(NameKey("  STRAITS-COMPUTE   sdn bhd ") == "straitscomputesdnbhd");
  CHECK(NameKey("Sugon Information Industry Co.,Ltd.") == "sugoninformationindustrycoltd");
  CHECK(NameKey("ÉCOLE Numérique") == "écolenumérique");
  CHECK(NameKey("...").empty());
}

// SQLite only: an older SQLite schema upgraded by SQLite's migrations (PostgreSQL starts at 12).
TEST_CASE("AVersion5DatabaseIsUpgradedAndItsPartiesGetTheirNameAsId", "[store][parties]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "v5.db");
  std::string script;
  for (const char* m : {"0001_initial", "0002_audit_runs", "0003_audit_log_hash_not_indexed",
                        "0004_bom_complete", "0005_audit_log_facts_digest"})
    script += Slurp(SourcePath(std::string("db/migrations/sqlite/") + m + ".sql")) + "\n";
  script +=
      "INSERT INTO parts (part_number, type) VALUES ('P-1', 'ic');\n"
      "INSERT INTO parties (name, country, headquarters, parent_headquarters, note) VALUES "
      "('Straits Compute Sdn. Bhd.', 'MY', 'CN', 'CN', 'old row');\n"
      "INSERT INTO shipments VALUES ('S-1', '2025-02-11', 'Straits Compute Sdn. Bhd.', 'MY', "
      "'Straits Compute Sdn. Bhd.', 'MY', 'CN');\n"
      "INSERT INTO shipment_lines VALUES ('S-1', 1, 'P-1', 2, NULL);\n"
      "PRAGMA user_version = 5;";
  RawExec(path, script);
  Store store = MustOpen(path);
  CHECK(store.schema_version() == kSchemaVersion);
  CHECK(RawScalar(path, "SELECT party_id FROM parties") == "Straits Compute Sdn. Bhd.");
  CHECK(RawScalar(path, "SELECT key FROM party_names") == "straitscomputesdnbhd");
  // Found by a differently written name, with the old row's facts.
  ShipmentFacts s = ShipmentTo(Named("STRAITS COMPUTE SDN BHD"));
  REQUIRE(store.CompleteShipment(s).ok());
  CHECK(s.end_user.id == "Straits Compute Sdn. Bhd.");
  CHECK(s.end_user.country == "MY");
  CHECK(s.end_user.headquarters == "CN");
  CHECK(s.end_user.parent_headquarters == "CN");
  CHECK(s.conflicts.empty());
  // The old shipment reads back with no ids and no end use.
  int shipments = 0;
  REQUIRE(store
              .ForEachShipment([&](const StoredShipment& sh) {
                ++shipments;
                CHECK(sh.end_user.id.empty());
                CHECK(sh.end_use.empty());
                CHECK(sh.end_user.headquarters == "CN");
                return true;
              })
              .ok());
  CHECK(shipments == 1);
  // An old-format parties file still imports: the name is the id, so the row is updated.
  MustImport(store, {"", "",
                     dir.Write("old.csv",
                               "name,country,headquarters,parent_headquarters,note\n"
                               "Straits Compute Sdn. Bhd.,MY,MY,CN,updated\n"),
                     ""});
  CHECK(RawScalar(path, "SELECT count(*) || headquarters FROM parties") == "1MY");
}

TEST_CASE("PartiesAreFoundByIdNameOrAliasWithOtherCaseAndPunctuation",
          "[store][parties][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "m.db"));
  MustImport(store, {"", "", dir.Write("p.csv", kParties), ""});
  struct Case {
    PartyFacts given;
    std::string id;
  };
  PartyFacts by_id;
  by_id.id = "G-3";
  for (const Case& c :
       std::vector<Case>{{by_id, "G-3"},
                         {Named("Kinabalu AI Compute Sdn Bhd"), "G-3"},
                         {Named("kinabalu-ai-compute"), "G-3"},
                         {Named("K.A.I.C."), "G-3"},  // dots and spaces do not count: "kaic"
                         {Named("KAIC"), "G-3"},
                         {Named("tianfu  HK"), "G-2"},
                         {Named("Unknown Trading Ltd", "SG"), ""}}) {
    ShipmentFacts s = ShipmentTo(c.given);
    INFO(c.given.name + c.given.id);
    REQUIRE(store.CompleteShipment(s).ok());
    CHECK(s.end_user.id == c.id);
    CHECK(s.conflicts.empty());
  }
  // The manifest names only the id: everything else comes from the master.
  ShipmentFacts s = ShipmentTo(by_id);
  REQUIRE(store.CompleteShipment(s).ok());
  CHECK(s.end_user.name == "Kinabalu AI Compute Sdn. Bhd.");
  CHECK(s.end_user.country == "MY");
  CHECK(s.end_user.headquarters == "MY");
  CHECK(s.end_user.parent_name == "Tianfu Cloud Group Co., Ltd.");
  CHECK(s.end_user.parent_headquarters == "CN");
  CHECK(s.end_user.ownership == OwnershipState::kNotGiven);  // no ownership rows
}

TEST_CASE("AnIdNotInTheMasterIsAnError", "[store][parties][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "m.db"));
  MustImport(store, {"", "", dir.Write("p.csv", kParties), ""});
  PartyFacts p = Named("Kinabalu AI Compute Sdn. Bhd.", "MY");
  p.id = "G-404";
  ShipmentFacts s = ShipmentTo(p);
  Status st = store.CompleteShipment(s);
  REQUIRE_FALSE(st.ok());
  CHECK(st.message().find("end_user: id `G-404` is not a party in the customer master") !=
        std::string::npos);
}

TEST_CASE("TheUltimateParentIsTheTopOfTheChain", "[store][parties][backend]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "m.db");
  Store store = MustOpen(path);
  MustImport(store, {"", "", dir.Write("p.csv", kParties), ""});
  struct Case {
    std::string party, parent_name, parent_hq;
  };
  for (const Case& c : std::vector<Case>{
           {"G-3", "Tianfu Cloud Group Co., Ltd.", "CN"},  // two levels up
           {"G-2", "Tianfu Cloud Group Co., Ltd.", "CN"},  // one level up
           {"G-1", "", ""},                                // its own ultimate parent
           {"S-1", "", ""},
           {"N-1", "Offshore Parent Holdings", "KY"},  // a parent named but not in the master
       }) {
    PartyFacts p;
    p.id = c.party;
    ShipmentFacts s = ShipmentTo(p);
    INFO(c.party);
    REQUIRE(store.CompleteShipment(s).ok());
    CHECK(s.end_user.parent_name == c.parent_name);
    CHECK(s.end_user.parent_headquarters == c.parent_hq);
    CHECK(s.conflicts.empty());
  }
  // A cycle (written past the importer): no ultimate parent, and the contradiction is a conflict.
  RawExec(path, "UPDATE parties SET parent = 'G-3' WHERE party_id = 'G-1'");
  PartyFacts p;
  p.id = "G-3";
  ShipmentFacts s = ShipmentTo(p);
  REQUIRE(store.CompleteShipment(s).ok());
  CHECK(s.end_user.parent_name.empty());
  CHECK(s.end_user.parent_headquarters.empty());
  CHECK(Conflicts(s) == std::vector<std::string>{
                            "end_user.parent_name: database=parent cycle: Kinabalu AI Compute Sdn. "
                            "Bhd. > Tianfu Cloud Holdings (Hong Kong) Limited > Tianfu Cloud "
                            "Group Co., Ltd. > Kinabalu AI Compute Sdn. Bhd. database="});
}

TEST_CASE("OwnershipIsAGraphWithCyclesAsLinks", "[store][parties][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "m.db"));
  MustImport(store, {"", "", dir.Write("p.csv", kParties), "",
                     dir.Write("o.csv",
                               "party,owner,share\n"
                               "G-3,G-2,60\n"
                               "G-3,Pearl Delta Ventures LP,40\n"
                               "Tianfu HK,G-1,70\n"  // by alias
                               "G-2,G-3,10\n"        // a cross-holding: a cycle
                               "G-1,Chengdu Municipal Investment,35\n"
                               "Chengdu Municipal Investment,Chengdu SASAC,100\n"  // names only
                               "S-1,,\n")});                                       // none listed
  PartyFacts p;
  p.id = "G-3";
  ShipmentFacts s = ShipmentTo(p);
  REQUIRE(store.CompleteShipment(s).ok());
  const PartyFacts& eu = s.end_user;
  REQUIRE(eu.ownership == OwnershipState::kGiven);
  std::vector<std::string> nodes, links;
  for (const auto& n : eu.owners.nodes) nodes.push_back(n.id + "|" + n.name + "|" + n.country);
  for (const auto& l : eu.owners.links) {
    char share[16];
    std::snprintf(share, sizeof share, "%g", l.share);
    links.push_back(std::to_string(l.owner) + ">" + std::to_string(l.owned) + " " + share);
  }
  // Breadth-first; a party's owners in a fixed order (names first, then master rows by row).
  CHECK(nodes == std::vector<std::string>{
                     "G-3|Kinabalu AI Compute Sdn. Bhd.|MY",
                     "|Pearl Delta Ventures LP|",
                     "G-2|Tianfu Cloud Holdings (Hong Kong) Limited|HK",
                     "G-1|Tianfu Cloud Group Co., Ltd.|CN",
                     "|Chengdu Municipal Investment|",
                     "|Chengdu SASAC|",
                 });
  // The cross-holding is the link 0>2: G-3 is one node however often it is reached.
  CHECK(links ==
        std::vector<std::string>{"1>0 40", "2>0 60", "3>2 70", "0>2 10", "4>3 35", "5>4 100"});
  CHECK(s.conflicts.empty());
  // "None listed" is known ownership with no links; a party without rows is not known.
  PartyFacts solo;
  solo.id = "S-1";
  ShipmentFacts t = ShipmentTo(solo);
  REQUIRE(store.CompleteShipment(t).ok());
  CHECK(t.end_user.ownership == OwnershipState::kGiven);
  CHECK(t.end_user.owners.links.empty());
  PartyFacts named;
  named.id = "N-1";
  ShipmentFacts u = ShipmentTo(named);
  REQUIRE(store.CompleteShipment(u).ok());
  CHECK(u.end_user.ownership == OwnershipState::kNotGiven);
}

TEST_CASE("AnOwnershipGraphPastTheNodeBoundIsNotUsed", "[store][parties][backend]") {
  // S-1 under a chain of `holdings` holding companies (names only), each owning all of the next.
  auto completed = [](int holdings) {
    TempDir dir;
    Store store = MustOpen(TestDatabase(dir, "m.db"));
    std::string rows = "party,owner,share\nS-1,Holding 1,100\n";
    for (int i = 1; i < holdings; ++i)
      rows += "Holding " + std::to_string(i) + ",Holding " + std::to_string(i + 1) + ",100\n";
    MustImport(store, {"", "", dir.Write("p.csv", kParties), "", dir.Write("o.csv", rows)});
    PartyFacts p;
    p.id = "S-1";
    p.ownership = OwnershipState::kGiven;  // what the manifest said is dropped past the bound
    ShipmentFacts s = ShipmentTo(p);
    REQUIRE(store.CompleteShipment(s).ok());
    return s.end_user;
  };
  // 1 + 999 nodes: the whole graph.
  PartyFacts within = completed(999);
  CHECK(within.ownership == OwnershipState::kGiven);
  CHECK(within.owners.nodes.size() == 1000);
  CHECK(within.owners.links.size() == 999);
  // One more: past the bound of 1,000 nodes the ownership is "not given" (the affiliates rule
  // cannot be checked), never a truncated graph.
  PartyFacts past = completed(1000);
  CHECK(past.ownership == OwnershipState::kNotGiven);
  CHECK(past.owners.nodes.empty());
}

TEST_CASE("DisagreementsKeepTheDatabaseValueAndAreRecorded", "[store][parties][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "m.db"));
  MustImport(store, {"", "", dir.Write("p.csv", kParties), "",
                     dir.Write("o.csv", "party,owner,share\nG-3,G-2,100\n")});
  PartyFacts p = Named("KAIC", "SG");  // found by alias; the database says MY
  p.headquarters = "SG";
  p.parent_headquarters = "CN";  // agrees
  p.parent_name = "Someone Else Holdings";
  p.ownership = OwnershipState::kGiven;  // `owners: []`, the database lists G-2
  ShipmentFacts s = ShipmentTo(p);
  s.consignee = Named("Solo Research Ltd");  // the manifest gives the name only: filled
  REQUIRE(store.CompleteShipment(s).ok());
  CHECK(s.end_user.country == "MY");
  CHECK(s.end_user.headquarters == "MY");
  CHECK(s.end_user.parent_headquarters == "CN");
  CHECK(s.end_user.parent_name == "Tianfu Cloud Group Co., Ltd.");
  CHECK(s.consignee.id == "S-1");
  CHECK(s.consignee.country == "DE");
  CHECK(s.consignee.headquarters == "DE");
  CHECK(
      Conflicts(s) ==
      std::vector<std::string>{
          "end_user.country: manifest=SG database=MY",
          "end_user.headquarters: manifest=SG database=MY",
          "end_user.parent_name: manifest=Someone Else Holdings database=Tianfu Cloud Group "
          "Co., Ltd.",
          "end_user.owners: manifest=none database=Tianfu Cloud Holdings (Hong Kong) Limited 100%",
      });
  // An id whose party has another name: the database's name is used, and the conflict recorded.
  PartyFacts q = Named("Solo Research Ltd");
  q.id = "G-3";
  ShipmentFacts t = ShipmentTo(q);
  REQUIRE(store.CompleteShipment(t, "shipment").ok());
  CHECK(t.end_user.name == "Kinabalu AI Compute Sdn. Bhd.");
  CHECK(Conflicts(t) == std::vector<std::string>{"end_user.name: shipment=Solo Research Ltd "
                                                 "database=Kinabalu AI Compute Sdn. Bhd."});
}

TEST_CASE("EveryBadCellOfTheMasterIsReportedAtItsLineAndColumn", "[store][parties][backend]") {
  TempDir dir;
  std::string path = TestDatabase(dir, "m.db");
  Store store = MustOpen(path);
  MustImport(store, {dir.Write("parts.csv", "part_number,type\nP-1,ic\n"), "",
                     dir.Write("p.csv", kParties), ""});
  std::string parties =
      dir.Write("bad_parties.csv",
                "party_id,name,aliases,country,headquarters,parent,parent_headquarters,note\n"
                ",Nameless Id Ltd,,DE,,,,\n"                     // 2: party_id empty
                "X-1,Bad Country Ltd,,XX,ZZ,,QQ,\n"              // 3: three bad countries
                "X-2,Self Parent Ltd,,DE,,X-2,,\n"               // 4: its own parent
                "X-3,KAIC,,MY,,,,\n"                             // 5: G-3's alias as a name
                "X-4,Alias Clash Ltd,tianfu cloud;...,CN,,,,\n"  // 6: G-1's alias; no letters
      );
  std::string ownership = dir.Write("bad_ownership.csv",
                                    "party,owner,share\n"
                                    "G-3,G-2,0\n"           // 2: share not > 0
                                    "G-3,G-2,101\n"         // 3: share > 100
                                    "G-3,G-2,abc\n"         // 4: not a number
                                    "G-3,,50\n"             // 5: share without owner
                                    "G-3,G-2,\n"            // 6: owner without share
                                    "G-3,G-3,10\n"          // 7: owns itself (by id)
                                    "G-2,G-1,60\n"          // 8: fine
                                    "G-2,Pearl Delta,50\n"  // 9: 110 % in all
                                    "G-2,Tianfu Cloud,5\n"  // 10: G-1 again (by alias)
                                    "G-2,,\n"               // 11: none, after owners
                                    ",G-1,10\n");           // 12: party empty
  std::string ships =
      dir.Write("bad_ships.csv",
                "shipment_id,date,consignee,consignee_country,part_number,quantity,consignee_id,"
                "end_user_id,end_use\n"
                "S-1,2025-01-01,A,DE,P-1,1,G-404,,\n"  // 2: unknown consignee id
                "S-2,2025-01-01,A,DE,P-1,1,,S-9,\n");  // 3: unknown end-user id
  auto diags = store.Import({"", "", parties, ships, ownership});
  std::vector<std::string> got;
  for (const auto& d : diags) {
    std::string file = d.loc.file.substr(d.loc.file.rfind('/') + 1);
    got.push_back(file + ":" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col) + " " +
                  d.code + " " + d.message);
  }
  std::vector<std::string> want{
      "bad_ownership.csv:2:9 E601 column `share`: `0` must be greater than zero",
      "bad_ownership.csv:3:9 E601 column `share`: `101` must be at most 100 (percent)",
      "bad_ownership.csv:4:9 E601 column `share`: `abc` is not a number",
      "bad_ownership.csv:5:5 E601 column `owner`: an owner is required with a share (leave both "
      "empty to say the party has no listed owners)",
      "bad_ownership.csv:6:9 E601 column `share`: a share is required with an owner",
      "bad_ownership.csv:7:5 E601 column `owner`: a party cannot own itself",
      "bad_ownership.csv:9:17 E601 column `share`: the direct owners of `G-2` would hold 110%; "
      "direct shares add up to at most 100",
      "bad_ownership.csv:10:5 E603 column `owner`: `Tianfu Cloud` is already an owner of `G-2`",
      "bad_ownership.csv:11:5 E601 column `owner`: party `G-2` has both owners and a row saying "
      "it has none",
      "bad_ownership.csv:12:1 E601 column `party`: must not be empty",
      "bad_parties.csv:2:1 E601 column `party_id`: must not be empty",
      "bad_parties.csv:3:22 E601 column `country`: `XX` is not an ISO 3166-1 alpha-2 country "
      "code",
      "bad_parties.csv:3:25 E601 column `headquarters`: `ZZ` is not an ISO 3166-1 alpha-2 "
      "country code",
      "bad_parties.csv:3:29 E601 column `parent_headquarters`: `QQ` is not an ISO 3166-1 alpha-2 "
      "country code",
      "bad_parties.csv:4:26 E601 column `parent`: a party cannot be its own parent",
      "bad_parties.csv:5:5 E603 column `name`: `KAIC` is already a name or alias of party `G-3` "
      "(names are compared without case and punctuation)",
      "bad_parties.csv:6:21 E603 column `aliases`: `tianfu cloud` is already a name or alias of "
      "party `G-1` (names are compared without case and punctuation)",
      "bad_parties.csv:6:21 E601 column `aliases`: `...` has no letters or digits to look it up by",
      "bad_ships.csv:2:27 E604 column `consignee_id`: unknown party id `G-404` (not in the "
      "customer master)",
      "bad_ships.csv:3:28 E604 column `end_user_id`: unknown party id `S-9` (not in the customer "
      "master)",
  };
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  CHECK(got == want);
  // Nothing was written: the import is one transaction.
  CHECK(RawScalar(path, "SELECT count(*) FROM parties") == "5");
  CHECK(RawScalar(path, "SELECT count(*) FROM ownership") == "0");
  CHECK(RawScalar(path, "SELECT count(*) FROM shipments") == "0");
}

TEST_CASE("ShipmentsCarryPartyIdsAndTheirEndUse", "[store][parties][backend]") {
  TempDir dir;
  Store store = MustOpen(TestDatabase(dir, "m.db"));
  MustImport(store,
             {dir.Write("parts.csv", "part_number,type,producer\nP-1,ic,Huawei Technologies\n"), "",
              dir.Write("p.csv", kParties),
              dir.Write("s.csv",
                        "shipment_id,date,consignee,consignee_country,end_user,end_user_country,"
                        "part_number,quantity,consignee_id,end_user_id,end_use\n"
                        "S-1,2025-12-02,Kinabalu AI Compute Sdn. Bhd.,MY,Kinabalu AI Compute Sdn. "
                        "Bhd.,MY,P-1,3,G-3,G-3,datacenter\n")});
  std::vector<StoredShipment> seen;
  REQUIRE(store
              .ForEachShipment([&](const StoredShipment& s) {
                seen.push_back(s);
                return true;
              })
              .ok());
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].consignee.id == "G-3");
  CHECK(seen[0].end_user.id == "G-3");
  CHECK(seen[0].end_use == "datacenter");
  auto part = store.LookupPart("P-1");
  REQUIRE(part.ok());
  REQUIRE(part.value().has_value());
  bool producer = false;
  for (const auto& [name, value] : part.value()->specs)
    producer |= name == "producer" && value.Text() == "Huawei Technologies";
  CHECK(producer);
}

// The case through the library as `check --db` uses it: the manifest names the end user
// by id only, and the master's parent chain (HQ in CN) makes the H200 need a license.
TEST_CASE("AnEndUserGivenOnlyByIdIsDecidedWithTheMastersFacts", "[store][parties][backend]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  auto store = Store::Open(db, StoreOptions{.read_only = true});
  REQUIRE(store.ok());
  LoadResult loaded = Engine::Load(SourcePath("rules/us-ear"));
  REQUIRE(loaded.engine);
  ShipmentFacts s;
  s.id = "T-1";
  s.date = *ParseDate("2025-12-02");
  s.end_user.id = "C-2003";
  s.consignee.id = "C-2003";
  REQUIRE(store->CompleteShipment(s).ok());
  CHECK(s.end_user.country == "MY");
  CHECK(s.end_user.parent_headquarters == "CN");
  ItemFacts item;
  item.part = "NV-H200-SXM-141G";
  item.quantity = 3;
  std::vector<ItemFacts*> items{&item};
  REQUIRE(store->CompleteAll(items).ok());
  std::vector<Diagnostic> diags;
  ResolvedShipment shipment = loaded.engine->ResolveShipment(s, diags);
  ResolvedItem resolved = loaded.engine->ResolveItem(item, diags);
  REQUIRE(diags.empty());
  LineDecision d;
  loaded.engine->Decide(shipment, resolved, d);
  CHECK(d.decision == DecisionKind::kLicenseRequired);
  bool hq_rule = false;
  for (const auto& r : d.reasons) hq_rule |= r.rule == "ac-hq-d5";
  CHECK(hq_rule);
}

}  // namespace chipgate::testing

namespace chipgate::testing {

// The sample master agrees with every stored sample shipment (db/sample/README.md says so): the
// older shipments' findings must not change because the master now completes them.
TEST_CASE("EverySampleShipmentAgreesWithTheSampleMaster", "[store][parties][sample][backend]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  auto store = Store::Open(db, StoreOptions{.read_only = true});
  REQUIRE(store.ok());
  int shipments = 0, found = 0;
  Status inner;
  REQUIRE(store
              ->ForEachShipment([&](const StoredShipment& sh) {
                ShipmentFacts s;
                s.id = sh.id;
                s.date = sh.date;
                s.consignee = sh.consignee;
                s.end_user = sh.end_user;
                inner = store->CompleteShipment(s, "shipment");
                ++shipments;
                found += !s.end_user.id.empty();
                INFO(sh.id);
                CHECK(Conflicts(s).empty());
                if (sh.id == "SO-25-0412") {
                  CHECK(s.end_user.parent_name == "Tianfu Cloud Group Co., Ltd.");
                  CHECK(s.end_user.parent_headquarters == "CN");
                  CHECK(s.end_user.ownership == OwnershipState::kGiven);
                  CHECK(s.end_user.owners.nodes.size() ==
                        5);  // C-2003, C-2002, C-2001 and two names
                }
                return inner.ok();
              })
              .ok());
  CHECK(inner.ok());
  CHECK(shipments == 46);
  CHECK(found == 46);  // every sample end user is in the master
}

}  // namespace chipgate::testing
