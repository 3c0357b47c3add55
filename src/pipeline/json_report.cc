// The versioned head of the JSON documents (json_report.h).
#include "pipeline/json_report.h"

namespace chipgate {

std::string_view SchemaName(JsonKind kind) {
  // The names are a published contract: a name here never changes within v1 (docs/cli.md).
  switch (kind) {
    case JsonKind::kCheck:
      return "chipgate.check/v1";
    case JsonKind::kExplain:
      return "chipgate.explain/v1";
    case JsonKind::kShip:
      return "chipgate.ship/v1";
    case JsonKind::kLint:
      return "chipgate.lint/v1";
    case JsonKind::kTest:
      return "chipgate.test/v1";
    case JsonKind::kAudit:
      return "chipgate.audit/v1";
    case JsonKind::kVersion:
      return "chipgate.version/v1";
    case JsonKind::kDiagnostic:
      return "chipgate.diagnostic/v1";
    case JsonKind::kLicenseList:
      return "chipgate.license-list/v1";
    case JsonKind::kLicenseShow:
      return "chipgate.license-show/v1";
    case JsonKind::kListsStatus:
      return "chipgate.lists-status/v1";
    case JsonKind::kListsImport:
      return "chipgate.lists-import/v1";
    case JsonKind::kListsRemove:
      return "chipgate.lists-remove/v1";
    case JsonKind::kDbInit:
      return "chipgate.db-init/v1";
    case JsonKind::kDbImport:
      return "chipgate.db-import/v1";
    case JsonKind::kDbMigrate:
      return "chipgate.db-migrate/v1";
    case JsonKind::kLogVerify:
      return "chipgate.log-verify/v1";
    case JsonKind::kLogCheckpoint:
      return "chipgate.log-checkpoint/v1";
    case JsonKind::kLogLine:
      return "chipgate.log-line/v1";
    case JsonKind::kFmt:
      return "chipgate.fmt/v1";
    case JsonKind::kTestAgainstDb:
      return "chipgate.test-against-db/v1";
    case JsonKind::kPartList:
      return "chipgate.part-list/v1";
    case JsonKind::kPartShow:
      return "chipgate.part-show/v1";
    case JsonKind::kRuleList:
      return "chipgate.rule-list/v1";
    case JsonKind::kRuleShow:
      return "chipgate.rule-show/v1";
    case JsonKind::kScreen:
      return "chipgate.screen/v1";
  }
  return "chipgate.unknown/v1";  // not reached: every enumerator is listed above
}

// CHIPGATE_VERSION is the project version, defined for this module by CMakeLists.txt.
std::string_view ChipgateVersion() { return CHIPGATE_VERSION; }

void JsonReportHead(PrettyJson& j, JsonKind kind) {
  j.Key("schema").String(SchemaName(kind)).Key("chipgate_version").String(ChipgateVersion());
}

}  // namespace chipgate
