// `chipgate license list --db DB [--date D] [--format text|json]` and `chipgate license show
// NUMBER --db DB [--date D] [--format text|json]` (docs/cli.md, docs/licenses.md): the stored
// licenses with their limits, what shipments used of them as of the date (default today), and
// what remains. Read only.
#include <cstdio>
#include <string>

#include "chipgate/license.h"
#include "chipgate/store.h"
#include "chipgate/terminal_text.h"
#include "cli/commands.h"
#include "cli/logged_calls.h"
#include "cli/logging.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

// Whether the license may be used on `date` at all: its validity only, not its balance.
const char* StatusOn(const License& l, Date date) {
  if (date < l.valid_from) return "not yet valid";
  if (date > l.valid_until) return "expired";
  return "in force";
}

// Classes and destinations as one line of text (`3A090.a, 4A090.a`).
std::string JoinWith(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

// `limit 100, used 20, remaining 80`, or `no limit (used 20)`; `format` prints one amount.
template <typename Format>
std::string BalanceText(std::optional<int64_t> limit, int64_t used, Format format) {
  if (!limit) return "no limit (used " + format(used) + ")";
  return "limit " + format(*limit) + ", used " + format(used) + ", remaining " +
         format(*limit - used);
}

// One block per license (docs/cli.md, "Licenses"): every value from the file passes through
// TerminalSafe, since a party name or condition could hold escape sequences.
void PrintText(const HeldLicense& h, Date date) {
  const License& l = h.license;
  auto units = [](int64_t v) { return std::to_string(v); };
  auto party = [](const std::string& p) {
    return p.empty() ? std::string("any") : TerminalSafe(p);
  };
  std::printf("license %s\n", TerminalSafe(l.number).c_str());
  std::printf("  status: %s on %s\n", StatusOn(l, date), FormatDate(date).c_str());
  std::printf("  valid: %s to %s\n", FormatDate(l.valid_from).c_str(),
              FormatDate(l.valid_until).c_str());
  std::printf("  classes: %s\n", TerminalSafe(JoinWith(l.classes, ", ")).c_str());
  std::printf("  destinations: %s\n", TerminalSafe(JoinWith(l.destinations, ", ")).c_str());
  std::printf("  consignee: %s\n", party(l.consignee).c_str());
  std::printf("  end user: %s\n", party(l.end_user).c_str());
  std::printf("  quantity: %s\n", BalanceText(l.quantity_limit, h.used.quantity, units).c_str());
  std::printf("  value (USD): %s\n", BalanceText(l.value_limit, h.used.value, FormatUsd).c_str());
  if (!l.conditions.empty()) std::printf("  conditions: %s\n", TerminalSafe(l.conditions).c_str());
}

// {limit, used, remaining}: limit and remaining null without a limit. Dollars are strings with
// two decimals ("2500.00"), so no reader turns them into a float.
template <typename Value>
void BalanceJson(PrettyJson& j, std::optional<int64_t> limit, int64_t used, Value value) {
  auto value_or_null = [&](std::optional<int64_t> v) {
    if (v) {
      value(j, *v);
    } else {
      j.Null();
    }
  };
  j.BeginObject().Key("limit");
  value_or_null(limit);
  j.Key("used");
  value(j, used);
  j.Key("remaining");
  value_or_null(limit ? std::optional<int64_t>(*limit - used) : std::nullopt);
  j.EndObject();
}

// One license object (docs/cli.md, "Licenses"): `list` writes these in an array and `show` one
// alone, so both commands print a license the same way. JSON escaping makes any text safe.
void LicenseJson(PrettyJson& j, const HeldLicense& h, Date date) {
  const License& l = h.license;
  auto list = [&](const std::vector<std::string>& items) {
    j.BeginArray();
    for (const auto& i : items) j.String(i);
    j.EndArray();
  };
  j.BeginObject();
  j.Key("number").String(l.number);
  j.Key("status").String(StatusOn(l, date));
  j.Key("valid_from").String(FormatDate(l.valid_from));
  j.Key("valid_until").String(FormatDate(l.valid_until));
  j.Key("classes");
  list(l.classes);
  j.Key("destinations");
  list(l.destinations);
  j.Key("consignee").StringOrNull(l.consignee).Key("end_user").StringOrNull(l.end_user);
  j.Key("quantity");
  BalanceJson(j, l.quantity_limit, h.used.quantity, [](PrettyJson& p, int64_t v) { p.Int(v); });
  j.Key("value_usd");
  BalanceJson(j, l.value_limit, h.used.value,
              [](PrettyJson& p, int64_t v) { p.String(FormatUsd(v)); });
  j.Key("conditions").StringOrNull(l.conditions);
  j.Key("line").Int(l.line);
  j.EndObject();
}

// A usage error: exit 2 with the two accepted forms (docs/cli.md, "Exit codes").
int Usage() {
  std::fprintf(stderr, "chipgate license: expected one of the forms below\n%s",
               UsageOf("license").c_str());
  return kExitBadInput;
}

}  // namespace

// Exit 0 when shown, 2 on a usage error, an unknown license number or a database error
// (docs/cli.md, "Exit codes").
int RunLicense(const Args& args) {
  const auto& pos = args.positional;
  bool list = pos.size() == 1 && pos[0] == "list";
  bool show = pos.size() == 2 && pos[0] == "show";
  std::string format = args.Get("format").value_or("text");
  auto db = args.Get("db");
  if ((!list && !show) || !db || (format != "text" && format != "json")) return Usage();
  // The date decides the status and which uses count; a bad one is refused, never read as today.
  Date date = Today();
  if (auto d = args.Get("date")) {
    auto parsed = ParseDate(*d);
    if (!parsed) {
      std::fprintf(stderr, "chipgate license: --date `%s` is not a date YYYY-MM-DD\n",
                   TerminalSafe(*d).c_str());
      return kExitBadInput;
    }
    date = *parsed;
  }
  // A missing database is an error here, not created: there would be nothing to list.
  auto store = OpenStoreLogged(*db, StoreOptions{.read_only = true}, LogComponent::kStore);
  if (!store.ok()) {
    std::fprintf(stderr, "chipgate license: %s\n", TerminalSafe(store.status().message()).c_str());
    return kExitBadInput;
  }
  // Read only: listing must never migrate or lock a database for writing.
  std::vector<HeldLicense> held;
  if (list) {
    auto all = store->ReadLicenses(date);
    if (!all.ok()) {
      std::fprintf(stderr, "chipgate license: %s\n", TerminalSafe(all.status().message()).c_str());
      return kExitBadInput;
    }
    held = std::move(all.value());
  } else {
    auto one = store->ReadLicense(pos[1], date);
    if (!one.ok() || !one.value()) {
      std::fprintf(stderr, "chipgate license: %s\n",
                   one.ok() ? ("no license `" + TerminalSafe(pos[1]) + "` is stored").c_str()
                            : TerminalSafe(one.status().message()).c_str());
      return kExitBadInput;
    }
    held.push_back(std::move(*one.value()));
  }
  if (format == "json") {
    // {"schema", "chipgate_version", "date", then "license": {...} (show) or "licenses": [...]}.
    std::string out;
    PrettyJson j(out, 0);
    j.BeginObject();
    JsonReportHead(j, show ? JsonKind::kLicenseShow : JsonKind::kLicenseList);
    j.Key("date").String(FormatDate(date));
    if (show) {
      j.Key("license");
      LicenseJson(j, held.front(), date);
    } else {
      j.Key("licenses").BeginArray();
      for (const auto& h : held) LicenseJson(j, h, date);
      j.EndArray();
    }
    j.EndObject();
    std::printf("%s\n", out.c_str());
    return kExitOk;
  }
  // An empty store says so instead of printing nothing, which would read as a failure.
  if (list && held.empty()) std::printf("no licenses stored\n");
  for (size_t i = 0; i < held.size(); ++i) {
    if (i) std::printf("\n");
    PrintText(held[i], date);
  }
  return kExitOk;
}

}  // namespace chipgate::cli
