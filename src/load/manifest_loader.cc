// Manifest loader: YAML or JSON text (JSON takes its own strict parser, see doc_node.h) into
// ShipmentFacts and ItemFacts, keeping the location of every value so later type errors point
// at the right place. Parsing, limits and the reading itself are in YamlContext and
// ManifestReader; this file adds the size check, the empty-file check and the digest.
#include <cmath>

#include "base/sha256.h"
#include "base/source_file.h"
#include "chipgate/manifest.h"
#include "load/manifest_reader.h"

namespace chipgate {
namespace {}  // namespace

// Contract: `out.manifest` is set only when no error was reported; `out.diagnostics` is sorted.
// The size limit is checked before parsing so a huge text is never parsed (E107, no line). The
// digest is of the exact bytes given, so it identifies the manifest that was checked.
ManifestLoad LoadManifestFromString(const std::string& path, const std::string& text,
                                    Date default_date, const ManifestLimits& limits) {
  ManifestLoad out;
  if (!TextWithinLimit(path, text.size(), limits.max_bytes, "manifest", out.diagnostics))
    return out;
  SourceFile file(path, text);
  YamlContext ctx(file, out.diagnostics);
  auto root = ParseNonEmpty(ctx, file, "manifest");
  if (!root) return out;
  Manifest m;
  m.path = path;
  m.digest = "sha256:" + Sha256Hex(text);
  ManifestReader(ctx, limits).Read(*root, m, default_date);
  SortDiagnostics(out.diagnostics);
  if (!HasErrors(out.diagnostics)) out.manifest = std::move(m);
  return out;
}

// Reads at most `max_bytes`: an unreadable or over-large file is E100 with no line.
ManifestLoad LoadManifest(const std::string& path, Date default_date,
                          const ManifestLimits& limits) {
  auto text = ReadFileText(path, limits.max_bytes);
  if (!text.ok()) {
    ManifestLoad out;
    out.diagnostics.push_back({Severity::kError, "E100", {path, 0, 0}, text.status().message()});
    return out;
  }
  return LoadManifestFromString(path, text.value(), default_date, limits);
}

}  // namespace chipgate
