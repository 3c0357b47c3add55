// Audit report renderers: text, JSON (written with PrettyJson) and HTML.
// The three renderers show the same report (docs/inventory-audit.md): counts by kind and by
// severity, parts by computed class, each finding with its reasons, the status changes when
// --compare-date was given, the licenses held with their replayed use, and the audit run's id
// once the run was recorded. The text is for a terminal, the JSON for programs (streamed), the
// HTML one self-contained file to hand on.
// Values from the inventory and the pack are untrusted: every one is escaped for its output.
#include "cli/audit_report.h"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include "chipgate/terminal_text.h"
#include "cli/json_report.h"
#include "cli/pretty_json.h"

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

// HTML output: control, bidi and invisible characters are first shown as escapes (they would
// reorder or hide text in a browser too), then the markup characters are escaped.
std::string Esc(const std::string& raw) {
  std::string out, s = TerminalSafe(raw);
  for (char c : s) {
    // Escaping both quote characters makes the result safe in attribute values as well as text.
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// What a change of decision is put down to, as one line of text (not escaped): the pack's
// dated change with its date, or an entry in force on both dates, or nothing found.
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

// Summary first, then every finding. Reasons with the pseudo-decision `classified` (one per
// class the part meets, "meets 3A090.a") are left out of the text and HTML (the JSON keeps
// them): there the reasons listed are those that explain the finding.
// Every value is passed through T() (TerminalSafe); dates and counts are formatted here.
std::string AuditText(const InventoryAuditReport& r) {
  std::string out = "audit of " + std::to_string(r.parts) + " parts and " +
                    std::to_string(r.shipments) + " shipments (" +
                    std::to_string(r.shipment_lines) + " lines) as of " + FormatDate(r.date) +
                    " — rules " + T(r.pack) + " " + T(r.digest.substr(0, 19)) + "\n";
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
      if (reason.decision == "classified") continue;
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
// Unlike the text and HTML, the JSON keeps every reason, `classified` ones included, for
// programs to filter; strings are escaped by PrettyJson, not TerminalSafe.
// Every member is always there (docs/cli.md, "Machine-readable output"): what a report or a
// finding does not have is null, a list with nothing in it [].
void AuditJson(const InventoryAuditReport& r, std::ostream& out) {
  std::string buf;
  PrettyJson j(buf, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kAudit);
  j.Key("date").String(FormatDate(r.date)).Key("compare_date");
  r.compare_date ? j.String(FormatDate(*r.compare_date)) : j.Null();
  j.Key("rules").BeginObject().Key("pack").String(r.pack).Key("digest").String(r.digest);
  j.EndObject().Key("parts").Int(r.parts).Key("shipments").Int(r.shipments);
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
    j.Key("license").StringOrNull(f.license);
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
std::string AuditJson(const InventoryAuditReport& r) {
  std::ostringstream out;
  AuditJson(r, out);
  return out.str();
}

namespace {

// Inline CSS and script, no external resource: the report must open offline and send no request.
const char* kStyle = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1d2327}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #ccd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef;cursor:pointer;user-select:none}th.sorted-asc::after{content:" \25B2"}th.sorted-desc::after{content:" \25BC"}
.high{color:#a00;font-weight:bold}.medium{color:#a60}.low{color:#555}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ccd;border-radius:6px;padding:.6em 1em;min-width:9em}
.card b{display:block;font-size:1.6em}small{color:#666}
.use{white-space:nowrap}.use svg{vertical-align:middle;margin-right:.4em}
@media print{th{cursor:auto}.noprint{display:none}body{margin:0}}
)";

// Click-to-sort for tables marked `sortable`: a cell's data-key (the severity rank) is preferred
// to its text; two values that both parse as numbers compare numerically, others by
// localeCompare. parseFloat reads a leading number, so texts such as part numbers that start
// with digits compare by that number. The script also fills the rendered-findings count and
// marks the body data-ready (a hook for checking the page in a browser).
const char* kScript = R"(
document.querySelectorAll('table.sortable').forEach(function(table){
  table.querySelectorAll('th').forEach(function(th, col){
    th.addEventListener('click', function(){
      var asc = !th.classList.contains('sorted-asc');
      table.querySelectorAll('th').forEach(function(h){h.classList.remove('sorted-asc','sorted-desc');});
      th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function(a, b){
        var x = a.cells[col].getAttribute('data-key') || a.cells[col].textContent;
        var y = b.cells[col].getAttribute('data-key') || b.cells[col].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
});
document.getElementById('rendered-findings').textContent =
  document.querySelectorAll('#findings tbody tr').length;
document.body.setAttribute('data-ready', '1');
)";

// A horizontal bar per computed class, scaled to the largest count; an inline SVG with a <title>
// per bar for its tooltip. Every bar is at least one pixel wide so a class with few parts shows.
std::string Chart(const InventoryAuditReport& r) {
  // max starts at 1 so an empty or all-zero report does not divide by zero.
  int64_t max = 1;
  for (const auto& [cls, n] : r.parts_by_class) max = std::max(max, n);
  int row = 26, width = 360, label = 130;
  std::string svg = "<svg id=\"class-chart\" role=\"img\" aria-label=\"parts by class\" width=\"" +
                    std::to_string(label + width + 60) + "\" height=\"" +
                    std::to_string(row * static_cast<int>(r.parts_by_class.size()) + 10) + "\">";
  int y = 5;
  for (const auto& [cls, n] : r.parts_by_class) {
    int w = static_cast<int>(width * n / max);
    svg += "<text x=\"0\" y=\"" + std::to_string(y + 16) + "\">" + Esc(cls) + "</text>";
    svg += "<rect class=\"bar\" x=\"" + std::to_string(label) + "\" y=\"" + std::to_string(y + 3) +
           "\" width=\"" + std::to_string(std::max(w, 1)) +
           "\" height=\"18\" fill=\"#4a6fa5\"><title>" + Esc(cls) + ": " + std::to_string(n) +
           "</title></rect>";
    svg += "<text x=\"" + std::to_string(label + w + 6) + "\" y=\"" + std::to_string(y + 16) +
           "\">" + std::to_string(n) + "</text>";
    y += row;
  }
  return svg + "</svg>";
}

// A use bar: the share of a limit used, as an inline SVG 120 pixels wide with its figures in a
// <title>. Beyond the limit the bar is full and red, with a mark at the limit's place.
std::string UseBar(int64_t used, int64_t limit, const std::string& title) {
  constexpr int kWidth = 120;
  double share = limit > 0 ? static_cast<double>(used) / static_cast<double>(limit) : 1.0;
  bool over = used > limit;
  int w = static_cast<int>(kWidth * std::min(share, 1.0));
  std::string svg = "<svg class=\"license-bar\" width=\"" + std::to_string(kWidth) +
                    "\" height=\"12\"><title>" + Esc(title) + "</title><rect width=\"" +
                    std::to_string(kWidth) + "\" height=\"12\" fill=\"#e4e7ef\"/><rect width=\"" +
                    std::to_string(std::max(w, 0)) + "\" height=\"12\" fill=\"" +
                    (over ? "#b00020" : "#4a6fa5") + "\"/>";
  if (over) {
    int at = static_cast<int>(kWidth * static_cast<double>(limit) / static_cast<double>(used));
    svg += "<rect x=\"" + std::to_string(at) + "\" width=\"2\" height=\"12\" fill=\"#000\"/>";
  }
  return svg + "</svg>";
}

// One cell of the licenses table: the bar (when there is a limit) and "used of limit".
template <typename Format>
std::string UseCell(std::optional<int64_t> limit, int64_t used, Format format) {
  std::string text = UseText(limit, used, format);
  return "<td class=\"use\">" + (limit ? UseBar(used, *limit, text) : "") + Esc(text) + "</td>";
}

// The licenses held: terms, use replayed up to the audit date with a bar per limit, and the
// findings about each license (its lines' and its own), in the report's order.
std::string LicensesSection(const InventoryAuditReport& r) {
  std::string h = "<h2>Licenses (" + std::to_string(r.licenses.size()) +
                  ")</h2>\n<p><small>Use as of " + FormatDate(r.date) +
                  ", replayed from the stored shipments naming each license; lines of unknown "
                  "value count towards the quantity only.</small></p>\n";
  h += "<table id=\"licenses\" class=\"sortable\"><thead><tr><th>license</th><th>classes</th>"
       "<th>destinations</th><th>valid</th><th>quantity used</th><th>value used</th>"
       "<th>lines</th><th>findings</th></tr></thead><tbody>\n";
  for (const auto& u : r.licenses) {
    const License& l = u.license;
    std::string findings;
    for (const auto& f : r.findings) {
      if (f.license != l.number) continue;
      findings += "<div><span class=\"" + Esc(f.severity) + "\">" + Esc(f.kind) + "</span> " +
                  Esc(Subject(f)) + "</div>";
    }
    std::string lines = std::to_string(u.lines);
    if (u.unknown_value_lines)
      lines += " <small>(" + std::to_string(u.unknown_value_lines) + " of unknown value)</small>";
    h += "<tr><td>" + Esc(l.number) + "</td><td>" + Esc(Join(l.classes, ", ")) + "</td><td>" +
         Esc(Join(l.destinations, ", ")) + "</td><td>" + FormatDate(l.valid_from) + " to " +
         FormatDate(l.valid_until) + "</td>" + UseCell(l.quantity_limit, u.used.quantity, Units) +
         UseCell(l.value_limit, u.used.value, Dollars) + "<td>" + lines + "</td><td>" + findings +
         "</td></tr>\n";
  }
  return h + "</tbody></table>\n";
}

}  // namespace

// Built whole in one string, unlike the streamed JSON: its size grows with the number of
// findings. Severity cards are fixed to high, medium and low (a finding of another severity is
// counted in the total only); findings are in the report's order until a column is clicked.
// Every value from the inventory or the pack goes through Esc(); numbers and dates are ours.
std::string AuditHtml(const InventoryAuditReport& r) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>chipgate audit " +
      FormatDate(r.date) + "</title><style>" + kStyle + "</style></head><body>\n";
  h += "<h1>Export-control audit as of " + FormatDate(r.date) + "</h1>\n<p><small>rule pack " +
       Esc(r.pack) + " " + Esc(r.digest) +
       (r.run_id ? " — audit run " + std::to_string(r.run_id) : "") + "</small></p>\n";
  h += "<div class=\"cards\"><div class=\"card\"><b>" + std::to_string(r.parts) +
       "</b>parts</div><div class=\"card\"><b>" + std::to_string(r.shipments) +
       "</b>shipments</div><div class=\"card\"><b id=\"finding-total\">" +
       std::to_string(r.findings.size()) + "</b>findings</div>";
  auto by_severity = CountBy(r, true);
  for (const char* sev : {"high", "medium", "low"}) {
    h += "<div class=\"card\"><b class=\"" + std::string(sev) + "\">" +
         std::to_string(by_severity[sev]) + "</b>" + sev + "</div>";
  }
  h += "</div>\n<h2>Findings by kind</h2>\n<table id=\"summary\" "
       "class=\"sortable\"><thead><tr><th>kind</th><th>count</th></tr></thead><tbody>";
  for (const auto& [kind, n] : CountBy(r, false))
    h += "<tr><td>" + Esc(kind) + "</td><td>" + std::to_string(n) + "</td></tr>";
  h += "</tbody></table>\n<h2>Parts by computed class</h2>\n" + Chart(r) + "\n";
  h += "<h2>Findings (<span id=\"rendered-findings\">0</span>)</h2>\n<p "
       "class=\"noprint\"><small>Click a column to sort.</small></p>\n";
  h += "<table id=\"findings\" "
       "class=\"sortable\"><thead><tr><th>severity</th><th>kind</th><th>subject</th><th>declared / "
       "recorded</th>"
       "<th>computed</th><th>finding</th><th>reasons</th></tr></thead><tbody>\n";
  for (const auto& f : r.findings) {
    // The severity column sorts by rank (high first), not alphabetically.
    int rank = f.severity == "high" ? 0 : f.severity == "medium" ? 1 : 2;
    std::string reasons;
    for (const auto& reason : f.reasons) {
      if (reason.decision == "classified") continue;
      reasons += "<div>" + Esc(reason.rule) + " (" + Esc(reason.decision) + ")" +
                 (reason.cite.empty() ? "" : " <small>" + Esc(reason.cite) + "</small>") + "</div>";
    }
    h += "<tr><td class=\"" + Esc(f.severity) + "\" data-key=\"" + std::to_string(rank) + "\">" +
         Esc(f.severity) + "</td><td>" + Esc(f.kind) + "</td><td>" + Esc(Subject(f)) + "</td><td>" +
         Esc(f.declared.empty() ? "(none)" : f.declared) + "</td><td>" + Esc(f.computed) +
         "</td><td>" + Esc(f.summary) + "</td><td>" + reasons + "</td></tr>\n";
  }
  h += "</tbody></table>\n";
  if (!r.licenses.empty()) h += LicensesSection(r);
  if (r.compare_date) {
    h += "<h2>Status changes from " + FormatDate(r.changes_from) + " to " +
         FormatDate(r.changes_to) + " (" + std::to_string(r.changes.size()) +
         ")</h2>\n<table id=\"changes\" "
         "class=\"sortable\"><thead><tr><th>part</th><th>destination</th><th>before</th><th>after</"
         "th></tr></thead><tbody>\n";
    for (const auto& c : r.changes) {
      h += "<tr><td>" + Esc(c.part) + "</td><td>" + Esc(c.destination) + "</td><td>" +
           Name(c.before) + "</td><td>" + Name(c.after) + "</td></tr>\n";
    }
    h += "</tbody></table>\n";
  }
  h += "<script>" + std::string(kScript) + "</script>\n</body></html>\n";
  return h;
}

}  // namespace chipgate::cli
