// Load generator for `chipgate serve` (docs/performance.md, "Issue 17: serve under load"):
//
//   chipgate_bench_serve CHIPGATE DB WORK [--requests N] [--seconds S] [--cli-runs N]
//                        [--db-uri URI] [--instances N] [--clients LIST]
//
// Copies DB (a database made by chipgate_bench_gen's parts.csv, bench/run_all.py) into WORK,
// starts `CHIPGATE serve` on the copy on a free loopback port (its audit log on: every decision is
// recorded), and sends `POST /v1/check` manifests of 1 and of 100 lines from 1, 4 and 16 client
// threads (cpp-httplib, one keep-alive connection per thread); each configuration is bounded by
// --requests (default 400) and --seconds (default 20), whichever comes first. Then, in the same
// run, the same manifests through one `CHIPGATE check --db COPY` process each (--cli-runs per size,
// default 30, one after another). Last it stops the service (SIGTERM), runs `log verify` and
// checks that no record was lost or duplicated: the log holds exactly the records it held before
// plus the lines of every 200 and of every CLI run.
//
// Prints one JSON object per line: {"mode": "serve"|"cli", "lines", "clients", "requests", "ok",
// "seconds", "requests_per_s", "decisions_per_s", "p50_ms", "p99_ms"}, then {"mode": "check",
// "records_before", "records_after", "records_expected", "log_verified"}. Exit 0 when every
// request was answered 200 and the check holds, 1 otherwise, 2 on a bad call. Loopback only.
//
// Issue 18's rows (docs/performance.md, "Issue 18"): --db-uri URI uses that database (a
// PostgreSQL URI, or a SQLite file used in place) instead of a copy of DB; --instances N starts N
// `serve` processes on the same database, each on its own port, and client c talks to instance
// c mod N; --clients LIST (e.g. "4,16") replaces the client counts 1, 4 and 16; --cli-runs 0 leaves
// out the CLI rows. Records are counted with `log verify --db` on whichever database it is, never
// with SQL of this tool's own. The serve rows then also carry "instances".
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <latch>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_data.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Runs argv to completion with stdout to `out_file` (stderr to /dev/null); the exit status.
int RunProcess(const std::vector<std::string>& argv, const std::string& out_file) {
  pid_t pid = fork();
  if (pid == 0) {
    // Neither of our streams: a pipe reading this tool's stdout must end when the tool does.
    FILE* out = std::freopen(out_file.c_str(), "w", stdout);
    FILE* err = std::freopen("/dev/null", "w", stderr);
    if (!out || !err) _exit(127);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The records of the log and whether it verifies (`log verify --format json`).
std::pair<int64_t, bool> VerifyLog(const std::string& chipgate, const std::string& db,
                                   const std::string& work) {
  std::string out = work + "/verify.json";
  int rc = RunProcess({chipgate, "log", "verify", "--db", db, "--format", "json"}, out);
  auto doc = nlohmann::json::parse(ReadText(out), nullptr, false);
  if (doc.is_discarded() || !doc.contains("records")) return {-1, false};
  return {doc["records"].get<int64_t>(), rc == 0 && doc.value("valid", false)};
}

// A manifest of `lines` lines naming parts of the generated inventory (the generator's seed and
// part count are chipgate_bench_gen's), to a mix of destinations.
std::string Manifest(const std::vector<chipgate::bench::PartRow>& parts,
                     const std::vector<chipgate::bench::LineRow>& rows, size_t first,
                     size_t lines) {
  std::string out =
      "{\"shipment\": {\"id\": \"LOAD\", \"date\": \"2025-06-01\", \"consignee\": "
      "{\"name\": \"Bench Customer\", \"country\": \"" +
      rows[first % rows.size()].destination + "\", \"headquarters\": \"" +
      rows[first % rows.size()].headquarters + "\"}}, \"lines\": [";
  for (size_t i = 0; i < lines; ++i) {
    const auto& r = rows[(first + i) % rows.size()];
    out += std::string(i ? ", " : "") + "{\"part\": \"" + parts[r.part].part_number +
           "\", \"quantity\": 1}";
  }
  return out + "]}";
}

struct Figures {
  std::string mode;
  int lines = 0, clients = 0;
  int instances = 1;  // serve processes the clients were spread over
  int64_t requests = 0, ok = 0;
  double seconds = 0;
  std::vector<double> latencies_ms;
};

void Print(Figures& f) {
  std::sort(f.latencies_ms.begin(), f.latencies_ms.end());
  auto at = [&](double q) {
    if (f.latencies_ms.empty()) return 0.0;
    size_t i = static_cast<size_t>(q * static_cast<double>(f.latencies_ms.size() - 1) + 0.5);
    return f.latencies_ms[i];
  };
  nlohmann::json j = {{"mode", f.mode},
                      {"lines", f.lines},
                      {"clients", f.clients},
                      {"requests", f.requests},
                      {"ok", f.ok},
                      {"seconds", f.seconds},
                      {"requests_per_s", f.ok / f.seconds},
                      {"decisions_per_s", static_cast<double>(f.ok * f.lines) / f.seconds},
                      {"p50_ms", at(0.50)},
                      {"p99_ms", at(0.99)}};
  if (f.mode == "serve") j["instances"] = f.instances;
  std::printf("%s\n", j.dump().c_str());
  std::fflush(stdout);
}

// Starts `CHIPGATE serve` number `index` on `db`, its port file and log (work/serve-N.log) named
// after the index; returns its pid and port, or pid -1 when it did not start.
std::pair<pid_t, int> StartInstance(const std::string& chipgate, const std::string& db,
                                    const std::string& work, int index) {
  std::string port_file = work + "/serve-" + std::to_string(index) + ".port";
  std::string log = work + "/serve-" + std::to_string(index) + ".log";
  fs::remove(port_file);
  pid_t pid = fork();
  if (pid == 0) {
    FILE* out = std::freopen("/dev/null", "w", stdout);
    FILE* err = std::freopen(log.c_str(), "w", stderr);
    if (!out || !err) _exit(127);
    execl(chipgate.c_str(), chipgate.c_str(), "serve", "--db", db.c_str(), "--listen",
          "127.0.0.1:0", "--port-file", port_file.c_str(), "--threads", "16", nullptr);
    _exit(127);
  }
  std::string port;
  while (port.empty() || port.back() != '\n') {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) != 0) {
      std::fprintf(stderr, "chipgate_bench_serve: serve %d did not start (see %s)\n", index,
                   log.c_str());
      return {-1, 0};
    }
    port = ReadText(port_file);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return {pid, std::stoi(port)};
}

// "4,16" -> {4, 16}; empty when a count is not a positive number.
std::vector<int> ParseCounts(const std::string& list) {
  std::vector<int> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    int n = std::atoi(item.c_str());
    if (n <= 0) return {};
    out.push_back(n);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr,
                 "usage: chipgate_bench_serve CHIPGATE DB WORK [--requests N] [--seconds S] "
                 "[--cli-runs N] [--parts N] [--db-uri URI] [--instances N] [--clients LIST] "
                 "[--lines LIST]\n");
    return 2;
  }
  std::string chipgate = fs::absolute(argv[1]).string(), source = argv[2], work = argv[3];
  int64_t max_requests = 400, cli_runs = 30;
  double max_seconds = 20;
  size_t n_parts = 10000;
  std::string db_uri;  // --db-uri: this database, used in place
  int instances = 1;
  std::vector<int> client_counts = {1, 4, 16};
  std::vector<int> line_counts = {1, 100};  // --lines: manifest sizes, for a quicker loop
  for (int i = 4; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--requests")
      max_requests = std::stoll(argv[i + 1]);
    else if (k == "--seconds")
      max_seconds = std::stod(argv[i + 1]);
    else if (k == "--cli-runs")
      cli_runs = std::stoll(argv[i + 1]);
    else if (k == "--parts")
      n_parts = std::stoul(argv[i + 1]);
    else if (k == "--db-uri")
      db_uri = argv[i + 1];
    else if (k == "--instances")
      instances = std::max(1, std::atoi(argv[i + 1]));
    else if (k == "--clients") {
      client_counts = ParseCounts(argv[i + 1]);
      if (client_counts.empty()) {
        std::fprintf(stderr, "chipgate_bench_serve: --clients takes counts like 4,16\n");
        return 2;
      }
    } else if (k == "--lines") {
      line_counts = ParseCounts(argv[i + 1]);
      if (line_counts.empty()) {
        std::fprintf(stderr, "chipgate_bench_serve: --lines takes counts like 1,100\n");
        return 2;
      }
    } else {
      std::fprintf(stderr, "chipgate_bench_serve: unknown option %s\n", k.c_str());
      return 2;
    }
  }
  fs::create_directories(work);
  std::string db = work + "/serve.db";
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db + ext);
  if (db_uri.empty()) fs::copy_file(source, db);
  if (!db_uri.empty()) db = db_uri;
  chipgate::bench::DataGenerator gen(20261129);  // chipgate_bench_gen's seed: the same parts
  auto parts = gen.Parts(n_parts);
  auto rows = gen.Lines(1000, parts.size());
  auto [records_before, verified_before] = VerifyLog(chipgate, db, work);
  if (!verified_before) {
    std::fprintf(stderr, "chipgate_bench_serve: the copied log does not verify\n");
    return 1;
  }

  // The services, each on a free loopback port.
  std::vector<pid_t> servers;
  std::vector<int> ports;
  for (int i = 0; i < instances; ++i) {
    auto [pid, instance_port] = StartInstance(chipgate, db, work, i);
    if (pid < 0) {
      for (pid_t s : servers) kill(s, SIGTERM);
      for (pid_t s : servers) waitpid(s, nullptr, 0);
      return 1;
    }
    servers.push_back(pid);
    ports.push_back(instance_port);
  }

  int64_t expected = records_before;
  std::atomic<bool> all_ok{true};
  for (int lines : line_counts) {
    for (int clients : client_counts) {
      Figures f;
      f.mode = "serve";
      f.lines = lines;
      f.clients = clients;
      f.instances = instances;
      std::atomic<int64_t> next{0}, sent{0}, ok{0};
      std::mutex mutex;
      // Each client connects first (one untimed GET /v1/health): the figures are of requests on
      // open connections, not of 16 connects at once overflowing the listen backlog (a dropped
      // SYN is retried after 1 s).
      std::latch connected(clients);
      Clock::time_point start, deadline;
      std::once_flag started;
      std::vector<std::thread> threads;
      for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
          httplib::Client client("127.0.0.1", ports[static_cast<size_t>(c) % ports.size()]);
          client.set_keep_alive(true);
          client.set_tcp_nodelay(true);  // no Nagle delay between the headers and the body
          auto health = client.Get("/v1/health");
          if (!health || health->status != 200) all_ok = false;
          connected.arrive_and_wait();
          std::call_once(started, [&] {
            start = Clock::now();
            deadline = start + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(max_seconds));
          });
          std::vector<double> mine;
          for (;;) {
            int64_t n = next++;
            if (n >= max_requests || Clock::now() >= deadline) break;
            std::string body = Manifest(parts, rows, static_cast<size_t>(n * 7 + c), lines);
            auto t0 = Clock::now();
            ++sent;
            auto res = client.Post("/v1/check", body, "application/json");
            auto t1 = Clock::now();
            if (res && res->status == 200) {
              ++ok;
              mine.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            }
          }
          std::lock_guard<std::mutex> lock(mutex);
          f.latencies_ms.insert(f.latencies_ms.end(), mine.begin(), mine.end());
        });
      }
      for (auto& t : threads) t.join();
      f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      f.requests = sent.load();  // those sent: the deadline stops the rest before sending
      f.ok = ok.load();
      if (f.ok != f.requests) all_ok = false;
      expected += f.ok * lines;
      Print(f);
    }
  }
  bool stopped = true;
  for (pid_t s : servers) {
    int status = 0;
    kill(s, SIGTERM);
    waitpid(s, &status, 0);
    stopped = stopped && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }

  // The same manifests through one process each, on the same database.
  for (int lines : line_counts) {
    if (cli_runs == 0) break;  // --cli-runs 0: no CLI rows
    Figures f;
    f.mode = "cli";
    f.lines = lines;
    f.clients = 1;
    std::string manifest = work + "/cli-" + std::to_string(lines) + ".json";
    std::ofstream(manifest) << Manifest(parts, rows, 0, static_cast<size_t>(lines));
    auto start = Clock::now();
    for (int64_t i = 0; i < cli_runs; ++i) {
      auto t0 = Clock::now();
      int rc = RunProcess({chipgate, "check", manifest, "--db", db}, work + "/cli.out");
      auto t1 = Clock::now();
      ++f.requests;
      if (rc == 0 || rc == 1) {  // decided and recorded (held lines are a result)
        ++f.ok;
        f.latencies_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    }
    f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    expected += f.ok * lines;
    if (f.ok != f.requests) all_ok = false;
    Print(f);
  }

  auto [records_after, verified] = VerifyLog(chipgate, db, work);
  nlohmann::json check = {{"mode", "check"},
                          {"records_before", records_before},
                          {"records_after", records_after},
                          {"records_expected", expected},
                          {"log_verified", verified},
                          {"server_stopped_cleanly", stopped}};
  std::printf("%s\n", check.dump().c_str());
  return all_ok && verified && stopped && records_after == expected ? 0 : 1;
}
