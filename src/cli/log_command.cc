// `chipgate log verify --db DB [--expect-head SEQ:HASH|HASH] [--checkpoints FILE [--public-key
// PUB.pem]]`, `chipgate log checkpoint --db DB --checkpoints FILE [--key KEY.pem]` and `chipgate
// log export --db DB`.
// Every subcommand opens the database read-only: verification never repairs or rewrites the log
// (docs/audit-log.md). Exit codes as docs/cli.md, "Exit codes": 1 for a log or anchor that does
// not verify, 2 for what cannot be read or used.
#include <sys/stat.h>

#include <cstdio>
#include <iostream>

#include "chipgate/checkpoint.h"
#include "chipgate/store.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"

namespace chipgate::cli {
namespace {

// Prints `why` (terminal-safe: it may quote a path or a file's content) and gives exit 2.
int Usage(const std::string& why) {
  std::fprintf(stderr, "chipgate log: %s\n", TerminalSafe(why).c_str());
  return kExitBadInput;
}

// A usage error: `why`, then the command's usage from the command table.
int UsageError(const std::string& why) {
  std::fprintf(stderr, "chipgate log: %s\n%s", TerminalSafe(why).c_str(), UsageOf("log").c_str());
  return kExitBadInput;
}

// The anchors to verify against: --expect-head and every line of --checkpoints, whose signatures
// are checked with `key` when given; `signed_lines` counts the lines that carry a signature.
// Exit code in `exit` when they cannot be used.
std::optional<std::vector<AuditAnchor>> Anchors(const Args& args, const Ed25519Key* key, int& exit,
                                                size_t& signed_lines) {
  std::vector<AuditAnchor> anchors;
  if (auto head = args.Get("expect-head")) {
    auto a = ParseAuditAnchor(*head);
    if (!a.ok()) {
      exit = Usage("--expect-head: " + a.status().message());
      return std::nullopt;
    }
    a->source = "--expect-head";
    anchors.push_back(a.value());
  }
  auto file = args.Get("checkpoints");
  if (!file) return anchors;
  struct stat st {};
  // A checkpoint file that cannot be stat'd (normally: not created yet) is the first checkpoint:
  // there is nothing earlier to verify against. For `verify` a missing file is an error (exit 2),
  // raised by ReadCheckpointFile below.
  if (stat(file->c_str(), &st) != 0 && args.positional[0] == "checkpoint")
    return anchors;  // the first checkpoint
  auto cps = ReadCheckpointFile(*file);
  if (!cps.ok()) {
    exit = Usage(cps.status().message());
    return std::nullopt;
  }
  for (const Checkpoint& cp : cps.value()) {
    // With a key, every line must be signed and verify: one unsigned line could be an insertion.
    // Without one, signatures are carried but not checked (the summary says so).
    if (key && (cp.signature.empty() || !key->Verify(CheckpointSignedText(cp), cp.signature))) {
      std::printf(
          "%s: checkpoint INVALID: %s\n", TerminalSafe(cp.anchor.source).c_str(),
          cp.signature.empty()
              ? "not signed, but a key was given (the checkpoint file was altered?)"
              : "the signature does not verify with the key (the checkpoint file was altered)");
      exit = kExitFindings;
      return std::nullopt;
    }
    signed_lines += !cp.signature.empty();
    anchors.push_back(cp.anchor);
  }
  return anchors;
}

// Prints why the log is invalid; true when it is valid.
// On stdout, like the success line: the verdict of `log verify` is its output.
// Schema differences are listed first, then the one problem found and the record it is at.
bool Report(const std::string& db, const AuditVerifyResult& r) {
  for (const auto& d : r.schema)
    std::printf("%s: audit log INVALID: schema: %s\n", TerminalSafe(db).c_str(),
                TerminalSafe(DescribeSchemaDifference(d)).c_str());
  if (r.kind != AuditProblem::kNone) {
    std::printf("%s: audit log INVALID at record %lld: %s\n", TerminalSafe(db).c_str(),
                static_cast<long long>(r.first_bad_seq), TerminalSafe(r.problem).c_str());
  }
  return r.ok;
}

}  // namespace

// Options are checked per subcommand before the database is opened, so an option that belongs
// to another subcommand (e.g. a private --key for `verify`) is a usage error, not ignored.
int RunLog(const Args& args) {
  const std::string sub = args.positional.size() == 1 ? args.positional[0] : "";
  if (sub != "verify" && sub != "export" && sub != "checkpoint") {
    return UsageError("expected a subcommand: verify, checkpoint or export");
  }
  auto path = args.Get("db");
  if (!path) return UsageError("--db DB is required");
  if (sub == "checkpoint" &&
      (!args.Get("checkpoints") || args.Get("expect-head") || args.Get("public-key"))) {
    return UsageError(
        "log checkpoint needs --checkpoints FILE and takes no --expect-head or "
        "--public-key");
  }
  if (sub == "verify" &&
      (args.Get("key") || (args.Get("public-key") && !args.Get("checkpoints")))) {
    return UsageError("log verify takes no --key, and --public-key only with --checkpoints");
  }
  if (sub == "export" && (args.Get("key") || args.Get("public-key") || args.Get("checkpoints") ||
                          args.Get("expect-head"))) {
    return UsageError("log export takes no option but --db");
  }
  // Export is not verified first: it writes the records as stored (their hashes let the
  // reader verify them).
  auto store = Store::Open(*path, StoreOptions{.read_only = true});
  if (!store.ok()) return Usage(store.status().message());
  if (sub == "export") {
    Status s = store->ExportAudit(std::cout);
    std::cout.flush();
    if (!s.ok())
      std::fprintf(stderr, "chipgate log export: %s\n", TerminalSafe(s.message()).c_str());
    return s.ok() ? kExitOk : kExitBadInput;
  }
  std::optional<Ed25519Key> key;
  if (auto pem = args.Get(sub == "checkpoint" ? "key" : "public-key")) {
    auto k = sub == "checkpoint" ? Ed25519Key::LoadPrivate(*pem) : Ed25519Key::LoadPublic(*pem);
    if (!k.ok()) return Usage(k.status().message());
    key.emplace(std::move(k.value()));
  }
  int exit = kExitOk;
  size_t signed_lines = 0;
  // The chain and every anchor are verified in one pass; `checkpoint` verifies the log against the
  // file's earlier checkpoints before it appends, so it never vouches for an altered log.
  auto anchors = Anchors(args, key ? &*key : nullptr, exit, signed_lines);
  if (!anchors) return exit;
  auto result = store->VerifyAudit(*anchors);
  if (!result.ok()) {
    std::fprintf(stderr, "chipgate log %s: %s\n", sub.c_str(),
                 TerminalSafe(result.status().message()).c_str());
    return kExitBadInput;
  }
  const AuditVerifyResult& r = result.value();
  if (!Report(*path, r)) return kExitFindings;
  if (sub == "checkpoint") {
    if (r.records == 0) return Usage("the audit log is empty: there is nothing to checkpoint");
    // The checkpoint is the head just verified (record count and hash) and the time it was made.
    Checkpoint cp{{r.records, r.head, ""}, FormatAuditTimestamp(SystemClock().Now()), ""};
    if (key) {
      auto sig = key->Sign(CheckpointSignedText(cp));
      if (!sig.ok()) return Usage(sig.status().message());
      cp.signature = sig.value();
    }
    if (Status s = AppendCheckpointLine(*args.Get("checkpoints"), cp); !s.ok())
      return Usage(s.message());
    std::printf("%s: checkpoint %lld:%s written to %s%s\n", TerminalSafe(*path).c_str(),
                static_cast<long long>(r.records), r.head.c_str(),
                TerminalSafe(*args.Get("checkpoints")).c_str(), key ? " (signed)" : "");
    return kExitOk;
  }
  std::printf("%s: audit log valid, %lld records, head %s", TerminalSafe(*path).c_str(),
              static_cast<long long>(r.records),
              r.head.empty() ? "(empty)" : (std::to_string(r.records) + ":" + r.head).c_str());
  if (args.Get("checkpoints")) {
    std::printf(", %zu anchor%s matched%s", anchors->size(), anchors->size() == 1 ? "" : "s",
                key                ? ", signatures verified"
                : signed_lines > 0 ? ", signatures not checked (no --public-key)"
                                   : ", no line is signed");
  }
  std::printf("\n");
  return kExitOk;
}

}  // namespace chipgate::cli
