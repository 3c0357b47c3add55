// Looking a part up in the database, as `chipgate parts` and the service's GET /v1/parts/{part}
// do (docs/cli.md, "Parts"): the part with the class the pack computes from its data on a date,
// its declared ECCN and whether the two agree (chipgate/declared_class.h); with its stored
// attributes, its bill of materials, the parts containing it and its recorded shipments. Read
// only; the caller holds one read snapshot (Store::InReadSnapshot) around the reads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chipgate/declared_class.h"
#include "chipgate/engine.h"
#include "chipgate/store.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate {

// A part as classified on the date: what `list` prints a row of and `show` starts with.
struct ClassifiedPart {
  PartInfo info;
  Engine::Classification cls;
  std::string computed;  // ComputedClassName(cls)
  DeclaredCheck check = DeclaredCheck::kUnclassifiable;
};

// Everything `show` has besides the part's own row.
struct PartDetail {
  ItemFacts item;  // as stored, bill of materials read recursively
  std::vector<ClassifiedPart> contents;
  std::vector<int64_t> content_quantities;
  std::vector<PartQuantity> used_in;
  std::vector<PartShipmentLine> shipments;
};

struct PartShow {
  ClassifiedPart part;
  PartDetail detail;
};

// Classifies `item` on `date`. Data the pack cannot type makes the part unclassifiable, as in
// the audit, rather than dropping the value (which could clear it).
Engine::Classification ClassifyItem(const Engine& engine, const ItemFacts& item, Date date);

// The part's stored data classified; an error when the store fails.
Result<ClassifiedPart> ClassifyPart(const Engine& engine, const Store& store, PartInfo info,
                                    Date date);

// Everything `show` says of `part`: nullopt when no such part is stored, an error when the store
// fails.
Result<std::optional<PartShow>> ReadPartShow(const Engine& engine, const Store& store,
                                             const std::string& part, Date date);

// ASCII case-insensitive substring test (part numbers and descriptions).
bool ContainsFoldedAscii(const std::string& hay, const std::string& needle);

// Up to three stored part numbers nearest `part` (by edit distance, within a third of its
// length, or containing it), for the not-found message.
std::vector<std::string> NearestParts(const Store& store, const std::string& part);

// The members every part object has, in `list` and `show` alike.
void PartHeadJson(PrettyJson& j, const ClassifiedPart& p);
// {"schema", "chipgate_version", "date", "pack": {"name", "version", "digest"}, ...
void PartDocumentHead(PrettyJson& j, JsonKind kind, const Engine& engine, Date date);

// The chipgate.part-show/v1 document (no final newline): every member always present, null for
// nothing.
std::string PartShowJson(const PartShow& shown, Date date, const Engine& engine);

}  // namespace chipgate
