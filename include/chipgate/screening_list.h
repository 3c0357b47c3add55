// Published restricted-party lists (the U.S. Consolidated Screening List, OpenSanctions
// `targets.simple.csv`) as chipgate reads, stores and screens them: the entry and list-version
// types, the reader of the published files (docs/screening.md, "Imported lists"), and
// `ScreeningLists`, the compiled, immutable form that Engine::ResolveShipment screens names
// against next to the pack's parties. Store::ImportScreeningList keeps them in a database.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/date.h"
#include "chipgate/decision.h"
#include "chipgate/diagnostic.h"

namespace chipgate {

// The published file formats chipgate reads.
enum class ListFormat : uint8_t {
  kCslCsv,            // trade.gov Consolidated Screening List, CSV download
  kCslJson,           // the same list as JSON (`{"results": [...]}` or a bare array)
  kOpenSanctionsCsv,  // OpenSanctions `targets.simple.csv`
};
std::string_view ListFormatName(ListFormat format);  // "csl-csv", "csl-json", "opensanctions-csv"
std::optional<ListFormat> ParseListFormat(std::string_view name);
// The set of versions a file is one version of: one per publisher ("csl" for both CSL formats,
// "opensanctions"), so a CSL JSON file succeeds an earlier CSL CSV one and vice versa.
std::string_view ListSourceSet(ListFormat format);

// One listed party as published.
struct ScreeningListEntry {
  std::string entry_id;  // CSL `_id` (else `entity_number`), OpenSanctions `id`; unique in a file
  // The list it is on, as a code: EL, MEU, UVL, DPL, SDN, SSI, FSE, ISN, DTC, CMIC, CAP, PLC, MBS
  // for the CSL's sources; OpenSanctions entries carry their `dataset` names (e.g. `us_ofac_sdn`)
  // mapped to the same codes where they are U.S. lists, else `OTHER`.
  std::string list;
  std::string source;  // the list's name as written in the file
  std::string type;    // `Entity`, `Individual`, `Vessel`; OpenSanctions `schema`
  std::string name;
  std::vector<std::string> aliases;    // CSL `alt_names`, OpenSanctions `aliases` (`;`-separated)
  std::vector<std::string> countries;  // ISO codes as published (address or listed countries)
  std::string programs;
  std::string federal_register_notice;       // e.g. "89 FR 80141"; "" when none
  std::optional<Date> start_date, end_date;  // the listing applies on [start, end] (both included)
  std::string license_requirement, license_policy;  // the Entity List's own text, when given
  int line = 0;                                     // where the entry starts in its file (1-based)
};

// One imported file: what every hit against it names.
struct ScreeningListVersion {
  ListFormat format = ListFormat::kCslCsv;
  std::string file_name;          // the file's base name
  std::string digest;             // "sha256:<hex>" of the file's bytes
  std::string imported_at;        // audit timestamp of the import ("" before it is stored)
  std::optional<Date> file_date;  // the file's own date, where the format gives one
  int64_t entries = 0;

  // "csl-csv consolidated.csv sha256:0123abcd… of 2025-09-29": the version as reasons name it.
  std::string Label() const;
  // The date the version is in force from: `file_date`, else the date of `imported_at`; none
  // when it has neither (a file read but not stored, of a format that gives no date).
  std::optional<Date> InForceFrom() const;
};

// The version of each source set that applies to a shipment dated `date`, as indexes into
// `versions` (one per source set present, in the order of their first version): the latest
// version in force on or before `date` (a later one of the same day wins; a version with no date
// counts as in force from the start); if none is that old, the oldest one. docs/screening.md,
// "Imported lists", says why.
std::vector<int> VersionsInForce(const std::vector<ScreeningListVersion>& versions, Date date);

struct ScreeningListFile {
  ScreeningListVersion version;
  std::vector<ScreeningListEntry> entries;
};

// Reading a published file: on any problem `file` is empty and `diagnostics` name each one with
// file, line and column (E700–E704, docs/diagnostics.md).
struct ScreeningListRead {
  std::optional<ScreeningListFile> file;
  std::vector<Diagnostic> diagnostics;
};
// Reads `path`; the format is recognised from the content (JSON text, or the CSV header).
ScreeningListRead ReadScreeningList(const std::string& path);
// The same from text already in memory (tests); `path` names the file in diagnostics.
ScreeningListRead ParseScreeningList(const std::string& path, std::string text);

struct ScreeningListsData;

// The imported lists compiled for screening: every distinct entry of every version once, with the
// versions it is in, all names and aliases in one party index, and what a hit on each list
// implies; a shipment is screened against the versions in force on its date (VersionsInForce).
// Built once (from Store::ReadScreeningLists), immutable, cheap to copy (shared), safe to screen
// with from many threads. Decisions that name a list hit point into it (as into an Engine's
// program): keep it alive as long as those decisions.
class ScreeningLists {
 public:
  ScreeningLists();  // no lists: screens nothing
  static ScreeningLists Build(std::vector<ScreeningListFile> files);

  const std::vector<ScreeningListVersion>& versions() const;
  size_t entry_count() const;
  bool empty() const { return entry_count() == 0; }
  const ScreeningListsData& data() const { return *data_; }

 private:
  friend class Engine;  // a resolved shipment shares the lists its hits point into
  std::shared_ptr<const ScreeningListsData> data_;
};

// What a hit on list `code` implies for items subject to the EAR (docs/screening.md, "What each
// list implies"): the decision, the citation and the sentence a reason carries.
struct ListEffect {
  DecisionKind decision = DecisionKind::kReview;
  std::string_view cite;
  std::string_view message;
};
const ListEffect& EffectOfList(std::string_view code);

}  // namespace chipgate
