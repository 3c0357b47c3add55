// A plain, valid audit entry for tests that need records in a log and do not care what they say
// (the store's checks, verification, triggers, clocks): every field set, digests of the right form.
#pragma once

#include <string>

#include "chipgate/audit.h"

namespace chipgate::testing {

// Entry `i` of a log: its subject and reason name the number, so records differ and their hashes
// too.
inline AuditEntry PlainAuditEntry(int i) {
  AuditEntry e;
  e.actor = "tester";
  e.command = "check";
  e.subject = "shipment S date 2025-12-01 line " + std::to_string(i);
  e.input_digest = "sha256:" + std::string(64, 'a');
  e.decision = "review";
  e.classes = {"3A090.a"};
  e.reasons = {{"rule-1", e.decision, "15 CFR 742.6", "line " + std::to_string(i)}};
  e.pack_digest = "sha256:" + std::string(64, 'b');
  e.facts_digest = "sha256:" + std::string(64, 'c');
  return e;
}

}  // namespace chipgate::testing
