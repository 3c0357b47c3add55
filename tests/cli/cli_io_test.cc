// The command line's files and streams: `check` decides the whole manifest; database paths are
// files, never SQLite URIs or memory databases; an output never overwrites a database, its
// journals or an input; a lost write (to a file or stdout) is exit 2 with no partial file; a
// failed import changes nothing; user values never reach the terminal as control characters.
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "chipgate/store.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

namespace fs = std::filesystem;

const std::string kManifest = SourcePath("examples/manifests/inline-specs.yaml");
const std::string kExamples = SourcePath("rules/examples");

int64_t Records(const std::string& db) {
  auto store = Store::Open(db, StoreOptions{.read_only = true});
  INFO(store.status().message());
  REQUIRE(store.ok());
  auto v = store->VerifyAudit();
  REQUIRE(v.ok());
  CHECK(v->ok);
  return v->records;
}

// Every row of every table, in a fixed order: what "the database is exactly as before" means.
std::string Dump(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  std::string out;
  std::vector<std::string> tables;
  sqlite3_exec(
      db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
      [](void* t, int, char** v, char**) {
        static_cast<std::vector<std::string>*>(t)->push_back(v[0]);
        return 0;
      },
      &tables, nullptr);
  for (const auto& t : tables) {
    std::string sql = "SELECT * FROM \"" + t + "\" ORDER BY 1, 2";
    out += "table " + t + "\n";
    sqlite3_exec(
        db, sql.c_str(),
        [](void* o, int n, char** v, char**) {
          auto& s = *static_cast<std::string*>(o);
          for (int i = 0; i < n; ++i) s += (v[i] ? v[i] : "NULL") + std::string("|");
          s += "\n";
          return 0;
        },
        &out, nullptr);
  }
  sqlite3_close(db);
  return out;
}

std::vector<std::string> Listing(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Control characters as raw bytes, which must not appear in text output.
bool HasRawControls(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      return true;  // C1 control
    }
    if (s.compare(i, 3, "\xE2\x80\xAE") == 0 || s.compare(i, 3, "\xE2\x81\xA6") == 0 ||
        s.compare(i, 3, "\xE2\x81\xA9") == 0) {
      return true;  // U+202E, U+2066, U+2069
    }
  }
  return false;
}

}  // namespace

// ---- item: check decides and records the whole manifest ----

TEST_CASE("CheckLineIsAUsageErrorPointingToExplain", "[cli][io]") {
  TempDir dir;
  std::string audit = dir.path() + "/audit.db";
  // Line 2 of this manifest may ship; lines 1, 3 and 5 are held.
  for (std::vector<std::string> extra :
       {std::vector<std::string>{"--line", "2"}, {"--line=2"}, {"--explain", "--line", "2"}}) {
    std::vector<std::string> args = {"check", kManifest, "--rules", kExamples, "--audit", audit};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = RunChipgate(args, dir.path());
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("chipgate explain") != std::string::npos);
    CHECK(!fs::exists(audit));  // nothing decided, nothing recorded
  }
  // Without --line, check covers every line: held, exit 1, five records.
  RunResult whole =
      RunChipgate({"check", kManifest, "--rules", kExamples, "--audit", audit}, dir.path());
  CHECK(whole.exit_code == 1);
  CHECK(whole.out.find("do not ship") != std::string::npos);
  CHECK(Records(audit) == 5);
  // explain --line still explains one line and records nothing.
  RunResult explain =
      RunChipgate({"explain", kManifest, "--rules", kExamples, "--line", "2"}, dir.path());
  CHECK(explain.exit_code == 0);
  CHECK(Records(audit) == 5);
}

// ---- item: database paths are files ----

TEST_CASE("DatabasePathsAreTakenLiterally", "[cli][io]") {
  for (std::string name : {"file::memory:", "file:x.db?mode=memory", ":memory:", "file:rel.db",
                           "file:///tmp/../x.db"}) {
    TempDir dir;
    std::string sub = name.find('/') != std::string::npos ? dir.path() + "/file:" : "";
    if (!sub.empty())
      fs::create_directories(dir.path() +
                             "/file:/tmp");  // `file:///tmp/../x.db` as a relative path
    INFO("database name `" << name << "`");
    // db init / db import create and fill a file of exactly that name in the working directory.
    RunResult init = RunChipgate({"db", "init", name}, dir.path());
    INFO(init.err);
    REQUIRE(init.exit_code == 0);
    REQUIRE(fs::is_regular_file(dir.path() + "/" + name));
    RunResult import = RunChipgate(
        {"db", "import", name, "--parts", SourcePath("db/sample/parts.csv")}, dir.path());
    INFO(import.err);
    REQUIRE(import.exit_code == 0);
    // check --audit records into that file, check --db reads it, log and audit read it back.
    RunResult check =
        RunChipgate({"check", kManifest, "--rules", kExamples, "--audit", name}, dir.path());
    CHECK(check.exit_code == 1);
    CHECK(Records(dir.path() + "/" + name) == 5);
    RunResult with_db = RunChipgate(
        {"check", kManifest, "--rules", kExamples, "--db", name, "--no-audit"}, dir.path());
    CHECK(with_db.exit_code == 1);
    RunResult verify = RunChipgate({"log", "verify", "--db", name}, dir.path());
    CHECK(verify.exit_code == 0);
    CHECK(verify.out.find("5 records") != std::string::npos);
    RunResult exported = RunChipgate({"log", "export", "--db", name}, dir.path());
    CHECK(std::count(exported.out.begin(), exported.out.end(), '\n') == 5);
    RunResult audit =
        RunChipgate({"audit", "--db", name, "--rules", kExamples, "--format", "json"}, dir.path());
    CHECK((audit.exit_code == 0 || audit.exit_code == 1));
    CHECK(audit.out.find("\"parts\": 0") ==
          std::string::npos);  // the imported parts were read back
  }
  // An empty path is not a database.
  CHECK(RunChipgate({"db", "init", ""}).exit_code == 2);
}

// ---- item: an output never overwrites a database, its journals or an input ----

TEST_CASE("OutputThatIsADatabaseOrAnInputIsRefused", "[cli][io]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string pack = dir.path() + "/pack";
  fs::copy(kExamples, pack, fs::copy_options::recursive);
  std::string manifest = dir.Write("m.yaml", ReadFile(kManifest));
  fs::create_symlink(db, dir.path() + "/link.db");
  fs::create_hard_link(db, dir.path() + "/hard.db");
  fs::create_symlink(db + "-wal", dir.path() + "/dangling-wal");
  std::string before = ReadFile(db);
  std::string pack_file = (fs::directory_iterator(pack)->path()).string();
  std::string pack_text = ReadFile(pack_file);
  struct Case {
    std::vector<std::string> args;
  };
  std::string rel = fs::relative(db, dir.path()).string();
  std::vector<Case> cases = {
      {{"audit", "--db", db, "--rules", pack, "--output", db}},
      {{"audit", "--db", db, "--rules", pack, "--output", "./" + rel}},
      {{"audit", "--db", db, "--rules", pack, "--output",
        dir.path() + "/../" + fs::path(dir.path()).filename().string() + "/" + rel}},
      {{"audit", "--db", db, "--rules", pack, "--output", dir.path() + "/link.db"}},
      {{"audit", "--db", db, "--rules", pack, "--output", dir.path() + "/hard.db"}},
      {{"audit", "--db", db, "--rules", pack, "--output", db + "-wal"}},
      {{"audit", "--db", db, "--rules", pack, "--output", db + "-shm"}},
      {{"audit", "--db", db, "--rules", pack, "--output", db + "-journal"}},
      {{"audit", "--db", db, "--rules", pack, "--output", dir.path() + "/dangling-wal"}},
      {{"audit", "--db", db, "--rules", pack, "--output", pack_file}},
      {{"audit", "--db", db, "--rules", pack, "--log-file", db}},
      {{"audit", "--db", db, "--rules", pack, "--output", dir.path() + "/r.txt", "--log-file",
        dir.path() + "/r.txt"}},
      {{"check", manifest, "--rules", pack, "--db", db, "--no-audit", "--log-file", db}},
      {{"check", manifest, "--rules", pack, "--audit", db, "--log-file", "./" + rel + "-wal"}},
      {{"check", manifest, "--rules", pack, "--no-audit", "--log-file", manifest}},
      {{"check", manifest, "--rules", pack, "--log-file", dir.path() + "/chipgate-audit.db"}},
      {{"db", "import", db, "--parts", SourcePath("db/sample/parts.csv"), "--log-file", db}},
      {{"log", "export", "--db", db, "--log-file", db + "-shm"}},
      {{"check", manifest, "--rules", pack, "--audit", pack_file}},
  };
  auto listing = Listing(dir.path());
  for (const auto& c : cases) {
    std::string cmd;
    for (const auto& a : c.args) cmd += a + " ";
    INFO(cmd);
    RunResult r = RunChipgate(c.args, dir.path());
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("refusing to ") != std::string::npos);
    CHECK(ReadFile(db) == before);
    CHECK(ReadFile(pack_file) == pack_text);
    CHECK(Listing(dir.path()) == listing);  // no file created, none removed
  }
  CHECK(Records(db) == 0);
  // A report beside the database is written (atomically, mode 0640 when new).
  RunResult ok = RunChipgate(
      {"audit", "--db", db, "--rules", pack, "--output", dir.path() + "/report.txt"}, dir.path());
  INFO(ok.err);
  CHECK((ok.exit_code == 0 || ok.exit_code == 1));
  struct stat st {};
  REQUIRE(stat((dir.path() + "/report.txt").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
  CHECK(ReadFile(dir.path() + "/report.txt").find("audit of") != std::string::npos);
}

// ---- item: a lost write is exit 2 and leaves no partial file ----

TEST_CASE("FailingReportWriteLeavesNoPartialFileAndExitsTwo", "[cli][io]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  // Parts enough for a report of several hundred KB (one finding each).
  std::string parts = "part_number,declared_eccn,type,tpp,die_area_mm2,datacenter\n";
  for (int i = 0; i < 2000; ++i) parts += "MIS-" + std::to_string(i) + ",EAR99,ic,15832,814,true\n";
  REQUIRE(RunChipgate({"db", "import", db, "--parts", dir.Write("parts.csv", parts)}).exit_code ==
          0);
  RunResult full = RunChipgate(
      {"audit", "--db", db, "--rules", kExamples, "--format", "html", "--no-record"}, dir.path());
  REQUIRE(full.out.size() > 300000);
  std::string report = dir.path() + "/report.html";
  { std::ofstream(report) << "previous report\n"; }
  auto listing = Listing(dir.path());
  RunOptions limited;
  limited.cwd = dir.path();
  limited.max_file_bytes = 128 * 1024;  // room for SQLite's 32 KiB -shm, not for the report
  RunResult r = RunChipgateWith({"audit", "--db", db, "--rules", kExamples, "--format", "html",
                                 "--no-record", "--output", report},
                                limited);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("cannot write") != std::string::npos);
  CHECK(ReadFile(report) == "previous report\n");  // the old report stays whole
  CHECK(Listing(dir.path()) == listing);           // no temporary file left behind
}

TEST_CASE("FailingStdoutWriteExitsTwo", "[cli][io]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  REQUIRE(RunChipgate({"check", kManifest, "--rules", kExamples, "--audit", db}, dir.path())
              .exit_code == 1);
  RunOptions to_full;
  to_full.cwd = dir.path();
  to_full.stdout_path = "/dev/full";
  const std::vector<std::vector<std::string>> commands = {
      {"log", "export", "--db", db},
      {"log", "verify", "--db", db},
      {"check", kManifest, "--rules", kExamples, "--no-audit"},
      {"check", kManifest, "--rules", kExamples, "--no-audit", "--format", "json"},
      {"explain", kManifest, "--rules", kExamples, "--line", "2"},
      {"audit", "--db", db, "--rules", kExamples, "--no-record"},
      {"audit", "--db", db, "--rules", kExamples, "--no-record", "--format", "json"},
      {"test", kExamples},
      {"db", "init", dir.path() + "/new.db"},
  };
  for (const auto& args : commands) {
    INFO(args[0] << " " << args[1]);
    RunResult r = RunChipgateWith(args, to_full);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("cannot write the output") != std::string::npos);
  }
  // stdout on a file that stops growing part-way (RLIMIT_FSIZE) is caught the same way.
  std::string many =
      "shipment: {id: S, date: 2024-06-01, consignee: {name: C, country: SG, headquarters: "
      "CN}}\nlines:\n";
  for (int i = 0; i < 300; ++i)
    many += "  - {part: P" + std::to_string(i) + ", quantity: 1, specs: {type: ic, tpp: 300}}\n";
  REQUIRE(RunChipgate({"check", dir.Write("many.yaml", many), "--rules", kExamples, "--audit", db},
                      dir.path())
              .exit_code == 0);
  RunResult whole = RunChipgate({"log", "export", "--db", db}, dir.path());
  REQUIRE(whole.out.size() > 200 * 1024);
  RunOptions limited;
  limited.cwd = dir.path();
  limited.max_file_bytes = 96 * 1024;  // room for SQLite's 32 KiB -shm, not for the export
  RunResult cut = RunChipgateWith({"log", "export", "--db", db}, limited);
  INFO(cut.err);
  CHECK(cut.exit_code == 2);
  CHECK(cut.err.find("cannot write the output") != std::string::npos);
}

// ---- item: a failed import changes nothing ----

TEST_CASE("ImportFailingOnAFullDiskLeavesTheDatabaseUnchanged", "[cli][io]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  REQUIRE(RunChipgate({"check", kManifest, "--rules", kExamples, "--audit", db}, dir.path())
              .exit_code == 1);
  std::string before = Dump(db);
  // Parts enough to spill SQLite's page cache into the WAL many times over.
  std::string parts = "part_number,description,type,tpp,die_area_mm2,datacenter\n";
  for (int i = 0; i < 40000; ++i) {
    parts += "BULK-" + std::to_string(i) + "," + std::string(150, 'd') + ",ic," +
             std::to_string(100 + i % 5000) + ",400,true\n";
  }
  std::string csv = dir.Write("bulk.csv", parts);
  RunOptions limited;
  limited.cwd = dir.path();
  limited.max_file_bytes = static_cast<long long>(fs::file_size(db)) + 1024 * 1024;
  RunResult r = RunChipgateWith({"db", "import", db, "--parts", csv}, limited);
  INFO(r.err.substr(0, 2000));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("nothing was imported") != std::string::npos);
  CHECK(Dump(db) == before);
  CHECK(Records(db) == 5);
  // Without the limit the same file imports whole.
  RunResult again = RunChipgate({"db", "import", db, "--parts", csv}, dir.path());
  INFO(again.err.substr(0, 2000));
  CHECK(again.exit_code == 0);
}

// ---- item: terminal escapes ----

TEST_CASE("ControlCharactersInUserValuesNeverReachTheTerminal", "[cli][io]") {
  TempDir dir;
  // A part number that would clear the screen and print a fake verdict, with a bidi override.
  const std::string evil =
      "X\x1b[2J\x1b[H\rverdict: no_license_required \xE2\x80\x94 may ship\n\xC2\x9B"
      "31m\xE2\x80\xAE"
      "kcab\xE2\x81\xA6";
  std::string yaml_part =
      "\"X\\e[2J\\e[H\\rverdict: no_license_required \\u2014 may "
      "ship\\n\\x9b31m\\u202ekcab\\u2066\"";
  std::string manifest = dir.Write(
      "m.yaml",
      "shipment: {id: \"S\\e]0;title\\a\", date: 2024-06-01, consignee: {name: C, country: SG, "
      "headquarters: CN}}\n"
      "lines:\n  - {part: " +
          yaml_part +
          ", quantity: 1, specs: {type: ic, tpp: 15832, die_area_mm2: 814, datacenter: true}}\n");
  for (std::vector<std::string> args :
       {std::vector<std::string>{"check", manifest, "--rules", kExamples, "--no-audit"},
        {"explain", manifest, "--rules", kExamples, "--line", "1"}}) {
    RunResult r = RunChipgate(args, dir.path());
    INFO(args[0] << "\n" << r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(!HasRawControls(r.out));
    CHECK(!HasRawControls(r.err));
    CHECK(r.out.find("X\\x1b[2J\\x1b[H\\x0dverdict") != std::string::npos);
    CHECK(r.out.find("\\u202ekcab\\u2066") != std::string::npos);
  }
  // The same through the inventory: audit text and HTML, check --db.
  std::string parts = dir.Write(
      "parts.csv", "part_number,description,declared_eccn,type,tpp,die_area_mm2,datacenter\n\"" +
                       evil + "\",d,EAR99,ic,15832,814,true\n");
  std::string db = dir.path() + "/inv.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  RunResult imp = RunChipgate({"db", "import", db, "--parts", parts});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  RunResult text = RunChipgate({"audit", "--db", db, "--rules", kExamples, "--no-record"});
  INFO(text.out);
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("X\\x1b[2J") != std::string::npos);
  CHECK(!HasRawControls(text.out));
  RunResult html =
      RunChipgate({"audit", "--db", db, "--rules", kExamples, "--no-record", "--format", "html"});
  CHECK(html.out.find("X\\x1b[2J") != std::string::npos);
  CHECK(!HasRawControls(html.out));
  // Diagnostics and error messages that echo a user value.
  std::string bad = dir.Write("bad.yaml",
                              "shipment: {id: S, date: 2024-06-01, consignee: {name: C, country: "
                              "\"S\\e[2JG\"}}\nlines: []\n");
  RunResult diag = RunChipgate({"check", bad, "--rules", kExamples, "--no-audit"});
  CHECK(diag.exit_code == 2);
  CHECK(!diag.err.empty());
  CHECK(!HasRawControls(diag.err));
  RunResult missing = RunChipgate(
      {"check", manifest, "--rules", kExamples, "--db", "no\x1b[2Jsuch.db", "--no-audit"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no\\x1b[2Jsuch.db") != std::string::npos);
  CHECK(!HasRawControls(missing.err));
  // The operational log (spdlog) on stderr, and as JSON lines in a log file.
  std::string odd_db = "a\x1b[2J\xE2\x80\xAE\".db";
  RunResult logged = RunChipgate(
      {"check", kManifest, "--rules", kExamples, "--audit", odd_db, "--log-level", "info"},
      dir.path());
  INFO(logged.err);
  CHECK(logged.exit_code == 1);
  CHECK(logged.err.find("a\\u001b[2J\\u202e\\\".db") != std::string::npos);
  CHECK(!HasRawControls(logged.err));
  CHECK(!HasRawControls(logged.out));
  RunResult to_file = RunChipgate({"check", kManifest, "--rules", kExamples, "--audit", odd_db,
                                   "--log-level", "info", "--log-file", dir.path() + "/ops.log"},
                                  dir.path());
  CHECK(to_file.exit_code == 1);
  std::ifstream ops(dir.path() + "/ops.log");
  int naming = 0;  // the lines that name the database (others name the pack, the manifest)
  for (std::string line; std::getline(ops, line);) {
    INFO(line);
    CHECK(!HasRawControls(line));
    naming += nlohmann::json::parse(line)["msg"].get<std::string>().find("a\x1b[2J\u202e\".db") !=
              std::string::npos;
  }
  CHECK(naming >= 1);
  std::string pack = dir.path() + "/pack";
  fs::create_directories(pack);
  dir.Write("pack/pack.yaml",
            "classes:\n  - id: \"X.\\e[31ma\"\n    cite: c\n    when: \"tpp >= 4800\"\n");
  RunResult lint = RunChipgate({"lint", pack});
  CHECK(lint.exit_code != 0);
  CHECK(!HasRawControls(lint.err));
}

}  // namespace chipgate::testing
