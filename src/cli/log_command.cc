// `chipgate log verify --db DB [--audited-db DB] [--expect-head SEQ:HASH|HASH] [--checkpoints FILE
// [--public-key PUB.pem]]`, `chipgate log checkpoint --db DB --checkpoints FILE [--audited-db DB]
// [--key KEY.pem]` and `chipgate log export --db DB`; verify and checkpoint with `--format
// text|json`, export with `--format json` (its only format: the records as stored,
// docs/audit-log.md). --audited-db is the database whose findings the log's audit-run records
// cover when the log is kept elsewhere (`audit --audit FILE`); without it such a record's findings
// are not checked, and the log is not reported valid.
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
#include "cli/logged_calls.h"
#include "cli/logging.h"
#include "cli/output_format.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

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

// A checkpoint line whose signature does not verify: where, and why.
struct BadSignature {
  std::string source;  // `FILE:LINE` of the checkpoint
  std::string why;
};

// The anchors to verify against: --expect-head and every line of --checkpoints, whose signatures
// are checked with `key` when given; `signed_lines` counts the lines that carry a signature.
// Exit code in `exit` when they cannot be used; `bad` names a line whose signature failed (exit 1).
std::optional<std::vector<AuditAnchor>> Anchors(const Args& args, const Ed25519Key* key, int& exit,
                                                size_t& signed_lines,
                                                std::optional<BadSignature>& bad) {
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
      bad = BadSignature{
          cp.anchor.source,
          cp.signature.empty()
              ? "not signed, but a key was given (the checkpoint file was altered?)"
              : "the signature does not verify with the key (the checkpoint file was altered)"};
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
  if (r.kind == AuditProblem::kFindingsNotChecked) {
    // Not shown to be invalid, but not shown valid either: said plainly, never "valid".
    std::printf("%s: audit log NOT VERIFIED at record %lld: %s\n", TerminalSafe(db).c_str(),
                static_cast<long long>(r.first_bad_seq), TerminalSafe(r.problem).c_str());
  } else if (r.kind != AuditProblem::kNone) {
    std::printf("%s: audit log INVALID at record %lld: %s\n", TerminalSafe(db).c_str(),
                static_cast<long long>(r.first_bad_seq), TerminalSafe(r.problem).c_str());
  }
  return r.ok;
}

// The stable name of a problem in the JSON document (`problem.kind`).
const char* ProblemName(AuditProblem kind) {
  switch (kind) {
    case AuditProblem::kNone:
      break;
    case AuditProblem::kSequence:
      return "sequence";
    case AuditProblem::kNotCanonical:
      return "not_canonical";
    case AuditProblem::kPrevHash:
      return "prev_hash";
    case AuditProblem::kHash:
      return "hash";
    case AuditProblem::kTimestamp:
      return "timestamp";
    case AuditProblem::kAnchor:
      return "anchor";
    case AuditProblem::kFindings:
      return "findings";
    case AuditProblem::kFindingsNotChecked:
      return "findings_not_checked";
  }
  return "none";
}

// What `log verify --format json` prints (chipgate.log-verify/v1), also `log checkpoint`'s
// document when the log does not verify. `r` is null when a checkpoint's signature failed before
// the log was read (then `bad` says which); `signatures` is null without --checkpoints.
std::string VerifyJson(const std::string& db, const AuditVerifyResult* r,
                       const std::optional<BadSignature>& bad, size_t anchors,
                       const char* signatures) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kLogVerify);
  j.Key("db").String(db).Key("valid").Bool(r && r->ok).Key("records");
  r ? j.Int(r->records) : j.Null();
  j.Key("runs_checked");
  r ? j.Int(r->runs_checked) : j.Null();
  j.Key("head").StringOrNull(r && !r->head.empty() ? std::to_string(r->records) + ":" + r->head
                                                   : std::string());
  j.Key("problem");
  if (bad) {
    j.BeginObject().Key("kind").String("checkpoint_signature").Key("record").Null();
    j.Key("run").Null().Key("message").String(bad->source + ": " + bad->why).EndObject();
  } else if (r && r->kind != AuditProblem::kNone) {
    j.BeginObject().Key("kind").String(ProblemName(r->kind)).Key("record");
    r->first_bad_seq > 0 ? j.Int(r->first_bad_seq) : j.Null();
    j.Key("run");
    r->run_id > 0 ? j.Int(r->run_id) : j.Null();
    j.Key("message").String(r->problem).EndObject();
  } else {
    j.Null();
  }
  j.Key("schema_differences").BeginArray();
  if (r) {
    for (const auto& d : r->schema) j.String(DescribeSchemaDifference(d));
  }
  j.EndArray().Key("anchors_matched").Int(r && r->ok ? static_cast<int64_t>(anchors) : 0);
  j.Key("signatures");
  signatures ? j.String(signatures) : j.Null();
  j.EndObject();
  return out + "\n";
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
  // export writes the stored records, which are JSON already: json is its one format.
  auto format = sub == "export"
                    ? FormatOption(args, "log export", {OutputFormat::kJson})
                    : FormatOption(args, "log " + sub, {OutputFormat::kText, OutputFormat::kJson});
  if (!format) return kExitBadInput;
  bool json = format == OutputFormat::kJson;
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
                          args.Get("expect-head") || args.Get("audited-db"))) {
    return UsageError("log export takes no option but --db and --format json");
  }
  // Export is not verified first: it writes the records as stored (their hashes let the
  // reader verify them).
  auto store = OpenStoreLogged(*path, StoreOptions{.read_only = true}, LogComponent::kStore);
  if (!store.ok()) return Usage(store.status().message());
  std::optional<Store> audited;
  if (auto other = args.Get("audited-db")) {
    auto opened = OpenStoreLogged(*other, StoreOptions{.read_only = true}, LogComponent::kStore);
    if (!opened.ok()) return Usage(opened.status().message());
    audited.emplace(std::move(opened.value()));
  }
  if (sub == "export") {
    Log(LogLevel::kInfo, LogComponent::kLog, "exporting the audit log", {{"db", *path}});
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
  std::optional<BadSignature> bad;
  // How the checkpoint lines' signatures were treated (null in JSON without --checkpoints).
  auto signatures = [&]() -> const char* {
    if (!args.Get("checkpoints")) return nullptr;
    return key ? "verified" : signed_lines > 0 ? "not_checked" : "none_signed";
  };
  // The chain and every anchor are verified in one pass; `checkpoint` verifies the log against the
  // file's earlier checkpoints before it appends, so it never vouches for an altered log.
  auto anchors = Anchors(args, key ? &*key : nullptr, exit, signed_lines, bad);
  if (bad && json) {
    std::fputs(VerifyJson(*path, nullptr, bad, 0, signatures()).c_str(), stdout);
  } else if (bad) {
    std::printf("%s: checkpoint INVALID: %s\n", TerminalSafe(bad->source).c_str(),
                bad->why.c_str());
  }
  if (!anchors) return exit;
  Log(LogLevel::kDebug, LogComponent::kLog, "verifying the audit log",
      {{"db", *path}, {"anchors", anchors->size()}, {"signed_lines", signed_lines}});
  LogTimer timer;
  auto result = store->VerifyAudit(*anchors, audited ? &*audited : nullptr);
  if (!result.ok()) {
    std::fprintf(stderr, "chipgate log %s: %s\n", sub.c_str(),
                 TerminalSafe(result.status().message()).c_str());
    return kExitBadInput;
  }
  const AuditVerifyResult& r = result.value();
  Log(LogLevel::kInfo, LogComponent::kLog, "verified the audit log",
      {{"db", *path},
       {"records", r.records},
       {"runs_checked", r.runs_checked},
       {"valid", r.ok ? "yes" : "no"},
       {"anchors", anchors->size()},
       timer.Elapsed()});
  if (json && (!r.ok || sub == "verify")) {
    std::fputs(VerifyJson(*path, &r, std::nullopt, anchors->size(), signatures()).c_str(), stdout);
    if (!r.ok) return kExitFindings;
  } else if (!Report(*path, r)) {
    return kExitFindings;
  }
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
    if (json) {
      // {"schema": "chipgate.log-checkpoint/v1", "chipgate_version", "db", "checkpoints",
      // "checkpoint": "SEQ:HASH", "signed"}.
      std::string out;
      PrettyJson j(out, 0);
      j.BeginObject();
      JsonReportHead(j, JsonKind::kLogCheckpoint);
      j.Key("db").String(*path).Key("checkpoints").String(*args.Get("checkpoints"));
      j.Key("checkpoint").String(std::to_string(r.records) + ":" + r.head);
      j.Key("signed").Bool(key.has_value()).EndObject();
      std::printf("%s\n", out.c_str());
      return kExitOk;
    }
    std::printf("%s: checkpoint %lld:%s written to %s%s\n", TerminalSafe(*path).c_str(),
                static_cast<long long>(r.records), r.head.c_str(),
                TerminalSafe(*args.Get("checkpoints")).c_str(), key ? " (signed)" : "");
    return kExitOk;
  }
  if (json) return kExitOk;  // the document was printed above
  // Scripts take the head from the end of `, head SEQ:HASH` (docs/audit-log.md): the runs go
  // before it.
  std::printf("%s: audit log valid, %lld records, ", TerminalSafe(*path).c_str(),
              static_cast<long long>(r.records));
  if (r.runs_checked > 0) {
    std::printf("findings of %lld audit run%s match, ", static_cast<long long>(r.runs_checked),
                r.runs_checked == 1 ? "" : "s");
  }
  std::printf("head %s",
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
