// `chipgate ship MANIFEST --db DB` (docs/licenses.md, "Ship"; docs/cli.md): decides the manifest
// exactly as `check --db` does (DecideManifest), then records it through the library's RecordShip
// (pipeline/ship_pipeline.h, shared with `chipgate serve`): in one write transaction of the
// database (Store::RecordShipment) it matches the license_required lines again against the balances
// read there and records the shipment, its license uses and its audit records when every line may
// ship, or only the refused attempt's audit records when any is held. Exit 0 shipped, 1 held,
// 2 bad input or nothing could be recorded (then nothing is printed on stdout); an id already
// recorded (the store's ErrorCode::kAlreadyRecorded) is a 2 with its own message.
#include <cstdio>
#include <string>

#include "chipgate/store.h"
#include "chipgate/terminal_text.h"
#include "cli/check_run.h"
#include "cli/commands.h"
#include "cli/logged_calls.h"
#include "cli/logging.h"
#include "pipeline/ship_pipeline.h"

namespace chipgate::cli {
namespace {

// After check's tail: the shipment recorded and each license use, or that only the records were.
std::string ShipTextTail(const CheckReport& r, const Store::ShipDecision& d, bool shipped) {
  std::string out = CheckTextTail(r);
  if (!shipped) {
    return out + "not shipped: nothing was recorded but this attempt's audit records\n";
  }
  out += "shipped: shipment " + TerminalSafe(r.manifest->shipment.id) + " recorded with " +
         std::to_string(r.lines.size()) + " line" + (r.lines.size() == 1 ? "" : "s") + "\n";
  for (const auto& u : d.ship->uses) {
    out += "  line " + std::to_string(u.line) + ": " + std::to_string(u.quantity) +
           (u.quantity == 1 ? " unit" : " units") + " drawn on license " + TerminalSafe(u.license) +
           (u.value ? " (USD " + FormatUsd(*u.value) + ")" : "") + "\n";
  }
  return out;
}

}  // namespace

int RunShip(const Args& args) {
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "chipgate ship: expected exactly one MANIFEST\n");
    return kExitBadInput;
  }
  auto db = args.Get("db");
  if (!db) {
    std::fprintf(stderr, "chipgate ship: --db DB is required (the database to ship from)\n");
    return kExitBadInput;
  }
  auto format = FormatOption(args, "ship", {OutputFormat::kText, OutputFormat::kJson});
  if (!format) return kExitBadInput;
  // check's path up to the decision. Its license matching is only a first look: the transaction
  // matches again, and that decision is the one recorded and printed.
  CheckRun run;
  if (!DecideManifest(args, 0, false, run, *format)) return kExitBadInput;
  CheckReport& report = *run.report;
  // A writable connection of its own: DecideManifest read through a read-only one.
  auto store = OpenStoreLogged(*db, StoreOptions{}, LogComponent::kStore);
  Result<ShipOutcome> result = store.ok()
                                   ? RecordShip(*store, report, *run.manifest, Actor(args), *db)
                                   : Result<ShipOutcome>(store.status());
  if (!result.ok() && result.status().code() == ErrorCode::kAlreadyRecorded) {
    // A retry of a shipment that went through, or an id reused: nothing was done this time. Exit 2
    // as every refusal (docs/cli.md keeps three exit codes); the service answers it 409.
    std::fprintf(stderr,
                 "chipgate ship: shipment `%s` is already recorded: nothing was shipped or "
                 "recorded again\n",
                 TerminalSafe(run.manifest->shipment.id).c_str());
    return kExitBadInput;
  }
  if (!result.ok()) {
    std::fprintf(stderr,
                 "chipgate ship: %s\n"
                 "chipgate ship: nothing was shipped or recorded\n",
                 TerminalSafe(result.status().message()).c_str());
    return kExitBadInput;
  }
  Log(LogLevel::kInfo, LogComponent::kCheck, "recorded the shipment",
      {{"db", *db},
       {"shipment", run.manifest->shipment.id},
       {"shipped", result->result.shipped ? "yes" : "no"},
       {"records", result->result.audit.count()}});
  // Printed only now: no decision is shown that was not recorded (docs/audit-log.md).
  std::string text =
      *format == OutputFormat::kText
          ? CheckTextBody(report) + ShipTextTail(report, result->decided, result->result.shipped)
          : ShipJson(report, *result);
  // One write of the whole document; a short write is caught by main()'s FlushStdout (exit 2).
  std::fwrite(text.data(), 1, text.size(), stdout);
  return result->result.shipped ? kExitOk : kExitFindings;
}

}  // namespace chipgate::cli
