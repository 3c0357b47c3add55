// The copied tables and their columns (copy_tables.h). The column lists are the single source
// the backends' copy statements follow, and a test compares them with each backend's schema.
#include "store/copy_tables.h"

namespace chipgate {
namespace {

constexpr CopyColumn kPartsColumns[] = {{"part_number", CellKind::kText},
                                        {"description", CellKind::kText},
                                        {"declared_eccn", CellKind::kText},
                                        {"type", CellKind::kText},
                                        {"tpp", CellKind::kReal},
                                        {"die_area_mm2", CellKind::kReal},
                                        {"datacenter", CellKind::kInt},
                                        {"io_bandwidth_gbs", CellKind::kReal},
                                        {"memory_bandwidth_density", CellKind::kReal},
                                        {"dram_bandwidth_gbs", CellKind::kReal},
                                        {"source", CellKind::kText},
                                        {"bom_complete", CellKind::kInt},
                                        {"producer", CellKind::kText}};
constexpr CopyColumn kPartComponentsColumns[] = {
    {"parent", CellKind::kText}, {"child", CellKind::kText}, {"quantity", CellKind::kInt}};
constexpr CopyColumn kPartiesColumns[] = {{"id", CellKind::kInt},
                                          {"party_id", CellKind::kText},
                                          {"name", CellKind::kText},
                                          {"country", CellKind::kText},
                                          {"headquarters", CellKind::kText},
                                          {"parent", CellKind::kText},
                                          {"parent_headquarters", CellKind::kText},
                                          {"note", CellKind::kText}};
constexpr CopyColumn kPartyNamesColumns[] = {{"key", CellKind::kText},
                                             {"party", CellKind::kInt},
                                             {"name", CellKind::kText},
                                             {"alias", CellKind::kInt}};
constexpr CopyColumn kOwnershipColumns[] = {
    {"party", CellKind::kInt}, {"party_name", CellKind::kText}, {"party_key", CellKind::kText},
    {"owner", CellKind::kInt}, {"owner_name", CellKind::kText}, {"share", CellKind::kReal}};
constexpr CopyColumn kShipmentsColumns[] = {{"id", CellKind::kText},
                                            {"date", CellKind::kText},
                                            {"consignee", CellKind::kText},
                                            {"consignee_country", CellKind::kText},
                                            {"end_user", CellKind::kText},
                                            {"end_user_country", CellKind::kText},
                                            {"end_user_headquarters", CellKind::kText},
                                            {"consignee_id", CellKind::kText},
                                            {"end_user_id", CellKind::kText},
                                            {"end_use", CellKind::kText}};
constexpr CopyColumn kShipmentLinesColumns[] = {
    {"shipment_id", CellKind::kText}, {"line", CellKind::kInt},
    {"part_number", CellKind::kText}, {"quantity", CellKind::kInt},
    {"license", CellKind::kText},     {"unit_value_cents", CellKind::kInt}};
constexpr CopyColumn kLicensesColumns[] = {
    {"id", CellKind::kInt},          {"number", CellKind::kText},
    {"classes", CellKind::kText},    {"destinations", CellKind::kText},
    {"consignee", CellKind::kText},  {"end_user", CellKind::kText},
    {"quantity", CellKind::kInt},    {"value_cents", CellKind::kInt},
    {"valid_from", CellKind::kText}, {"valid_until", CellKind::kText},
    {"conditions", CellKind::kText}, {"line", CellKind::kInt}};
constexpr CopyColumn kLicenseDestinationsColumns[] = {{"destination", CellKind::kText},
                                                      {"license", CellKind::kInt}};
constexpr CopyColumn kLicenseUsesColumns[] = {
    {"license", CellKind::kInt}, {"shipment_id", CellKind::kText}, {"line", CellKind::kInt},
    {"date", CellKind::kText},   {"quantity", CellKind::kInt},     {"value_cents", CellKind::kInt}};
constexpr CopyColumn kListVersionsColumns[] = {
    {"id", CellKind::kInt},           {"source_set", CellKind::kText},
    {"format", CellKind::kText},      {"file_name", CellKind::kText},
    {"digest", CellKind::kText},      {"file_date", CellKind::kText},
    {"imported_at", CellKind::kText}, {"entries", CellKind::kInt}};
constexpr CopyColumn kListEntriesColumns[] = {{"version", CellKind::kInt},
                                              {"seq", CellKind::kInt},
                                              {"entry_id", CellKind::kText},
                                              {"list", CellKind::kText},
                                              {"source", CellKind::kText},
                                              {"type", CellKind::kText},
                                              {"name", CellKind::kText},
                                              {"aliases", CellKind::kText},
                                              {"countries", CellKind::kText},
                                              {"programs", CellKind::kText},
                                              {"federal_register_notice", CellKind::kText},
                                              {"start_date", CellKind::kText},
                                              {"end_date", CellKind::kText},
                                              {"license_requirement", CellKind::kText},
                                              {"license_policy", CellKind::kText},
                                              {"line", CellKind::kInt}};
constexpr CopyColumn kAuditRunsColumns[] = {{"id", CellKind::kInt},
                                            {"started", CellKind::kText},
                                            {"actor", CellKind::kText},
                                            {"date", CellKind::kText},
                                            {"compare_date", CellKind::kText},
                                            {"pack_digest", CellKind::kText},
                                            {"parts", CellKind::kInt},
                                            {"shipments", CellKind::kInt},
                                            {"findings", CellKind::kInt},
                                            {"findings_digest", CellKind::kText}};
constexpr CopyColumn kAuditFindingsColumns[] = {
    {"run_id", CellKind::kInt},       {"seq", CellKind::kInt},
    {"kind", CellKind::kText},        {"severity", CellKind::kText},
    {"part_number", CellKind::kText}, {"shipment_id", CellKind::kText},
    {"line", CellKind::kInt},         {"declared", CellKind::kText},
    {"computed", CellKind::kText},    {"reasons", CellKind::kText},
    {"license", CellKind::kText},     {"facts_digest", CellKind::kText}};
constexpr CopyColumn kAuditLogColumns[] = {
    {"seq", CellKind::kInt},        {"ts", CellKind::kText},
    {"actor", CellKind::kText},     {"command", CellKind::kText},
    {"subject", CellKind::kText},   {"input_digest", CellKind::kText},
    {"decision", CellKind::kText},  {"classes", CellKind::kText},
    {"reasons", CellKind::kText},   {"pack_digest", CellKind::kText},
    {"prev_hash", CellKind::kText}, {"hash", CellKind::kText},
    {"format", CellKind::kInt},     {"facts_digest", CellKind::kText},
    {"run", CellKind::kText}};

}  // namespace

std::string_view CopyTableName(CopyTable table) {
  switch (table) {
    case CopyTable::kParts:
      return "parts";
    case CopyTable::kPartComponents:
      return "part_components";
    case CopyTable::kParties:
      return "parties";
    case CopyTable::kPartyNames:
      return "party_names";
    case CopyTable::kOwnership:
      return "ownership";
    case CopyTable::kShipments:
      return "shipments";
    case CopyTable::kShipmentLines:
      return "shipment_lines";
    case CopyTable::kLicenses:
      return "licenses";
    case CopyTable::kLicenseDestinations:
      return "license_destinations";
    case CopyTable::kLicenseUses:
      return "license_uses";
    case CopyTable::kListVersions:
      return "list_versions";
    case CopyTable::kListEntries:
      return "list_entries";
    case CopyTable::kAuditRuns:
      return "audit_runs";
    case CopyTable::kAuditFindings:
      return "audit_findings";
    case CopyTable::kAuditLog:
      return "audit_log";
  }
  return "";
}

std::span<const CopyColumn> CopyColumns(CopyTable table) {
  switch (table) {
    case CopyTable::kParts:
      return kPartsColumns;
    case CopyTable::kPartComponents:
      return kPartComponentsColumns;
    case CopyTable::kParties:
      return kPartiesColumns;
    case CopyTable::kPartyNames:
      return kPartyNamesColumns;
    case CopyTable::kOwnership:
      return kOwnershipColumns;
    case CopyTable::kShipments:
      return kShipmentsColumns;
    case CopyTable::kShipmentLines:
      return kShipmentLinesColumns;
    case CopyTable::kLicenses:
      return kLicensesColumns;
    case CopyTable::kLicenseDestinations:
      return kLicenseDestinationsColumns;
    case CopyTable::kLicenseUses:
      return kLicenseUsesColumns;
    case CopyTable::kListVersions:
      return kListVersionsColumns;
    case CopyTable::kListEntries:
      return kListEntriesColumns;
    case CopyTable::kAuditRuns:
      return kAuditRunsColumns;
    case CopyTable::kAuditFindings:
      return kAuditFindingsColumns;
    case CopyTable::kAuditLog:
      return kAuditLogColumns;
  }
  return {};
}

}  // namespace chipgate
