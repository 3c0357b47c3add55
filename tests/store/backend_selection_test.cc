// Store::Open picks the backend from the database location: a plain path is a SQLite file, and a
// location naming a backend that is not built in is refused (fail closed), never taken as a file
// name. The SQLite backend's migrations are exactly the files of db/migrations/sqlite/.
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
  for (std::string location : {"postgresql://db.example/chipgate", "postgres://localhost/x",
                               "mysql+ssl://h/d", "sqlite://inventory.db"}) {
    INFO(location);
    for (bool create : {false, true}) {
      auto s = Store::Open(location, StoreOptions{.create = create});
      REQUIRE_FALSE(s.ok());
      std::string scheme = location.substr(0, location.find("://"));
      CHECK(s.status().message() == "database `" + location + "`: no store backend for `" + scheme +
                                        "://` locations is built into this chipgate; give the "
                                        "path of a SQLite database file");
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
  RunResult r = RunChipgate({"db", "init", "postgresql://db.example/chipgate"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no store backend for `postgresql://` locations is built into this chipgate") !=
        std::string::npos);
  CHECK(std::filesystem::is_empty(dir.path()));
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
