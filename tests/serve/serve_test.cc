// `chipgate serve` (docs/serve.md): a real server on an ephemeral loopback port, in-process
// (serve::Server) or the built binary. No timing is asserted: waits are for states (running, a
// port file written, a child exited), never for durations.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "load/pack_loader.h"
#include "serve/audit_sink.h"
#include "serve/running_server.h"
#include "serve/serve_process.h"
#include "serve/server.h"
#include "serve/token_file.h"
#include "support/oracle.h"
#include "support/test_support.h"
#include "validate/validator.h"

namespace chipgate::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

serve::ServeOptions Options(const std::string& db, const std::string& rules = "") {
  serve::ServeOptions o;
  o.rules = {rules.empty() ? SourcePath("rules/us-ear") : rules};
  o.db = db;
  o.threads = 4;
  return o;
}

const char* TypeOf(const std::string& path) {
  return path.ends_with(".json") ? "application/json" : "application/yaml";
}

// The fields of a check document that legitimately differ between two recordings of the same
// decisions: where in the log they went (audit.first_seq, audit.last_seq, audit.head).
json WithoutRecordPositions(json doc) {
  if (doc.contains("audit") && doc["audit"].is_object()) {
    for (const char* k : {"first_seq", "last_seq", "head"}) doc["audit"].erase(k);
  }
  return doc;
}

std::string ExportedLog(const std::string& db) {
  auto store = Store::Open(db, StoreOptions{.read_only = true});
  REQUIRE(store.ok());
  std::ostringstream out;
  REQUIRE(store->ExportAudit(out).ok());
  return out.str();
}

TEST_CASE("serve: every example manifest gets the CLI's check document", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  Running server(Options(db));
  auto client = server.Client();
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(SourcePath("examples/manifests"))) {
    std::string path = entry.path().string();
    INFO(path);
    RunResult cli = RunChipgate({"check", path, "--db", db, "--format", "json"});
    REQUIRE((cli.exit_code == 0 || cli.exit_code == 1));
    auto res = client.Post("/v1/check", ReadFile(path), TypeOf(path));
    REQUIRE(res);
    CHECK(res->status == 200);
    json served = json::parse(res->body), printed = json::parse(cli.out);
    CHECK(served["recorded"] == true);
    CHECK(served["audit"]["first_seq"].is_number());
    CHECK(WithoutRecordPositions(served) == WithoutRecordPositions(printed));
    CHECK(MatchesSchema("check", res->body));
    ++checked;
  }
  CHECK(checked >= 5);
  CHECK(VerifyAuditLog(db).ok);
}

// Seeded manifests over the oracle's pack (tests/data/oracle_pack, as tests/eval/oracle_test.cc
// generates its cases): shipments on the pack's change dates to its countries and listed
// parties, items with and without each attribute, computers with components.
class ManifestGenerator {
 public:
  explicit ManifestGenerator(uint32_t seed) : rng_(seed) {}

  std::string Next(int n) {
    std::string out = "shipment:\n  id: GEN-" + std::to_string(n) + "\n  date: " + Pick(kDates) +
                      "\n  consignee: " + Party() + "\n";
    if (Chance(0.5)) out += "  end_user: " + Party() + "\n";
    std::string use = Pick<std::string>({"", "civil", "civilian", "datacenter"});
    if (!use.empty()) out += "  end_use: " + use + "\n";
    out += "lines:\n";
    int lines = std::uniform_int_distribution<int>(1, 4)(rng_);
    for (int i = 0; i < lines; ++i) out += Item("  ", 0);
    return out;
  }

 private:
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng_)];
  }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  std::string Party() {
    static const std::vector<std::string> kCountries = {"CN", "RU", "KH", "VN", "MO", "SG",
                                                        "IL", "TW", "CY", "DE", "US", "KP",
                                                        "IR", "SY", "CU", "IN", "AE"};
    static const std::vector<std::string> kNames = {"Acme Advanced Computing Co., Ltd.",
                                                    "ACME ADVANCED COMPUTING CO LTD",
                                                    "Societe Generale de Calcul SA",
                                                    "Blocked Industries GmbH",
                                                    "Unrelated Trading Pte Ltd",
                                                    "Acme Adv. Computing",
                                                    "Blockd Industries"};
    return "{name: \"" + Pick(kNames) + "\", country: " + Pick(kCountries) +
           ", headquarters: " + Pick(kCountries) + "}";
  }

  std::string Item(const std::string& indent, int depth) {
    std::string out = indent + "- part: P" + std::to_string(counter_++) + "\n";
    out += indent + "  quantity: " + Pick<std::string>({"1", "8", "11", "100"}) + "\n";
    std::string type = Pick<std::string>({"ic", "ic", "ic", "computer", "memory", "other"});
    std::string specs = "type: " + type;
    auto maybe = [&](const char* name, const std::vector<std::string>& values) {
      if (!Chance(0.15)) specs += std::string(", ") + name + ": " + Pick(values);
    };
    maybe("tpp", {"0", "100", "1599.99", "1600", "2399", "2400", "4799.99", "4800", "15832"});
    maybe("die_area_mm2", {"100", "300", "609", "814", "1000", "2000"});
    maybe("datacenter", {"true", "false"});
    maybe("mbd", {"1.5", "2", "2.01", "3.29", "3.3", "5"});
    maybe("launched", {"2023-06-01", "2024-01-01", "2025-03-01"});
    out += indent + "  specs: {" + specs + "}\n";
    if (type == "computer" && depth < 2) {
      int n = std::uniform_int_distribution<int>(0, 2)(rng_);
      if (n > 0) out += indent + "  components:\n";
      for (int i = 0; i < n; ++i) out += Item(indent + "    ", depth + 1);
    }
    return out;
  }

  static inline const std::vector<std::string> kDates = {
      "2022-01-01", "2022-10-06", "2022-10-07", "2023-11-16", "2023-11-17", "2024-04-03",
      "2024-04-04", "2025-01-12", "2025-01-13", "2025-06-01", "2026-02-02", "2026-02-03"};
  std::mt19937 rng_;
  int counter_ = 0;
};

TEST_CASE("serve: the oracle's cases get the CLI's documents and the oracle's decisions",
          "[serve]") {
  TempDir dir;
  std::string db = dir.path() + "/empty.db";  // nothing to complete: the manifest is all
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  std::string rules = SourcePath("tests/data/oracle_pack");
  auto files = ReadPackDir(rules);
  REQUIRE(files.ok());
  std::vector<Diagnostic> diags;
  Pack pack = LoadPack(files.value(), rules, diags);
  Validate(pack, diags);
  REQUIRE_FALSE(HasErrors(diags));
  Running server(Options(db, rules));
  auto client = server.Client();
  ManifestGenerator gen(20261207);
  int decided = 0, lines = 0;
  const int kManifests = 60;
  for (int n = 0; n < kManifests; ++n) {
    std::string text = gen.Next(n);
    INFO(text);
    RunOptions stdin_options;
    stdin_options.stdin_text = text;
    RunResult cli = RunChipgateWith(
        {"check", "-", "--db", db, "--rules", rules, "--format", "json", "--no-audit"},
        stdin_options);
    auto res = client.Post("/v1/check", text, "application/yaml");
    REQUIRE(res);
    if (cli.exit_code == 2) {  // refused input: refused by the service too
      CHECK(res->status == 400);
      continue;
    }
    REQUIRE(res->status == 200);
    ++decided;
    json served = json::parse(res->body), printed = json::parse(cli.out);
    // --no-audit: the CLI recorded nothing, so only the recording tail differs.
    for (const char* k : {"recorded", "audit"}) {
      served.erase(k);
      printed.erase(k);
    }
    CHECK(served == printed);
    ManifestLoad load = LoadManifestFromString("<request>", text, Today());
    REQUIRE(load.manifest);
    for (size_t i = 0; i < load.manifest->lines.size(); ++i) {
      OwnedDecision expected =
          OracleDecide(pack, load.manifest->shipment, load.manifest->lines[i].item);
      const json& line = served["lines"][i];
      CHECK(line["decision"] == std::string(DecisionName(expected.decision)));
      std::vector<std::string> classes = line["classes"];
      CHECK(classes == expected.classes);
      // The document names an exception by its code, the oracle by its id: whether there is one.
      CHECK(line["exception"].is_null() == !expected.exception.has_value());
      ++lines;
    }
  }
  // Most generated manifests are valid: the comparison is not vacuous.
  CHECK(decided >= kManifests / 2);
  CHECK(lines >= decided);
}

TEST_CASE("serve: a list imported while serving is screened from the next request on", "[serve]") {
  TempDir dir;
  std::string db = dir.path() + "/lists.db";
  REQUIRE(RunChipgate({"db", "init", db}).exit_code == 0);
  std::string rules = SourcePath("rules/examples");
  std::string manifest =
      dir.Write("m.yaml",
                "shipment:\n  id: SO-1\n  date: 2025-03-01\n"
                "  consignee: {name: \"Huawei Technologies Co., Ltd.\", country: "
                "DE, headquarters: DE}\nlines:\n  - part: SMALL-IC\n"
                "    quantity: 1\n    specs: {type: ic, tpp: 300, die_area_mm2: "
                "100, datacenter: false}\n");
  Running server(Options(db, rules));
  auto client = server.Client();
  auto same_as_cli = [&]() {
    auto res = client.Post("/v1/check", ReadFile(manifest), "application/yaml");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    RunResult cli = RunChipgate(
        {"check", manifest, "--rules", rules, "--db", db, "--format", "json", "--no-audit"});
    json served = json::parse(res->body), printed = json::parse(cli.out);
    for (const char* k : {"recorded", "audit"}) {
      served.erase(k);
      printed.erase(k);
    }
    CHECK(served == printed);
    return res->body;
  };
  CHECK(same_as_cli().find("list:EL:") == std::string::npos);
  REQUIRE(RunChipgate({"lists", "import", "--db", db, SourcePath("tests/data/lists/csl.csv")})
              .exit_code == 0);
  CHECK(same_as_cli().find("list:EL:") != std::string::npos);
}

TEST_CASE("serve: ship records the shipment as chipgate ship does", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string db2 = dir.path() + "/cli.db";
  fs::copy_file(db, db2);
  std::string manifest = SourcePath("examples/manifests/order-cloud-sg.yaml");
  RunResult cli = RunChipgate({"ship", manifest, "--db", db2, "--format", "json"});
  REQUIRE(cli.exit_code == 0);
  Running server(Options(db));
  auto client = server.Client();
  auto res = client.Post("/v1/ship", ReadFile(manifest), "application/yaml");
  REQUIRE(res);
  CHECK(res->status == 200);
  json served = json::parse(res->body), printed = json::parse(cli.out);
  CHECK(served["shipped"] == true);
  // The audit.db member names each database as it was given: set both to one value.
  served["audit"]["db"] = printed["audit"]["db"];
  CHECK(WithoutRecordPositions(served) == WithoutRecordPositions(printed));
  CHECK(MatchesSchema("ship", res->body));
  // The same shipment id again: 409 (the store's typed refusal), nothing shipped twice, no
  // record added and no decision in the answer; the CLI says so on the same refusal.
  int64_t records = VerifyAuditLog(db).records;
  auto again = client.Post("/v1/ship", ReadFile(manifest), "application/yaml");
  REQUIRE(again);
  CHECK(again->status == 409);
  json refused = json::parse(again->body);
  CHECK(refused["status"] == 409);
  CHECK(refused["error"] ==
        "the shipment id is already recorded: nothing was shipped or recorded again");
  CHECK(refused.contains("lines") == false);
  CHECK(VerifyAuditLog(db).records == records);
  RunResult cli_again = RunChipgate({"ship", manifest, "--db", db2});
  CHECK(cli_again.exit_code == 2);
  CHECK(cli_again.err ==
        "chipgate ship: shipment `SO-2025-0301` is already recorded: nothing was shipped or "
        "recorded again\n");
}

TEST_CASE("serve: a part is shown as chipgate parts show shows it", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  Running server(Options(db));
  auto client = server.Client();
  for (const char* part : {"NV-DGX-H100", "NV-L40S-48G"}) {
    INFO(part);
    RunResult cli = RunChipgate(
        {"parts", "show", part, "--db", db, "--date", "2025-06-01", "--format", "json"});
    REQUIRE(cli.exit_code == 0);
    auto res = client.Get((std::string("/v1/parts/") + part + "?date=2025-06-01").c_str());
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body == cli.out);  // byte for byte: no field of it differs
  }
  auto missing = client.Get("/v1/parts/NO-SUCH-PART");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  auto bad_date = client.Get("/v1/parts/NV-DGX-H100?date=2025-02-30");
  REQUIRE(bad_date);
  CHECK(bad_date->status == 400);
}

TEST_CASE("serve: error statuses", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  serve::ServeOptions o = Options(db);
  o.limits.max_bytes = 4096;
  o.limits.max_lines = 2;
  Running server(o);
  auto client = server.Client();
  SECTION("400 with located diagnostics") {
    auto res =
        client.Post("/v1/check", "shipment:\n  date: 2025-13-01\nlines: []\n", "application/yaml");
    REQUIRE(res);
    CHECK(res->status == 400);
    json body = json::parse(res->body);
    REQUIRE(body["diagnostics"].size() >= 1);
    CHECK(body["diagnostics"][0]["file"] == "<request>");
    CHECK(body["diagnostics"][0]["line"].is_number());
    CHECK(body.contains("lines") == false);
  }
  SECTION("400 for a bad date parameter") {
    auto res = client.Post("/v1/check?date=yesterday", "{}", "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
  }
  SECTION("413 for a body over the limit") {
    auto res = client.Post("/v1/check", std::string(8192, ' '), "application/yaml");
    REQUIRE(res);
    CHECK(res->status == 413);
  }
  SECTION("413 for more lines than the limit, with the diagnostic") {
    std::string m = "shipment: {date: 2025-06-01, end_user: {name: A, country: DE}}\nlines:\n";
    for (int i = 0; i < 3; ++i) m += "  - {part: P" + std::to_string(i) + ", quantity: 1}\n";
    auto res = client.Post("/v1/check", m, "application/yaml");
    REQUIRE(res);
    CHECK(res->status == 413);
    json body = json::parse(res->body);
    bool over = false;
    for (const auto& d : body["diagnostics"]) over = over || d["code"] == "E107";
    CHECK(over);
  }
  SECTION("400 for nesting deeper than the parsers take, and the service keeps serving") {
    for (const char* type : {"application/json", "application/yaml"}) {
      auto res = client.Post("/v1/check", std::string(4000, '['), type);
      REQUIRE(res);
      CHECK(res->status == 400);
    }
    CHECK(client.Get("/v1/health")->status == 200);
  }
  SECTION("415 for a body that is not a manifest's media type") {
    auto res = client.Post("/v1/check", "{}", "text/plain");
    REQUIRE(res);
    CHECK(res->status == 415);
  }
  SECTION("404 and 405") {
    auto missing = client.Get("/v1/nothing");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    auto wrong = client.Get("/v1/check");
    REQUIRE(wrong);
    CHECK(wrong->status == 405);
  }
}

TEST_CASE("serve: a failed audit append is a 503 without a decision", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  Running server(Options(db), std::make_unique<FailingSink>());
  auto client = server.Client();
  std::string manifest = SourcePath("examples/manifests/order-de-lab.yaml");
  auto res = client.Post("/v1/check", ReadFile(manifest), "application/yaml");
  REQUIRE(res);
  CHECK(res->status == 503);
  json body = json::parse(res->body);
  CHECK(body.contains("lines") == false);
  CHECK(body.contains("verdict") == false);
  CHECK(res->body.find("/secret") == std::string::npos);
  auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->body.find("chipgate_audit_appends_total{outcome=\"error\"} 1") !=
        std::string::npos);
}

TEST_CASE("serve: bearer tokens and scopes", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  // sha256("decide-token"), sha256("admin-token"), computed by the test's own shell.
  auto hash = [](const std::string& token) {
    ShellResult r = RunShell("printf %s '" + token + "' | sha256sum | cut -d' ' -f1");
    REQUIRE(r.exit_code == 0);
    return r.out.substr(0, 64);
  };
  std::string tokens =
      dir.Write("tokens", "# name scopes hash\nerp decide " + hash("decide-token") +
                              "\nops admin,metrics " + hash("admin-token") + "\n");
  serve::ServeOptions o = Options(db);
  o.token_file = tokens;
  Running server(o);
  auto client = server.Client();
  std::string manifest = ReadFile(SourcePath("examples/manifests/order-de-lab.yaml"));
  auto post = [&](const std::string& path, const std::string& token) {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    return client.Post(path.c_str(), h, manifest, "application/yaml");
  };
  CHECK(post("/v1/check", "")->status == 401);
  CHECK(post("/v1/check", "wrong")->status == 401);
  CHECK(post("/v1/check", "admin-token")->status == 403);
  CHECK(post("/v1/check", "decide-token")->status == 200);
  CHECK(post("/v1/admin/reload", "decide-token")->status == 403);
  CHECK(post("/v1/admin/reload", "admin-token")->status == 200);
  CHECK(client.Get("/v1/health")->status == 200);  // probes need no token
  CHECK(client.Get("/metrics")->status == 401);
  // The caller's name from the token file is the actor of its records.
  CHECK(ExportedLog(db).find("\"erp\"") != std::string::npos);
}

TEST_CASE("serve: a host other than loopback needs a token file", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  serve::ServeOptions o = Options(db);
  o.host = "0.0.0.0";
  auto created = serve::Server::Create(o);
  REQUIRE_FALSE(created.ok());
  CHECK(created.status().message().find("--token-file") != std::string::npos);
  RunResult cli = RunChipgate({"serve", "--db", db, "--listen", "0.0.0.0:0"});
  CHECK(cli.exit_code == 2);
  CHECK(cli.err.find("--token-file") != std::string::npos);
  CHECK(serve::IsLoopback("127.0.0.1"));
  CHECK(serve::IsLoopback("::1"));
  CHECK_FALSE(serve::IsLoopback("10.0.0.1"));
}

TEST_CASE("serve: reload swaps a good pack, refuses a broken one, under load", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string rules = dir.path() + "/rules";
  fs::copy(SourcePath("rules/us-ear"), rules, fs::copy_options::recursive);
  Running server(Options(db, rules));
  auto client = server.Client();
  std::string before = json::parse(client.Get("/v1/pack")->body)["rules"]["digest"];
  std::string manifest = ReadFile(SourcePath("examples/manifests/order-de-lab.yaml"));

  // Requests keep coming while the pack changes and is reloaded: each answer's records carry the
  // digest of the program that decided it.
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<json> answers;
  std::mutex answers_mutex;
  std::vector<std::thread> load;
  for (int t = 0; t < 3; ++t) {
    load.emplace_back([&] {
      auto c = server.Client();
      // Catch2's assertions are for the test's own thread: failures are counted here instead.
      while (!stop) {
        auto res = c.Post("/v1/check", manifest, "application/yaml");
        if (!res || res->status != 200) {
          ++failures;
          return;
        }
        std::lock_guard<std::mutex> lock(answers_mutex);
        answers.push_back(json::parse(res->body));
      }
    });
  }
  // A good edit (a comment changes the pack's digest), reloaded over HTTP.
  fs::path some_yaml;
  for (const auto& e : fs::directory_iterator(rules))
    if (e.path().extension() == ".yaml") some_yaml = e.path();
  REQUIRE(!some_yaml.empty());
  { std::ofstream(some_yaml, std::ios::app) << "# edited\n"; }
  auto good = client.Post("/v1/admin/reload", "", "application/json");
  REQUIRE(good);
  CHECK(good->status == 200);
  std::string after = json::parse(good->body)["rules"]["digest"];
  CHECK(after != before);
  // A broken pack: refused with its diagnostics, the previous program keeps serving.
  dir.Write("rules/broken.yaml", "classes: [\n");
  auto bad = client.Post("/v1/admin/reload", "", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 422);
  json refused = json::parse(bad->body);
  REQUIRE(refused["diagnostics"].size() >= 1);
  // Named within the pack, never by the server's path.
  CHECK(refused["diagnostics"][0]["file"] == "rules/broken.yaml");
  CHECK(bad->body.find(dir.path()) == std::string::npos);
  json pack = json::parse(client.Get("/v1/pack")->body);
  CHECK(pack["rules"]["digest"] == after);
  CHECK(pack["last_reload_errors"].size() >= 1);
  // Until at least one answer came from the new program.
  for (bool seen = false; !seen && failures == 0;) {
    std::lock_guard<std::mutex> lock(answers_mutex);
    for (const auto& a : answers) seen = seen || a["rules"]["digest"] == after;
  }
  stop = true;
  for (auto& t : load) t.join();
  CHECK(failures == 0);
  // Each answer's records carry the digest that answer names.
  std::map<int64_t, std::string> digest_of_seq;
  std::istringstream log(ExportedLog(db));
  for (std::string line; std::getline(log, line);) {
    json r = json::parse(line);
    if (r.contains("seq") && r.contains("pack_digest")) digest_of_seq[r["seq"]] = r["pack_digest"];
  }
  REQUIRE(!digest_of_seq.empty());
  for (const auto& a : answers) {
    for (int64_t s = a["audit"]["first_seq"]; s <= a["audit"]["last_seq"]; ++s)
      CHECK(digest_of_seq[s] == a["rules"]["digest"]);
  }
  std::string metrics = client.Get("/metrics")->body;
  CHECK(metrics.find("chipgate_pack_reloads_total{outcome=\"ok\"} 1") != std::string::npos);
  CHECK(metrics.find("chipgate_pack_reloads_total{outcome=\"error\"} 1") != std::string::npos);
  CHECK(metrics.find("chipgate_pack_info{digest=\"" + after + "\"} 1") != std::string::npos);
}

TEST_CASE("serve: health, ready, pack, metrics and the request id", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  Running server(Options(db));
  auto client = server.Client();
  CHECK(client.Get("/v1/health")->status == 200);
  CHECK(client.Get("/v1/ready")->status == 200);
  json pack = json::parse(client.Get("/v1/pack")->body);
  CHECK(pack["rules"]["digest"].get<std::string>().starts_with("sha256:"));
  auto echoed = client.Get("/v1/health", {{"X-Request-Id", "order-42.a"}});
  CHECK(echoed->get_header_value("X-Request-Id") == "order-42.a");
  auto made = client.Get("/v1/health", {{"X-Request-Id", "bad id with spaces"}});
  CHECK(made->get_header_value("X-Request-Id").size() == 16);
  std::string manifest = ReadFile(SourcePath("examples/manifests/order-de-lab.yaml"));
  auto res = client.Post("/v1/check", manifest, "application/yaml");
  REQUIRE(res->status == 200);
  std::string verdict = json::parse(res->body)["verdict"];
  std::string metrics = client.Get("/metrics")->body;
  CHECK(metrics.find("chipgate_decisions_total{route=\"check\",verdict=\"" + verdict + "\"} 1") !=
        std::string::npos);
  CHECK(metrics.find("chipgate_http_requests_total{route=\"check\",status=\"200\"} 1") !=
        std::string::npos);
  CHECK(metrics.find("chipgate_http_request_duration_seconds_count{route=\"check\"} 1") !=
        std::string::npos);
  CHECK(metrics.find("chipgate_audit_appends_total{outcome=\"ok\"} 1") != std::string::npos);
}

TEST_CASE("serve: a database gone is not ready, and no decision is given without it", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  Running server(Options(db));
  auto client = server.Client();
  REQUIRE(client.Get("/v1/ready")->status == 200);
  // A decision first: its read connection is kept for the next request, which must not read the
  // moved file through it.
  std::string manifest = ReadFile(SourcePath("examples/manifests/order-de-lab.yaml"));
  REQUIRE(client.Post("/v1/check", manifest, "application/yaml")->status == 200);
  fs::rename(db, db + ".moved");
  CHECK(client.Get("/v1/ready")->status == 503);
  CHECK(client.Get("/v1/health")->status == 200);  // alive, only not ready
  auto res = client.Post("/v1/check", manifest, "application/yaml");
  REQUIRE(res);
  CHECK(res->status == 503);
  CHECK(json::parse(res->body).contains("verdict") == false);
  CHECK(res->body.find(dir.path()) == std::string::npos);  // no path in the answer
  fs::rename(db + ".moved", db);
  CHECK(client.Get("/v1/ready")->status == 200);
  CHECK(client.Post("/v1/check", manifest, "application/yaml")->status == 200);
}

TEST_CASE("serve: TLS round trip with a throw-away certificate", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  ShellResult made = RunShell(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
      "-keyout " +
      dir.path() + "/key.pem -out " + dir.path() + "/cert.pem");
  REQUIRE(made.exit_code == 0);
  serve::ServeOptions o = Options(db);
  o.tls_cert = dir.path() + "/cert.pem";
  o.tls_key = dir.path() + "/key.pem";
  Running server(o);
  httplib::SSLClient client("127.0.0.1", server.port());
  client.set_ca_cert_path((dir.path() + "/cert.pem").c_str());
  client.enable_server_certificate_verification(false);  // CN localhost, connected by address
  auto res = client.Get("/v1/health");
  REQUIRE(res);
  CHECK(res->status == 200);
  // Plain HTTP to the TLS port gets no answer.
  auto plain = server.Client().Get("/v1/health");
  CHECK(!plain);
}

TEST_CASE("serve: the binary serves, reloads on SIGHUP, drains and stops on SIGTERM", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string rules = dir.path() + "/rules";
  fs::copy(SourcePath("rules/us-ear"), rules, fs::copy_options::recursive);
  auto [pid, port] = StartServe(dir, db, "sighup", {"--rules", rules});
  httplib::Client client("127.0.0.1", port);
  std::string manifest = SourcePath("examples/manifests/order-json.json");
  auto res = client.Post("/v1/check", ReadFile(manifest), "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  RunResult cli = RunChipgate({"check", manifest, "--db", db, "--format", "json", "--no-audit"});
  json served = json::parse(res->body), printed = json::parse(cli.out);
  CHECK(served["lines"] == printed["lines"]);
  // SIGHUP reloads: a broken pack is refused (the old program keeps serving), a good one is
  // swapped in. Waited for by state: the metrics count the reloads.
  auto metric_seen = [&](const std::string& line) {
    for (;;) {
      auto m = client.Get("/metrics");
      if (!m) return false;
      if (m->body.find(line) != std::string::npos) return true;
      std::this_thread::yield();
    }
  };
  std::string before = served["rules"]["digest"];
  dir.Write("rules/broken.yaml", "classes: [\n");
  REQUIRE(kill(pid, SIGHUP) == 0);
  CHECK(metric_seen("chipgate_pack_reloads_total{outcome=\"error\"} 1"));
  CHECK(json::parse(client.Get("/v1/pack")->body)["rules"]["digest"] == before);
  fs::remove(rules + "/broken.yaml");
  REQUIRE(kill(pid, SIGHUP) == 0);
  CHECK(metric_seen("chipgate_pack_reloads_total{outcome=\"ok\"} 1"));
  CHECK(json::parse(client.Get("/v1/pack")->body)["rules"]["digest"] == before);
  REQUIRE(kill(pid, SIGTERM) == 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  // The 200 was recorded: the log holds its records, its head is the answer's last one.
  AuditVerifyResult verified = VerifyAuditLog(db);
  CHECK(verified.ok);
  CHECK(verified.records >= served["audit"]["last_seq"].get<int64_t>());
}

}  // namespace
}  // namespace chipgate::testing

namespace chipgate::testing {
namespace {

TEST_CASE("serve: the token file is read strictly and never echoes a hash", "[serve]") {
  std::string hash(64, 'a');
  auto good = serve::TokenSet::Parse("# comment\n\nerp decide " + hash + "\r\nops admin,metrics " +
                                     "sha256:" + std::string(64, 'B') + "\n");
  REQUIRE(good.ok());
  CHECK(good->size() == 2);
  for (const std::string& bad : std::vector<std::string>{
           "erp decide\n", "erp decide " + hash + " extra\n", "erp write " + hash + "\n",
           "erp decide " + std::string(63, 'a') + "\n",
           "erp decide " + std::string(63, 'a') + "g\n", "# only a comment\n"}) {
    INFO(bad);
    auto parsed = serve::TokenSet::Parse(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().message().find(hash.substr(0, 16)) == std::string::npos);
  }
  CHECK(serve::TokenSet::Parse("a decide " + hash + "\nb admin zz\n")
            .status()
            .message()
            .find("line 2") != std::string::npos);
  // A token matches the entry of its hash only, and gets that entry's scopes.
  ShellResult h = RunShell("printf %s secret | sha256sum | cut -d' ' -f1");
  REQUIRE(h.exit_code == 0);
  auto set = serve::TokenSet::Parse("erp decide " + hash + "\nops admin " + h.out.substr(0, 64));
  REQUIRE(set.ok());
  auto found = set->Find("secret");
  REQUIRE(found);
  CHECK(found->name == "ops");
  CHECK(serve::HasScope(*found, serve::Scope::kAdmin));
  CHECK_FALSE(serve::HasScope(*found, serve::Scope::kDecide));
  CHECK_FALSE(set->Find("Secret"));
  CHECK_FALSE(set->Find(""));
}

TEST_CASE("serve: SIGTERM under requests: every 200 is recorded, none is a 5xx", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  std::string port_file = dir.path() + "/port";
  int pid = StartChipgate(
      {"serve", "--db", db, "--listen", "127.0.0.1:0", "--port-file", port_file}, dir.path());
  REQUIRE(pid > 0);
  std::string port;
  while (port.empty() || port.back() != '\n') {
    int status = 0;
    REQUIRE(waitpid(pid, &status, WNOHANG) == 0);
    port = ReadFile(port_file);
    std::this_thread::yield();
  }
  std::string manifest = ReadFile(SourcePath("examples/manifests/order-mixed.yaml"));
  // Clients send until the service is gone; the signal goes out once the first answer is in.
  std::atomic<int> answered{0}, server_errors{0};
  std::vector<int64_t> last_seqs;
  std::mutex seqs_mutex;
  std::vector<std::thread> clients;
  for (int t = 0; t < 3; ++t) {
    clients.emplace_back([&] {
      httplib::Client c("127.0.0.1", std::stoi(port));
      for (;;) {
        auto res = c.Post("/v1/check", manifest, "application/yaml");
        if (!res) return;  // refused or closed: the service stopped accepting
        if (res->status >= 500) ++server_errors;
        if (res->status != 200) continue;
        std::lock_guard<std::mutex> lock(seqs_mutex);
        last_seqs.push_back(json::parse(res->body)["audit"]["last_seq"].get<int64_t>());
        ++answered;
      }
    });
  }
  while (answered == 0) std::this_thread::yield();
  REQUIRE(kill(pid, SIGTERM) == 0);
  for (auto& t : clients) t.join();
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(server_errors == 0);
  AuditVerifyResult verified = VerifyAuditLog(db);
  CHECK(verified.ok);
  for (int64_t seq : last_seqs) CHECK(seq <= verified.records);
}

}  // namespace
}  // namespace chipgate::testing

namespace chipgate::testing {
namespace {

// The sample database with the test CSL imported (tests/data/lists/csl.csv): ROSOBORONEXPORT OAO
// (SDN, on no pack), Huawei (EL, also a party of the us-ear pack), Test Unverified Trading Co.
// (UVL, listed from 2020-01-01), and others.
std::string ScreeningDatabase(const TempDir& dir) {
  std::string db = BuildSampleDatabase(dir);
  REQUIRE(RunChipgate({"lists", "import", "--db", db, SourcePath("tests/data/lists/csl.csv")})
              .exit_code == 0);
  return db;
}

json ScreenBody(const std::vector<std::string>& names, const std::string& date) {
  json body = {{"names", json::array()}, {"date", date}};
  for (const auto& n : names) body["names"].push_back({{"name", n}, {"country", "CN"}});
  return body;
}

TEST_CASE("serve: screen answers per name as chipgate screen does", "[serve][screen]") {
  TempDir dir;
  std::string db = ScreeningDatabase(dir);
  Running server(Options(db));
  auto client = server.Client();
  const std::string listed = "ROSOBORONEXPORT OAO";
  const std::string variant = "Rosoboronexprt OAO";  // misspelt, not listed
  const std::string unrelated = "Lindenholz Gartenbedarf GmbH";
  const std::string pack_party = "Huawei Technologies Co., Ltd.";
  std::vector<std::string> names = {listed, variant, unrelated, pack_party};
  auto res = client.Post("/v1/screen", ScreenBody(names, "2025-03-01").dump(), "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  CHECK(MatchesSchema("screen", res->body));
  json served = json::parse(res->body);
  CHECK(served["recorded"] == false);
  CHECK(served["date"] == "2025-03-01");
  REQUIRE(served["names"].size() == 4);
  // The listed name: an exact hit on its imported entry, with the SDN's effect.
  const json& exact = served["names"][0];
  CHECK(exact["name"] == listed);
  REQUIRE(exact["hits"].size() >= 1);
  CHECK(exact["hits"][0]["origin"] == "imported");
  CHECK(exact["hits"][0]["list"] == "SDN");
  CHECK(exact["hits"][0]["match"] == "exact");
  CHECK(exact["hits"][0]["listed_name"] == listed);
  CHECK(exact["hits"][0]["entry_id"] == "9f6b5d1a07c8e5f3b4d2a6c7e8f90a1b2c3d4e56");
  CHECK(exact["hits"][0]["decision"] == "prohibited");
  CHECK(exact["hits"][0]["source"].get<std::string>().starts_with("csl-csv csl.csv sha256:"));
  CHECK(exact["outcome"] == "prohibited");
  // The look-alike: a possible match, held for review, never cleared.
  const json& similar = served["names"][1];
  REQUIRE(similar["hits"].size() >= 1);
  CHECK(similar["hits"][0]["match"] == "similar");
  CHECK(similar["hits"][0]["listed_name"] == listed);
  CHECK(similar["hits"][0]["score"].get<double>() < 1.0);
  CHECK(similar["hits"][0]["decision"] == "review");
  CHECK(similar["outcome"] == "review");
  // The unrelated name is clear.
  CHECK(served["names"][2]["hits"].empty());
  CHECK(served["names"][2]["outcome"] == "clear");
  // Huawei: the pack's party (its effect) and the imported entry both hit.
  const json& both = served["names"][3];
  bool pack_hit = false, imported_hit = false;
  for (const auto& h : both["hits"]) {
    pack_hit |= h["origin"] == "pack" && h["entry_id"] == "el-huawei" && h["match"] == "exact";
    imported_hit |= h["origin"] == "imported" && h["match"] == "exact";
  }
  CHECK(pack_hit);
  CHECK(imported_hit);
  // The command line gives the same document for the same names, country and date.
  std::vector<std::string> args = {"screen"};
  args.insert(args.end(), names.begin(), names.end());
  for (const char* a :
       {"--country", "CN", "--db", db.c_str(), "--date", "2025-03-01", "--format", "json"})
    args.push_back(a);
  RunResult cli = RunChipgate(args);
  CHECK(cli.exit_code == 1);  // hits
  CHECK(json::parse(cli.out) == served);
  // Text, and the exit codes: 0 when every name is clear.
  RunResult clear = RunChipgate({"screen", unrelated, "--db", db, "--date", "2025-03-01"});
  CHECK(clear.exit_code == 0);
  CHECK(clear.out == "screened on 2025-03-01\n" + unrelated + ": clear\n");
  RunResult text = RunChipgate({"screen", variant, "--db", db, "--date", "2025-03-01"});
  CHECK(text.exit_code == 1);
  CHECK(text.out.find(variant + ": review\n  review: name `" + variant + "` resembles `" + listed +
                      "`") != std::string::npos);
  // An entry listed from 2020-01-01 (UVL: review) hits on its dates only, on both paths.
  const std::string dated = "Test Unverified Trading Co.";
  for (const auto& [date, outcome] : std::vector<std::pair<std::string, std::string>>{
           {"2019-01-01", "clear"}, {"2025-03-01", "review"}}) {
    INFO(date);
    auto res_dated =
        client.Post("/v1/screen", ScreenBody({dated}, date).dump(), "application/json");
    REQUIRE(res_dated);
    CHECK(json::parse(res_dated->body)["names"][0]["outcome"] == outcome);
    CHECK(RunChipgate({"screen", dated, "--db", db, "--date", date}).exit_code ==
          (outcome == "clear" ? 0 : 1));
  }
  // A screening is not recorded: the log is as the import left it.
  CHECK(VerifyAuditLog(db).ok);
  CHECK(ExportedLog(db).find("ROSOBORONEXPORT") == std::string::npos);
}

TEST_CASE("serve: screen refuses bad requests with located diagnostics", "[serve][screen]") {
  TempDir dir;
  std::string db = ScreeningDatabase(dir);
  serve::ServeOptions options = Options(db);
  options.max_screen_names = 3;
  Running server(options);
  auto client = server.Client();
  auto post = [&](const std::string& body, const char* type = "application/json") {
    auto res = client.Post("/v1/screen", body, type);
    REQUIRE(res);
    return std::make_pair(res->status, json::parse(res->body));
  };
  // Over the limit of names: 413 with E107 at the first name too many.
  auto [over, over_body] = post(R"({"names": ["a", "b", "c",
 "d", "e"]})");
  CHECK(over == 413);
  REQUIRE(over_body["diagnostics"].size() == 1);
  CHECK(over_body["diagnostics"][0]["code"] == "E107");
  CHECK(over_body["diagnostics"][0]["line"] == 2);
  CHECK(post(R"({"names": ["a", "b", "c"]})").first == 200);
  // Bad input: 400 with the diagnostics located in the request.
  struct Case {
    std::string body, code;
    int line;
  };
  for (const Case& c : std::vector<Case>{
           {"{\"names\": [\n  {\"name\": \"Foo\", \"country\": \"XX\"}]}", "E106", 2},
           {"{\"names\": [\n  {\"name\": \"  \"}]}", "E106", 2},
           {"{\"names\": [\n  {\"nom\": \"Foo\"}]}", "E104", 2},
           {"{\"names\": []}", "E105", 1},
           {"{\"date\": \"2025-13-01\", \"names\": [\"Foo\"]}", "E106", 1},
           {"{\"names\": [\"Foo\"], \"extra\": 1}", "E104", 1},
           {"{\"names\": \n[[\"Foo\"]]}", "E103", 2},
           {"names: [", "E101", 1},
       }) {
    INFO(c.body);
    auto [status, body] = post(c.body);
    CHECK(status == 400);
    CHECK(body["error"] == "the request has errors");
    REQUIRE(!body["diagnostics"].empty());
    bool found = false;
    for (const auto& d : body["diagnostics"]) {
      CHECK(d["file"] == "<request>");
      found |= d["code"] == c.code && d["line"] == c.line;
    }
    CHECK(found);
  }
  CHECK(post(R"({"names": ["Foo"]})", "text/plain").first == 415);
  CHECK(post(R"({"names": ["Foo"], "date": "2999-01-01"})").first == 400);
  CHECK(client.Get("/v1/screen")->status == 405);
  // The command line refuses a bad country and no name (exit 2).
  CHECK(RunChipgate({"screen", "Foo", "--country", "XX", "--db", db}).exit_code == 2);
  CHECK(RunChipgate({"screen", "--db", db}).exit_code == 2);
  CHECK(RunChipgate({"screen", "Foo", "--date", "2025-02-30"}).exit_code == 2);
}

// `chipgate serve --max-names N` sets the limit of names per POST /v1/screen, as --max-lines sets
// the lines per manifest: N names are screened, N + 1 are 413 (E107); a limit that is not a whole
// number from 1 up is refused before the service starts.
TEST_CASE("serve: --max-names limits the names of a screening request", "[serve][screen]") {
  TempDir dir;
  std::string db = ScreeningDatabase(dir);
  auto [pid, port] = StartServe(dir, db, "names", {"--max-names", "2"});
  httplib::Client client("127.0.0.1", port);
  auto two = client.Post("/v1/screen", R"({"names": ["Foo", "Bar"]})", "application/json");
  REQUIRE(two);
  CHECK(two->status == 200);
  auto three = client.Post("/v1/screen", R"({"names": ["Foo", "Bar", "Baz"]})", "application/json");
  REQUIRE(three);
  CHECK(three->status == 413);
  json body = json::parse(three->body);
  REQUIRE(body["diagnostics"].size() == 1);
  CHECK(body["diagnostics"][0]["code"] == "E107");
  REQUIRE(kill(pid, SIGTERM) == 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  for (const char* bad : {"0", "-1", "many", "2x"}) {
    INFO(bad);
    RunResult refused = RunChipgate({"serve", "--db", db, "--max-names", bad});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("--max-names must be a whole number") != std::string::npos);
  }
}

}  // namespace
}  // namespace chipgate::testing

namespace chipgate::testing {
namespace {

TEST_CASE("serve: kill -9 under load, restart: the log verifies and every 200 is recorded",
          "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  // Plain variables, not a structured binding: the clients' lambdas capture the port, which
  // clang 14 refuses for a binding.
  const std::pair<int, int> first = StartServe(dir, db, "first");
  const int pid = first.first, port = first.second;
  const std::string manifest = ReadFile(SourcePath("examples/manifests/order-de-lab.yaml"));
  const std::string id_in_file = "SO-2026-1120";
  REQUIRE(manifest.find(id_in_file) != std::string::npos);
  auto with_id = [&](const std::string& id) {
    std::string m = manifest;
    return m.replace(m.find(id_in_file), id_in_file.size(), id);
  };
  // Clients check and ship manifests of their own shipment ids until the service is gone; every
  // 200 is kept with its id and the records it says it appended.
  struct Answered {
    std::string id;
    int64_t first_seq, last_seq;
  };
  std::vector<Answered> answered;
  std::mutex answered_mutex;
  std::atomic<int> count{0}, server_errors{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port);
      for (int n = 0;; ++n) {
        std::string id = "K9-" + std::to_string(t) + "-" + std::to_string(n);
        const char* path = n % 2 ? "/v1/ship" : "/v1/check";
        auto res = c.Post(path, with_id(id), "application/yaml");
        if (!res) return;  // the service is gone
        if (res->status >= 500) ++server_errors;
        if (res->status != 200) continue;
        json doc = json::parse(res->body);
        std::lock_guard<std::mutex> lock(answered_mutex);
        answered.push_back({id, doc["audit"]["first_seq"].get<int64_t>(),
                            doc["audit"]["last_seq"].get<int64_t>()});
        ++count;
      }
    });
  }
  while (count < 20) std::this_thread::yield();
  REQUIRE(kill(pid, SIGKILL) == 0);
  for (auto& t : clients) t.join();
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFSIGNALED(status));
  CHECK(server_errors == 0);
  // Restarted on the same database: it serves, and appends after what the first one committed.
  auto [pid2, port2] = StartServe(dir, db, "second");
  httplib::Client c("127.0.0.1", port2);
  auto after = c.Post("/v1/check", with_id("K9-AFTER"), "application/yaml");
  REQUIRE(after);
  CHECK(after->status == 200);
  REQUIRE(kill(pid2, SIGTERM) == 0);
  REQUIRE(waitpid(pid2, &status, 0) == pid2);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  AuditVerifyResult verified = VerifyAuditLog(db);
  CHECK(verified.ok);
  // Every 200 has its records, at the sequence numbers it was answered with, about its shipment.
  std::map<int64_t, std::string> subjects;
  std::istringstream log(ExportedLog(db));
  for (std::string line; std::getline(log, line);) {
    if (line.empty() || line[0] != '{') continue;
    json r = json::parse(line);
    if (r.contains("seq") && r.contains("subject"))
      subjects[r["seq"].get<int64_t>()] = r["subject"].get<std::string>();
  }
  REQUIRE(answered.size() >= 20);
  for (const Answered& a : answered) {
    INFO(a.id);
    for (int64_t seq = a.first_seq; seq <= a.last_seq; ++seq) {
      REQUIRE(subjects.count(seq) == 1);
      CHECK(subjects[seq].starts_with("shipment " + a.id + " "));
    }
  }
  // And the one answered after the restart follows them.
  json last = json::parse(after->body);
  for (const Answered& a : answered) CHECK(a.last_seq < last["audit"]["first_seq"].get<int64_t>());
}

}  // namespace
}  // namespace chipgate::testing
