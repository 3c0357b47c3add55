// The versioned head of every JSON document the command line and the service write: `"schema":
// "chipgate.<kind>/v1"` and `"chipgate_version"`, as the first two members. Each kind has a JSON
// Schema in schemas/chipgate.<kind>.v1.schema.json (installed to share/chipgate/schemas); the
// compatibility promise and the empty-value rule are in docs/cli.md, "Machine-readable output".
#pragma once

#include <string_view>

#include "pipeline/pretty_json.h"

namespace chipgate {

// One value per published document kind. A new kind needs a schema file of the same name.
enum class JsonKind {
  kCheck,
  kExplain,
  kShip,
  kLint,
  kTest,
  kAudit,
  kVersion,
  kDiagnostic,
  kLicenseList,
  kLicenseShow,
  kListsStatus,
  kListsImport,
  kListsRemove,
  kDbInit,
  kDbImport,
  kDbMigrate,
  kLogVerify,
  kLogCheckpoint,
  kLogLine,  // a line of the operational log (--log-file)
  kFmt,
  kTestAgainstDb,
  kPartList,
  kPartShow,
  kRuleList,
  kRuleShow,
  kScreen,
};

// "chipgate.check/v1", "chipgate.license-list/v1", ...
std::string_view SchemaName(JsonKind kind);

// The version of this chipgate ("0.1.0"), as `chipgate version` prints it.
std::string_view ChipgateVersion();

// Writes the `schema` and `chipgate_version` members into the object `j` has just opened.
void JsonReportHead(PrettyJson& j, JsonKind kind);

}  // namespace chipgate
