// `chipgate db init DB` and `chipgate db import DB --parts F [--components F] [--parties F]
// [--shipments F]`.
#include <cstdio>

#include "chipgate/store.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"

namespace chipgate::cli {

int RunDb(const Args& args) {
  if (args.positional.size() != 2 ||
      (args.positional[0] != "init" && args.positional[0] != "import")) {
    std::fprintf(stderr, "chipgate db: expected `db init DB` or `db import DB --parts F ...`\n");
    return kExitBadInput;
  }
  const std::string& path = args.positional[1];
  bool init = args.positional[0] == "init";
  auto store = Store::Open(path, StoreOptions{.create = init});
  if (!store.ok()) {
    std::fprintf(stderr, "chipgate db: %s\n", TerminalSafe(store.status().message()).c_str());
    return kExitBadInput;
  }
  if (init) {
    std::printf("%s: chipgate database, schema version %d\n", TerminalSafe(path).c_str(),
                store->schema_version());
    return kExitOk;
  }
  ImportFiles files{args.Get("parts").value_or(""), args.Get("components").value_or(""),
                    args.Get("parties").value_or(""), args.Get("shipments").value_or("")};
  if (files.parts.empty() && files.components.empty() && files.parties.empty() &&
      files.shipments.empty()) {
    std::fprintf(
        stderr,
        "chipgate db import: give at least one of --parts, --components, --parties, --shipments\n");
    return kExitBadInput;
  }
  auto diags = store->Import(files);
  if (HasErrors(diags)) {
    std::fputs(RenderDiagnostics(diags).c_str(), stderr);
    std::fprintf(stderr, "chipgate db import: %d error%s; nothing was imported\n",
                 CountSeverity(diags, Severity::kError),
                 CountSeverity(diags, Severity::kError) == 1 ? "" : "s");
    return kExitBadInput;
  }
  std::printf("%s: imported\n", TerminalSafe(path).c_str());
  return kExitOk;
}

}  // namespace chipgate::cli
