// The floors of issue 19: what the machine needs for the unavoidable parts of a `check` and an
// `audit`, measured with the same libraries on the same files, so bench/run_all.py can print each
// chipgate figure as a multiple of its floor. Each mode times only its own work and prints one
// JSON object on stdout:
//   parse MANIFEST          read the file and run the parser over it without building anything
//                           (nlohmann's SAX interface for .json, yaml-cpp's event parser for
//                           .yaml): the least any reader of the manifest does.
//   lookup DB MANIFEST      the manifest's distinct part numbers (collected before the clock
//   starts)
//                           looked up in sorted order with one prepared statement per table, every
//                           column of the part and of its bill-of-materials edges read: one SQL
//                           pass.
//   records FROM_DB TO_DB   the audit records a `check` wrote (read from FROM_DB's audit_log before
//                           the clock starts) inserted into TO_DB (made by `chipgate db init`, the
//                           same pragmas as chipgate: WAL, synchronous FULL) in one transaction:
//                           what writing them costs without building or hashing them.
//   scan DB                 a flat SELECT of every part's attributes, and of every
//   bill-of-materials
//                           edge: the reads every audit must do.
#include <sqlite3.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "chipgate_bench_floors: %s\n", what.c_str());
  std::exit(2);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Counts the values of "part" keys, so the parse is not optimised away and its line count is
// checked against the manifest's.
struct CountingSax : nlohmann::json::json_sax_t {
  long long parts = 0;
  bool next_is_part = false;
  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t&) override {
    if (next_is_part) ++parts;
    return Value();
  }
  bool binary(binary_t&) override { return Value(); }
  bool start_object(std::size_t) override { return Value(); }
  bool key(string_t& k) override {
    next_is_part = k == "part";
    return true;
  }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return Value(); }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception& e) override {
    Fail(e.what());
  }
  bool Value() {
    next_is_part = false;
    return true;
  }
};

struct CountingEvents : YAML::EventHandler {
  long long parts = 0;
  bool next_is_part = false;
  // Per open collection: is it a mapping, and is its next scalar a key (a mapping's scalars
  // alternate key, value; a value that is a collection counts as the value).
  std::vector<bool> mapping;
  std::vector<bool> key_next;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { Value(); }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { Value(); }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string& value) override {
    if (!mapping.empty() && mapping.back() && key_next.back()) {
      next_is_part = value == "part";
      key_next.back() = false;
      return;
    }
    if (next_is_part) ++parts;
    Value();
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Value();
    mapping.push_back(false);
    key_next.push_back(false);
  }
  void OnSequenceEnd() override { Pop(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Value();
    mapping.push_back(true);
    key_next.push_back(true);
  }
  void OnMapEnd() override { Pop(); }
  void Value() {
    next_is_part = false;
    if (!mapping.empty() && mapping.back()) key_next.back() = true;
  }
  void Pop() {
    mapping.pop_back();
    key_next.pop_back();
  }
};

int Parse(const std::string& path) {
  auto start = Clock::now();
  std::string text = ReadFile(path);
  long long parts = 0;
  if (path.ends_with(".json")) {
    CountingSax sax;
    if (!nlohmann::json::sax_parse(text, &sax)) Fail("cannot parse " + path);
    parts = sax.parts;
  } else {
    std::istringstream in(text);
    YAML::Parser parser(in);
    CountingEvents events;
    while (parser.HandleNextDocument(events)) {
    }
    parts = events.parts;
  }
  std::printf("{\"seconds\": %.4f, \"lines\": %lld, \"bytes\": %zu}\n", Since(start), parts,
              text.size());
  return 0;
}

sqlite3* Open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) Fail("cannot open " + path);
  return db;
}

sqlite3_stmt* Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) Fail(sqlite3_errmsg(db));
  return st;
}

void Exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) Fail(sqlite3_errmsg(db));
}

// Reads every column of the current row, so the pass pays for decoding what a reader uses.
size_t Touch(sqlite3_stmt* st) {
  size_t n = 0;
  for (int c = 0, cols = sqlite3_column_count(st); c < cols; ++c) {
    switch (sqlite3_column_type(st, c)) {
      case SQLITE_TEXT:
        n += static_cast<size_t>(sqlite3_column_bytes(st, c));
        break;
      case SQLITE_NULL:
        break;
      default:
        n += static_cast<size_t>(sqlite3_column_double(st, c) != 0);
    }
  }
  return n;
}

int Lookup(const std::string& db_path, const std::string& manifest) {
  auto doc = nlohmann::json::parse(ReadFile(manifest));
  std::vector<std::string> keys;
  for (const auto& line : doc.at("lines")) keys.push_back(line.at("part").get<std::string>());
  sqlite3* db = Open(db_path, SQLITE_OPEN_READONLY);
  auto start = Clock::now();
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  sqlite3_stmt* part = Prepare(db, "SELECT * FROM parts WHERE part_number = ?1");
  sqlite3_stmt* bom = Prepare(db, "SELECT * FROM part_components WHERE parent = ?1");
  Exec(db, "BEGIN");  // one read snapshot, as chipgate reads
  size_t found = 0, edges = 0, touched = 0;
  for (const std::string& k : keys) {
    for (sqlite3_stmt* st : {part, bom}) {
      sqlite3_bind_text(st, 1, k.data(), static_cast<int>(k.size()), SQLITE_STATIC);
      while (sqlite3_step(st) == SQLITE_ROW) {
        touched += Touch(st);
        (st == part ? found : edges) += 1;
      }
      sqlite3_reset(st);
    }
  }
  Exec(db, "COMMIT");
  double secs = Since(start);
  sqlite3_finalize(part);
  sqlite3_finalize(bom);
  sqlite3_close(db);
  std::printf(
      "{\"seconds\": %.4f, \"distinct_parts\": %zu, \"found\": %zu, \"edges\": %zu, "
      "\"touched\": %zu}\n",
      secs, keys.size(), found, edges, touched);
  return 0;
}

// One column of one record, kept as SQLite gave it.
struct Cell {
  int type = SQLITE_NULL;
  long long integer = 0;
  double real = 0;
  std::string text;
};

int Records(const std::string& from, const std::string& to) {
  sqlite3* src = Open(from, SQLITE_OPEN_READONLY);
  sqlite3_stmt* read = Prepare(src, "SELECT * FROM audit_log ORDER BY seq");
  int cols = sqlite3_column_count(read);
  std::string insert = "INSERT INTO audit_log (";
  for (int c = 0; c < cols; ++c)
    insert += std::string(c ? ", " : "") + sqlite3_column_name(read, c);
  insert += ") VALUES (";
  for (int c = 0; c < cols; ++c) insert += c ? ", ?" : "?";
  insert += ")";
  std::vector<std::vector<Cell>> rows;
  size_t bytes = 0;
  while (sqlite3_step(read) == SQLITE_ROW) {
    auto& row = rows.emplace_back(static_cast<size_t>(cols));
    for (int c = 0; c < cols; ++c) {
      Cell& cell = row[static_cast<size_t>(c)];
      cell.type = sqlite3_column_type(read, c);
      if (cell.type == SQLITE_INTEGER) cell.integer = sqlite3_column_int64(read, c);
      if (cell.type == SQLITE_FLOAT) cell.real = sqlite3_column_double(read, c);
      if (cell.type == SQLITE_TEXT || cell.type == SQLITE_BLOB) {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(read, c));
        cell.text.assign(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(read, c)));
        bytes += cell.text.size();
      }
    }
  }
  sqlite3_finalize(read);
  sqlite3_close(src);
  sqlite3* db = Open(to, SQLITE_OPEN_READWRITE);
  Exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL");
  auto start = Clock::now();
  sqlite3_stmt* st = Prepare(db, insert.c_str());
  Exec(db, "BEGIN IMMEDIATE");
  for (const auto& row : rows) {
    for (int c = 0; c < cols; ++c) {
      const Cell& cell = row[static_cast<size_t>(c)];
      if (cell.type == SQLITE_INTEGER) sqlite3_bind_int64(st, c + 1, cell.integer);
      if (cell.type == SQLITE_FLOAT) sqlite3_bind_double(st, c + 1, cell.real);
      if (cell.type == SQLITE_TEXT)
        sqlite3_bind_text(st, c + 1, cell.text.data(), static_cast<int>(cell.text.size()),
                          SQLITE_STATIC);
      if (cell.type == SQLITE_BLOB)
        sqlite3_bind_blob(st, c + 1, cell.text.data(), static_cast<int>(cell.text.size()),
                          SQLITE_STATIC);
      if (cell.type == SQLITE_NULL) sqlite3_bind_null(st, c + 1);
    }
    if (sqlite3_step(st) != SQLITE_DONE) Fail(sqlite3_errmsg(db));
    sqlite3_reset(st);
  }
  Exec(db, "COMMIT");
  double secs = Since(start);
  sqlite3_finalize(st);
  sqlite3_close(db);
  std::printf("{\"seconds\": %.4f, \"records\": %zu, \"bytes\": %zu}\n", secs, rows.size(), bytes);
  return 0;
}

int Scan(const std::string& db_path) {
  sqlite3* db = Open(db_path, SQLITE_OPEN_READONLY);
  auto start = Clock::now();
  Exec(db, "BEGIN");
  sqlite3_stmt* parts = Prepare(db,
                                "SELECT part_number, declared_eccn, type, tpp, die_area_mm2, "
                                "datacenter, io_bandwidth_gbs, memory_bandwidth_density, "
                                "dram_bandwidth_gbs FROM parts");
  size_t rows = 0, touched = 0;
  while (sqlite3_step(parts) == SQLITE_ROW) {
    touched += Touch(parts);
    ++rows;
  }
  double parts_secs = Since(start);
  sqlite3_stmt* bom = Prepare(db, "SELECT parent, child, quantity FROM part_components");
  size_t edges = 0;
  while (sqlite3_step(bom) == SQLITE_ROW) {
    touched += Touch(bom);
    ++edges;
  }
  Exec(db, "COMMIT");
  double secs = Since(start);
  sqlite3_finalize(parts);
  sqlite3_finalize(bom);
  sqlite3_close(db);
  std::printf(
      "{\"seconds\": %.4f, \"parts_seconds\": %.4f, \"parts\": %zu, \"edges\": %zu, "
      "\"touched\": %zu}\n",
      secs, parts_secs, rows, edges, touched);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() == 2 && a[0] == "parse") return Parse(a[1]);
  if (a.size() == 3 && a[0] == "lookup") return Lookup(a[1], a[2]);
  if (a.size() == 3 && a[0] == "records") return Records(a[1], a[2]);
  if (a.size() == 2 && a[0] == "scan") return Scan(a[1]);
  std::fprintf(stderr,
               "usage: chipgate_bench_floors parse MANIFEST | lookup DB MANIFEST | "
               "records FROM_DB TO_DB | scan DB\n");
  return 2;
}
