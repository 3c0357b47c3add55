// `chipgate log verify --db DB [--expect-head HASH]` and `chipgate log export --db DB`.
#include <cstdio>
#include <iostream>

#include "chipgate/store.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"

namespace chipgate::cli {

int RunLog(const Args& args) {
  if (args.positional.size() != 1 || (args.positional[0] != "verify" && args.positional[0] != "export")) {
    std::fprintf(stderr, "chipgate log: expected `log verify --db DB` or `log export --db DB`\n");
    return kExitBadInput;
  }
  auto path = args.Get("db");
  if (!path) {
    std::fprintf(stderr, "chipgate log: --db DB is required\n");
    return kExitBadInput;
  }
  auto store = Store::Open(*path, StoreOptions{.read_only = true});
  if (!store.ok()) {
    std::fprintf(stderr, "chipgate log: %s\n", TerminalSafe(store.status().message()).c_str());
    return kExitBadInput;
  }
  if (args.positional[0] == "export") {
    Status s = store->ExportAudit(std::cout);
    std::cout.flush();
    if (!s.ok()) std::fprintf(stderr, "chipgate log export: %s\n", TerminalSafe(s.message()).c_str());
    return s.ok() ? kExitOk : kExitBadInput;
  }
  auto result = store->VerifyAudit(args.Get("expect-head").value_or(""));
  if (!result.ok()) {
    std::fprintf(stderr, "chipgate log verify: %s\n", result.status().message().c_str());
    return kExitBadInput;
  }
  const AuditVerifyResult& r = result.value();
  if (!r.ok) {
    std::printf("%s: audit log INVALID at record %lld: %s\n", path->c_str(), static_cast<long long>(r.first_bad_seq),
                r.problem.c_str());
    return kExitFindings;
  }
  std::printf("%s: audit log valid, %lld records, head %s\n", path->c_str(), static_cast<long long>(r.records),
              r.head.empty() ? "(empty)" : r.head.c_str());
  return kExitOk;
}

}  // namespace chipgate::cli
