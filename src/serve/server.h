// `chipgate serve` (docs/serve.md): the check/ship pipeline (src/pipeline) over HTTP, with the same
// decisions, audit log and database as the command line. The command line builds ServeOptions and
// calls RunServe; tests start a Server in-process on an ephemeral loopback port.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chipgate/diagnostic.h"
#include "chipgate/manifest.h"
#include "chipgate/status.h"

namespace chipgate::serve {

class AuditSink;

struct ServeOptions {
  std::vector<std::string> rules;  // the packs, base first
  std::string db;                  // the database: read for every decision, holds the audit log
  std::string host = "127.0.0.1";
  int port = 8181;                // 0: an ephemeral port (Server::port() says which)
  std::string token_file;         // empty: no authentication (loopback only)
  std::string tls_cert, tls_key;  // both or neither
  int threads = 8;
  ManifestLimits limits;           // max_bytes is also the request body limit (413)
  size_t max_screen_names = 1000;  // names per POST /v1/screen (over it: 413)
  int read_timeout_s = 10;         // headers and body
  int write_timeout_s = 10;
};

// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost): the only hosts the service
// may listen on without a token file.
bool IsLoopback(const std::string& host);

class Server {
 public:
  // Checks the options (a non-loopback host without a token file is refused), reads the token
  // file, compiles the packs and opens the database; an error says which, with no secret in it.
  // `sink`, when given, replaces the audit sink on --db (tests inject a failing one).
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options,
                                                std::unique_ptr<AuditSink> sink = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket; the port bound (options.port, or the ephemeral one for 0).
  Result<int> Bind();
  // Serves until Stop(): blocks; returns after every request in flight has been answered.
  void Run();
  // Stops accepting; safe from any thread (the signal thread, a test).
  void Stop();
  bool running() const;
  // Compiles the packs anew (SIGHUP, POST /v1/admin/reload); the diagnostics when refused.
  std::vector<Diagnostic> Reload();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The `serve` command: Create, Bind, then Run with SIGHUP reloading and SIGTERM/SIGINT stopping
// (drain, close the database). `port_file`, when set, gets the port once bound. Exit 0 after a
// clean stop, 2 when it cannot start (the reason on stderr).
int RunServe(const ServeOptions& options, const std::string& port_file);

}  // namespace chipgate::serve
