// `chipgate serve` as a process (server.h, RunServe): the server on the options, the port file,
// and the signals: SIGHUP reloads the packs, SIGTERM and SIGINT stop accepting, let the requests in
// flight finish and close the database (docs/serve.md, "Reload", "Shutdown").
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "serve/audit_sink.h"
#include "serve/server.h"

namespace chipgate::serve {

int RunServe(const ServeOptions& options, const std::string& port_file) {
  // The signals are taken by one thread (sigwait), blocked everywhere else: the server's threads
  // inherit the mask, so SIGHUP and SIGTERM never interrupt a request.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto server = Server::Create(options);
  if (!server.ok()) {
    std::fprintf(stderr, "chipgate serve: %s\n", server.status().message().c_str());
    return 2;
  }
  auto port = (*server)->Bind();
  if (!port.ok()) {
    std::fprintf(stderr, "chipgate serve: %s\n", port.status().message().c_str());
    return 2;
  }
  if (!port_file.empty()) {
    std::ofstream out(port_file);
    out << *port << "\n";
    if (!out) {
      std::fprintf(stderr, "chipgate serve: cannot write the port file\n");
      return 2;
    }
  }
  Server* s = server->get();
  std::thread waiter([s, signals] {
    for (;;) {
      int sig = 0;
      if (sigwait(&signals, &sig) != 0) continue;
      if (sig == SIGHUP) {
        s->Reload();
        continue;
      }
      s->Stop();
      return;
    }
  });
  s->Run();  // returns once stopped and every request in flight was answered
  // Run can also end without a signal (the socket failed): wake the waiter so it can be joined.
  if (waiter.joinable()) {
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
  }
  server->reset();  // closes the database connections
  return 0;
}

}  // namespace chipgate::serve
