// Audit report renderers: text and JSON (written with PrettyJson); the HTML is audit_html.cc, the
// CSV audit_export.cc. The renderers show the same report (docs/inventory-audit.md): who ran it on
// which database and when, counts by kind and by severity, parts by computed class, each finding
// with its reasons, the status changes when --compare-date was given, the licenses held with
// their replayed use, and the audit run's id once the run was recorded. The text is for a
// terminal, the JSON for programs (streamed).
// Values from the inventory and the pack are untrusted: every one is escaped for its output.
#include "cli/audit_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <sstream>

#include "chipgate/terminal_text.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

// Finding counts per severity or per kind, in name order (std::map) so the output is stable.
std::map<std::string, int> CountBy(const InventoryAuditReport& r, bool by_severity) {
  std::map<std::string, int> out;
  for (const auto& f : r.findings) ++out[by_severity ? f.severity : f.kind];
  return out;
}

// Text output: every value from the inventory or the pack, terminal-safe.
// A short name because nearly every piece of the text goes through it.
std::string T(const std::string& s) { return TerminalSafe(s); }

// A decision's name (a fixed lowercase word: nothing to escape for the terminal or for HTML).
std::string Name(DecisionKind d) { return std::string(DecisionName(d)); }

// What a finding is about: a part, a line of a recorded shipment, or a license held. Not escaped
// here: each renderer escapes the result for its own output.
std::string Subject(const AuditFinding& f) {
  if (!f.shipment.empty())
    return "shipment " + f.shipment + " line " + std::to_string(f.line) + " (" + f.part + ")";
  return f.license.empty() ? "part " + f.part : "license " + f.license;
}

// A license's classes or destinations as one piece of text (escaped by the caller).
std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

// "used of limit" for one kind of limit (units or dollars), "used (no limit)" without one.
template <typename Format>
std::string UseText(std::optional<int64_t> limit, int64_t used, Format format) {
  return format(used) + (limit ? " of " + format(*limit) : " (no limit)");
}
std::string Units(int64_t n) { return std::to_string(n); }
std::string Dollars(int64_t cents) { return "$" + FormatUsd(cents); }

}  // namespace

// One license's validity and replayed use, as one line of text (not escaped).
std::string LicenseUseText(const LicenseAuditUse& u) {
  const License& l = u.license;
  std::string out = l.number + " " + Join(l.classes, ";") + " to " + Join(l.destinations, ";") +
                    ", valid " + FormatDate(l.valid_from) + " to " + FormatDate(l.valid_until) +
                    ": quantity " + UseText(l.quantity_limit, u.used.quantity, Units) + ", value " +
                    UseText(l.value_limit, u.used.value, Dollars) + ", " + std::to_string(u.lines) +
                    (u.lines == 1 ? " line" : " lines");
  if (u.unknown_value_lines)
    out += " (" + std::to_string(u.unknown_value_lines) + " of unknown value, not counted)";
  return out;
}

std::string FindingSubject(const AuditFinding& f) { return Subject(f); }

std::string LimitUseText(std::optional<int64_t> limit, int64_t used, bool dollars) {
  return dollars ? UseText(limit, used, Dollars) : UseText(limit, used, Units);
}

std::string CauseText(const ChangeCause& c) {
  const std::string id = "`" + c.id + "`";
  if (!c.date) {
    if (c.id.empty()) return "no dated change of the pack explains it";
    return std::string(PackChangeKindName(c.kind)) + " " + id +
           ", in force on both dates, decides on one only";
  }
  const std::string on = " " + FormatDate(*c.date);
  switch (c.kind) {
    case PackChangeKind::kGroupMember:
      return "`" + c.country + "`" + (c.starts ? " joins" : " leaves") + " country group " + id +
             on;
    case PackChangeKind::kCoverage:
      return std::string("the pack's coverage ") + (c.starts ? "begins" : "ends") + on;
    default:
      return std::string(PackChangeKindName(c.kind)) + " " + id +
             (c.starts ? " takes effect" : " ends") + on;
  }
}

namespace {

// Rows shown per group in the text; the JSON has them all.
constexpr size_t kTextRowsPerGroup = 10;

// The changes section (--compare-date only, even when nothing changed): the two dates in order,
// then per group of changes its causes (each with its citation), how many parts and past
// shipments it affects, and its first rows.
std::string ChangesText(const InventoryAuditReport& r) {
  std::string out = "\nchanges from " + FormatDate(r.changes_from) + " to " +
                    FormatDate(r.changes_to) + ": " + std::to_string(r.changes.size()) +
                    (r.changes.size() == 1 ? " part and destination" : " parts and destinations") +
                    ", " + std::to_string(r.change_groups.size()) +
                    (r.change_groups.size() == 1 ? " cause" : " causes") + "\n";
  out += "destinations compared: " + T(Join(r.compare_destinations, " ")) + "\n";
  for (const ChangeGroup& g : r.change_groups) {
    out += "\n";
    for (const ChangeCause& c : g.causes) {
      out += "  " + T(CauseText(c)) + "\n";
      if (!c.cite.empty()) out += "    [" + T(c.cite) + "]\n";
    }
    out += "    " + std::to_string(g.parts) + (g.parts == 1 ? " part, " : " parts, ") +
           std::to_string(g.shipments) + (g.shipments == 1 ? " past shipment" : " past shipments") +
           " (to " + FormatDate(r.changes_to) + "), " + std::to_string(g.count) +
           (g.count == 1 ? " change:\n" : " changes:\n");
    for (size_t i = g.first; i < g.first + std::min(g.count, kTextRowsPerGroup); ++i) {
      const StatusChange& c = r.changes[i];
      out += "      " + T(c.part) + " to " + T(c.destination) + ": " + Name(c.before) + " -> " +
             Name(c.after) + "\n";
    }
    if (g.count > kTextRowsPerGroup)
      out += "      ... and " + std::to_string(g.count - kTextRowsPerGroup) +
             " more (--format json lists them all)\n";
  }
  return out;
}

}  // namespace

// Who ran it and on what, then the summary, then every finding with all its reasons (a class
// the part meets, `classified`, is what explains a misclassification).
// Every value is passed through T() (TerminalSafe); dates and counts are formatted here.
std::string AuditText(const InventoryAuditReport& r, const AuditRunInfo& info) {
  std::string out = "audit of " + std::to_string(r.parts) + " parts and " +
                    std::to_string(r.shipments) + " shipments (" +
                    std::to_string(r.shipment_lines) + " lines) as of " + FormatDate(r.date) +
                    " — rules " + T(r.pack) + " " + T(r.digest.substr(0, 19)) + "\n";
  if (!info.database.empty()) {
    char took[32];
    std::snprintf(took, sizeof took, "%.1f", info.seconds);
    out += "database " + T(info.database) + " " + T(info.database_digest.substr(0, 19)) +
           " — run by " + T(info.actor) + " on " + T(info.host) + " at " + T(info.started) + " (" +
           took + " s), chipgate " + std::string(ChipgateVersion()) + "\n";
  }
  // An audit as of a past date sees only what had shipped by then.
  if (r.shipments_after_date)
    out += "not audited: " + std::to_string(r.shipments_after_date) +
           (r.shipments_after_date == 1 ? " shipment" : " shipments") + " dated after " +
           FormatDate(r.date) + "\n";
  out += "\nfindings: " + std::to_string(r.findings.size()) + "\n";
  for (const auto& [kind, n] : CountBy(r, false))
    out += "  " + T(kind) + ": " + std::to_string(n) + "\n";
  out += "by severity:";
  for (const auto& [sev, n] : CountBy(r, true)) out += " " + T(sev) + " " + std::to_string(n);
  out += "\nparts by class:";
  for (const auto& [cls, n] : r.parts_by_class) out += " " + T(cls) + " " + std::to_string(n);
  out += "\n\n";
  for (const auto& f : r.findings) {
    out +=
        "[" + T(f.severity) + "] " + T(f.kind) + ": " + T(Subject(f)) + " — " + T(f.summary) + "\n";
    for (const auto& reason : f.reasons) {
      out += "    " + T(reason.rule) + " (" + T(reason.decision) + "): " + T(reason.message) +
             (reason.cite.empty() ? "" : " [" + T(reason.cite) + "]") + "\n";
    }
  }
  // Who could not be checked, and what was screened against: after the findings, before the
  // changes.
  if (!r.ownership_unknown.empty()) {
    out += "\naffiliates rule not checked (who owns the party is not given): " +
           std::to_string(r.ownership_unknown.size()) + "\n";
    for (const auto& party : r.ownership_unknown) out += "  " + T(party) + "\n";
  }
  // The licenses held, with their use replayed from the stored shipments up to the audit date.
  if (!r.licenses.empty()) {
    out +=
        "\nlicenses as of " + FormatDate(r.date) + ": " + std::to_string(r.licenses.size()) + "\n";
    for (const auto& u : r.licenses) out += "  " + T(LicenseUseText(u)) + "\n";
  }
  if (!r.list_versions.empty()) {
    out += "\nscreened against:";
    for (const auto& v : r.list_versions) out += " " + T(v) + ";";
    out.back() = '\n';
  }
  if (r.compare_date) out += ChangesText(r);
  if (r.run_id) out += "\nrecorded as audit run " + std::to_string(r.run_id) + "\n";
  return out;
}

namespace {

// {limit, used, remaining}: limit and remaining null where the license has no such limit; the
// remaining balance is negative when the replay went beyond the limit.
template <typename Put>
void UseJson(PrettyJson& j, std::optional<int64_t> limit, int64_t used, Put put) {
  j.BeginObject().Key("limit");
  if (limit) {
    put(j, *limit);
  } else {
    j.Null();
  }
  j.Key("used");
  put(j, used);
  j.Key("remaining");
  if (limit) {
    put(j, *limit - used);
  } else {
    j.Null();
  }
  j.EndObject();
}

// A license held and its replayed use (docs/inventory-audit.md, "Output").
void LicenseJson(PrettyJson& j, const LicenseAuditUse& u) {
  const License& l = u.license;
  auto strings = [&](const std::vector<std::string>& items) {
    j.BeginArray();
    for (const auto& i : items) j.String(i);
    j.EndArray();
  };
  auto units = [](PrettyJson& p, int64_t v) { p.Int(v); };
  auto dollars = [](PrettyJson& p, int64_t v) { p.String(FormatUsd(v)); };
  j.BeginObject().Key("number").String(l.number).Key("classes");
  strings(l.classes);
  j.Key("destinations");
  strings(l.destinations);
  j.Key("valid_from").String(FormatDate(l.valid_from));
  j.Key("valid_until").String(FormatDate(l.valid_until)).Key("quantity");
  UseJson(j, l.quantity_limit, u.used.quantity, units);
  j.Key("value_usd");
  UseJson(j, l.value_limit, u.used.value, dollars);
  j.Key("lines").Int(u.lines).Key("unknown_value_lines").Int(u.unknown_value_lines);
  j.Key("recorded").BeginObject().Key("quantity").Int(u.recorded.quantity);
  j.Key("value_usd").String(FormatUsd(u.recorded.value)).EndObject();
  j.EndObject();
}

// The changes of --compare-date: the dates in order, the destinations compared, the total, and
// the groups, each with its causes, counts and every row (the text shows only the first few).
void ChangesJson(PrettyJson& j, const InventoryAuditReport& r) {
  j.BeginObject().Key("from").String(FormatDate(r.changes_from));
  j.Key("to").String(FormatDate(r.changes_to)).Key("destinations").BeginArray();
  for (const auto& d : r.compare_destinations) j.String(d);
  j.EndArray().Key("total").Int(static_cast<int64_t>(r.changes.size()));
  j.Key("groups").BeginArray();
  for (const ChangeGroup& g : r.change_groups) {
    j.BeginObject().Key("causes").BeginArray();
    for (const ChangeCause& c : g.causes) {
      j.BeginObject().Key("kind").String(std::string(PackChangeKindName(c.kind)));
      j.Key("id").StringOrNull(c.id).Key("country").StringOrNull(c.country);
      j.Key("cite").StringOrNull(c.cite).Key("date");
      c.date ? j.String(FormatDate(*c.date)) : j.Null();
      j.Key("effect");
      c.date ? j.String(c.starts ? "starts" : "ends") : j.Null();
      j.EndObject();
    }
    j.EndArray().Key("parts").Int(g.parts).Key("shipments").Int(g.shipments);
    j.Key("changes").BeginArray();
    for (size_t i = g.first; i < g.first + g.count; ++i) {
      const StatusChange& c = r.changes[i];
      j.BeginObject().Key("part").String(c.part).Key("destination").String(c.destination);
      j.Key("before").String(Name(c.before)).Key("after").String(Name(c.after)).EndObject();
    }
    j.EndArray().EndObject();
  }
  j.EndArray().EndObject();
}

}  // namespace

// Written into a buffer handed to the stream every 64 KiB, never as a document of all findings,
// so memory stays flat with a million-part inventory.
// Every reason is written (as in the text and HTML), `classified` ones included; strings are
// escaped by PrettyJson, not TerminalSafe.
// Every member is always there (docs/cli.md, "Machine-readable output"): what a report or a
// finding does not have is null, a list with nothing in it [].
void AuditJson(const InventoryAuditReport& r, const AuditRunInfo& info, std::ostream& out) {
  std::string buf;
  PrettyJson j(buf, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kAudit);
  j.Key("date").String(FormatDate(r.date)).Key("compare_date");
  r.compare_date ? j.String(FormatDate(*r.compare_date)) : j.Null();
  j.Key("rules").BeginObject().Key("pack").String(r.pack).Key("digest").String(r.digest);
  j.EndObject();
  // Who ran it, on which database, when: null when the renderer was not told (a library caller).
  j.Key("generated");
  if (info.database.empty()) {
    j.Null();
  } else {
    j.BeginObject().Key("actor").String(info.actor).Key("host").StringOrNull(info.host);
    j.Key("database").BeginObject().Key("path").String(info.database);
    j.Key("digest").StringOrNull(info.database_digest).EndObject();
    j.Key("started").String(info.started).Key("seconds").Double(info.seconds).EndObject();
  }
  j.Key("parts").Int(r.parts).Key("shipments").Int(r.shipments);
  j.Key("shipments_after_date").Int(r.shipments_after_date);
  j.Key("shipment_lines").Int(r.shipment_lines).Key("parts_by_class").BeginObject();
  for (const auto& [cls, n] : r.parts_by_class) j.Key(cls).Int(n);
  j.EndObject().Key("findings").BeginArray();
  for (const AuditFinding& f : r.findings) {
    j.BeginObject().Key("kind").String(f.kind).Key("severity").String(f.severity);
    // Part findings have no shipment and no line, findings about a license itself no part, and
    // `license` is null on findings that are not about a license.
    j.Key("shipment").StringOrNull(f.shipment).Key("line");
    f.shipment.empty() ? j.Null() : j.Int(f.line);
    j.Key("license").StringOrNull(f.license).Key("destination").StringOrNull(f.destination);
    j.Key("part").StringOrNull(f.part).Key("declared").StringOrNull(f.declared);
    j.Key("computed").StringOrNull(f.computed).Key("summary").String(f.summary);
    j.Key("reasons").BeginArray();
    for (const auto& reason : f.reasons) {
      j.BeginObject().Key("rule").String(reason.rule).Key("decision").String(reason.decision);
      j.Key("cite").StringOrNull(reason.cite).Key("message").String(reason.message).EndObject();
    }
    j.EndArray().EndObject();
    if (buf.size() >= (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  j.EndArray();
  j.Key("ownership_unknown").BeginArray();
  for (const auto& party : r.ownership_unknown) j.String(party);
  j.EndArray().Key("licenses").BeginArray();
  for (const auto& u : r.licenses) LicenseJson(j, u);
  j.EndArray().Key("lists").BeginArray();
  for (const auto& v : r.list_versions) j.String(v);
  j.EndArray();
  // `changes` is null without --compare-date (nothing was compared), and [] with it when nothing
  // changed; `run` is null unless the run was recorded.
  j.Key("changes");
  if (r.compare_date) {
    ChangesJson(j, r);
  } else {
    j.Null();
  }
  j.Key("run");
  r.run_id ? j.Int(r.run_id) : j.Null();
  j.EndObject();
  out << buf << "\n";
}

// The whole document as a string, for tests and small reports.
std::string AuditJson(const InventoryAuditReport& r, const AuditRunInfo& info) {
  std::ostringstream out;
  AuditJson(r, info, out);
  return out.str();
}

}  // namespace chipgate::cli
