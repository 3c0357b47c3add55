// The record builders (chipgate/audit_entry.h): what each kind of record holds, field by field,
// for a real decision of the example pack and for audit findings of both kinds.
#include "chipgate/audit_entry.h"

#include <catch2/catch.hpp>

#include "chipgate/engine.h"
#include "chipgate/manifest.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

struct Decided {
  LoadResult loaded = Engine::Load(SourcePath("rules/examples"));
  ManifestLoad load = LoadManifest(SourcePath("examples/manifests/inline-specs.yaml"), Date{});
  std::vector<LineDecision> decisions;

  Decided() {
    REQUIRE(loaded.engine);
    REQUIRE(load.manifest);
    std::vector<Diagnostic> diags;
    ResolvedShipment shipment = loaded.engine->ResolveShipment(load.manifest->shipment, diags);
    for (const auto& line : load.manifest->lines) {
      loaded.engine->Decide(shipment, loaded.engine->ResolveItem(line.item, diags),
                            decisions.emplace_back());
    }
    REQUIRE(diags.empty());
  }

  AuditEntry Entry(size_t i) const {
    const Manifest& m = *load.manifest;
    return MakeCheckEntry({.actor = "alice",
                           .input_digest = m.digest,
                           .pack_digest = loaded.engine->digest(),
                           .shipment = m.shipment,
                           .line = m.lines[i].index,
                           .item = m.lines[i].item,
                           .decision = decisions[i]});
  }
};

}  // namespace

TEST_CASE("ACheckRecordHoldsTheLineTheDecisionAndEveryReason", "[audit][entry]") {
  Decided d;
  const Manifest& m = *d.load.manifest;
  AuditEntry e = d.Entry(0);  // ACCEL-H100-CLASS to Singapore, headquartered in China
  CHECK(e.actor == "alice");
  CHECK(e.command == "check");
  CHECK(e.subject == "shipment SO-1001 date 2024-06-01 line 1 part ACCEL-H100-CLASS");
  CHECK(e.input_digest == m.digest);
  CHECK(e.pack_digest == d.loaded.engine->digest());
  CHECK(e.decision == DecisionName(d.decisions[0].decision));
  REQUIRE(e.classes.size() == d.decisions[0].classes.size());
  REQUIRE_FALSE(e.classes.empty());
  CHECK(e.classes.front() == d.decisions[0].classes.front());
  // Every reason, classification reasons included, in the decision's order.
  REQUIRE(e.reasons.size() == d.decisions[0].reasons.size());
  bool class_reason = false;
  for (size_t i = 0; i < e.reasons.size(); ++i) {
    const Reason& r = d.decisions[0].reasons[i];
    CHECK(e.reasons[i].rule == r.rule);
    CHECK(e.reasons[i].decision == DecisionName(r.decision));
    CHECK(e.reasons[i].cite == r.cite);
    CHECK(e.reasons[i].message == r.Text());
    class_reason |= r.source == ReasonSource::kClass;
  }
  CHECK(class_reason);
  DecisionFacts facts;
  facts.shipment = &m.shipment;
  facts.item = &m.lines[0].item;
  CHECK(e.facts_digest == FactsDigest(facts));
}

// The shipment encoded once for a manifest (CanonicalShipmentFactsJson, as check_pipeline does)
// gives every line the record, and the facts digest, of the shipment encoded per line.
TEST_CASE("ARecordWithTheShipmentEncodedOnceIsTheSame", "[audit][entry]") {
  Decided d;
  const Manifest& m = *d.load.manifest;
  const std::string shipment_json = CanonicalShipmentFactsJson(m.shipment);
  REQUIRE(m.lines.size() == 5);
  for (size_t i = 0; i < m.lines.size(); ++i) {
    INFO("line " << i + 1);
    DecisionFacts facts;
    facts.shipment = &m.shipment;
    facts.item = &m.lines[i].item;
    CHECK(CheckFactsDigest(m.lines[i].item, shipment_json) == FactsDigest(facts));
    AuditEntry once = MakeCheckEntry({.actor = "alice",
                                      .input_digest = m.digest,
                                      .pack_digest = d.loaded.engine->digest(),
                                      .shipment = m.shipment,
                                      .line = m.lines[i].index,
                                      .item = m.lines[i].item,
                                      .decision = d.decisions[i],
                                      .shipment_facts_json = shipment_json});
    AuditRecord a;
    a.seq = 1;
    a.ts = "2025-01-01T00:00:00.000Z";
    a.entry = once;
    a.prev_hash = kGenesisHash;
    AuditRecord b = a;
    b.entry = d.Entry(i);
    CHECK(CanonicalAuditJson(a) == CanonicalAuditJson(b));
  }
  // Another shipment is another digest: the encoding given is the one used.
  ShipmentFacts other = m.shipment;
  other.id = "SO-OTHER";
  CHECK(CheckFactsDigest(m.lines[0].item, CanonicalShipmentFactsJson(other)) !=
        CheckFactsDigest(m.lines[0].item, shipment_json));
}

TEST_CASE("EachLineHasItsOwnSubjectAndFactsButTheManifestsInputDigest", "[audit][entry]") {
  Decided d;
  AuditEntry first = d.Entry(0), third = d.Entry(2);
  CHECK(third.subject == "shipment SO-1001 date 2024-06-01 line 3 part SRV-8GPU");
  CHECK(third.input_digest == first.input_digest);
  CHECK(third.facts_digest != first.facts_digest);
  // The date in the subject is the date decided under (an override changes it).
  Manifest moved = *d.load.manifest;
  moved.shipment.date = *ParseDate("2025-01-02");
  AuditEntry later = MakeCheckEntry({.actor = "alice",
                                     .input_digest = moved.digest,
                                     .pack_digest = d.loaded.engine->digest(),
                                     .shipment = moved.shipment,
                                     .line = 1,
                                     .item = moved.lines[0].item,
                                     .decision = d.decisions[0]});
  CHECK(later.subject == "shipment SO-1001 date 2025-01-02 line 1 part ACCEL-H100-CLASS");
  CHECK(later.facts_digest != first.facts_digest);
}

TEST_CASE("FindingRecordsNameTheShipmentLineOrThePartWithADate", "[audit][entry]") {
  std::vector<AuditReason> reasons = {{"item-data", "review", "15 CFR 732.3(b)", "tpp unknown"}};
  std::string facts = "sha256:" + std::string(64, 'a');
  AuditEntry part = MakeFindingEntry({.actor = "auditor",
                                      .pack_digest = "sha256:pack",
                                      .kind = "unclassifiable",
                                      .computed = "unclassifiable",
                                      .part = "P-1",
                                      .shipment = "",
                                      .line = 0,
                                      .date = *ParseDate("2026-11-29"),
                                      .reasons = reasons,
                                      .facts_digest = facts});
  CHECK(part.command == "audit");
  CHECK(part.subject == "part P-1 date 2026-11-29");
  CHECK(part.decision == "unclassifiable");
  CHECK(part.classes == std::vector<std::string>{"unclassifiable"});
  CHECK(part.reasons.size() == 1);
  CHECK(CanonicalReasonsJson(part.reasons) == CanonicalReasonsJson(reasons));
  CHECK(part.input_digest == facts);
  CHECK(part.facts_digest == facts);
  CHECK(part.pack_digest == "sha256:pack");
  AuditEntry line = MakeFindingEntry({.actor = "auditor",
                                      .pack_digest = "sha256:pack",
                                      .kind = "unlicensed_shipment",
                                      .computed = "license_required",
                                      .part = "P-1",
                                      .shipment = "SO-7",
                                      .line = 3,
                                      .date = *ParseDate("2024-06-01"),
                                      .reasons = reasons,
                                      .facts_digest = facts});
  // The same subject a `check` of that line records.
  CHECK(line.subject == "shipment SO-7 date 2024-06-01 line 3 part P-1");
  CHECK(line.classes == std::vector<std::string>{"license_required"});
  AuditEntry license = MakeFindingEntry({.actor = "auditor",
                                         .pack_digest = "sha256:pack",
                                         .kind = "license_expiring",
                                         .computed = "valid until 2026-12-20",
                                         .part = "",
                                         .shipment = "",
                                         .line = 0,
                                         .date = *ParseDate("2026-11-29"),
                                         .license = "D1234567",
                                         .reasons = reasons,
                                         .facts_digest = facts});
  CHECK(license.subject == "license D1234567 date 2026-11-29");
}

// The run's one record: its facts are its findings, and `run` is hashed with it (a record with
// another run, or none, has other bytes).
TEST_CASE("AuditRunEntryFieldByField", "[audit][entry]") {
  const std::string digest = "sha256:" + std::string(64, 'c');
  AuditRunSummary run{4,
                      std::string(32, 'd'),
                      "2026-11-29T10:00:00.000Z",
                      "2026-11-29",
                      "2026-12-01",
                      300000,
                      12,
                      2,
                      digest};
  AuditEntry e = MakeAuditRunEntry("auditor", "sha256:pack", run);
  CHECK(e.actor == "auditor");
  CHECK(e.command == "audit");
  CHECK(e.subject == "audit run 4 date 2026-11-29");
  CHECK(e.decision == "findings");
  CHECK(e.classes.empty());
  CHECK(e.reasons.empty());
  CHECK(e.pack_digest == "sha256:pack");
  CHECK(e.input_digest == digest);
  CHECK(e.facts_digest == digest);
  REQUIRE(e.run);
  CHECK(*e.run == run);
  AuditRecord rec{kAuditFormat, 1, "2026-11-29T10:00:00.000Z", e, kGenesisHash, ""};
  const std::string bytes = CanonicalAuditJson(rec);
  CHECK(bytes.find(R"(,"reasons":[],"run":{"compare_date":"2026-12-01",)") != std::string::npos);
  AuditRecord without = rec;
  without.entry.run.reset();
  CHECK(CanonicalAuditJson(without).find("\"run\"") == std::string::npos);
  AuditRecord other = rec;
  other.entry.run->findings = 3;
  CHECK(AuditRecordHash(other) != AuditRecordHash(rec));
  run.findings = 0;
  CHECK(MakeAuditRunEntry("auditor", "sha256:pack", run).decision == "no_findings");
}

}  // namespace chipgate::testing
