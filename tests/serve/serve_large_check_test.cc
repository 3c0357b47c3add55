// POST /v1/check of manifests of many lines (docs/serve.md): from 32 lines the answer's body is
// rendered on a thread of its own while the records are appended. The answer is the CLI's
// document byte for byte up to where the recording is described (and the same document apart
// from the record positions), every line is recorded once, and a failed append still answers a
// 503 without a decision. Parts repeat, one is not stored and some have bills of materials, so
// the batched part reads (PrefetchParts) are on the path too.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "serve/audit_sink.h"
#include "serve/running_server.h"
#include "serve/server.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

using nlohmann::json;

// The server of these tests: the bundled pack on `db`, two threads.
serve::ServeOptions Options(const std::string& db) {
  serve::ServeOptions o;
  o.rules = {SourcePath("rules/us-ear")};
  o.db = db;
  o.threads = 2;
  return o;
}

// `n` lines over the sample inventory: GPUs, servers with bills of materials, a part that is not
// stored, each repeated.
std::string Manifest(int n) {
  const char* parts[] = {"NV-H100-SXM5-80G", "DELL-XE9680-H100", "NV-L40S-48G",
                         "NOT-STORED-1",     "NV-A100-SXM4-80G", "DELL-AURORA-R15-4090",
                         "NV-RTX4090-24G"};
  std::string out =
      "{\"shipment\": {\"id\": \"BIG-1\", \"date\": \"2026-11-20\", \"consignee\": {\"name\": "
      "\"Rheinauen KI-Labor gGmbH\", \"country\": \"DE\", \"headquarters\": \"DE\", \"owners\": "
      "[]}}, \"lines\": [";
  for (int i = 0; i < n; ++i) {
    out += std::string(i ? ", " : "") + "{\"part\": \"" + parts[i % 7] +
           "\", \"quantity\": " + std::to_string(1 + i % 3) + "}";
  }
  return out + "]}";
}

// The document up to the recording members, which are the same for two recordings only apart
// from where the records went.
std::string Body(const std::string& doc) { return doc.substr(0, doc.find("\"recorded\"")); }

json WithoutRecordPositions(json doc) {
  for (const char* k : {"first_seq", "last_seq", "head"}) doc["audit"].erase(k);
  return doc;
}

}  // namespace

TEST_CASE("serve: a manifest of many lines gets the CLI's document, every line recorded",
          "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  Running server(Options(db));
  auto client = server.Client();
  for (int lines : {31, 32, 150}) {  // below the threshold, at it, and well over it
    INFO(lines << " lines");
    std::string manifest = dir.Write("m" + std::to_string(lines) + ".json", Manifest(lines));
    RunResult cli = RunChipgate({"check", manifest, "--db", db, "--format", "json"});
    REQUIRE((cli.exit_code == 0 || cli.exit_code == 1));
    int64_t before = VerifyAuditLog(db).records;
    auto res = client.Post("/v1/check", ReadFile(manifest), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(Body(res->body) == Body(cli.out));
    CHECK(Body(res->body).size() > 1000);
    json served = json::parse(res->body), printed = json::parse(cli.out);
    CHECK(served["lines"].size() == static_cast<size_t>(lines));
    CHECK(served["recorded"] == true);
    CHECK(served["audit"]["last_seq"].get<int64_t>() - served["audit"]["first_seq"].get<int64_t>() +
              1 ==
          lines);
    CHECK(WithoutRecordPositions(served) == WithoutRecordPositions(printed));
    AuditVerifyResult after = VerifyAuditLog(db);
    CHECK(after.ok);
    CHECK(after.records == before + lines);
    CHECK(served["audit"]["head"] == after.head);
  }
}

TEST_CASE("serve: a failed append of a many-line request is a 503 without a decision", "[serve]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  Running server(Options(db), std::make_unique<FailingSink>());
  auto client = server.Client();
  auto res = client.Post("/v1/check", Manifest(150), "application/json");
  REQUIRE(res);
  CHECK(res->status == 503);
  json body = json::parse(res->body);
  CHECK(body.contains("lines") == false);
  CHECK(body.contains("verdict") == false);
  CHECK(VerifyAuditLog(db).records == 0);
}

}  // namespace chipgate::testing
