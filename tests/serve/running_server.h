// An in-process `chipgate serve` for the service's tests: a serve::Server bound to an ephemeral
// loopback port and running on its own thread until the object dies (waits are for states, never
// for durations), and an audit sink whose every append fails.
#pragma once

#include <httplib.h>

#include <catch2/catch.hpp>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "serve/audit_sink.h"
#include "serve/server.h"

namespace chipgate::testing {

// A server running on its own thread until the object dies.
class Running {
 public:
  explicit Running(serve::ServeOptions options, std::unique_ptr<serve::AuditSink> sink = nullptr) {
    options.port = 0;
    auto created = serve::Server::Create(options, std::move(sink));
    REQUIRE(created.ok());
    server_ = std::move(*created);
    auto port = server_->Bind();
    REQUIRE(port.ok());
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
    while (!server_->running()) std::this_thread::yield();
  }
  ~Running() {
    server_->Stop();
    thread_.join();
  }
  int port() const { return port_; }
  serve::Server& server() { return *server_; }
  httplib::Client Client() const { return httplib::Client("127.0.0.1", port_); }

 private:
  std::unique_ptr<serve::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// Every append fails, with a path in its message (which no answer may show).
class FailingSink : public serve::AuditSink {
 public:
  Result<Store::AppendResult> Append(std::vector<AuditEntry>) override {
    return Status::Error("disk full at /secret/path/audit.db");
  }
};

}  // namespace chipgate::testing
