// The SQLite wrappers: a transaction SQLite rolled back by itself (as it does on a full disk or
// an I/O error) cannot be continued past in autocommit mode; file names are never URIs; many
// processes may create one database at once. All SQLite only: they test the SQLite wrappers and
// file handling (not tagged [backend]).
#include "store/sqlite/db.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "chipgate/store.h"

#include "support/test_support.h"

namespace chipgate::testing {

namespace {

int64_t Count(sql::Db& db) {
  auto stmt = db.Prepare("SELECT count(*) FROM t");
  REQUIRE(stmt.ok());
  Status s;
  REQUIRE(stmt->Step(s));
  return stmt->Int(0);
}

}  // namespace

TEST_CASE("StatementsAfterSQLiteRolledBackTheTransactionAreRefused", "[store]") {
  TempDir dir;
  auto db = sql::Db::Open(dir.path() + "/t.db", true, false, 1000);
  REQUIRE(db.ok());
  REQUIRE(db->Exec("CREATE TABLE t (x INTEGER)").ok());
  bool later_refused = false;
  Status result = sql::InTransaction(db.value(), [&]() -> Status {
    auto insert = db->Prepare("INSERT INTO t (x) VALUES (?1)");
    if (!insert.ok()) return insert.status();
    if (Status s = insert->Bind(1, int64_t{1}).Run(); !s.ok()) return s;
    // What SQLite does by itself after SQLITE_FULL or SQLITE_IOERR: the transaction is gone.
    sqlite3_exec(db->raw(), "ROLLBACK", nullptr, nullptr, nullptr);
    REQUIRE(db->TransactionLost());
    insert->Reset();
    Status later = insert->Bind(1, int64_t{2}).Run();  // would commit on its own in autocommit mode
    later_refused = !later.ok();
    return Status::Ok();  // a caller that ignored the error
  });
  CHECK(later_refused);
  CHECK_FALSE(result.ok());
  CHECK(Count(db.value()) == 0);  // nothing of the transaction, nothing after it
  CHECK_FALSE(db->TransactionLost());
  // The connection works normally again afterwards.
  CHECK(sql::InTransaction(db.value(), [&]() -> Status {
          return db->Exec("INSERT INTO t (x) VALUES (3)");
        }).ok());
  CHECK(Count(db.value()) == 1);
}

// A statement kept in a member and assigned later (moved into place) keeps the guard: the
// move assignment once dropped the connection's state, so a statement assigned that way ran on
// in autocommit mode after SQLite had rolled the transaction back.
TEST_CASE("AMoveAssignedStatementIsRefusedAfterSQLiteRolledBackTheTransaction", "[store]") {
  TempDir dir;
  auto db = sql::Db::Open(dir.path() + "/t.db", true, false, 1000);
  REQUIRE(db.ok());
  REQUIRE(db->Exec("CREATE TABLE t (x INTEGER)").ok());
  bool later_refused = false;
  Status result = sql::InTransaction(db.value(), [&]() -> Status {
    sql::Stmt insert;
    {
      auto prepared = db->Prepare("INSERT INTO t (x) VALUES (?1)");
      if (!prepared.ok()) return prepared.status();
      insert = std::move(prepared.value());
    }
    if (Status s = insert.Bind(1, int64_t{1}).Run(); !s.ok()) return s;
    sqlite3_exec(db->raw(), "ROLLBACK", nullptr, nullptr, nullptr);
    insert.Reset();
    later_refused = !insert.Bind(1, int64_t{2}).Run().ok();
    return Status::Ok();
  });
  CHECK(later_refused);
  CHECK_FALSE(result.ok());
  CHECK(Count(db.value()) == 0);
}

TEST_CASE("SqliteFileNamesAreNeverUrisOrMemoryDatabases", "[store]") {
  TempDir dir;
  std::string cwd = std::filesystem::current_path().string();
  REQUIRE(chdir(dir.path().c_str()) == 0);
  for (std::string name : {"file::memory:", ":memory:", "file:x.db?mode=memory&cache=shared"}) {
    INFO(name);
    {
      auto db = sql::Db::Open(name, true, false, 1000);
      REQUIRE(db.ok());
      CHECK(db->Exec("CREATE TABLE t (x INTEGER)").ok());
    }
    CHECK(std::filesystem::is_regular_file(dir.path() + "/" + name));
    auto again = sql::Db::Open(name, false, true, 1000);
    REQUIRE(again.ok());
    CHECK(again->Prepare("SELECT x FROM t").ok());  // the table is on disk
  }
  CHECK(sql::LiteralFileName("/abs/file:x") == "/abs/file:x");
  CHECK(sql::LiteralFileName("file:x") == "./file:x");
  CHECK_FALSE(sql::Db::Open("", true, false, 1000).ok());
  REQUIRE(chdir(cwd.c_str()) == 0);
}

// Processes creating one new database at once must all open it. Switching a new file to WAL
// fails with SQLITE_BUSY without waiting for the busy timeout when another process switches it at
// the same moment, which made about one process in fifty fail here before Db::Open retried it.
// The children are forked first and released together (the parent closes the pipe they block
// on), so they reach the switch at about the same moment; every round is a new file.
TEST_CASE("ManyProcessesCreatingOneDatabaseAtOnceAllOpenIt", "[store]") {
  constexpr int kRounds = 20, kProcesses = 8;
  TempDir dir;
  int failed = 0;
  for (int round = 0; round < kRounds; ++round) {
    std::string path = dir.path() + "/new" + std::to_string(round) + ".db";
    int gate[2];
    REQUIRE(pipe(gate) == 0);
    std::vector<pid_t> children;
    for (int p = 0; p < kProcesses; ++p) {
      pid_t pid = fork();
      REQUIRE(pid >= 0);
      if (pid == 0) {
        close(gate[1]);
        char c;
        while (read(gate[0], &c, 1) > 0) {
        }
        auto store = Store::Open(path, StoreOptions{.create = true});
        if (!store.ok()) std::fprintf(stderr, "%s\n", store.status().message().c_str());
        _exit(store.ok() && store->schema_version() == kSchemaVersion ? 0 : 1);
      }
      children.push_back(pid);
    }
    close(gate[0]);
    close(gate[1]);
    for (pid_t pid : children) {
      int status = 0;
      REQUIRE(waitpid(pid, &status, 0) == pid);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
    }
  }
  CHECK(failed == 0);
}

}  // namespace chipgate::testing
