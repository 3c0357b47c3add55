// GroupCommitLog: concurrent calls share transactions and each gets one contiguous run of seqs in
// one valid chain; a failed transaction fails every call of its batch and the next starts from the
// real head; bad entries are refused alone; the destructor drains; kill -9 of a process appending
// under load loses no acknowledged record; the CLI appending to the same database meanwhile keeps
// one chain. Batches are made deterministic by `batch_calls` with an unbounded wait, never by
// sleeping.
#include "chipgate/group_commit.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "support/raw_sqlite.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// Long enough never to end during a test: a batch waits for its `batch_calls` calls.
constexpr std::chrono::hours kForever(24);

AuditEntry Entry(const std::string& subject) {
  AuditEntry e;
  e.actor = "server";
  e.command = "check";
  e.subject = subject;
  e.input_digest = "sha256:" + std::string(64, 'a');
  e.decision = "license_required";
  e.classes = {"3A090.a"};
  e.reasons = {{"r1", "license_required", "15 CFR 742.6", "needs a license"}};
  e.pack_digest = "sha256:" + std::string(64, 'b');
  e.facts_digest = "sha256:" + std::string(64, 'f');
  return e;
}

// The entries of one call: `n` records with subjects `<tag> e<i>`.
std::vector<AuditEntry> Call(const std::string& tag, int n) {
  std::vector<AuditEntry> out;
  for (int i = 0; i < n; ++i) out.push_back(Entry(tag + " e" + std::to_string(i)));
  return out;
}

// Every stored record's subject, by seq.
std::map<int64_t, std::string> Subjects(const std::string& db) {
  std::map<int64_t, std::string> out;
  auto seqs = RawColumn(db, "SELECT seq FROM audit_log ORDER BY seq");
  auto subjects = RawColumn(db, "SELECT subject FROM audit_log ORDER BY seq");
  REQUIRE(seqs.size() == subjects.size());
  for (size_t i = 0; i < seqs.size(); ++i) out[std::stoll(seqs[i])] = subjects[i];
  return out;
}

std::map<int64_t, std::string> Hashes(const std::string& db) {
  std::map<int64_t, std::string> out;
  auto seqs = RawColumn(db, "SELECT seq FROM audit_log ORDER BY seq");
  auto hashes = RawColumn(db, "SELECT hash FROM audit_log ORDER BY seq");
  for (size_t i = 0; i < seqs.size(); ++i) out[std::stoll(seqs[i])] = hashes[i];
  return out;
}

// An acknowledged call: what it appended and what it was told.
struct Acked {
  std::string tag;
  int n = 0;
  Store::AppendResult result;
};

// Every acknowledged call's records are stored once, at the seqs it was told, in its order, with
// the prev_hash and head it was told.
void CheckAcknowledged(const std::string& db, const std::vector<Acked>& acked) {
  auto subjects = Subjects(db);
  auto hashes = Hashes(db);
  std::map<std::string, int> stored;  // times each subject is stored
  for (const auto& [seq, subject] : subjects) ++stored[subject];
  for (const Acked& a : acked) {
    INFO(a.tag << ": seqs " << a.result.first_seq << ".." << a.result.last_seq);
    REQUIRE(a.result.count() == static_cast<size_t>(a.n));
    for (int i = 0; i < a.n; ++i) {
      auto it = subjects.find(a.result.first_seq + i);
      REQUIRE(it != subjects.end());
      CHECK(it->second == a.tag + " e" + std::to_string(i));
      CHECK(stored[it->second] == 1);
    }
    CHECK(hashes[a.result.last_seq] == a.result.head);
    CHECK(a.result.prev_hash ==
          (a.result.first_seq == 1 ? kGenesisHash : hashes[a.result.first_seq - 1]));
  }
}

// TestDatabase: the [backend] cases run on SQLite and, in ctest store_postgresql, on PostgreSQL.
std::string NewDatabase(const TempDir& dir) {
  std::string db = TestDatabase(dir, "audit.db");
  auto s = Store::Open(db, StoreOptions{.create = true});
  REQUIRE(s.ok());
  return db;
}

GroupCommitOptions Batches(size_t calls) {
  GroupCommitOptions o;
  o.batch_calls = calls;
  o.max_wait = kForever;
  return o;
}

// `threads` threads each make `calls` calls of 1..5 entries, and more while `more` says so;
// returns every call's outcome.
struct Outcome {
  std::vector<Acked> acked;
  std::vector<std::string> errors;
};
Outcome Hammer(GroupCommitLog& log, int threads, int calls, const std::string& prefix,
               const std::function<bool()>& more = {}) {
  std::vector<Outcome> per(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int c = 0; c < calls || (more && more()); ++c) {
        std::string tag = prefix + " t" + std::to_string(t) + " c" + std::to_string(c);
        int n = 1 + (t + c) % 5;
        auto r = log.Append(Call(tag, n));
        if (r.ok()) {
          per[t].acked.push_back({tag, n, r.value()});
        } else {
          per[t].errors.push_back(r.status().message());
        }
      }
    });
  }
  for (auto& th : pool) th.join();
  Outcome all;
  for (auto& o : per) {
    all.acked.insert(all.acked.end(), o.acked.begin(), o.acked.end());
    all.errors.insert(all.errors.end(), o.errors.begin(), o.errors.end());
  }
  return all;
}

int64_t Entries(const std::vector<Acked>& acked) {
  int64_t n = 0;
  for (const auto& a : acked) n += a.n;
  return n;
}

}  // namespace

// Eight threads, each waiting for its call before the next: with batch_calls 8 every transaction
// holds exactly one call of each thread, so the batch sizes are known.
TEST_CASE("GroupCommitGivesEachCallOneContiguousRunInOneChain", "[store][group_commit][backend]") {
  TempDir dir;
  std::string db = NewDatabase(dir);
  const int kThreads = 8, kCalls = 25;
  auto log = GroupCommitLog::Open(db, Batches(kThreads));
  REQUIRE(log.ok());
  Outcome out = Hammer(*log.value(), kThreads, kCalls, "batched");
  GroupCommitStats stats = log.value()->stats();
  log.value().reset();
  CHECK(out.errors.empty());
  REQUIRE(out.acked.size() == static_cast<size_t>(kThreads * kCalls));
  CHECK(stats.appends == kThreads * kCalls);
  CHECK(stats.transactions == kCalls);
  CHECK(stats.largest_batch == kThreads);
  CHECK(stats.entries == Entries(out.acked));
  CHECK(stats.failures == 0);
  AuditVerifyResult v = VerifyAuditLog(db);
  CHECK(v.ok);
  CHECK(v.records == Entries(out.acked));
  CheckAcknowledged(db, out.acked);
}

// The production setting: no waiting, batches formed by whoever arrives during a commit.
TEST_CASE("GroupCommitWithoutWaitingKeepsEveryRecordOnce", "[store][group_commit][backend]") {
  TempDir dir;
  std::string db = NewDatabase(dir);
  const int kThreads = 16, kCalls = 20;
  auto log = GroupCommitLog::Open(db);
  REQUIRE(log.ok());
  Outcome out = Hammer(*log.value(), kThreads, kCalls, "free");
  GroupCommitStats stats = log.value()->stats();
  log.value().reset();
  CHECK(out.errors.empty());
  CHECK(stats.appends == kThreads * kCalls);
  CHECK(stats.transactions <= stats.appends);
  CHECK(stats.entries == Entries(out.acked));
  AuditVerifyResult v = VerifyAuditLog(db);
  CHECK(v.ok);
  CHECK(v.records == Entries(out.acked));
  CheckAcknowledged(db, out.acked);
}

// A batch is full at max_batch_entries records: six calls of one record with a limit of three are
// two transactions of three calls (the writer waits for nothing else), and a call of five records
// is committed alone and whole.
TEST_CASE("GroupCommitCutsBatchesBetweenCalls", "[store][group_commit][backend]") {
  TempDir dir;
  std::string db = NewDatabase(dir);
  GroupCommitOptions o = Batches(1000);
  o.max_batch_entries = 3;
  auto log = GroupCommitLog::Open(db, o);
  REQUIRE(log.ok());
  std::vector<Result<Store::AppendResult>> results(6, Status::Error("not run"));
  std::vector<std::thread> pool;
  for (int t = 0; t < 6; ++t)
    pool.emplace_back(
        [&, t] { results[t] = log.value()->Append(Call("one " + std::to_string(t), 1)); });
  for (auto& th : pool) th.join();
  GroupCommitStats six = log.value()->stats();
  auto big = log.value()->Append(Call("five", 5));
  GroupCommitStats after = log.value()->stats();
  log.value().reset();
  CHECK(six.transactions == 2);
  CHECK(six.largest_batch == 3);
  REQUIRE(big.ok());
  CHECK(big->count() == 5);
  CHECK(after.transactions == 3);
  CHECK(after.largest_batch == 3);
  std::vector<Acked> acked = {{"five", 5, big.value()}};
  for (int t = 0; t < 6; ++t) {
    REQUIRE(results[t].ok());
    acked.push_back({"one " + std::to_string(t), 1, results[t].value()});
  }
  AuditVerifyResult v = VerifyAuditLog(db);
  CHECK(v.ok);
  CHECK(v.records == 11);
  CheckAcknowledged(db, acked);
}

TEST_CASE("FailedGroupCommitFailsEveryCallOfItsBatch", "[store][group_commit][backend]") {
  TempDir dir;
  std::string db = NewDatabase(dir);
  {
    auto s = Store::Open(db);
    REQUIRE(s.ok());
    REQUIRE(s->AppendAudit(Call("before", 3)).ok());
  }
  std::atomic<int> fail_next{1};
  std::atomic<size_t> batch_sizes_seen{0};  // Catch2 v2 asserts on the test's thread only
  GroupCommitOptions o = Batches(4);
  o.before_commit = [&](size_t calls) {
    batch_sizes_seen |= calls;
    // Inside the transaction, after the records were inserted and read back: the rollback must
    // take them all out.
    if (fail_next.exchange(0)) return Status::Error("injected fault before COMMIT");
    return Status::Ok();
  };
  auto log = GroupCommitLog::Open(db, o);
  REQUIRE(log.ok());
  Outcome failed = Hammer(*log.value(), 4, 1, "failed");
  CHECK(failed.acked.empty());
  REQUIRE(failed.errors.size() == 4);
  for (const auto& e : failed.errors) {
    CHECK(e.find("injected fault before COMMIT") != std::string::npos);
    CHECK(e.find("4 calls: none of them was acknowledged") != std::string::npos);
  }
  CHECK(Subjects(db).size() == 3);

  Outcome ok = Hammer(*log.value(), 4, 1, "after");
  GroupCommitStats stats = log.value()->stats();
  log.value().reset();
  CHECK(ok.errors.empty());
  REQUIRE(ok.acked.size() == 4);
  int64_t lowest = ok.acked[0].result.first_seq;
  for (const auto& a : ok.acked) lowest = std::min(lowest, a.result.first_seq);
  CHECK(lowest == 4);            // right after the head the failed batch left
  CHECK(batch_sizes_seen == 4);  // both transactions had four calls
  CHECK(stats.failed_transactions == 1);
  CHECK(stats.failures == 4);
  CHECK(stats.transactions == 1);
  AuditVerifyResult v = VerifyAuditLog(db);
  CHECK(v.ok);
  CHECK(v.records == 3 + Entries(ok.acked));
  CheckAcknowledged(db, ok.acked);
  for (const auto& [seq, subject] : Subjects(db)) CHECK(subject.rfind("failed", 0) != 0);
}

// SQLite only: it holds SQLite's file write lock through the C API (PostgreSQL's advisory lock is
// covered by the store_postgresql cases). Another connection holds the write lock longer than the
// busy timeout: BEGIN IMMEDIATE fails and
// every call of the batch gets the error; once it lets go, the next batch goes in.
TEST_CASE("LockedDatabaseFailsTheBatchAndTheNextOneGoesIn", "[store][group_commit]") {
  TempDir dir;
  std::string db = NewDatabase(dir);
  GroupCommitOptions o = Batches(3);
  o.store.busy_timeout_ms = 50;
  auto log = GroupCommitLog::Open(db, o);
  REQUIRE(log.ok());
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  Outcome failed = Hammer(*log.value(), 3, 1, "locked");
  REQUIRE(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(other);
  CHECK(failed.acked.empty());
  REQUIRE(failed.errors.size() == 3);
  for (const auto& e : failed.errors) CHECK(e.find("locked") != std::string::npos);
  Outcome ok = Hammer(*log.value(), 3, 2, "unlocked");
  log.value().reset();
  CHECK(ok.errors.empty());
  AuditVerifyResult v = VerifyAuditLog(db);
  CHECK(v.ok);
  CHECK(v.records == Entries(ok.acked));
  CheckAcknowledged(db, ok.acked);
}

// A call whose entries cannot be recorded is refused at once, and the batch it would have joined
// is unaffected.
TEST_CASE("GroupCommitRefusesBadEntriesAlone", "[store][group_commit][backend]") {
  TempDir dir;
  std::string db = NewDatabase(dir);
  auto log = GroupCommitLog::Open(db, Batches(2));
  REQUIRE(log.ok());
  std::vector<Result<Store::AppendResult>> good;
  std::thread first([&] { good.push_back(log.value()->Append(Call("good a", 2))); });
  std::vector<AuditEntry> bad = Call("bad", 2);
  bad[1].facts_digest.clear();
  auto refused = log.value()->Append(bad);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message().find("facts_digest") != std::string::npos);
  auto second = log.value()->Append(Call("good b", 1));  // the batch's second call
  first.join();
  GroupCommitStats stats = log.value()->stats();
  log.value().reset();
  REQUIRE(good.size() == 1);
  REQUIRE(good[0].ok());
  REQUIRE(second.ok());
  CHECK(stats.transactions == 1);
  CHECK(stats.largest_batch == 2);
  CHECK(stats.failures == 1);
  CHECK(VerifyAuditLog(db).records == 3);
  CheckAcknowledged(db, {{"good a", 2, good[0].value()}, {"good b", 1, second.value()}});
}

// The writer waits for 1,000 calls that never come; destroying the log commits the five waiting.
TEST_CASE("GroupCommitDestructorDrainsWaitingCalls", "[store][group_commit][backend]") {
  TempDir dir;
  std::string db = NewDatabase(dir);
  auto log = GroupCommitLog::Open(db, Batches(1000));
  REQUIRE(log.ok());
  std::unique_ptr<GroupCommitLog> owned = std::move(log.value());
  const int kCalls = 5;
  std::vector<std::optional<Result<Store::AppendResult>>> results(kCalls);
  std::vector<std::thread> pool;
  for (int i = 0; i < kCalls; ++i) {
    pool.emplace_back(
        [&, i] { results[i] = owned->Append(Call("drain " + std::to_string(i), 2)); });
  }
  while (owned->stats().waiting < kCalls) std::this_thread::yield();  // all five are queued
  CHECK(owned->stats().transactions == 0);
  owned.reset();  // drains
  for (auto& t : pool) t.join();
  std::vector<Acked> acked;
  for (int i = 0; i < kCalls; ++i) {
    REQUIRE(results[i].has_value());
    REQUIRE(results[i]->ok());
    acked.push_back({"drain " + std::to_string(i), 2, results[i]->value()});
  }
  AuditVerifyResult v = VerifyAuditLog(db);
  CHECK(v.ok);
  CHECK(v.records == 2 * kCalls);
  CheckAcknowledged(db, acked);
}

// SQLite only: a missing file and one created by the open are SQLite's notions (a PostgreSQL
// database is created by its administrator).
TEST_CASE("GroupCommitOpenRefusesWhatCannotAppend", "[store][group_commit]") {
  TempDir dir;
  GroupCommitOptions ro;
  ro.store.read_only = true;
  CHECK_FALSE(GroupCommitLog::Open(NewDatabase(dir), ro).ok());
  CHECK_FALSE(GroupCommitLog::Open(dir.path() + "/missing.db").ok());
  GroupCommitOptions create;
  create.store.create = true;
  auto log = GroupCommitLog::Open(dir.path() + "/new.db", create);
  REQUIRE(log.ok());
  auto r = log.value()->Append(Call("first", 1));
  REQUIRE(r.ok());
  CHECK(r->first_seq == 1);
  CHECK(r->prev_hash == kGenesisHash);
}

namespace {

// The child of the kill -9 test: six threads append forever (1..5 entries per call) and write
// `tag first last` for each acknowledged call to `fd`, one write per line (atomic on a pipe).
[[noreturn]] void AppendUntilKilled(const std::string& db, const std::string& round, int fd) {
  auto log = GroupCommitLog::Open(db);
  if (!log.ok()) _exit(10);
  GroupCommitLog& g = *log.value();
  std::vector<std::thread> pool;
  for (int t = 0; t < 6; ++t) {
    pool.emplace_back([&g, &round, fd, t] {
      for (int c = 0;; ++c) {
        std::string tag = round + "t" + std::to_string(t) + "c" + std::to_string(c);
        auto r = g.Append(Call(tag, 1 + c % 5));
        std::string line = r.ok() ? tag + " " + std::to_string(r->first_seq) + " " +
                                        std::to_string(r->last_seq) + " " + r->head + "\n"
                                  : "ERROR " + r.status().message().substr(0, 200) + "\n";
        if (write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(11);
        if (!r.ok()) _exit(12);
      }
    });
  }
  for (auto& th : pool) th.join();
  _exit(13);
}

}  // namespace

// Three times: a process appends from six threads, the parent reads acknowledgements until it has
// 150 and kills it with SIGKILL, then reads the rest of the pipe. After each kill the chain
// verifies and every acknowledged call is stored whole at the seqs it was told; the next round's
// process appends after whatever the killed one left.
TEST_CASE("KillNineUnderGroupCommitLosesNoAcknowledgedRecord", "[store][group_commit][backend]") {
  TempDir dir;
  std::string db = NewDatabase(dir);
  std::vector<Acked> acked;
  for (int round = 0; round < 3; ++round) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    std::string prefix = "r" + std::to_string(round);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      AppendUntilKilled(db, prefix, fds[1]);
    }
    close(fds[1]);
    std::string text;
    char buf[4096];
    bool killed = false;
    int lines = 0;
    for (;;) {
      ssize_t n = read(fds[0], buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      lines += static_cast<int>(std::count(buf, buf + n, '\n'));
      text.append(buf, static_cast<size_t>(n));
      if (!killed && lines >= 150) {
        kill(pid, SIGKILL);
        killed = true;
      }
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    INFO("round " << round << ": child output ends "
                  << text.substr(text.size() > 300 ? text.size() - 300 : 0));
    REQUIRE(killed);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      REQUIRE(line.rfind("ERROR", 0) != 0);
      std::istringstream fields(line);
      Acked a;
      fields >> a.tag >> a.result.first_seq >> a.result.last_seq >> a.result.head;
      REQUIRE(fields);
      int c = std::stoi(a.tag.substr(a.tag.find('c') + 1));
      a.n = 1 + c % 5;
      acked.push_back(a);
    }
    AuditVerifyResult v = VerifyAuditLog(db);
    INFO(v.problem);
    CHECK(v.ok);
    CHECK(v.records >= Entries(acked));
    // prev_hash is not reported over the pipe: check the rest.
    auto subjects = Subjects(db);
    auto hashes = Hashes(db);
    std::set<std::string> distinct;
    for (const auto& [seq, subject] : subjects) distinct.insert(subject);
    CHECK(distinct.size() == subjects.size());
    for (const Acked& a : acked) {
      INFO(a.tag);
      REQUIRE(a.result.count() == static_cast<size_t>(a.n));
      for (int i = 0; i < a.n; ++i)
        CHECK(subjects[a.result.first_seq + i] == a.tag + " e" + std::to_string(i));
      CHECK(hashes[a.result.last_seq] == a.result.head);
    }
  }
}

// Three `chipgate check --db` processes record their manifests in the database while eight
// threads append through a group commit: one chain holding everything once.
// A clock standing still: two logs appended the same calls get the same records, hashes included.
struct StillClock final : Clock {
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(1780000000000));
  }
};

// SQLite only (PostgreSQL has no write-ahead log to checkpoint). The same calls, one after another,
// through a log whose checkpoints run on their own thread every few pages and through one whose
// writer checkpoints inside its COMMITs (SQLite's default): the same records, byte for byte, in
// one verified chain, and the first log's checkpoints keep its -wal file far below the 1,000 pages
// SQLite's own checkpoints let it reach (back-to-back calls: the writer's own checkpoints past
// four times the limit bound it, whatever the checkpoint thread manages).
TEST_CASE("GroupCommitCheckpointsOnItsOwnThreadWithTheSameRecords", "[store][group_commit]") {
  TempDir dir;
  StillClock clock;
  const int kCalls = 300;
  std::map<int64_t, std::string> hashes[2];
  std::vector<std::string> subjects[2];
  for (int background : {1, 0}) {
    INFO((background ? "checkpoint thread" : "checkpoints in the COMMITs"));
    std::string db = TestDatabase(dir, background ? "thread.db" : "commit.db");
    REQUIRE(Store::Open(db, StoreOptions{.create = true}).ok());
    GroupCommitOptions o;
    o.store.clock = &clock;
    o.checkpoint_pages = background ? 4 : 0;
    auto log = GroupCommitLog::Open(db, o);
    REQUIRE(log.ok());
    for (int c = 0; c < kCalls; ++c)
      REQUIRE(log.value()->Append(Call("call " + std::to_string(c), 1 + c % 5)).ok());
    // Read while the log is open (its connections' last close checkpoints whatever is left).
    std::error_code ec;
    auto wal_bytes = std::filesystem::file_size(db + "-wal", ec);
    if (ec) wal_bytes = 0;
    GroupCommitStats stats = log.value()->stats();
    log.value().reset();
    CHECK(stats.appends == kCalls);
    if (background) {
      CHECK(stats.checkpoints > 0);
      CHECK(wal_bytes < 100 * 4096);
    } else {
      CHECK(stats.checkpoints == 0);
    }
    AuditVerifyResult v = VerifyAuditLog(db);
    CHECK(v.ok);
    hashes[background] = Hashes(db);
    subjects[background] = RawColumn(db, "SELECT subject FROM audit_log ORDER BY seq");
  }
  CHECK(hashes[0].size() == 900);
  CHECK(hashes[1] == hashes[0]);
  CHECK(subjects[1] == subjects[0]);
}

TEST_CASE("CliChecksAndGroupCommitsShareOneChain", "[store][group_commit][backend]") {
  TempDir dir;
  std::string db = NewDatabase(dir);
  std::string manifest =
      "shipment: {id: CLI, date: 2025-06-01, consignee: {name: Buyer, country: SG, headquarters: "
      "CN}}\nlines:\n";
  const int kLines = 150, kProcesses = 3;
  for (int i = 0; i < kLines; ++i) {
    manifest += "  - {part: P" + std::to_string(i) +
                ", quantity: 1, specs: {type: ic, tpp: " + std::to_string(1000 + i * 37) +
                ", die_area_mm2: 600, datacenter: true}}\n";
  }
  std::string path = dir.Write("m.yaml", manifest);
  std::vector<int> pids;
  for (int p = 0; p < kProcesses; ++p) {
    pids.push_back(StartChipgate({"check", path, "--rules", SourcePath("rules/us-ear"), "--db", db},
                                 dir.path(), dir.path() + "/err." + std::to_string(p)));
  }
  auto log = GroupCommitLog::Open(db);
  REQUIRE(log.ok());
  // The threads go on appending until every check has exited, so the two kinds of writer overlap
  // whatever the machine's speed.
  std::vector<int> status(kProcesses, -1);
  std::mutex reaping;
  auto running = [&] {
    std::lock_guard lock(reaping);
    bool any = false;
    for (int p = 0; p < kProcesses; ++p) {
      if (status[p] == -1) {
        int st = 0;
        if (waitpid(pids[p], &st, WNOHANG) == pids[p]) status[p] = st;
      }
      any = any || status[p] == -1;
    }
    return any;
  };
  Outcome out = Hammer(*log.value(), 8, 15, "served", running);
  log.value().reset();
  CHECK_FALSE(running());
  for (int p = 0; p < kProcesses; ++p) {
    INFO("check " << p << ": " << ReadFile(dir.path() + "/err." + std::to_string(p)));
    REQUIRE(WIFEXITED(status[p]));
    CHECK(WEXITSTATUS(status[p]) == 1);  // decided (held lines), recorded; 2 would be an error
  }
  CHECK(out.errors.empty());
  AuditVerifyResult v = VerifyAuditLog(db);
  CHECK(v.ok);
  CHECK(v.records == Entries(out.acked) + kLines * kProcesses);
  CheckAcknowledged(db, out.acked);
  auto cli = RawColumn(db, "SELECT seq FROM audit_log WHERE subject LIKE 'shipment CLI %'");
  CHECK(cli.size() == static_cast<size_t>(kLines * kProcesses));
}

}  // namespace chipgate::testing
