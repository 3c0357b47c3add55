// Four `chipgate serve` instances on one PostgreSQL database (issue 18's proof of the shared store,
// through the service): 10,000 checked lines in all from eight clients, with one-unit shipments
// against a license of 8 units in between; then one instance killed with SIGKILL while all four are
// loaded. Afterwards every answered decision (a 200) has its records, at the sequence numbers it
// was answered with, exactly once, in one chain that `log verify` accepts, and the license's
// balance is exactly the shipments answered as shipped. Tag [pg-load]: left out of the per-case
// discovery; the ctest entry serve_pg_concurrency runs it under scripts/pg-tmp (labels postgresql,
// pg-load).
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "serve/serve_process.h"
#include "support/load_manifests.h"
#include "support/raw_postgres.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

using nlohmann::json;

constexpr int kInstances = 4;
constexpr int kClientsPerInstance = 2;
constexpr int kChecksPerClient = 125;  // 4 * 2 * 125 checks of 10 lines: 10,000 lines
constexpr int kLinesPerCheck = 10;
constexpr int kShipsPerClient = 3;  // 24 one-unit shipments against a license of 8 units

// What a 200 said it recorded.
struct Answered {
  std::string id;
  int64_t first_seq = 0, last_seq = 0;
};

int64_t Count(const std::string& db, const std::string& query) {
  std::vector<std::string> rows = PgRows(db, query);
  REQUIRE(rows.size() == 1);
  return std::stoll(rows[0]);
}

// Every answered decision's records are in the log at the sequence numbers it was answered with,
// about its shipment; the log has no gap or duplicate and verifies as one chain.
void RequireEveryAnswerRecorded(const std::string& db, const std::vector<Answered>& answered) {
  std::map<int64_t, std::string> subjects;
  for (const std::string& row : PgRows(db, "SELECT seq, subject FROM audit_log")) {
    size_t bar = row.find('|');
    subjects[std::stoll(row.substr(0, bar))] = row.substr(bar + 1);
  }
  int64_t records = static_cast<int64_t>(subjects.size());
  CHECK(Count(db, "SELECT count(*) FROM audit_log") == records);
  CHECK(subjects.begin()->first == 1);
  CHECK(subjects.rbegin()->first == records);
  for (const Answered& a : answered) {
    INFO(a.id);
    REQUIRE(a.first_seq > 0);
    for (int64_t seq = a.first_seq; seq <= a.last_seq; ++seq) {
      REQUIRE(subjects.count(seq) == 1);
      CHECK(subjects[seq].starts_with("shipment " + a.id + " "));
    }
  }
  RunResult verify = RunChipgate({"log", "verify", "--db", db, "--format", "json"});
  INFO(verify.out << verify.err);
  REQUIRE(verify.exit_code == 0);
  CHECK(json::parse(verify.out)["records"] == records);
}

void Stop(int pid) {
  REQUIRE(kill(pid, SIGTERM) == 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("serve: four instances on one PostgreSQL database keep one chain and exact balances",
          "[pg-load]") {
  TempDir dir;
  std::string db = NewPgDatabase();
  ImportSampleInto(db);
  std::vector<std::pair<int, int>> instances;
  for (int i = 0; i < kInstances; ++i)
    instances.push_back(StartServe(dir, db, "instance-" + std::to_string(i)));

  // Phase 1: every client checks its manifests and ships now and then, all instances at once.
  std::vector<Answered> answered;
  std::mutex answered_mutex;
  std::atomic<int> failures{0}, shipped{0}, refused{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kInstances; ++i) {
    for (int c = 0; c < kClientsPerInstance; ++c) {
      clients.emplace_back([&, i, c] {
        httplib::Client client("127.0.0.1", instances[static_cast<size_t>(i)].second);
        std::string who = std::to_string(i) + "-" + std::to_string(c);
        auto keep = [&](const std::string& id, const httplib::Result& res) {
          if (!res || res->status != 200) {
            ++failures;
            return json();
          }
          json doc = json::parse(res->body);
          std::lock_guard<std::mutex> lock(answered_mutex);
          answered.push_back({id, doc["audit"]["first_seq"].get<int64_t>(),
                              doc["audit"]["last_seq"].get<int64_t>()});
          return doc;
        };
        for (int k = 0; k < kChecksPerClient; ++k) {
          std::string id = "C-" + who + "-" + std::to_string(k);
          keep(id, client.Post("/v1/check", CheckManifest(id, kLinesPerCheck), "application/yaml"));
          if (k % 40 == 0 && k / 40 < kShipsPerClient) {
            std::string sid = "S-" + who + "-" + std::to_string(k / 40);
            json doc = keep(sid, client.Post("/v1/ship", ShipManifest(sid), "application/yaml"));
            if (doc.is_object()) doc["shipped"].get<bool>() ? ++shipped : ++refused;
          }
        }
      });
    }
  }
  for (auto& t : clients) t.join();
  clients.clear();
  CHECK(failures == 0);
  const int clients_in_all = kInstances * kClientsPerInstance;
  CHECK(shipped + refused == clients_in_all * kShipsPerClient);
  // The license holds 8 units: exactly 8 one-unit shipments went out, on whichever instances.
  CHECK(shipped == 8);
  CHECK(Count(db,
              "SELECT sum(u.quantity) FROM license_uses u JOIN licenses l ON l.id = u.license "
              "WHERE l.number = 'D6789012'") == 8);
  CHECK(Count(db, "SELECT count(*) FROM audit_log WHERE command = 'check'") ==
        clients_in_all * kChecksPerClient * kLinesPerCheck);
  RequireEveryAnswerRecorded(db, answered);

  // Phase 2: all four loaded again, and instance 0 killed with SIGKILL mid-load. Its clients see
  // the connection go; the others go on. Nothing any instance answered is lost.
  std::atomic<int> answered_before_kill{0};
  std::atomic<bool> stop{false};
  for (int i = 0; i < kInstances; ++i) {
    for (int c = 0; c < kClientsPerInstance; ++c) {
      clients.emplace_back([&, i, c] {
        httplib::Client client("127.0.0.1", instances[static_cast<size_t>(i)].second);
        for (int k = 0; !stop; ++k) {
          std::string id =
              "K-" + std::to_string(i) + "-" + std::to_string(c) + "-" + std::to_string(k);
          auto res =
              client.Post("/v1/check", CheckManifest(id, kLinesPerCheck), "application/yaml");
          if (!res) return;  // the instance is gone
          if (res->status >= 500) ++failures;
          if (res->status != 200) continue;
          json doc = json::parse(res->body);
          std::lock_guard<std::mutex> lock(answered_mutex);
          answered.push_back({id, doc["audit"]["first_seq"].get<int64_t>(),
                              doc["audit"]["last_seq"].get<int64_t>()});
          ++answered_before_kill;
        }
      });
    }
  }
  while (answered_before_kill < 40) std::this_thread::yield();
  REQUIRE(kill(instances[0].first, SIGKILL) == 0);
  int status = 0;
  REQUIRE(waitpid(instances[0].first, &status, 0) == instances[0].first);
  CHECK(WIFSIGNALED(status));
  // The others keep answering after the kill; then everyone stops.
  int after_kill = answered_before_kill + 40;
  while (answered_before_kill < after_kill) std::this_thread::yield();
  stop = true;
  for (auto& t : clients) t.join();
  CHECK(failures == 0);
  for (int i = 1; i < kInstances; ++i) Stop(instances[static_cast<size_t>(i)].first);
  RequireEveryAnswerRecorded(db, answered);
}

}  // namespace
}  // namespace chipgate::testing
