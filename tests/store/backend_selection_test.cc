// Store::Open picks the backend from the database location: a plain path is a SQLite file, a
// postgresql:// or postgres:// URI a PostgreSQL database, and a location naming a backend that is
// not built in is refused (fail closed), never taken as a file name. Each backend's migrations
// are exactly the files of its db/migrations/ directory. Not tagged [backend]: they test the
// choice of backend itself, and need no server.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "chipgate/store.h"
#include "store/migration.h"
#include "support/test_support.h"

namespace chipgate::testing {

TEST_CASE("ALocationForABackendNotBuiltInIsRefused", "[store]") {
  TempDir dir;
  std::string cwd = std::filesystem::current_path().string();
  std::filesystem::current_path(dir.path());
  for (std::string location : {"mysql://db.example/chipgate", "postgresql+ssl://localhost/x",
                               "mysql+ssl://h/d", "sqlite://inventory.db"}) {
    INFO(location);
    for (bool create : {false, true}) {
      auto s = Store::Open(location, StoreOptions{.create = create});
      REQUIRE_FALSE(s.ok());
      std::string scheme = location.substr(0, location.find("://"));
      CHECK(s.status().message() == "database `" + location + "`: no store backend for `" + scheme +
                                        "://` locations is built into this chipgate; give the "
                                        "path of a SQLite database file or a postgresql:// URI");
    }
  }
  // Nothing was created where a file of that name would be.
  CHECK(std::filesystem::is_empty(dir.path()));
  std::filesystem::current_path(cwd);
}

TEST_CASE("PathsThatOnlyLookLikeUrlsAreSqliteFiles", "[store]") {
  TempDir dir;
  std::string cwd = std::filesystem::current_path().string();
  std::filesystem::current_path(dir.path());
  std::filesystem::create_directories("1http:");
  std::filesystem::create_directories("file:");
  // No letter-led scheme before `://`, or SQLite's own `file:`: relative file paths, taken
  // literally (never SQLite URIs; DatabasePathsAreTakenLiterally covers every command).
  for (std::string name : {"file:x.db", "a:b.db", "1http://x.db", "file://y.db"}) {
    INFO(name);
    auto s = Store::Open(name, StoreOptions{.create = true});
    INFO(s.status().message());
    CHECK(s.ok());
  }
  CHECK(std::filesystem::is_regular_file("file:x.db"));
  CHECK(std::filesystem::is_regular_file("1http:/x.db"));
  CHECK(std::filesystem::is_regular_file("file:/y.db"));
  std::filesystem::current_path(cwd);
}

TEST_CASE("TheCliRefusesABackendThatIsNotBuiltIn", "[store]") {
  TempDir dir;
  RunResult r = RunChipgate({"db", "init", "mysql://db.example/chipgate"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no store backend for `mysql://` locations is built into this chipgate") !=
        std::string::npos);
  CHECK(std::filesystem::is_empty(dir.path()));
}

// Both spellings reach the PostgreSQL backend, which connects (here to a port nothing listens on,
// so it fails to connect) instead of creating a file.
TEST_CASE("PostgresqlUrisReachThePostgresqlBackend", "[store]") {
  TempDir dir;
  std::string cwd = std::filesystem::current_path().string();
  std::filesystem::current_path(dir.path());
  for (std::string location : {"postgresql://127.0.0.1:1/chipgate", "postgres://127.0.0.1:1/x"}) {
    INFO(location);
    auto s = Store::Open(location, StoreOptions{.create = true});
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.status().message(),
               Catch::StartsWith("database `" + location + "`: cannot connect"));
  }
  CHECK(std::filesystem::is_empty(dir.path()));
  std::filesystem::current_path(cwd);
}

TEST_CASE("EmbeddedPostgresqlMigrationsAreTheFilesOfTheirDirectory", "[store]") {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(SourcePath("db/migrations/postgresql")))
    files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  const std::vector<Migration>& embedded = PostgresqlMigrations();
  REQUIRE(embedded.size() == files.size());
  REQUIRE_FALSE(embedded.empty());
  // The backend began at schema version 12; the newest is the schema version chipgate writes.
  CHECK(embedded.front().version == 12);
  CHECK(embedded.back().version == kSchemaVersion);
  for (size_t i = 0; i < files.size(); ++i) {
    INFO(files[i]);
    CHECK(embedded[i].name == files[i]);
    CHECK(embedded[i].version == 12 + static_cast<int>(i));
    std::ifstream in(SourcePath("db/migrations/postgresql/" + files[i]));
    std::stringstream text;
    text << in.rdbuf();
    CHECK(embedded[i].sql == text.str());
  }
}

TEST_CASE("EmbeddedSqliteMigrationsAreTheFilesOfTheirDirectory", "[store]") {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(SourcePath("db/migrations/sqlite")))
    files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  const std::vector<Migration>& embedded = SqliteMigrations();
  REQUIRE(embedded.size() == files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    INFO(files[i]);
    CHECK(embedded[i].name == files[i]);
    CHECK(embedded[i].version == static_cast<int>(i) + 1);  // numbered 1, 2, ... with no gap
    std::ifstream in(SourcePath("db/migrations/sqlite/" + files[i]));
    std::stringstream text;
    text << in.rdbuf();
    CHECK(embedded[i].sql == text.str());
  }
  CHECK(embedded.back().version == kSchemaVersion);
  // The migrations are per backend: none are left at the top of db/migrations/.
  for (const auto& e : std::filesystem::directory_iterator(SourcePath("db/migrations")))
    CHECK(e.is_directory());
}

}  // namespace chipgate::testing
