// The HTTP service (server.h, docs/serve.md). Every request goes through Dispatch: request id,
// route, authentication, the handler, then the access log line and the metrics. A decision is
// answered 200 only after its audit records were appended (AuditSink); a failed append is a 503
// with no decision in the body. Error bodies never hold a path, a token or a database message.
#include "serve/server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include "chipgate/store.h"
#include "pipeline/check_pipeline.h"
#include "pipeline/diagnostic_json.h"
#include "pipeline/json_report.h"
#include "pipeline/license_authorization.h"
#include "pipeline/name_screen_report.h"
#include "pipeline/part_lookup.h"
#include "pipeline/ship_pipeline.h"
#include "serve/audit_sink.h"
#include "serve/metrics.h"
#include "serve/program_holder.h"
#include "serve/read_stores.h"
#include "serve/request_id.h"
#include "serve/token_file.h"

namespace chipgate::serve {
namespace {

// The name a request's manifest has in its diagnostics.
constexpr const char* kRequestName = "<request>";

// From this many lines a check's answer and records are built on two threads (Server::Impl::
// Check); below it the thread would cost more than it saves.
constexpr size_t kSplitLines = 32;

// The JSON error body: {"status", "error", "request_id", "diagnostics": [...]}.
std::string ErrorBody(int status, const std::string& message, const std::string& request_id,
                      const std::vector<Diagnostic>& diags = {}) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject().Key("status").Int(status).Key("error").String(message);
  j.Key("request_id").String(request_id).Key("diagnostics").BeginArray();
  for (const auto& d : diags) DiagnosticJson(j, d);
  j.EndArray().EndObject();
  return out + "\n";
}

// The manifest media types: JSON, or YAML by its content type.
bool ManifestMediaType(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type == "application/json" || type == "application/yaml" || type == "application/x-yaml" ||
         type == "text/yaml";
}

// E107 is a manifest over a limit (bytes, lines, depth, a value's length): 413, not 400.
bool OverLimit(const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags)
    if (d.code == "E107") return true;
  return false;
}

}  // namespace

bool IsLoopback(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr addr{};
  if (inet_pton(AF_INET, host.c_str(), &addr) != 1) return false;
  return (ntohl(addr.s_addr) >> 24) == 127;
}

struct Server::Impl {
  ServeOptions options;
  std::optional<TokenSet> tokens;
  ProgramHolder program;
  ReadStores read_stores;  // the read connections, kept between requests
  std::unique_ptr<AuditSink> sink;
  std::mutex ship_mutex;            // ship requests one at a time: they deplete licenses
  std::optional<Store> ship_store;  // the writable connection ship records through
  Metrics metrics;
  ScreeningListsCache lists_cache;  // rebuilt when `lists import`/`remove` changed the versions
  std::mutex refused_mutex;
  std::vector<Diagnostic> last_refused;  // the last reload's errors; empty after a good one
  std::unique_ptr<httplib::Server> http;
  std::shared_ptr<spdlog::logger> log;

  explicit Impl(const ServeOptions& o)
      : options(o), program(o.rules), read_stores(o.db, static_cast<size_t>(o.threads)) {}

  struct Context {
    std::string request_id;
    std::string actor = "chipgate-serve";  // the token's name when authenticated
  };
  struct Reply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
  };

  Reply Error(int status, const std::string& message, const Context& ctx,
              const std::vector<Diagnostic>& diags = {}) {
    return {status, ErrorBody(status, message, ctx.request_id, diags), "application/json"};
  }

  void LogEvent(const std::string& level, nlohmann::json fields) {
    fields["level"] = level;
    fields["logger"] = "serve";
    // The object without its opening brace: the logger's pattern starts it with the time.
    std::string text = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string_view rest = std::string_view(text).substr(1);
    if (level == "error") {
      log->error(rest);
    } else {
      log->info(rest);
    }
  }

  // The program's description, GET /v1/pack and a good reload's answer: its rules and the errors
  // of the last reload if it was refused (`last_reload_errors`, empty after a good one).
  std::string PackJson(const Engine& engine) {
    std::vector<Diagnostic> refused;
    {
      std::lock_guard<std::mutex> lock(refused_mutex);
      refused = last_refused;
    }
    std::string out;
    PrettyJson j(out, 0);
    j.BeginObject();
    RulesJson(j, engine);
    refused = WithinPacks(std::move(refused));
    j.Key("last_reload_errors").BeginArray();
    for (const auto& d : refused) DiagnosticJson(j, d);
    j.EndArray().EndObject();
    return out + "\n";
  }

  // Reads the manifest of a request: 415 for a media type that is not a manifest's, 400 for a bad
  // date, 400/413 with the located diagnostics for a bad manifest.
  std::optional<Reply> ReadManifest(const httplib::Request& req, const Context& ctx,
                                    CheckRun& run) {
    if (!ManifestMediaType(req.get_header_value("Content-Type")))
      return Error(415, "the manifest must be application/json or application/yaml", ctx);
    std::optional<Date> given;
    if (req.has_param("date")) {
      given = ParseDate(req.get_param_value("date"));
      if (!given) return Error(400, "date must be YYYY-MM-DD", ctx);
    }
    ManifestLimits limits = options.limits;
    limits.latest_date = LatestCheckedDate(Today());
    if (given && *given > limits.latest_date)
      return Error(400, "date is after the latest date checked (a year from today)", ctx);
    ManifestLoad load =
        LoadManifestFromString(kRequestName, req.body, given.value_or(Today()), limits);
    if (!load.manifest) {
      return Error(OverLimit(load.diagnostics) ? 413 : 400, "the manifest has errors", ctx,
                   load.diagnostics);
    }
    ApplyShipmentDate(*load.manifest, given);
    run.manifest = std::move(load.manifest);
    return std::nullopt;
  }

  // check's path up to the decision (the CLI's DecideManifest with --db): nullopt when decided.
  std::optional<Reply> Decide(const httplib::Request& req, const Context& ctx, CheckRun& run) {
    run.engine = program.Current();
    if (!run.engine) return Error(503, "no rule program is loaded", ctx);
    if (auto bad = ReadManifest(req, ctx, run)) return bad;
    auto store = read_stores.Take();
    Result<StoreFacts> facts = store.ok() ? ReadStoreFacts(**store, *run.manifest, &lists_cache)
                                          : Result<StoreFacts>(store.status());
    if (facts.ok()) store->Keep();
    if (!facts.ok()) {
      LogEvent("error", {{"event", "database read failed"},
                         {"request_id", ctx.request_id},
                         {"detail", facts.status().message()}});
      return Error(503, "the database cannot be read", ctx);
    }
    run.lists = std::move(facts->lists);
    Decided decided = DecideManifestLines(*run.engine, *run.manifest, run.lists, {});
    if (!decided.report) return Error(400, "the manifest has errors", ctx, decided.diagnostics);
    run.report = std::move(decided.report);
    AuthorizeLines(std::move(facts->licenses), *run.report);
    return std::nullopt;
  }

  Reply Check(const httplib::Request& req, const Context& ctx) {
    CheckRun run;
    if (auto bad = Decide(req, ctx, run)) return *bad;
    // A request of many lines uses both cores while nothing is yet recorded: a thread of its own
    // renders the answer's body (CheckJsonBodyText reads only the decisions) and builds the first
    // records while this one builds the rest; the records are appended, in line order, once both
    // are done, and the answer is sent only after the append (without a body when it failed).
    const CheckReport& decided = *run.report;
    const size_t n = decided.lines.size();
    std::string body;
    std::vector<AuditEntry> entries;
    bool rendered = false;
    if (n >= kSplitLines) {
      // The helper's share: rendering costs about as much as the records of a third of the lines.
      const size_t split = n * 3 / 8;
      std::vector<AuditEntry> first;
      bool helped = false;  // the helper finished; if it threw, this thread does it all below
      std::optional<std::jthread> helper;
      try {
        helper.emplace([&body, &first, &helped, &decided, &ctx, split] {
          try {
            body = CheckJsonBodyText(decided);
            first = CheckAuditEntries(ctx.actor, decided, 0, split);
            helped = true;
          } catch (const std::exception&) {
          }
        });
      } catch (const std::system_error&) {  // no thread to be had
      }
      if (helper) {
        std::vector<AuditEntry> rest = CheckAuditEntries(ctx.actor, decided, split, n);
        helper.reset();  // joins
        if (helped) {
          entries = std::move(first);
          entries.insert(entries.end(), std::make_move_iterator(rest.begin()),
                         std::make_move_iterator(rest.end()));
          rendered = true;
        }
      }
    }
    if (!rendered) entries = CheckAuditEntries(ctx.actor, decided);
    Result<Store::AppendResult> written = sink->Append(std::move(entries));
    metrics.AuditAppend(written.ok(), written.ok() ? written->count() : 0);
    if (!written.ok()) {
      LogEvent("error", {{"event", "audit append failed"},
                         {"request_id", ctx.request_id},
                         {"detail", written.status().message()}});
      return Error(
          503, "the decisions could not be recorded; no decision is given without a record", ctx);
    }
    MarkRecorded(*run.report, options.db, *written);
    metrics.Decision("check", std::string(DecisionName(run.report->verdict)));
    if (!rendered) body = CheckJsonBodyText(*run.report);
    body += CheckJsonTail(*run.report);
    return {200, std::move(body), "application/json"};
  }

  Reply Ship(const httplib::Request& req, const Context& ctx) {
    CheckRun run;
    if (auto bad = Decide(req, ctx, run)) return *bad;
    Result<ShipOutcome> outcome = Status::Error("not recorded");
    {
      std::lock_guard<std::mutex> lock(ship_mutex);
      if (!ship_store) {
        auto opened = Store::Open(options.db, StoreOptions{});
        if (opened.ok())
          ship_store.emplace(std::move(*opened));
        else
          outcome = opened.status();
      }
      if (ship_store)
        outcome = RecordShip(*ship_store, *run.report, *run.manifest, ctx.actor, options.db);
    }
    metrics.AuditAppend(outcome.ok(), outcome.ok() ? outcome->result.audit.count() : 0);
    if (!outcome.ok()) {
      LogEvent("error", {{"event", "ship not recorded"},
                         {"request_id", ctx.request_id},
                         {"detail", outcome.status().message()}});
      // The store's reason is logged, not answered (it may name the database); its code says
      // whether the id was already recorded.
      if (outcome.status().code() == ErrorCode::kAlreadyRecorded) {
        return Error(
            409, "the shipment id is already recorded: nothing was shipped or recorded again", ctx);
      }
      return Error(503, "nothing was shipped or recorded: the database refused the write", ctx);
    }
    metrics.Decision("ship", std::string(DecisionName(run.report->verdict)));
    return {200, ShipJson(*run.report, *outcome), "application/json"};
  }

  // POST /v1/screen: {"names": [{"name", "country"?}...], "date"?} -> the chipgate.screen/v1
  // document of `chipgate screen --db DB --format json`. Not recorded (docs/serve.md, "Audit").
  Reply Screen(const httplib::Request& req, const Context& ctx) {
    if (!ManifestMediaType(req.get_header_value("Content-Type")))
      return Error(415, "the request must be application/json or application/yaml", ctx);
    auto engine = program.Current();
    if (!engine) return Error(503, "no rule program is loaded", ctx);
    NameRequestLoad load = LoadNameRequestFromString(
        kRequestName, req.body, {options.limits.max_bytes, options.max_screen_names});
    if (!load.request) {
      return Error(OverLimit(load.diagnostics) ? 413 : 400, "the request has errors", ctx,
                   load.diagnostics);
    }
    Date date = load.request->date.value_or(Today());
    if (date > LatestCheckedDate(Today()))
      return Error(400, "date is after the latest date checked (a year from today)", ctx);
    auto store = read_stores.Take();
    Result<ScreeningLists> lists = store.ok() ? ReadListsForScreening(**store, &lists_cache)
                                              : Result<ScreeningLists>(store.status());
    if (lists.ok()) store->Keep();
    if (!lists.ok()) {
      LogEvent("error", {{"event", "database read failed"},
                         {"request_id", ctx.request_id},
                         {"detail", lists.status().message()}});
      return Error(503, "the database cannot be read", ctx);
    }
    NameScreeningResult result = ScreenNames(*engine, *lists, load.request->names, date);
    if (!result.errors.empty()) {  // not reached: the loader refuses what ScreenNames refuses
      return Error(400, "the request has errors", ctx);
    }
    // Not a decision of chipgate_decisions_total (those are recorded); counted as a request.
    return {200, ScreenJson(*engine, result.screenings, date), "application/json"};
  }

  // GET /v1/parts/{part}?date=: the chipgate.part-show/v1 document of `parts show PART --format
  // json`, classified by the program serving; 404 when no such part is stored.
  Reply Part(const httplib::Request& req, const Context& ctx, const std::string& part) {
    Date date = Today();
    if (req.has_param("date")) {
      auto parsed = ParseDate(req.get_param_value("date"));
      if (!parsed) return Error(400, "date must be YYYY-MM-DD", ctx);
      date = *parsed;
    }
    auto engine = program.Current();
    if (!engine) return Error(503, "no rule program is loaded", ctx);
    auto store = read_stores.Take();
    Result<std::optional<PartShow>> shown = Status::Error("not read");
    Status read = store.ok() ? (*store)->InReadSnapshot([&] {
      shown = ReadPartShow(*engine, **store, part, date);
      return Status::Ok();
    })
                             : store.status();
    if (read.ok() && shown.ok()) store->Keep();
    if (!read.ok() || !shown.ok()) {
      LogEvent("error", {{"event", "database read failed"},
                         {"request_id", ctx.request_id},
                         {"detail", (read.ok() ? shown.status() : read).message()}});
      return Error(503, "the database cannot be read", ctx);
    }
    if (!shown.value()) return Error(404, "no such part is stored", ctx);
    return {200, PartShowJson(*shown.value(), date, *engine) + "\n", "application/json"};
  }

  Reply Ready(const Context& ctx) {
    if (!program.Current()) return Error(503, "no rule program is loaded", ctx);
    auto store = Store::Open(options.db, StoreOptions{.read_only = true});
    if (!store.ok()) return Error(503, "the database cannot be opened", ctx);
    return {200, "{\"status\": \"ready\"}\n", "application/json"};
  }

  // Compiles anew; the refusal's diagnostics (empty when swapped in), logged and counted.
  std::vector<Diagnostic> ReloadProgram(const std::string& request_id) {
    std::vector<Diagnostic> refused = program.Reload();
    bool ok = refused.empty();
    {
      std::lock_guard<std::mutex> lock(refused_mutex);
      last_refused = refused;
    }
    metrics.Reload(ok);
    auto engine = program.Current();
    if (engine) metrics.SetPack(engine->digest());
    LogEvent(ok ? "info" : "error", {{"event", ok ? "pack reloaded" : "pack reload refused"},
                                     {"request_id", request_id},
                                     {"digest", engine ? engine->digest() : ""},
                                     {"errors", refused.size()}});
    return refused;
  }

  // The pack's diagnostics as a caller sees them: each file named within its pack
  // (`us-ear/x.yaml`), not where the server keeps it (no path of the server's in an answer).
  std::vector<Diagnostic> WithinPacks(std::vector<Diagnostic> diags) const {
    for (auto& d : diags) {
      for (const auto& dir : options.rules) {
        std::string prefix = dir.ends_with('/') ? dir : dir + "/";
        if (d.loc.file.starts_with(prefix) || d.loc.file == dir) {
          std::string name = std::filesystem::path(prefix).parent_path().filename().string();
          d.loc.file = name + (d.loc.file == dir ? "" : "/" + d.loc.file.substr(prefix.size()));
          break;
        }
      }
    }
    return diags;
  }

  Reply DoReload(const Context& ctx) {
    std::vector<Diagnostic> refused = ReloadProgram(ctx.request_id);
    auto engine = program.Current();
    if (!refused.empty())
      return Error(422, "the rule pack has errors; the previous program keeps serving", ctx,
                   WithinPacks(std::move(refused)));
    return {200, PackJson(*engine), "application/json"};
  }

  // Route -> (scope needed, handler). Returns the route name for the metrics.
  Reply Route(const httplib::Request& req, Context& ctx, std::string& route) {
    struct Entry {
      const char* path;
      const char* method;
      const char* name;
      std::optional<Scope> scope;
    };
    static const Entry kRoutes[] = {
        {"/v1/check", "POST", "check", Scope::kDecide},
        {"/v1/ship", "POST", "ship", Scope::kDecide},
        {"/v1/screen", "POST", "screen", Scope::kDecide},
        {"/v1/health", "GET", "health", std::nullopt},
        {"/v1/ready", "GET", "ready", std::nullopt},
        {"/v1/pack", "GET", "pack", Scope::kDecide},
        {"/v1/admin/reload", "POST", "reload", Scope::kAdmin},
        {"/metrics", "GET", "metrics", Scope::kMetrics},
        {"/v1/parts/", "GET", "parts", Scope::kDecide},  // a prefix: the part number follows
    };
    constexpr std::string_view kPartsPrefix = "/v1/parts/";
    const Entry* found = nullptr;
    for (const auto& e : kRoutes)
      if (req.path == e.path) found = &e;
    if (req.path.size() > kPartsPrefix.size() && req.path.starts_with(kPartsPrefix))
      found = &kRoutes[std::size(kRoutes) - 1];
    route = found ? found->name : "other";
    if (!found) return Error(404, "no such endpoint", ctx);
    std::string method = req.method == "HEAD" ? "GET" : req.method;
    if (method != found->method) return Error(405, std::string("use ") + found->method, ctx);
    if (found->scope && tokens) {
      std::string auth = req.get_header_value("Authorization");
      if (auth.rfind("Bearer ", 0) != 0) return Error(401, "a bearer token is required", ctx);
      auto entry = tokens->Find(std::string_view(auth).substr(7));
      if (!entry) return Error(401, "the token is not valid", ctx);
      if (!HasScope(*entry, *found->scope)) return Error(403, "the token lacks the scope", ctx);
      ctx.actor = entry->name;
    }
    if (route == "check") return Check(req, ctx);
    if (route == "ship") return Ship(req, ctx);
    if (route == "screen") return Screen(req, ctx);
    if (route == "health") return {200, "{\"status\": \"live\"}\n", "application/json"};
    if (route == "ready") return Ready(ctx);
    if (route == "pack") {
      auto engine = program.Current();
      if (!engine) return Error(503, "no rule program is loaded", ctx);
      return {200, PackJson(*engine), "application/json"};
    }
    if (route == "reload") return DoReload(ctx);
    if (route == "parts") return Part(req, ctx, req.path.substr(kPartsPrefix.size()));
    return {200, metrics.Render(), "text/plain; version=0.0.4"};
  }

  void Dispatch(const httplib::Request& req, httplib::Response& res) {
    auto start = std::chrono::steady_clock::now();
    Context ctx{RequestId(req.get_header_value("X-Request-Id"))};
    std::string route;
    Reply reply;
    try {
      reply = Route(req, ctx, route);
    } catch (const std::exception& e) {
      LogEvent("error",
               {{"event", "request failed"}, {"request_id", ctx.request_id}, {"detail", e.what()}});
      reply = Error(500, "internal error", ctx);
    }
    res.status = reply.status;
    res.set_header("X-Request-Id", ctx.request_id);
    res.set_content(reply.body, reply.content_type.c_str());
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics.Request(route, reply.status, seconds);
    LogEvent("info", {{"event", "request"},
                      {"request_id", ctx.request_id},
                      {"method", req.method},
                      {"path", req.path},
                      {"route", route},
                      {"status", reply.status},
                      {"actor", ctx.actor},
                      {"duration_ms", seconds * 1000},
                      {"remote", req.remote_addr}});
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options,
                                               std::unique_ptr<AuditSink> sink) {
  if (options.rules.empty()) return Status::Error("at least one --rules DIR is required");
  if (options.db.empty()) return Status::Error("--db DB is required");
  if (options.tls_cert.empty() != options.tls_key.empty())
    return Status::Error("--tls-cert and --tls-key go together");
  if (options.threads < 1 || options.threads > 1024)
    return Status::Error("--threads must be from 1 to 1024");
  if (!IsLoopback(options.host) && options.token_file.empty()) {
    return Status::Error("listening on " + options.host +
                         " (not loopback) needs --token-file: decisions are not served to the "
                         "network unauthenticated");
  }
  auto impl = std::make_unique<Impl>(options);
  impl->log = spdlog::get("chipgate-serve");
  if (!impl->log) impl->log = spdlog::stderr_logger_mt("chipgate-serve");
  // One JSON object per line, starting with the UTC time (LogEvent writes the rest).
  impl->log->set_pattern("{\"time\":\"%Y-%m-%dT%H:%M:%S.%eZ\",%v", spdlog::pattern_time_type::utc);
  if (!options.token_file.empty()) {
    auto tokens = TokenSet::Load(options.token_file);
    if (!tokens.ok()) return tokens.status();
    impl->tokens = std::move(*tokens);
  }
  if (auto refused = impl->program.Reload(); !refused.empty()) {
    std::string first =
        refused.front().loc.file + ": " + refused.front().code + ": " + refused.front().message;
    return Status::Error("the rule pack has errors (" + std::to_string(refused.size()) +
                         "); the first: " + first);
  }
  impl->metrics.SetPack(impl->program.Current()->digest());
  {
    auto store = Store::Open(options.db, StoreOptions{.read_only = true});
    if (!store.ok()) return Status::Error("cannot open the database: " + store.status().message());
  }
  if (sink) {
    impl->sink = std::move(sink);
  } else {
    auto opened = GroupCommitAuditSink::Open(options.db);
    if (!opened.ok()) return opened.status();
    impl->sink = std::move(*opened);
  }
  if (!options.tls_cert.empty()) {
    auto tls =
        std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    if (!tls->is_valid()) return Status::Error("the TLS certificate or key cannot be used");
    impl->http = std::move(tls);
  } else {
    impl->http = std::make_unique<httplib::Server>();
  }
  httplib::Server& http = *impl->http;
  int threads = options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_payload_max_length(options.limits.max_bytes);
  // An answer is written as headers then body: without TCP_NODELAY, Nagle's algorithm holds the
  // body until the client's delayed ACK (tens of milliseconds per request).
  http.set_tcp_nodelay(true);
  http.set_read_timeout(options.read_timeout_s, 0);
  http.set_write_timeout(options.write_timeout_s, 0);
  Impl* self = impl.get();
  auto handler = [self](const httplib::Request& req, httplib::Response& res) {
    self->Dispatch(req, res);
  };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Delete(".*", handler);
  http.Patch(".*", handler);
  http.Options(".*", handler);
  // What httplib answers itself (413 for a body over the limit, 400 for a malformed request):
  // the same JSON error shape.
  httplib::Server::HandlerWithResponse on_error = [self](const httplib::Request& req,
                                                         httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    Impl::Context ctx{RequestId(req.get_header_value("X-Request-Id"))};
    std::string message = res.status == 413 ? "the request body is larger than the limit"
                                            : "the request cannot be read";
    res.set_header("X-Request-Id", ctx.request_id);
    res.set_content(ErrorBody(res.status, message, ctx.request_id), "application/json");
    self->metrics.Request("other", res.status, 0);
    self->LogEvent("info", {{"event", "request"},
                            {"request_id", ctx.request_id},
                            {"method", req.method},
                            {"path", req.path},
                            {"route", "other"},
                            {"status", res.status}});
    return httplib::Server::HandlerResponse::Handled;
  };
  http.set_error_handler(on_error);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::Bind() {
  const ServeOptions& o = impl_->options;
  int port = o.port == 0 ? impl_->http->bind_to_any_port(o.host.c_str())
                         : (impl_->http->bind_to_port(o.host.c_str(), o.port) ? o.port : -1);
  if (port <= 0) return Status::Error("cannot listen on " + o.host + ":" + std::to_string(o.port));
  impl_->LogEvent("info", {{"event", "listening"},
                           {"host", o.host},
                           {"port", port},
                           {"tls", !o.tls_cert.empty()},
                           {"digest", impl_->program.Current()->digest()}});
  return port;
}

void Server::Run() {
  impl_->http->listen_after_bind();
  impl_->LogEvent("info", {{"event", "stopped"}});
}

void Server::Stop() { impl_->http->stop(); }
bool Server::running() const { return impl_->http->is_running(); }

std::vector<Diagnostic> Server::Reload() { return impl_->ReloadProgram("signal"); }

}  // namespace chipgate::serve
