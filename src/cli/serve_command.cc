// `chipgate serve` (docs/serve.md): reads the options into serve::ServeOptions and runs the
// service (src/serve), which decides through the same pipeline as check and ship.
#include <charconv>
#include <cstdio>

#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "serve/server.h"

namespace chipgate::cli {
namespace {

// A whole number from 1 to `max`; false when the text is anything else.
bool WholeNumber(const std::string& text, long long max, long long& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out >= 1 && out <= max;
}

// HOST:PORT, [IPv6]:PORT; port 0 asks for an ephemeral port.
bool ParseListen(const std::string& text, serve::ServeOptions& o) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  std::string host = text.substr(0, colon), port = text.substr(colon + 1);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  long long n = 0;
  if (port == "0") {
    n = 0;
  } else if (!WholeNumber(port, 65535, n)) {
    return false;
  }
  o.host = host;
  o.port = static_cast<int>(n);
  return true;
}

}  // namespace

int RunServe(const Args& args) {
  if (!args.positional.empty()) {
    std::fprintf(stderr, "chipgate serve: takes no MANIFEST; send manifests to POST /v1/check\n");
    return kExitBadInput;
  }
  serve::ServeOptions o;
  o.rules = RulesDirs(args);
  if (o.rules.empty()) return kExitBadInput;
  o.db = args.Get("db").value_or("");
  if (auto v = args.Get("listen"); v && !ParseListen(*v, o)) {
    std::fprintf(stderr, "chipgate serve: --listen must be HOST:PORT, found `%s`\n",
                 TerminalSafe(*v).c_str());
    return kExitBadInput;
  }
  o.token_file = args.Get("token-file").value_or("");
  o.tls_cert = args.Get("tls-cert").value_or("");
  o.tls_key = args.Get("tls-key").value_or("");
  struct Number {
    const char* name;
    long long max;
    long long value;
  };
  Number numbers[] = {{"threads", 1024, o.threads},
                      {"max-manifest-bytes", 1LL << 40, static_cast<long long>(o.limits.max_bytes)},
                      {"max-lines", 1LL << 40, static_cast<long long>(o.limits.max_lines)},
                      {"max-depth", 1 << 20, o.limits.max_depth},
                      {"max-names", 1LL << 30, static_cast<long long>(o.max_screen_names)}};
  for (auto& n : numbers) {
    auto v = args.Get(n.name);
    if (v && !WholeNumber(*v, n.max, n.value)) {
      std::fprintf(stderr,
                   "chipgate serve: --%s must be a whole number from 1 to %lld, found `%s`\n",
                   n.name, n.max, TerminalSafe(*v).c_str());
      return kExitBadInput;
    }
  }
  o.threads = static_cast<int>(numbers[0].value);
  o.limits.max_bytes = static_cast<size_t>(numbers[1].value);
  o.limits.max_lines = static_cast<size_t>(numbers[2].value);
  o.limits.max_depth = static_cast<int>(numbers[3].value);
  o.max_screen_names = static_cast<size_t>(numbers[4].value);
  return serve::RunServe(o, args.Get("port-file").value_or(""));
}

}  // namespace chipgate::cli
