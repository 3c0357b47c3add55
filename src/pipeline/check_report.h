// Rendering of `check` results: the JSON document (docs/cli.md, "JSON output") and a text table a
// person can act on (one row per line: part, classes, decision, exception, first reason and
// citation).
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/decision.h"
#include "chipgate/engine.h"
#include "chipgate/manifest.h"
#include "pipeline/json_report.h"
#include "pipeline/license_authorization.h"

namespace chipgate {

struct CheckedLine {
  const ManifestLine* line;
  LineDecision decision;
  // Set on `license_required` lines when licenses were read (`check --db`; AuthorizeLines);
  // without it a license_required line is held.
  std::optional<LineLicense> license = std::nullopt;
};

struct CheckReport {
  const Manifest* manifest;
  const Engine* engine;
  Date date;
  DecisionKind verdict = DecisionKind::kNoLicenseRequired;
  std::vector<CheckedLine> lines;
  bool recorded = false;  // whether the decisions were written to an audit log
  std::string audit_db;   // where they were written
  int64_t first_seq = 0, last_seq = 0;
  std::string audit_head;  // hash of the last record written
};

std::string CheckJson(const CheckReport& r);
void CheckJson(const CheckReport& r, std::ostream& out);
std::string CheckText(const CheckReport& r);

// The same documents in two parts: the body (shipment and every line's decision) reads only
// the decisions, so it can be rendered while the audit records are being written; the tail
// says whether and where they were recorded. Body + tail == the whole document.
// `kind` names the document (`check`, or `ship`, whose document starts as check's does).
void CheckJsonBody(const CheckReport& r, std::ostream& out, JsonKind kind = JsonKind::kCheck);
// The same body handed to `sink` a block at a time (some 64 KiB each), in order.
void CheckJsonBody(const CheckReport& r, const std::function<void(std::string_view)>& sink,
                   JsonKind kind = JsonKind::kCheck);
// The body as one string (no stream): the service renders it while the records are appended.
std::string CheckJsonBodyText(const CheckReport& r);
std::string CheckJsonTail(const CheckReport& r);
std::string CheckTextBody(const CheckReport& r);
std::string CheckTextTail(const CheckReport& r);
// The tail's members (`recorded`, and `audit` when recorded) into an object left open, for a
// command that adds its own after them (`ship`).
void RecordedJson(PrettyJson& j, const CheckReport& r);
// Members and values the check, ship and explain documents share: `"rules": {"pack", "digest",
// "packs": [{"name", "version", "digest"}]}` (the packs of the stack, base first; one for a
// single pack), and a decision's reasons as an array of {"rule", "decision", "cite", "message",
// "policy"}.
void RulesJson(PrettyJson& j, const Engine& engine);
void ReasonsJson(PrettyJson& j, const std::vector<Reason>& reasons);

}  // namespace chipgate
