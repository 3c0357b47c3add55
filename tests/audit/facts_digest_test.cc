// The facts digest: one canonical encoding of the resolved facts, pinned by a dump, covering every
// fact (each mutation below must change it) and indifferent to the order attributes are listed in.
#include <catch2/catch.hpp>
#include <functional>
#include <memory>

#include "base/sha256.h"
#include "chipgate/audit.h"

namespace chipgate::testing {
namespace {

ItemFacts Server() {
  ItemFacts gpu;
  gpu.part = "GPU";
  gpu.quantity = 8;
  gpu.has_specs = true;
  gpu.specs.push_back({"type", SpecValue{"ic", {}, std::nullopt, FactSource::kManifest}});
  gpu.specs.push_back(
      {"tpp",
       SpecValue{"", {}, 15832.0, FactSource::kManifest}});  // typed, as the database gives it
  ItemFacts server;
  server.part = "SRV";
  server.has_specs = true;
  server.Set("datacenter", true);
  server.components.push_back(gpu);
  return server;
}

ShipmentFacts Shipment() {
  ShipmentFacts s;
  s.id = "SO-1";
  s.date = ParseDate("2025-06-01").value();
  s.consignee = PartyFacts::Of("Acme", "DE", "DE", "");
  s.end_user = PartyFacts::Of("Lab", "SG", "CN", "CN");
  s.end_use = "research";
  return s;
}

}  // namespace

TEST_CASE("FactsEncodingIsPinned", "[audit]") {
  ItemFacts item = Server();
  ShipmentFacts ship = Shipment();
  DecisionFacts f;
  f.shipment = &ship;
  f.item = &item;
  // A component is named by the digest of its own encoding (the bill of materials as a Merkle DAG).
  const std::string gpu =
      "{\"bom_cycle\":[],\"components\":[],\"contents\":\"not_given\",\"has_specs\":true,\"note\":"
      "\"\",\"part\":\"GPU\","
      "\"quantity\":8,\"specs\":[{\"name\":\"tpp\",\"number\":15832},{\"name\":\"type\",\"text\":"
      "\"ic\"}]}";
  CHECK(CanonicalFactsJson(f) ==
        "{\"item\":{\"bom_cycle\":[],\"components\":[\"sha256:" + Sha256Hex(gpu) +
            "\"],\"contents\":\"not_given\",\"has_specs\":true,"
            "\"note\":\"\",\"part\":\"SRV\",\"quantity\":1,\"specs\":[{\"name\":\"datacenter\","
            "\"text\":\"true\"}]},"
            "\"shipment\":{\"consignee\":{\"country\":\"DE\",\"headquarters\":\"DE\",\"name\":"
            "\"Acme\",\"parent_headquarters\":"
            "\"\"},\"date\":\"2025-06-01\",\"end_use\":\"research\",\"end_user\":{\"country\":"
            "\"SG\",\"headquarters\":\"CN\","
            "\"name\":\"Lab\",\"parent_headquarters\":\"CN\"},\"id\":\"SO-1\"}}");
  CHECK(FactsDigest(f).rfind("sha256:", 0) == 0);
  CHECK(FactsDigest(f).size() == 7 + 64);
}

// A bill of materials whose sub-assemblies are shared (each level uses the one below twice) has
// 2^60 paths: encoding it must visit each distinct node once, and give the digest of the same
// items written out without sharing.
TEST_CASE("SharedBillOfMaterialsIsEncodedOncePerNode", "[audit]") {
  auto leaf = std::make_shared<ItemFacts>();
  leaf->part = "L";
  leaf->Set("type", "ic");
  std::shared_ptr<ItemFacts> level = leaf;
  for (int i = 0; i < 60; ++i) {
    auto up = std::make_shared<ItemFacts>();
    up->part = "A" + std::to_string(i);
    up->components.push_back(level);
    up->components.push_back(level);
    level = up;
  }
  DecisionFacts f;
  f.item = level.get();
  const std::string digest = FactsDigest(f);  // finishes: 61 nodes, not 2^60 paths
  CHECK(digest.size() == 7 + 64);

  // Three levels shared and the same three levels as separate copies give one digest.
  ItemFacts copy_leaf = *leaf;
  ItemFacts mid;
  mid.part = "A0";
  mid.components.push_back(copy_leaf);
  mid.components.push_back(copy_leaf);
  ItemFacts top;
  top.part = "A1";
  top.components.push_back(mid);
  top.components.push_back(mid);
  auto shared_mid = std::make_shared<ItemFacts>();
  shared_mid->part = "A0";
  shared_mid->components.push_back(leaf);
  shared_mid->components.push_back(leaf);
  ItemFacts shared_top;
  shared_top.part = "A1";
  shared_top.components.push_back(shared_mid);
  shared_top.components.push_back(shared_mid);
  DecisionFacts a, b;
  a.item = &top;
  b.item = &shared_top;
  CHECK(FactsDigest(a) == FactsDigest(b));
}

TEST_CASE("EveryFactChangesTheDigest", "[audit]") {
  const std::vector<
      std::pair<const char*, std::function<void(ItemFacts&, ShipmentFacts&, DecisionFacts&)>>>
      mutations = {
          {"part", [](ItemFacts& i, ShipmentFacts&, DecisionFacts&) { i.part = "SRV2"; }},
          {"quantity", [](ItemFacts& i, ShipmentFacts&, DecisionFacts&) { i.quantity = 2; }},
          {"has_specs", [](ItemFacts& i, ShipmentFacts&, DecisionFacts&) { i.has_specs = false; }},
          {"note", [](ItemFacts& i, ShipmentFacts&, DecisionFacts&) { i.note = "not found"; }},
          {"attribute value",
           [](ItemFacts& i, ShipmentFacts&, DecisionFacts&) {
             i.components[0].specs[1].second.number = 15833;
           }},
          {"attribute typed as text",
           [](ItemFacts& i, ShipmentFacts&, DecisionFacts&) {
             i.components[0].specs[1].second =
                 SpecValue{"15832", {}, std::nullopt, FactSource::kManifest};
           }},
          {"attribute added",
           [](ItemFacts& i, ShipmentFacts&, DecisionFacts&) { i.Set("tpp", 1.0); }},
          {"component removed",
           [](ItemFacts& i, ShipmentFacts&, DecisionFacts&) { i.components.clear(); }},
          {"component quantity",
           [](ItemFacts& i, ShipmentFacts&, DecisionFacts&) { i.components[0].quantity = 4; }},
          {"shipment id", [](ItemFacts&, ShipmentFacts& s, DecisionFacts&) { s.id = "SO-2"; }},
          {"date", [](ItemFacts&, ShipmentFacts& s,
                      DecisionFacts&) { s.date = ParseDate("2025-06-02").value(); }},
          {"end use",
           [](ItemFacts&, ShipmentFacts& s, DecisionFacts&) { s.end_use = "supercomputer"; }},
          {"consignee name",
           [](ItemFacts&, ShipmentFacts& s, DecisionFacts&) { s.consignee.name = "Acme2"; }},
          {"end user country",
           [](ItemFacts&, ShipmentFacts& s, DecisionFacts&) { s.end_user.country = "MY"; }},
          {"end user headquarters",
           [](ItemFacts&, ShipmentFacts& s, DecisionFacts&) { s.end_user.headquarters = "SG"; }},
          {"parent headquarters", [](ItemFacts&, ShipmentFacts& s,
                                     DecisionFacts&) { s.end_user.parent_headquarters = ""; }},
          {"license", [](ItemFacts&, ShipmentFacts&, DecisionFacts& f) { f.license = "NAC"; }},
          {"declared eccn",
           [](ItemFacts&, ShipmentFacts&, DecisionFacts& f) { f.declared_eccn = "3A090.a"; }},
          {"classification date",
           [](ItemFacts&, ShipmentFacts&, DecisionFacts& f) { f.classified_on = Date{1}; }},
          {"no shipment",
           [](ItemFacts&, ShipmentFacts&, DecisionFacts& f) { f.shipment = nullptr; }},
          {"contents listed", [](ItemFacts& i, ShipmentFacts&,
                                 DecisionFacts&) { i.contents = ContentsState::kListed; }},
          {"component contents cyclic",
           [](ItemFacts& i, ShipmentFacts&, DecisionFacts&) {
             i.components[0].contents = ContentsState::kCyclic;
             i.components[0].bom_cycle = {"GPU", "X"};
           }},
      };
  ItemFacts item = Server();
  ShipmentFacts ship = Shipment();
  DecisionFacts base;
  base.shipment = &ship;
  base.item = &item;
  const std::string original = FactsDigest(base);
  for (const auto& [name, mutate] : mutations) {
    INFO(name);
    ItemFacts i = Server();
    ShipmentFacts s = Shipment();
    DecisionFacts f;
    f.shipment = &s;
    f.item = &i;
    mutate(i, s, f);
    CHECK(FactsDigest(f) != original);
  }
}

TEST_CASE("AttributeOrderDoesNotChangeTheDigest", "[audit]") {
  ItemFacts a, b;
  a.part = b.part = "P";
  a.Set("tpp", 1.0).Set("type", "ic");
  b.Set("type", "ic").Set("tpp", 1.0);
  DecisionFacts fa, fb;
  fa.item = &a;
  fb.item = &b;
  CHECK(FactsDigest(fa) == FactsDigest(fb));
}

TEST_CASE("FormatTwoEncodingAddsFactsDigestAndFormat", "[audit]") {
  AuditRecord r;
  r.seq = 1;
  r.ts = "2026-01-02T03:04:05.006Z";
  r.entry.actor = "a";
  r.entry.command = "check";
  r.entry.decision = "review";
  r.entry.facts_digest = "sha256:00";
  r.prev_hash = kGenesisHash;
  CHECK(CanonicalAuditJson(r) ==
        "{\"actor\":\"a\",\"classes\":[],\"command\":\"check\",\"decision\":\"review\",\"facts_"
        "digest\":\"sha256:00\","
        "\"format\":2,\"input_digest\":\"\",\"pack_digest\":\"\",\"prev_hash\":\"" +
            kGenesisHash +
            "\",\"reasons\":[],\"seq\":1,\"subject\":\"\",\"ts\":\"2026-01-02T03:04:05.006Z\"}");
  AuditRecord v1 = r;
  v1.format = kAuditFormatV1;
  CHECK(CanonicalAuditJson(v1).find("facts_digest") == std::string::npos);
  CHECK(AuditRecordHash(v1) != AuditRecordHash(r));
}

}  // namespace chipgate::testing
