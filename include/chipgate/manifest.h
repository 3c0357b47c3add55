// Shipment manifests (a contract; docs/cli.md, "Manifest"): YAML or JSON with `shipment`, `lines`.
// Loading reports every problem with file:line:col and the field; a manifest with errors is not
// returned, so no decision is ever made from a half-read file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chipgate/diagnostic.h"
#include "chipgate/facts.h"
#include "chipgate/license.h"

namespace chipgate {

struct ManifestLine {
  int index = 0;  // 1-based position in `lines`
  ItemFacts item;
  // The line's own terms (never a component's), used only to find the license it ships under
  // (docs/licenses.md): the license number the exporter means to use (empty: none named; the
  // loader admits only a license number's shape) and the value of one unit in whole US cents
  // (nullopt: not given, which a license with a value limit never covers).
  std::string license;
  std::optional<UsdCents> unit_value;
};

struct Manifest {
  std::string path;
  ShipmentFacts shipment;
  bool date_given = false;  // false: the date defaulted to today
  std::string digest;       // "sha256:<hex>" of the manifest file's bytes (the audit input digest)
  std::vector<ManifestLine> lines;
};

struct ManifestLoad {
  std::optional<Manifest> manifest;
  std::vector<Diagnostic> diagnostics;
};

// Limits on untrusted manifests (the CLI sets them from --max-manifest-bytes, --max-lines,
// --max-depth, and `latest_date` to a year after today). Going over one is an E107 error; a
// shipment date after `latest_date` is an E106 error at the date.
struct ManifestLimits {
  size_t max_bytes = size_t{16} << 20;
  size_t max_lines = 1'000'000;
  int max_depth = 32;           // component nesting
  Date latest_date = kMaxDate;  // the latest shipment date accepted
};

// `default_date` applies when the manifest has no `shipment.date`.
ManifestLoad LoadManifest(const std::string& path, Date default_date,
                          const ManifestLimits& limits = {});
ManifestLoad LoadManifestFromString(const std::string& path, const std::string& text,
                                    Date default_date, const ManifestLimits& limits = {});

}  // namespace chipgate
