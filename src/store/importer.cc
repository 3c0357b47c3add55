// CSV import (design section 8): parts, bills of materials, parties and shipments, validated
// row by row and written in one transaction, so a file with any bad row changes nothing.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "base/country.h"
#include "base/license_value.h"
#include "base/source_file.h"
#include "store/csv.h"
#include "store/store_impl.h"

namespace chipgate {
namespace {

// True when every check passed. The checks are the list's elements, so all of them run (in
// order) and each reports its own error: a row shows every bad field at once.
bool AllOf(std::initializer_list<bool> checks) {
  return std::all_of(checks.begin(), checks.end(), [](bool b) { return b; });
}

class Importer {
 public:
  Importer(sql::Db& db, std::vector<Diagnostic>& diags) : db_(db), diags_(diags) {}

  void Run(const ImportFiles& f) {
    if (!f.parts.empty()) File(f.parts, &Importer::Parts);
    if (!f.components.empty()) File(f.components, &Importer::Components);
    if (!f.parties.empty()) File(f.parties, &Importer::Parties);
    if (!f.shipments.empty()) File(f.shipments, &Importer::Shipments);
  }

 private:
  // One CSV file: its table, and the column index of each header name.
  struct Sheet {
    std::string path;
    CsvTable table;
    std::map<std::string, int> cols;
    const CsvRecord* row = nullptr;

    std::string Get(const std::string& col) const {
      auto it = cols.find(col);
      return it == cols.end() || it->second >= static_cast<int>(row->fields.size())
                 ? ""
                 : row->fields[it->second];
    }
  };

  void Error(const Sheet& s, const std::string& col, const std::string& code,
             const std::string& msg) {
    // The column is named in the message; CSV fields have no fixed character position, so no caret.
    int line = s.row ? s.row->line : 1;
    diags_.push_back({Severity::kError,
                      code,
                      {s.path, line, 0},
                      (col.empty() ? "" : "column `" + col + "`: ") + msg});
  }

  void File(const std::string& path, void (Importer::*fn)(Sheet&)) {
    if (aborted_) return;
    auto text = ReadFileText(path, size_t{512} << 20);
    if (!text.ok()) {
      diags_.push_back({Severity::kError, "E600", {path, 0, 0}, text.status().message()});
      return;
    }
    Sheet s{path, ParseCsv(text.value()), {}, nullptr};
    if (s.table.error_line) {
      diags_.push_back({Severity::kError, "E605", {path, s.table.error_line, 0}, s.table.error});
      return;
    }
    for (size_t i = 0; i < s.table.header.size(); ++i)
      s.cols.emplace(s.table.header[i], static_cast<int>(i));
    (this->*fn)(s);
  }

  bool Require(Sheet& s, std::initializer_list<const char*> cols) {
    bool ok = true;
    for (const char* c : cols) {
      if (!s.cols.count(c)) {
        diags_.push_back({Severity::kError,
                          "E602",
                          {s.path, 1, 0},
                          std::string("missing required column `") + c + "`"});
        ok = false;
      }
    }
    return ok;
  }

  // Whether to read this row. After a database failure that ended the transaction (aborted_)
  // no row is: nothing more can be written.
  bool RowShape(Sheet& s, const CsvRecord& row) {
    if (aborted_) return false;
    s.row = &row;
    if (row.fields.size() != s.table.header.size()) {
      Error(s, "", "E605",
            "row has " + std::to_string(row.fields.size()) + " fields; the header has " +
                std::to_string(s.table.header.size()));
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

  bool PartExists(const std::string& part) {
    sql::Stmt* st = Q("SELECT 1 FROM parts WHERE part_number = ?1");
    if (!st) return false;
    st->Bind(1, part);
    Status s;
    return st->Step(s);
  }

  // Prepared once per import and reused for every row; null (after recording why) on failure.
  sql::Stmt* Q(sql::SqlText text) {
    auto it = cache_.find(std::string(text.view()));
    if (it == cache_.end()) {
      auto stmt = db_.Prepare(text);
      if (!stmt.ok()) {
        diags_.push_back({Severity::kError, "E604", {"", 0, 0}, stmt.status().message()});
        return nullptr;
      }
      it = cache_.emplace(std::string(text.view()), std::move(stmt.value())).first;
    }
    it->second.Reset();
    return &it->second;
  }

  void Sql(Sheet& s, sql::Stmt* stmt) {
    if (!stmt) return;
    if (Status r = stmt->Run(); !r.ok()) {
      Error(s, "", "E604", "the database refused the row: " + r.message());
      aborted_ = db_.TransactionLost();
    }
  }

  // ---- the four files ----
  void Parts(Sheet& s) {
    if (!Require(s, {"part_number"})) return;
    std::set<std::string> seen;
    for (const auto& row : s.table.rows) {
      if (!RowShape(s, row) || !NonEmpty(s, "part_number")) continue;
      std::string pn = s.Get("part_number");
      if (!seen.insert(pn).second) {
        Error(s, "part_number", "E603", "part `" + pn + "` appears twice in this file");
        continue;
      }
      PartRow(s, pn);
    }
  }

  void PartRow(Sheet& s, const std::string& pn) {
    bool ok = true;
    std::string type = s.Get("type");
    if (!type.empty() && type != "ic" && type != "computer" && type != "memory" &&
        type != "other") {
      Error(s, "type", "E601", "`" + type + "` is not one of ic, computer, memory, other");
      ok = false;
    }
    std::string dc = s.Get("datacenter");
    if (!dc.empty() && dc != "true" && dc != "false") {
      Error(s, "datacenter", "E601", "`" + dc + "` must be true or false");
      ok = false;
    }
    std::string complete = s.Get("bom_complete");
    if (!complete.empty() && complete != "true" && complete != "false") {
      Error(s, "bom_complete", "E601", "`" + complete + "` must be true or false");
      ok = false;
    }
    std::optional<double> tpp, area, io, mbd, dram;
    ok = AllOf({ok, Number(s, "tpp", tpp, false), Number(s, "die_area_mm2", area, true),
                Number(s, "io_bandwidth_gbs", io, false),
                Number(s, "memory_bandwidth_density", mbd, false),
                Number(s, "dram_bandwidth_gbs", dram, false)});
    if (!ok) return;
    sql::Stmt* st =
        Q("INSERT INTO parts (part_number, description, declared_eccn, type, tpp, die_area_mm2, "
          "datacenter, "
          "io_bandwidth_gbs, memory_bandwidth_density, dram_bandwidth_gbs, source, bom_complete) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT(part_number) DO "
          "UPDATE SET "
          "description = excluded.description, declared_eccn = excluded.declared_eccn, type = "
          "excluded.type, "
          "tpp = excluded.tpp, die_area_mm2 = excluded.die_area_mm2, datacenter = "
          "excluded.datacenter, "
          "io_bandwidth_gbs = excluded.io_bandwidth_gbs, memory_bandwidth_density = "
          "excluded.memory_bandwidth_density, "
          "dram_bandwidth_gbs = excluded.dram_bandwidth_gbs, source = excluded.source, "
          "bom_complete = excluded.bom_complete");
    if (!st) return;
    st->Bind(1, pn)
        .BindTextOrNull(2, s.Get("description"))
        .BindTextOrNull(3, s.Get("declared_eccn"));
    st->BindTextOrNull(4, type);
    auto num = [&](int i, const std::optional<double>& v) {
      v ? st->BindDouble(i, *v) : st->BindNull(i);
    };
    num(5, tpp);
    num(6, area);
    dc.empty() ? st->BindNull(7) : st->Bind(7, int64_t{dc == "true"});
    num(8, io);
    num(9, mbd);
    num(10, dram);
    st->BindTextOrNull(11, s.Get("source"));
    complete.empty() ? st->BindNull(12) : st->Bind(12, int64_t{complete == "true"});
    Sql(s, st);
  }

  void Components(Sheet& s) {
    if (!Require(s, {"parent", "child", "quantity"})) return;
    std::map<std::pair<std::string, std::string>, int>
        line_of;  // rows of this file, for locating cycles
    size_t errors_before = diags_.size();
    for (const auto& row : s.table.rows) {
      if (!RowShape(s, row)) continue;
      std::string parent = s.Get("parent"), child = s.Get("child");
      int64_t qty = 0;
      bool ok = AllOf({NonEmpty(s, "parent"), NonEmpty(s, "child"), Count(s, "quantity", qty)});
      if (ok && !PartExists(parent))
        Error(s, "parent", "E604", "unknown part `" + parent + "`"), ok = false;
      if (ok && !PartExists(child))
        Error(s, "child", "E604", "unknown part `" + child + "`"), ok = false;
      if (ok && parent == child)
        Error(s, "child", "E601", "a part cannot contain itself"), ok = false;
      if (!ok) continue;
      sql::Stmt* st =
          Q("INSERT INTO part_components (parent, child, quantity) VALUES (?1, ?2, ?3) "
            "ON CONFLICT(parent, child) DO UPDATE SET quantity = excluded.quantity");
      if (st) st->Bind(1, parent).Bind(2, child).Bind(3, qty);
      Sql(s, st);
      line_of[{parent, child}] = row.line;
    }
    if (diags_.size() == errors_before) RefuseCycles(s, line_of);
  }

  // A bill of materials must not contain itself at any depth: every cycle in the table (the rows
  // just written included) is an error at the row of this file that closes it, naming the cycle.
  void RefuseCycles(Sheet& s, const std::map<std::pair<std::string, std::string>, int>& line_of) {
    std::map<std::string, std::vector<std::string>> children;
    sql::Stmt* st = Q("SELECT parent, child FROM part_components ORDER BY parent, child");
    if (!st) return;
    Status status;
    while (st->Step(status)) children[st->Text(0)].push_back(st->Text(1));
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
          {Severity::kError, "E606", {s.path, line, 0}, "bill-of-materials cycle: " + text});
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

  void Parties(Sheet& s) {
    if (!Require(s, {"name", "country"})) return;
    for (const auto& row : s.table.rows) {
      if (!RowShape(s, row)) continue;
      bool ok =
          AllOf({NonEmpty(s, "name"), Country(s, "country", true),
                 Country(s, "headquarters", false), Country(s, "parent_headquarters", false)});
      if (!ok) continue;
      sql::Stmt* st =
          Q("INSERT INTO parties (name, country, headquarters, parent_headquarters, note) VALUES "
            "(?1, ?2, ?3, ?4, ?5) "
            "ON CONFLICT(name) DO UPDATE SET country = excluded.country, headquarters = "
            "excluded.headquarters, "
            "parent_headquarters = excluded.parent_headquarters, note = excluded.note");
      if (st) {
        st->Bind(1, s.Get("name"))
            .Bind(2, s.Get("country"))
            .BindTextOrNull(3, s.Get("headquarters"));
        st->BindTextOrNull(4, s.Get("parent_headquarters")).BindTextOrNull(5, s.Get("note"));
      }
      Sql(s, st);
    }
  }

  void Shipments(Sheet& s) {
    if (!Require(s, {"shipment_id", "date", "consignee", "consignee_country", "part_number",
                     "quantity"}))
      return;
    std::map<std::string, std::pair<std::string, int>>
        header_of;  // id -> (date|parties key, lines so far)
    for (const auto& row : s.table.rows) {
      if (!RowShape(s, row)) continue;
      ShipmentRow(s, header_of);
    }
  }

  void ShipmentRow(Sheet& s, std::map<std::string, std::pair<std::string, int>>& header_of) {
    std::string id = s.Get("shipment_id"), date = s.Get("date"), part = s.Get("part_number");
    std::string end_user = s.Get("end_user").empty() ? s.Get("consignee") : s.Get("end_user");
    std::string eu_country =
        s.Get("end_user_country").empty() ? s.Get("consignee_country") : s.Get("end_user_country");
    int64_t qty = 0;
    bool ok =
        AllOf({NonEmpty(s, "shipment_id"), NonEmpty(s, "consignee"),
               Country(s, "consignee_country", true), Country(s, "end_user_country", false),
               Country(s, "end_user_headquarters", false), Count(s, "quantity", qty), License(s)});
    if (!ParseDate(date))
      Error(s, "date", "E601", "`" + date + "` is not a date YYYY-MM-DD"), ok = false;
    if (ok && !PartExists(part))
      Error(s, "part_number", "E604", "unknown part `" + part + "`"), ok = false;
    if (!ok) return;
    std::string key = date + "|" + s.Get("consignee") + "|" + s.Get("consignee_country") + "|" +
                      end_user + "|" + eu_country + "|" + s.Get("end_user_headquarters");
    auto [it, first] = header_of.try_emplace(id, key, 0);
    if (!first && it->second.first != key) {
      Error(s, "shipment_id", "E601",
            "lines of shipment `" + id + "` disagree on the date or parties");
      return;
    }
    if (first) {
      sql::Stmt* st =
          Q("INSERT INTO shipments (id, date, consignee, consignee_country, end_user, "
            "end_user_country, end_user_headquarters) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
      if (st) {
        st->Bind(1, id)
            .Bind(2, date)
            .Bind(3, s.Get("consignee"))
            .Bind(4, s.Get("consignee_country"));
        st->Bind(5, end_user).Bind(6, eu_country).BindTextOrNull(7, s.Get("end_user_headquarters"));
      }
      size_t before = diags_.size();
      Sql(s, st);
      if (diags_.size() != before) {
        diags_.back().message = "column `shipment_id`: shipment `" + id +
                                "` is already recorded (" + diags_.back().message + ")";
        return;
      }
    }
    sql::Stmt* st =
        Q("INSERT INTO shipment_lines (shipment_id, line, part_number, quantity, license) VALUES "
          "(?1, ?2, ?3, ?4, ?5)");
    if (st)
      st->Bind(1, id)
          .Bind(2, int64_t{++it->second.second})
          .Bind(3, part)
          .Bind(4, qty)
          .BindTextOrNull(5, s.Get("license"));
    Sql(s, st);
  }

  // The license column holds an authorisation of a documented shape or nothing
  // (base/license_value.h): a placeholder such as `N/A`, `none`, `EAR99` or `pending` would later
  // read as a license and hide an unlicensed shipment. Whether an exception code is one the rule
  // pack knows is the auditor's question; the store has no pack.
  bool License(Sheet& s) {
    std::string v = s.Get("license");
    if (ClassifyLicenseValue(v) != LicenseValueKind::kInvalid) return true;
    SourceLoc at{s.path, s.row->line, 0};
    if (auto it = s.cols.find("license");
        it != s.cols.end() && it->second < static_cast<int>(s.row->starts.size())) {
      at.line = s.row->starts[it->second].first;
      at.col = s.row->starts[it->second].second;
    }
    diags_.push_back({Severity::kError, "E610", at,
                      "column `license`: `" + v + "` is not a license value; expected " +
                          std::string(LicenseValueShapes()) +
                          " (leave it empty when no license or exception was used)"});
    return false;
  }

  sql::Db& db_;
  std::vector<Diagnostic>& diags_;
  std::map<std::string, sql::Stmt> cache_;
  // Set when a statement failed and SQLite had rolled the transaction back (a full disk, an I/O
  // error): the rest of the files is not read.
  bool aborted_ = false;
};

}  // namespace

std::vector<Diagnostic> Store::Import(const ImportFiles& files) {
  std::vector<Diagnostic> diags;
  Status s = sql::InTransaction(impl_->db, [&]() -> Status {
    Importer(impl_->db, diags).Run(files);
    return HasErrors(diags) ? Status::Error("import rejected") : Status::Ok();
  });
  if (!s.ok() && !HasErrors(diags))
    diags.push_back({Severity::kError, "E604", {impl_->path, 0, 0}, s.message()});
  SortDiagnostics(diags);
  return diags;
}

}  // namespace chipgate
