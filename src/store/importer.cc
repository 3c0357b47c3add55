// CSV import (docs/db-schema.md, "Importing CSV"): parts, bills of materials, parties (the
// customer master), ownership and shipments, validated row by row and written in one transaction
// through the backend's ImportSink, so a file with any bad row changes nothing. The parts file's
// attribute columns are those of kPartAttributes, validated by their kind; references to parties
// are resolved through the backend's PartyReader. Imports are incremental: each row is compared
// with the row stored under its key (ReadImportedRow before and after the write) and counted as
// added, updated or unchanged; `--replace` clears the files' tables first.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "base/country.h"
#include "base/csv_reader.h"
#include "base/eccn.h"
#include "base/license_value.h"
#include "base/source_file.h"
#include "base/string_key.h"
#include "store/part_attributes.h"
#include "store/store_impl.h"

namespace chipgate {
namespace {

// True when every check passed. The checks are the list's elements, so all of them run (in
// order) and each reports its own error: a row shows every bad field at once.
bool AllOf(std::initializer_list<bool> checks) {
  return std::all_of(checks.begin(), checks.end(), [](bool b) { return b; });
}

// ASCII lower case, for suggesting the value a differently cased cell meant (`IC` for `ic`).
std::string FoldCase(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The columns each file may have (the parts file's attribute columns are kPartAttributes'): a
// header naming none of them is likely in another language, and `--map` may name only these.
const std::vector<std::string>& KnownColumns(ImportTable table) {
  static const std::vector<std::string> parts = [] {
    std::vector<std::string> cols{"part_number", "description", "declared_eccn", "source",
                                  "bom_complete"};
    for (const PartAttribute& a : kPartAttributes) cols.emplace_back(a.column);
    return cols;
  }();
  static const std::vector<std::string> components{"parent", "child", "quantity"};
  static const std::vector<std::string> parties{
      "party_id", "name", "aliases", "country", "headquarters", "parent", "parent_headquarters",
      "note"};
  static const std::vector<std::string> ownership{"party", "owner", "share"};
  static const std::vector<std::string> licenses{
      "license_number", "classes",   "destinations", "consignee",   "end_user",
      "quantity",       "value_usd", "valid_from",   "valid_until", "conditions"};
  static const std::vector<std::string> shipments{"shipment_id",
                                                  "date",
                                                  "consignee",
                                                  "consignee_country",
                                                  "end_user",
                                                  "end_user_country",
                                                  "end_user_headquarters",
                                                  "part_number",
                                                  "quantity",
                                                  "license",
                                                  "consignee_id",
                                                  "end_user_id",
                                                  "end_use",
                                                  "unit_value"};
  switch (table) {
    case ImportTable::kParts:
      return parts;
    case ImportTable::kComponents:
      return components;
    case ImportTable::kParties:
      return parties;
    case ImportTable::kOwnership:
      return ownership;
    case ImportTable::kLicenses:
      return licenses;
    case ImportTable::kShipments:
    case ImportTable::kShipmentLines:
      break;
  }
  return shipments;
}

// Where a row stands against the stored one: ordered so the larger of two is a row's outcome
// (a shipment line is updated when its shipment is).
enum class RowOutcome { kUnchanged, kUpdated, kAdded };

// Reads the CSV files in a fixed order (parts, components, parties, ownership, licenses,
// shipments, so
// references resolve against rows written earlier in the same transaction), collecting every
// problem.
class Importer {
 public:
  Importer(ImportSink& sink, PartyReader& parties, LicenseBackend& licenses,
           const ImportOptions& options, std::vector<Diagnostic>& diags)
      : sink_(sink), parties_(parties), licenses_(licenses), options_(options), diags_(diags) {
    for (int i = 0; i < kImportTableCount; ++i) counts_[i].table = static_cast<ImportTable>(i);
  }

  void Run(const ImportFiles& f) {
    if (!CheckMap()) return;
    const std::pair<const std::string*, ImportTable> given[] = {
        {&f.parts, ImportTable::kParts},
        {&f.components, ImportTable::kComponents},
        {&f.parties, ImportTable::kParties},
        {&f.ownership, ImportTable::kOwnership},
        {&f.licenses, ImportTable::kLicenses},
        {&f.shipments, ImportTable::kShipments},
        {&f.shipments, ImportTable::kShipmentLines}};
    for (const auto& [path, table] : given)
      if (!path->empty()) tables_.push_back(table);
    if (options_.replace) Clear(f);
    if (!f.parts.empty()) File(f.parts, ImportTable::kParts, &Importer::Parts);
    if (!f.components.empty()) File(f.components, ImportTable::kComponents, &Importer::Components);
    if (!f.parties.empty()) File(f.parties, ImportTable::kParties, &Importer::Parties);
    if (!f.ownership.empty()) File(f.ownership, ImportTable::kOwnership, &Importer::Ownership);
    if (!f.licenses.empty()) File(f.licenses, ImportTable::kLicenses, &Importer::Licenses);
    if (!f.shipments.empty()) File(f.shipments, ImportTable::kShipments, &Importer::Shipments);
  }

  // The counts of every table of the files given, in import order.
  std::vector<ImportCounts> Counts() const {
    std::vector<ImportCounts> out;
    for (ImportTable t : tables_) out.push_back(counts_[static_cast<int>(t)]);
    return out;
  }

 private:
  // One CSV file being imported: its header, its rows and the column index of each header name.
  // `src` keeps the text the rows were parsed from, so every diagnostic shows the line as it was
  // read (never re-read from disk).
  struct Sheet {
    ImportTable table = ImportTable::kParts;
    std::string path;
    std::shared_ptr<const SourceFile> src;
    std::vector<std::string> header;
    std::vector<CsvRecord> rows;
    std::map<std::string, int> cols;
    const CsvRecord* row = nullptr;

    std::string Get(const std::string& col) const {
      auto it = cols.find(col);
      return it == cols.end() || it->second >= static_cast<int>(row->fields.size())
                 ? ""
                 : row->fields[it->second].text;
    }
  };

  // Where column `col` of the current row starts (line and byte column, from the reader), or
  // the row's line without a column when the row has no such field (a short row, no column
  // named); line 1 (the header) before any row is read.
  SourceLoc Loc(const Sheet& s, const std::string& col) const {
    if (!s.row) return s.src->At(1, 0);
    if (auto it = s.cols.find(col);
        it != s.cols.end() && it->second < static_cast<int>(s.row->fields.size())) {
      const CsvField& f = s.row->fields[it->second];
      return s.src->At(f.line, f.col);
    }
    return s.src->At(s.row->line, 0);
  }

  // An error at column `col` of the current row; the column is also named in the message.
  void Error(const Sheet& s, const std::string& col, const std::string& code,
             const std::string& msg) {
    diags_.push_back(
        {Severity::kError, code, Loc(s, col), (col.empty() ? "" : "column `" + col + "`: ") + msg});
  }

  // Splits the file into header and rows; a file that is not CSV, or has no header, is one E605
  // at a line without a column (an unclosed quote at the line its record starts on).
  bool Split(Sheet& s) {
    std::vector<CsvRecord> records;
    CsvError error;
    if (!ReadCsv(s.src->text(), {.require_utf8 = true}, records, error)) {
      int line = error.kind == CsvErrorKind::kUnclosedQuote ? error.record_line : error.line;
      diags_.push_back({Severity::kError, "E605", s.src->At(line, 0), error.message});
      return false;
    }
    if (records.empty()) {
      diags_.push_back({Severity::kError, "E605", s.src->At(1, 0),
                        "the file is empty; a header row is required"});
      return false;
    }
    for (CsvField& f : records.front().fields) s.header.push_back(std::move(f.text));
    s.rows.assign(std::make_move_iterator(records.begin() + 1),
                  std::make_move_iterator(records.end()));
    return true;
  }

  void File(const std::string& path, ImportTable table, void (Importer::*fn)(Sheet&)) {
    if (aborted_) return;
    auto text = ReadFileText(path, size_t{512} << 20);
    if (!text.ok()) {
      diags_.push_back({Severity::kError, "E600", {path, 0, 0}, text.status().message()});
      return;
    }
    Sheet s{table,  path, std::make_shared<const SourceFile>(path, std::move(text.value())),
            {},     {},   {},
            nullptr};
    if (!Split(s)) return;
    if (!MapHeader(s)) return;
    for (size_t i = 0; i < s.header.size(); ++i) s.cols.emplace(s.header[i], static_cast<int>(i));
    (this->*fn)(s);
  }

  // Every `--map` target must be a column of some file (E608), so a typo is not silently a column
  // that nothing reads.
  bool CheckMap() {
    bool ok = true;
    for (const auto& [from, to] : options_.column_map) {
      bool known = false;
      for (int t = 0; t < kImportTableCount && !known; ++t) {
        const auto& cols = KnownColumns(static_cast<ImportTable>(t));
        known = std::find(cols.begin(), cols.end(), to) != cols.end();
      }
      if (from.empty() || !known) {
        diags_.push_back({Severity::kError, "E608", SourceLoc{"--map", 0, 0},
                          from.empty() ? "`=" + to + "` names no column of the file to rename"
                                       : "`" + from + "=" + to + "`: `" + to +
                                             "` is not a column of any import file"});
        ok = false;
      }
    }
    return ok;
  }

  // Renames the header's columns by `--map`; a column renamed to one the header already has is
  // an error (E608): which of the two to read would be a guess.
  bool MapHeader(Sheet& s) {
    bool ok = true;
    for (auto& name : s.header) {
      for (const auto& [from, to] : options_.column_map) {
        if (name != from) continue;
        if (std::find(s.header.begin(), s.header.end(), to) != s.header.end()) {
          diags_.push_back(
              {Severity::kError, "E608", s.src->At(1, 0),
               "--map renames `" + from + "` to `" + to + "`, a column the header has already"});
          ok = false;
        }
        name = to;
        break;
      }
    }
    return ok;
  }

  bool Require(Sheet& s, std::initializer_list<const char*> cols) {
    bool ok = true;
    std::string hint = HeaderHint(s);
    for (const char* c : cols) {
      if (!s.cols.count(c)) {
        // The hint once, with the first column missing.
        diags_.push_back({Severity::kError, "E602", s.src->At(1, 0),
                          std::string("missing required column `") + c + "`" + (ok ? hint : "")});
        ok = false;
      }
    }
    return ok;
  }

  // Why a header may lack the required columns, for the two common mistakes: a file separated by
  // `;` (a spreadsheet in a locale with decimal commas) and a header naming none of the known
  // columns (another language, another system's export). "" when neither applies.
  std::string HeaderHint(const Sheet& s) const {
    if (s.header.size() == 1 && s.header[0].find(';') != std::string::npos)
      return "; the header is separated by `;`, not `,`: save the file as comma-separated CSV";
    const auto& known = KnownColumns(s.table);
    for (const std::string& h : s.header)
      if (std::find(known.begin(), known.end(), h) != known.end()) return "";
    std::string list;
    for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
    return "; the header names none of the expected columns (" + list +
           "): is it in another language? rename its columns with --map 'NAME=column'";
  }

  // `--replace`: clears the tables of the files given, the last imported first (shipments before
  // the parts their lines name), so each holds exactly its file's rows afterwards. A table that
  // stored rows of a table not being replaced refer to is refused (E607) rather than emptied in
  // part by a cascade.
  void Clear(const ImportFiles& f) {
    for (auto it = tables_.rbegin(); it != tables_.rend(); ++it) {
      ImportTable t = *it;
      if (t == ImportTable::kShipmentLines) continue;  // with their shipments
      std::string blocker;
      if (t == ImportTable::kParts && f.components.empty()) blocker = "components";
      if (t == ImportTable::kParties && f.ownership.empty()) blocker = "ownership";
      if (!blocker.empty()) {
        auto n = sink_.CountRows(blocker == "components" ? ImportTable::kComponents
                                                         : ImportTable::kOwnership);
        if (!n.ok() || n.value() > 0) {
          diags_.push_back({Severity::kError,
                            "E607",
                            {PathOf(f, t), 0, 0},
                            "--replace would clear `" + std::string(ImportTableName(t)) +
                                "` and with it the " + blocker + " stored for them; give --" +
                                blocker + " too"});
          continue;
        }
      }
      int64_t lines = 0;
      if (t == ImportTable::kShipments) {
        auto n = sink_.CountRows(ImportTable::kShipmentLines);
        if (n.ok()) lines = n.value();
      }
      auto removed = sink_.ClearImportTable(t);
      if (!removed.ok()) {
        diags_.push_back({Severity::kError,
                          "E607",
                          {PathOf(f, t), 0, 0},
                          "--replace cannot clear `" + std::string(ImportTableName(t)) +
                              "`: stored rows of another table refer to them (" +
                              std::string(Referrers(t)) +
                              "); the database said: " + removed.status().message()});
        aborted_ = sink_.TransactionLost();
        continue;
      }
      counts_[static_cast<int>(t)].removed = removed.value();
      if (t == ImportTable::kShipments)
        counts_[static_cast<int>(ImportTable::kShipmentLines)].removed = lines;
    }
  }

  static const std::string& PathOf(const ImportFiles& f, ImportTable t) {
    switch (t) {
      case ImportTable::kParts:
        return f.parts;
      case ImportTable::kComponents:
        return f.components;
      case ImportTable::kParties:
        return f.parties;
      case ImportTable::kOwnership:
        return f.ownership;
      case ImportTable::kLicenses:
        return f.licenses;
      case ImportTable::kShipments:
      case ImportTable::kShipmentLines:
        break;
    }
    return f.shipments;
  }

  // What may refer to a table's rows without a cascade (the schema's foreign keys).
  static std::string_view Referrers(ImportTable t) {
    switch (t) {
      case ImportTable::kParts:
        return "shipment lines name parts";
      case ImportTable::kParties:
        return "shipments or ownership rows name parties";
      case ImportTable::kLicenses:
      case ImportTable::kShipments:
      case ImportTable::kShipmentLines:
        return "license uses recorded by `chipgate ship`";
      case ImportTable::kComponents:
      case ImportTable::kOwnership:
        break;
    }
    return "none expected";
  }

  // Counts a row of `table`.
  void Count(ImportTable table, RowOutcome outcome) {
    ImportCounts& c = counts_[static_cast<int>(table)];
    (outcome == RowOutcome::kAdded     ? c.added
     : outcome == RowOutcome::kUpdated ? c.updated
                                       : c.unchanged)++;
  }

  // The stored row's text under a key (ImportSink::ReadImportedRow); nullopt when not stored or
  // on a database failure (reported at the row).
  std::optional<std::string> Stored(Sheet& s, ImportTable table, const std::string& key,
                                    const std::string& second = "") {
    auto row = sink_.ReadImportedRow(table, key, second);
    if (row.ok()) return row.value();
    Written(s, row.status());
    return std::nullopt;
  }

  static RowOutcome Compare(const std::optional<std::string>& before,
                            const std::optional<std::string>& after) {
    if (!before) return RowOutcome::kAdded;
    return before == after ? RowOutcome::kUnchanged : RowOutcome::kUpdated;
  }

  // Whether to read this row. After a database failure that ended the transaction (aborted_)
  // no row is: nothing more can be written.
  bool RowShape(Sheet& s, const CsvRecord& row) {
    if (aborted_) return false;
    s.row = &row;
    if (options_.progress) {
      options_.progress(s.table, static_cast<int64_t>(&row - s.rows.data()) + 1,
                        static_cast<int64_t>(s.rows.size()));
    }
    if (row.fields.size() != s.header.size()) {
      Error(s, "", "E605",
            "row has " + std::to_string(row.fields.size()) + " fields; the header has " +
                std::to_string(s.header.size()));
      return false;
    }
    return true;
  }

  // ---- field parsers: each reports its own error and returns false ----
  bool Number(Sheet& s, const std::string& col, std::optional<double>& out, bool positive) {
    std::string v = s.Get(col);
    if (v.empty()) return true;
    double d = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(d)) {
      Error(s, col, "E601", "`" + v + "` is not a number");
      return false;
    }
    if (positive ? d <= 0 : d < 0) {
      Error(s, col, "E601",
            "`" + v + "` must be " + (positive ? "greater than zero" : "zero or more"));
      return false;
    }
    out = d;
    return true;
  }

  bool Count(Sheet& s, const std::string& col, int64_t& out) {
    std::string v = s.Get(col);
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || out <= 0) {
      Error(s, col, "E601", "`" + v + "` must be a positive whole number");
      return false;
    }
    return true;
  }

  bool Country(Sheet& s, const std::string& col, bool required) {
    std::string v = s.Get(col);
    if (v.empty() && !required) return true;
    if (!IsIsoCountry(v)) {
      Error(s, col, "E601",
            v.empty() ? "a country code is required"
                      : "`" + v + "` is not an ISO 3166-1 alpha-2 country code");
      return false;
    }
    return true;
  }

  bool NonEmpty(Sheet& s, const std::string& col) {
    if (!s.Get(col).empty()) return true;
    Error(s, col, "E601", "must not be empty");
    return false;
  }

  // Whether `part` is stored; a database failure is reported at the row and counts as absent.
  bool PartExists(Sheet& s, const std::string& part) {
    auto found = sink_.PartExists(part);
    if (found.ok()) return found.value();
    Written(s, found.status());
    return false;
  }

  // Reports a write the database refused at the current row; after a failure that ended the
  // transaction nothing more is read (aborted_).
  void Written(Sheet& s, const Status& written) {
    if (written.ok()) return;
    Error(s, "", "E604", "the database refused the row: " + written.message());
    aborted_ = sink_.TransactionLost();
  }

  // ---- the four files ----
  void Parts(Sheet& s) {
    if (!Require(s, {"part_number"})) return;
    std::set<std::string> seen;
    for (const auto& row : s.rows) {
      if (!RowShape(s, row) || !NonEmpty(s, "part_number")) continue;
      std::string pn = s.Get("part_number");
      if (!seen.insert(pn).second) {
        Error(s, "part_number", "E603", "part `" + pn + "` appears twice in this file");
        continue;
      }
      PartRow(s, pn);
    }
  }

  // Every attribute column is checked before anything is written, so one row reports all its
  // bad cells at once.
  void PartRow(Sheet& s, const std::string& pn) {
    PartImportRow row;
    row.part_number = pn;
    bool ok = true;
    for (size_t i = 0; i < kPartAttributeCount; ++i)
      ok &= Attribute(s, kPartAttributes[i], row.attributes[i]);
    std::string complete = s.Get("bom_complete");
    if (!complete.empty() && complete != "true" && complete != "false") {
      Error(s, "bom_complete", "E601", "`" + complete + "` must be true or false");
      ok = false;
    }
    if (!ok) return;
    if (!complete.empty()) row.bom_complete = complete == "true";
    row.description = s.Get("description");
    row.declared_eccn = s.Get("declared_eccn");
    row.source = s.Get("source");
    auto before = Stored(s, ImportTable::kParts, pn);
    size_t errors = diags_.size();
    Written(s, sink_.UpsertPart(row));
    if (diags_.size() == errors)
      Count(ImportTable::kParts, Compare(before, Stored(s, s.table, pn)));
  }

  // One attribute column of the current parts row, checked by its kind; an empty cell (or a
  // column the file lacks) is unknown.
  bool Attribute(Sheet& s, const PartAttribute& a, PartImportRow::Cell& out) {
    const std::string col(a.column);
    std::string v = s.Get(col);
    if (v.empty()) return true;
    switch (a.kind) {
      case AttributeKind::kText:
        if (std::find(a.values.begin(), a.values.end(), v) == a.values.end()) {
          std::string list, like;
          for (std::string_view x : a.values) {
            list += (list.empty() ? "" : ", ") + std::string(x);
            if (FoldCase(x) == FoldCase(v)) like = x;
          }
          Error(s, col, "E601",
                "`" + v + "` is not one of " + list +
                    (like.empty() ? "" : "; did you mean `" + like + "`? (values are lowercase)"));
          return false;
        }
        out.text = std::move(v);
        break;
      case AttributeKind::kFreeText:
        // A name, shown in reasons and reports: no control characters (a tab, a line break).
        if (std::any_of(v.begin(), v.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
          Error(s, col, "E601", "`" + v + "` must not contain control characters");
          return false;
        }
        out.text = std::move(v);
        break;
      case AttributeKind::kFlag:
        if (v != "true" && v != "false") {
          Error(s, col, "E601", "`" + v + "` must be true or false");
          return false;
        }
        out.flag = v == "true";
        break;
      case AttributeKind::kNonNegative:
      case AttributeKind::kPositive: {
        std::optional<double> number;
        if (!Number(s, col, number, a.kind == AttributeKind::kPositive)) return false;
        out.number = *number;
        break;
      }
    }
    out.known = true;
    return true;
  }

  // Rows are written as they are read. The cycle check, which reads every stored edge, runs
  // only when the file had no other error: otherwise the import is refused anyway.
  void Components(Sheet& s) {
    if (!Require(s, {"parent", "child", "quantity"})) return;
    std::map<std::pair<std::string, std::string>, int>
        line_of;  // rows of this file, for locating cycles
    size_t errors_before = diags_.size();
    for (const auto& row : s.rows) {
      if (!RowShape(s, row)) continue;
      std::string parent = s.Get("parent"), child = s.Get("child");
      int64_t qty = 0;
      bool ok = AllOf({NonEmpty(s, "parent"), NonEmpty(s, "child"), Count(s, "quantity", qty)});
      if (ok && !PartExists(s, parent))
        Error(s, "parent", "E604", "unknown part `" + parent + "`"), ok = false;
      if (ok && !PartExists(s, child))
        Error(s, "child", "E604", "unknown part `" + child + "`"), ok = false;
      if (ok && parent == child)
        Error(s, "child", "E601", "a part cannot contain itself"), ok = false;
      if (!ok) continue;
      auto before = Stored(s, ImportTable::kComponents, parent, child);
      size_t errors = diags_.size();
      Written(s, sink_.UpsertComponent(parent, child, qty));
      if (diags_.size() == errors) {
        Count(ImportTable::kComponents,
              Compare(before, Stored(s, ImportTable::kComponents, parent, child)));
      }
      line_of[{parent, child}] = row.line;
    }
    if (diags_.size() == errors_before) RefuseCycles(s, line_of);
  }

  // A bill of materials must not contain itself at any depth: every cycle in the table (the rows
  // just written included) is an error at the row of this file that closes it, naming the cycle.
  void RefuseCycles(Sheet& s, const std::map<std::pair<std::string, std::string>, int>& line_of) {
    std::map<std::string, std::vector<std::string>> children;
    Status status =
        sink_.ForEachComponentEdge([&](const std::string& parent, const std::string& child) {
          children[parent].push_back(child);
        });
    if (!status.ok()) {
      diags_.push_back({Severity::kError, "E604", {s.path, 0, 0}, status.message()});
      return;
    }
    for (const auto& cycle : FindCycles(children)) {
      int line = 0;  // the last row of this file on the cycle; 0 if the cycle was already stored
      std::string text;
      for (size_t i = 0; i < cycle.size(); ++i) {
        auto it = line_of.find({cycle[i], cycle[(i + 1) % cycle.size()]});
        if (it != line_of.end()) line = std::max(line, it->second);
        text += "`" + cycle[i] + "` contains ";
      }
      text += "`" + cycle.front() + "`";
      diags_.push_back(
          {Severity::kError, "E606", s.src->At(line, 0), "bill-of-materials cycle: " + text});
    }
  }

  // One cycle per back edge of an iterative depth-first search (no recursion: a chain may be long),
  // each written from the part the search entered first.
  static std::vector<std::vector<std::string>> FindCycles(
      const std::map<std::string, std::vector<std::string>>& children) {
    enum : uint8_t { kNew, kOpen, kDone };
    std::map<std::string, uint8_t> state;
    std::vector<std::vector<std::string>> cycles;
    for (const auto& [root, unused] : children) {
      if (state[root] != kNew) continue;
      std::vector<std::pair<std::string, size_t>> stack{{root, 0}};  // part, next child to visit
      state[root] = kOpen;
      while (!stack.empty()) {
        auto& [part, next] = stack.back();
        auto kids = children.find(part);
        if (kids == children.end() || next == kids->second.size()) {
          state[part] = kDone;
          stack.pop_back();
          continue;
        }
        const std::string& child = kids->second[next++];
        uint8_t& cs = state[child];
        if (cs == kOpen) {
          std::vector<std::string> cycle;
          size_t from = 0;
          while (stack[from].first != child) ++from;
          for (size_t i = from; i < stack.size(); ++i) cycle.push_back(stack[i].first);
          cycles.push_back(std::move(cycle));
        } else if (cs == kNew) {
          cs = kOpen;
          stack.emplace_back(child, 0);
        }
      }
    }
    return cycles;
  }

  // The customer master. Without a `party_id` column (the format before the master) a party's
  // id is its name. Names and aliases are keyed (PartyKey); a key another party already holds is
  // refused, so a lookup by name never has two answers.
  void Parties(Sheet& s) {
    if (!Require(s, {"name", "country"})) return;
    bool has_id = s.cols.count("party_id") > 0;
    for (const auto& row : s.rows) {
      if (!RowShape(s, row)) continue;
      PartyImportRow p{s.Get("party_id"), s.Get("name"),
                       s.Get("country"),  s.Get("headquarters"),
                       s.Get("parent"),   s.Get("parent_headquarters"),
                       s.Get("note"),     {}};
      if (!has_id) p.party_id = p.name;
      p.aliases = SplitAliases(s.Get("aliases"));
      bool ok = AllOf({has_id ? NonEmpty(s, "party_id") : true, NonEmpty(s, "name"),
                       Country(s, "country", true), Country(s, "headquarters", false),
                       Country(s, "parent_headquarters", false)});
      if (!ok) continue;
      if (!p.parent.empty() && (p.parent == p.party_id || NameKey(p.parent) == NameKey(p.name))) {
        Error(s, "parent", "E601", "a party cannot be its own parent");
        continue;
      }
      if (!NamesFree(s, p, "name", {p.name}) || !NamesFree(s, p, "aliases", p.aliases)) continue;
      auto before = Stored(s, ImportTable::kParties, p.party_id);
      auto written = sink_.UpsertParty(p);
      Written(s, written.ok() ? Status::Ok() : written.status());
      if (written.ok())
        Count(ImportTable::kParties, Compare(before, Stored(s, s.table, p.party_id)));
    }
  }

  static std::vector<std::string> SplitAliases(const std::string& cell) {
    std::vector<std::string> out;
    size_t at = 0;
    while (at <= cell.size()) {
      size_t end = std::min(cell.find(';', at), cell.size());
      std::string alias = cell.substr(at, end - at);
      size_t first = alias.find_first_not_of(" \t"), last = alias.find_last_not_of(" \t");
      if (first != std::string::npos) out.push_back(alias.substr(first, last - first + 1));
      at = end + 1;
    }
    return out;
  }

  // Whether each of `names` has a key (letters or digits) that no other party holds.
  bool NamesFree(Sheet& s, const PartyImportRow& p, const std::string& col,
                 const std::vector<std::string>& names) {
    bool ok = true;
    for (const std::string& name : names) {
      std::string key = NameKey(name);
      if (key.empty()) {
        Error(s, col, "E601", "`" + name + "` has no letters or digits to look it up by");
        ok = false;
        continue;
      }
      auto other = parties_.ReadPartyByKey(key);
      if (!other.ok()) {
        Written(s, other.status());
        return false;
      }
      if (other.value() && other.value()->party_id != p.party_id) {
        Error(s, col, "E603",
              "`" + name + "` is already a name or alias of party `" + other.value()->party_id +
                  "` (names are compared without case and punctuation)");
        ok = false;
      }
    }
    return ok;
  }

  // A reference to a party: its id in the master, else a name or alias of the master, else a
  // name not in the master (kept as written). nullopt after a database failure.
  std::optional<PartyRef> Resolve(Sheet& s, const std::string& ref) {
    auto by_id = parties_.ReadPartyById(ref);
    if (by_id.ok() && !by_id.value()) by_id = parties_.ReadPartyByKey(NameKey(ref));
    if (!by_id.ok()) {
      Written(s, by_id.status());
      return std::nullopt;
    }
    if (by_id.value()) return PartyRef{by_id.value()->row, by_id.value()->name};
    return PartyRef{0, ref};
  }

  // `party,owner,share`: `owner` holds `share` percent of `party` directly. The rows of a party in
  // this file replace every ownership row stored for it; a row with `owner` and `share` empty says
  // its owners are known and none is listed.
  void Ownership(Sheet& s) {
    if (!Require(s, {"party", "owner", "share"})) return;
    struct Owned {
      double total = 0;
      bool none = false, owners = false;
      std::set<std::string> seen;  // owner identities
      PartyRef party;
      std::optional<std::string> before;  // the stored owners' text; nullopt: none were stored
      int64_t rows = 0;                   // of this file
    };
    std::map<std::string, Owned> by_party;  // party identity -> what this file says of it
    for (const auto& row : s.rows) {
      if (!RowShape(s, row)) continue;
      std::string party = s.Get("party"), owner = s.Get("owner"), share_text = s.Get("share");
      std::optional<double> share;
      bool ok = AllOf({NonEmpty(s, "party"), Number(s, "share", share, true)});
      if (ok && share && *share > 100) {
        Error(s, "share", "E601", "`" + share_text + "` must be at most 100 (percent)");
        ok = false;
      }
      if (ok && owner.empty() != !share) {
        Error(s, owner.empty() ? "owner" : "share", "E601",
              owner.empty() ? "an owner is required with a share (leave both empty to say the "
                              "party has no listed owners)"
                            : "a share is required with an owner");
        ok = false;
      }
      for (const std::string* name : {&party, &owner}) {
        if (ok && !name->empty() && NameKey(*name).empty()) {
          Error(s, name == &party ? "party" : "owner", "E601",
                "`" + *name + "` has no letters or digits to look it up by");
          ok = false;
        }
      }
      if (!ok) continue;
      auto p = Resolve(s, party);
      auto o = owner.empty() ? std::optional<PartyRef>(PartyRef{}) : Resolve(s, owner);
      if (!p || !o) continue;
      std::string pid = Identity(*p), oid = owner.empty() ? "" : Identity(*o);
      if (pid == oid) {
        Error(s, "owner", "E601", "a party cannot own itself");
        continue;
      }
      auto [it, first] = by_party.try_emplace(pid);
      Owned& owned = it->second;
      if ((owner.empty() && owned.owners) || (!owner.empty() && owned.none)) {
        Error(s, "owner", "E601",
              "party `" + party + "` has both owners and a row saying it has none");
        continue;
      }
      if (!owner.empty() && !owned.seen.insert(oid).second) {
        Error(s, "owner", "E603", "`" + owner + "` is already an owner of `" + party + "`");
        continue;
      }
      if (share && owned.total + *share > 100 + 1e-9) {
        Error(s, "share", "E601",
              "the direct owners of `" + party + "` would hold " + ShareText(owned.total + *share) +
                  "%; direct shares add up to at most 100");
        continue;
      }
      (owner.empty() ? owned.none : owned.owners) = true;
      if (share) owned.total += *share;
      if (first) {
        owned.party = *p;
        owned.before = OwnersText(s, *p);
        Written(s, sink_.DeleteOwnership(*p));
      }
      ++owned.rows;
      Written(s, sink_.InsertOwnership({*p, *o, share}));
    }
    // A party's rows are counted together: added when it had no ownership rows, unchanged when
    // its rows read back as they were, else updated.
    s.row = nullptr;
    for (auto& [unused, owned] : by_party) {
      if (aborted_) return;
      RowOutcome outcome = Compare(owned.before, OwnersText(s, owned.party));
      for (int64_t i = 0; i < owned.rows; ++i) Count(ImportTable::kOwnership, outcome);
    }
  }

  // The stored ownership rows of a party as one text (ReadOwners' order); nullopt when it has
  // none.
  std::optional<std::string> OwnersText(Sheet& s, const PartyRef& party) {
    std::vector<StoredOwner> owners;
    if (Status st = parties_.ReadOwners(party.row, NameKey(party.name), owners); !st.ok()) {
      Written(s, st);
      return std::nullopt;
    }
    if (owners.empty()) return std::nullopt;
    std::string text;
    for (const StoredOwner& o : owners) {
      text += std::to_string(o.owner_row) + "|" + o.owner_name + "|" +
              (o.share ? ShareText(*o.share) : "-") + "\n";
    }
    return text;
  }

  // A party reference's identity: its row in the master, else its name's key.
  static std::string Identity(const PartyRef& r) {
    return r.row > 0 ? "#" + std::to_string(r.row) : "=" + NameKey(r.name);
  }

  static std::string ShareText(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
  }

  void Shipments(Sheet& s) {
    if (!Require(s, {"shipment_id", "date", "consignee", "consignee_country", "part_number",
                     "quantity"}))
      return;
    std::map<std::string, ShipmentSeen> header_of;
    for (const auto& row : s.rows) {
      if (!RowShape(s, row)) continue;
      ShipmentRow(s, header_of);
    }
    // A shipment of the file is the whole shipment: stored lines after its last are removed (a
    // line a license use refers to cannot be: E603).
    s.row = nullptr;
    for (const auto& [id, seen] : header_of) {
      if (aborted_ || seen.lines == 0) continue;
      auto removed = sink_.DeleteShipmentLinesAfter(id, seen.lines);
      if (!removed.ok()) {
        diags_.push_back({Severity::kError, "E603", s.src->At(seen.first_line, 0),
                          "shipment `" + id + "` has more lines stored than the file lists (" +
                              std::to_string(seen.lines) +
                              "), and a license use recorded by `chipgate ship` refers to one of "
                              "them; an import cannot remove it"});
        aborted_ = sink_.TransactionLost();
        continue;
      }
      counts_[static_cast<int>(ImportTable::kShipmentLines)].removed += removed.value();
    }
  }

  // What the file said of a shipment so far.
  struct ShipmentSeen {
    std::string key;  // date|parties: every line must repeat its shipment's
    int lines = 0;
    int first_line = 0;                           // the file's line of its first row
    RowOutcome outcome = RowOutcome::kUnchanged;  // its header's
    bool shipped = false;  // stored with license uses (recorded by `chipgate ship`)
  };

  // A shipment's header is written with its first line; later lines must agree with it on the
  // date and parties (the key), since the file repeats them on every line. A shipment already
  // stored is updated; one `chipgate ship` recorded with license uses may only be re-imported
  // unchanged (its uses were drawn for the lines as shipped).
  void ShipmentRow(Sheet& s, std::map<std::string, ShipmentSeen>& header_of) {
    std::string id = s.Get("shipment_id"), date = s.Get("date"), part = s.Get("part_number");
    std::string end_user = s.Get("end_user").empty() ? s.Get("consignee") : s.Get("end_user");
    std::string eu_country =
        s.Get("end_user_country").empty() ? s.Get("consignee_country") : s.Get("end_user_country");
    int64_t qty = 0;
    std::optional<UsdCents> unit_value;
    bool ok = AllOf({NonEmpty(s, "shipment_id"), NonEmpty(s, "consignee"),
                     Country(s, "consignee_country", true), Country(s, "end_user_country", false),
                     Country(s, "end_user_headquarters", false), Count(s, "quantity", qty),
                     License(s), UnitValue(s, unit_value), KnownParty(s, "consignee_id"),
                     KnownParty(s, "end_user_id")});
    if (!ParseDate(date))
      Error(s, "date", "E601", "`" + date + "` is not a date YYYY-MM-DD"), ok = false;
    if (ok && !PartExists(s, part))
      Error(s, "part_number", "E604", "unknown part `" + part + "`"), ok = false;
    if (!ok) return;
    std::string key = date + "|" + s.Get("consignee") + "|" + s.Get("consignee_country") + "|" +
                      end_user + "|" + eu_country + "|" + s.Get("end_user_headquarters") + "|" +
                      s.Get("consignee_id") + "|" + s.Get("end_user_id") + "|" + s.Get("end_use");
    auto [it, first] = header_of.try_emplace(id);
    ShipmentSeen& seen = it->second;
    if (first) {
      seen.key = key;
      seen.first_line = s.row->line;
    } else if (seen.key != key) {
      Error(s, "shipment_id", "E601",
            "lines of shipment `" + id + "` disagree on the date or parties");
      return;
    }
    if (first) {
      auto before = Stored(s, ImportTable::kShipments, id);
      size_t errors = diags_.size();
      Written(
          s, sink_.UpsertShipment({id, date, s.Get("consignee"), s.Get("consignee_country"),
                                   end_user, eu_country, s.Get("end_user_headquarters"),
                                   s.Get("consignee_id"), s.Get("end_user_id"), s.Get("end_use")}));
      if (diags_.size() != errors) return;
      seen.outcome = Compare(before, Stored(s, ImportTable::kShipments, id));
      Count(ImportTable::kShipments, seen.outcome);
      if (before) {
        auto uses = sink_.CountLicenseUses(id);
        if (!uses.ok()) return Written(s, uses.status());
        seen.shipped = uses.value() > 0;
      }
      if (seen.shipped && seen.outcome != RowOutcome::kUnchanged) {
        Error(s, "shipment_id", "E603",
              "shipment `" + id +
                  "` was recorded by `chipgate ship` with license uses; an import cannot change "
                  "its date or parties");
        return;
      }
    }
    std::string line = std::to_string(++seen.lines);
    auto before = Stored(s, ImportTable::kShipmentLines, id, line);
    size_t errors = diags_.size();
    Written(s, sink_.UpsertShipmentLine({id, seen.lines, part, qty, s.Get("license"), unit_value}));
    if (diags_.size() != errors) return;
    RowOutcome outcome = Compare(before, Stored(s, ImportTable::kShipmentLines, id, line));
    if (seen.shipped && outcome != RowOutcome::kUnchanged) {
      Error(s, "", "E603",
            "line " + line + " of shipment `" + id +
                "` was recorded by `chipgate ship` with license uses; an import cannot change it");
      return;
    }
    Count(ImportTable::kShipmentLines, std::max(outcome, seen.outcome));
  }

  // The optional `unit_value` column: dollars as ParseUsd reads them (zero allowed: a free
  // sample), empty or absent for not known, which is never taken as zero (E613).
  bool UnitValue(Sheet& s, std::optional<UsdCents>& out) {
    std::string v = s.Get("unit_value");
    if (v.empty()) return true;
    out = ParseUsd(v);
    if (out) return true;
    Error(s, "unit_value", "E613",
          "`" + v +
              "` must be an amount of dollars with at most two decimals (`400000` or "
              "`400000.00`), or empty when not known");
    return false;
  }

  // A `consignee_id` or `end_user_id` cell names a party of the master (or is empty): the id is
  // the whole point of the column, so an unknown one is an error, never kept as a name.
  bool KnownParty(Sheet& s, const std::string& col) {
    std::string id = s.Get(col);
    if (id.empty()) return true;
    auto found = parties_.ReadPartyById(id);
    if (!found.ok()) {
      Written(s, found.status());
      return false;
    }
    if (found.value()) return true;
    Error(s, col, "E604", "unknown party id `" + id + "` (not in the customer master)");
    return false;
  }

  // The license column holds an authorisation of a documented shape or nothing
  // (base/license_value.h): a placeholder such as `N/A`, `none`, `EAR99` or `pending` would later
  // read as a license and hide an unlicensed shipment. Whether an exception code is one the rule
  // pack knows is the auditor's question; the store has no pack.
  bool License(Sheet& s) {
    std::string v = s.Get("license");
    if (ClassifyLicenseValue(v) != LicenseValueKind::kInvalid) return true;
    SourceLoc at = Loc(s, "license");
    diags_.push_back({Severity::kError, "E610", at,
                      "column `license`: `" + v + "` is not a license value; expected " +
                          std::string(LicenseValueShapes()) +
                          " (leave it empty when no license or exception was used)"});
    return false;
  }

  // `license_number,classes,destinations,consignee,end_user,quantity,value_usd,valid_from,
  // valid_until,conditions` (docs/licenses.md, "The data"). Every cell of a row is checked before
  // anything is written, so a row shows all its bad cells; a number already stored or twice in
  // the file is refused (a license is amended by no import: its recorded uses refer to it).
  void Licenses(Sheet& s) {
    if (!Require(s, {"license_number", "classes", "destinations", "consignee", "end_user",
                     "quantity", "value_usd", "valid_from", "valid_until", "conditions"}))
      return;
    std::set<std::string> seen;
    for (const auto& row : s.rows) {
      if (!RowShape(s, row)) continue;
      chipgate::License l;
      l.line = row.line;
      l.consignee = s.Get("consignee");
      l.end_user = s.Get("end_user");
      l.conditions = s.Get("conditions");
      std::optional<Date> from = ParseDate(s.Get("valid_from")),
                          until = ParseDate(s.Get("valid_until"));
      bool stored = false;
      bool ok = AllOf({LicenseNumber(s, l.number, seen, stored), LicenseClasses(s, l.classes),
                       Destinations(s, l.destinations), LicenseParty(s, "consignee"),
                       LicenseParty(s, "end_user"), Limit(s, "quantity", l.quantity_limit),
                       Limit(s, "value_usd", l.value_limit), ValidDate(s, "valid_from", from),
                       ValidDate(s, "valid_until", until), NoControl(s, "conditions")});
      if (ok && *until < *from) {
        Error(s, "valid_until", "E614",
              "the license ends (" + s.Get("valid_until") + ") before it starts (" +
                  s.Get("valid_from") + ")");
        ok = false;
      }
      if (!ok) continue;
      l.valid_from = *from;
      l.valid_until = *until;
      if (stored) {
        StoredLicense(s, l);
        continue;
      }
      size_t errors = diags_.size();
      Written(s, licenses_.InsertLicense(l));
      if (diags_.size() == errors) Count(ImportTable::kLicenses, RowOutcome::kAdded);
    }
  }

  // A license number already stored: unchanged when the file says exactly what is stored, else
  // E603. A license is amended by no import: the uses recorded against it were drawn under its
  // terms as stored.
  void StoredLicense(Sheet& s, const chipgate::License& l) {
    auto held = licenses_.ReadLicense(l.number, l.valid_from);
    if (!held.ok()) return Written(s, held.status());
    const chipgate::License* was = held.value() ? &held.value()->license : nullptr;
    if (was && was->classes == l.classes && was->destinations == l.destinations &&
        was->consignee == l.consignee && was->end_user == l.end_user &&
        was->quantity_limit == l.quantity_limit && was->value_limit == l.value_limit &&
        was->valid_from == l.valid_from && was->valid_until == l.valid_until &&
        was->conditions == l.conditions) {
      Count(ImportTable::kLicenses, RowOutcome::kUnchanged);
      return;
    }
    Error(s, "license_number", "E603",
          "license `" + l.number +
              "` is already stored with other terms; an import does not amend a license (the "
              "uses recorded against it were drawn under its stored terms)");
  }

  // A license number (CheckLicenseNumber: placeholders and exception codes refused, E611), not
  // repeated in the file (E603); `stored` when the database has it already.
  bool LicenseNumber(Sheet& s, std::string& out, std::set<std::string>& seen, bool& stored) {
    out = s.Get("license_number");
    switch (CheckLicenseNumber(out)) {
      case LicenseNumberProblem::kNone:
        break;
      case LicenseNumberProblem::kEmpty:
        Error(s, "license_number", "E611", "a license number is required");
        return false;
      case LicenseNumberProblem::kExceptionCode:
        Error(s, "license_number", "E611",
              "`" + out + "` is a License Exception symbol, not a license number");
        return false;
      case LicenseNumberProblem::kInvalid:
        Error(s, "license_number", "E611",
              "`" + out +
                  "` is not a license number (one capital letter and 6 to 8 digits, not "
                  "all zeros, e.g. `D1234567`)");
        return false;
    }
    if (!seen.insert(out).second) {
      Error(s, "license_number", "E603", "license `" + out + "` appears twice in this file");
      return false;
    }
    auto exists = licenses_.LicenseExists(out);
    if (!exists.ok()) {
      Written(s, exists.status());
      return false;
    }
    stored = exists.value();
    return true;
  }

  // `;`-separated ECCN paths (ParseEccnPath), at least one, kept in canonical spelling (E612).
  bool LicenseClasses(Sheet& s, std::vector<std::string>& out) {
    std::vector<std::string> cells = SplitAliases(s.Get("classes"));
    if (cells.empty()) {
      Error(s, "classes", "E612", "a license covers at least one class");
      return false;
    }
    bool ok = true;
    for (const std::string& c : cells) {
      auto path = ParseEccnPath(c);
      if (!path) {
        Error(s, "classes", "E612",
              "`" + c + "` is not an ECCN (`3A090`, `3A090.a`, `3A090.a.1`, or `EAR99`)");
        ok = false;
      } else if (std::find(out.begin(), out.end(), path->Text()) == out.end()) {
        out.push_back(path->Text());
      }
    }
    return ok;
  }

  // `;`-separated ISO 3166-1 alpha-2 codes, at least one (E601).
  bool Destinations(Sheet& s, std::vector<std::string>& out) {
    out = SplitAliases(s.Get("destinations"));
    if (out.empty()) Error(s, "destinations", "E601", "at least one destination is required");
    bool ok = !out.empty();
    for (const std::string& c : out) {
      if (!IsIsoCountry(c)) {
        Error(s, "destinations", "E601", "`" + c + "` is not an ISO 3166-1 alpha-2 country code");
        ok = false;
      }
    }
    return ok;
  }

  // A party id or name, or empty for any party; a name must have letters or digits to compare
  // by (NameKey).
  bool LicenseParty(Sheet& s, const std::string& col) {
    std::string v = s.Get(col);
    if (v.empty()) return NoControl(s, col);
    if (NameKey(v).empty() && IdKey(v).empty()) {
      Error(s, col, "E601", "`" + v + "` has no letters or digits to look it up by");
      return false;
    }
    return NoControl(s, col);
  }

  // A limit: empty for none, else units (a positive whole number) or dollars (ParseUsd, more than
  // zero) (E613).
  bool Limit(Sheet& s, const std::string& col, std::optional<int64_t>& out) {
    std::string v = s.Get(col);
    if (v.empty()) return true;
    bool dollars = col == "value_usd";
    std::optional<int64_t> parsed;
    if (dollars) {
      parsed = ParseUsd(v);
    } else {
      int64_t n = 0;
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec == std::errc() && end == v.data() + v.size()) parsed = n;
    }
    if (!parsed || *parsed <= 0) {
      Error(s, col, "E613",
            "`" + v + "` must be " +
                (dollars ? "an amount of dollars more than zero, with at most two decimals "
                           "(`250000` or `250000.00`)"
                         : "a positive whole number of units") +
                ", or empty for no limit");
      return false;
    }
    out = parsed;
    return true;
  }

  bool ValidDate(Sheet& s, const std::string& col, const std::optional<Date>& parsed) {
    if (parsed) return true;
    Error(s, col, "E601", "`" + s.Get(col) + "` is not a date YYYY-MM-DD");
    return false;
  }

  // Text shown with decisions: no control characters (a tab, a line break).
  bool NoControl(Sheet& s, const std::string& col) {
    std::string v = s.Get(col);
    if (std::none_of(v.begin(), v.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
      return true;
    Error(s, col, "E601", "must not contain control characters");
    return false;
  }

  ImportSink& sink_;
  PartyReader& parties_;
  LicenseBackend& licenses_;
  const ImportOptions& options_;
  std::vector<Diagnostic>& diags_;
  std::array<ImportCounts, kImportTableCount> counts_;  // by ImportTable
  std::vector<ImportTable> tables_;                     // of the files given, in import order
  // Set when a statement failed and SQLite had rolled the transaction back (a full disk, an I/O
  // error): the rest of the files is not read.
  bool aborted_ = false;
};

}  // namespace

std::string_view ImportTableName(ImportTable table) {
  switch (table) {
    case ImportTable::kParts:
      return "parts";
    case ImportTable::kComponents:
      return "components";
    case ImportTable::kParties:
      return "parties";
    case ImportTable::kOwnership:
      return "ownership";
    case ImportTable::kLicenses:
      return "licenses";
    case ImportTable::kShipments:
      return "shipments";
    case ImportTable::kShipmentLines:
      break;
  }
  return "shipment_lines";
}

ImportResult Store::Import(const ImportFiles& files, const ImportOptions& options) {
  ImportResult result;
  std::vector<Diagnostic>& diags = result.diagnostics;
  Status s = impl_->backend->InWriteTransaction([&]() -> Status {
    Importer importer(*impl_->backend, *impl_->backend, *impl_->backend, options, diags);
    importer.Run(files);
    if (HasErrors(diags)) return Status::Error("import rejected");
    result.tables = importer.Counts();
    return Status::Ok();
  });
  if (!s.ok()) result.tables.clear();
  if (!s.ok() && !HasErrors(diags))
    diags.push_back({Severity::kError, "E604", {impl_->path, 0, 0}, s.message()});
  SortDiagnostics(diags);
  return result;
}

std::vector<Diagnostic> Store::Import(const ImportFiles& files) {
  return Import(files, ImportOptions{}).diagnostics;
}

}  // namespace chipgate
