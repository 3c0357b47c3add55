// The HTML audit report (audit_html.h). Built whole in one string; its size is bounded whatever
// the number of findings (the first page of rows, at most kHtmlEmbeddedFindings findings as data
// for the script, summaries of bounded size), so a report of 200,000 findings opens at once.
// Every value from the inventory or the pack goes through Esc() (markup) or JsonData() (the
// embedded data); numbers, dates and the words of this file are ours.
#include "cli/audit_html.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "chipgate/terminal_text.h"
#include "cli/audit_order.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate::cli {
namespace {

// Markup: control, bidi and invisible characters are first shown as escapes (they would reorder
// or hide text in a browser too), then the markup characters are escaped. Escaping both quote
// characters makes the result safe in attribute values as well as text.
std::string Esc(const std::string& raw) {
  std::string out, s = TerminalSafe(raw);
  for (char c : s) {
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

// A value for a URL's query or fragment: every byte outside the unreserved set percent-encoded.
std::string UrlPart(const std::string& raw) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : raw) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// A string of the embedded data: shown as the markup shows it (TerminalSafe), as a JSON string
// whose <, > and & are \u escapes, so nothing in it can end the <script> element it is in.
void JsonData(std::string& out, const std::string& raw) {
  std::string s;
  AppendJsonText(s, TerminalSafe(raw));
  for (char c : s) {
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else {
      out += c;
    }
  }
}

// A count as people read it: 200,000.
std::string Num(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}
std::string Num(size_t n) { return Num(static_cast<int64_t>(n)); }

// Inline CSS and script, no external resource: the report must open offline and send no request.
const char* kStyle = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em 2em;color:#1d2327}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0}
#findings,#licenses,table.changes{width:100%}
th,td{border:1px solid #ccd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef}.sortable th{cursor:pointer;user-select:none}
th.sorted-asc::after{content:" \25B2"}th.sorted-desc::after{content:" \25BC"}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.high{color:#a00;font-weight:bold}.medium{color:#a60}.low{color:#555}
.meta{border:0}.meta th,.meta td{border:0;background:none;padding:1px 10px 1px 0}.meta th{color:#555;font-weight:normal;white-space:nowrap}
.meta code{font-size:12px;word-break:break-all}
.cards{display:flex;gap:.8em;flex-wrap:wrap;margin-top:.8em}.card{border:1px solid #ccd;border-radius:6px;padding:.4em .9em;min-width:5.5em}
.card b{display:block;font-size:1.6em}small{color:#666}
.summaries{display:flex;gap:2em;flex-wrap:wrap;align-items:flex-start}
caption{text-align:left;font-weight:bold;padding:.2em 0}
.note{background:#fff8e1;border:1px solid #e8d8a0;padding:.5em .8em}
#filters{display:flex;gap:.6em;flex-wrap:wrap;align-items:end;margin:.5em 0}
#filters label{display:flex;flex-direction:column;font-size:12px;color:#555}
#filters input,#filters select{font:inherit;padding:2px 4px}
#pager{display:flex;gap:.8em;align-items:center;margin:.5em 0}
#findings td:nth-child(9) div{margin-bottom:2px}#findings td:nth-child(5){white-space:nowrap}
#findings td{overflow-wrap:anywhere}#findings td:nth-child(3){min-width:8em}
@media (max-width:900px){body{margin:1em;font-size:13px}#findings th,#findings td{padding:3px 4px}}
.use{white-space:nowrap}.use svg{vertical-align:middle;margin-right:.4em}
@media print{body{margin:0;font-size:11px}.noprint,#filters,#pager{display:none!important}
th{cursor:auto}tr{break-inside:avoid}a{color:inherit;text-decoration:none}.note{border:1px solid #999}}
)";

// The findings table from the embedded data (finding-data: one array per finding, see Data()):
// filters read from and written to the #fragment (q, kind, severity, part, shipment,
// destination, page), a click on a column sorts, 100 rows a page. Rows are built with
// textContent, never markup. Other tables marked `sortable` sort in the page by a click: a
// cell's data-key is preferred to its text, numbers compare as numbers. The body gets data-ready
// once the script ran, and the table data-matching (the findings matching the filters): hooks
// for checking the page in a browser.
const char* kScript = R"(
(function(){
var collator = new Intl.Collator(undefined, {numeric: true});
function num(n){ return n.toLocaleString('en-US'); }
function compare(x, y){
  var nx = Number(x), ny = Number(y);
  if (x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny)) return nx - ny;
  return collator.compare(String(x), String(y));
}
document.querySelectorAll('table.sortable').forEach(function(table){
  if (table.id === 'findings') return;
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
        return asc ? compare(x, y) : -compare(x, y);
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
});
var data = JSON.parse(document.getElementById('finding-data').textContent);
var table = document.getElementById('findings');
var body = table.tBodies[0];
var form = document.getElementById('filters');
var count = document.getElementById('finding-count');
var status = document.getElementById('page-status');
var prev = document.getElementById('page-prev'), next = document.getElementById('page-next');
var total = Number(document.body.getAttribute('data-findings'));
var PAGE = 100, keys = ['q', 'kind', 'severity', 'part', 'shipment', 'destination'];
// The data field each column sorts by (the severity column by rank).
var sortField = [0, 2, 3, 7, 8, 10, 11, 12, 12];
var sortCol = -1, sortAsc = true, page = 1;
function text(f){
  if (f.text === undefined) {
    var t = f.slice(1, 13).join('\n');
    f[13].forEach(function(r){ t += '\n' + r.join('\n'); });
    f.text = t.toLowerCase();
  }
  return f.text;
}
function readHash(){
  var p = new URLSearchParams(location.hash.replace(/^#/, ''));
  keys.forEach(function(k){ form.elements[k].value = p.get(k) || ''; });
  page = Math.max(1, parseInt(p.get('page'), 10) || 1);
}
function writeHash(){
  var p = new URLSearchParams();
  keys.forEach(function(k){ if (form.elements[k].value) p.set(k, form.elements[k].value); });
  if (page > 1) p.set('page', String(page));
  var h = p.toString();
  history.replaceState(null, '', h ? '#' + h : location.pathname + location.search);
}
function cell(tr, value, cls){
  var td = tr.insertCell();
  td.textContent = value;
  if (cls) td.className = cls;
  return td;
}
function row(f){
  var tr = document.createElement('tr');
  cell(tr, f[1], f[1]); cell(tr, f[2]); cell(tr, f[3]); cell(tr, f[7]); cell(tr, f[8]);
  cell(tr, f[10] || '(none)'); cell(tr, f[11]); cell(tr, f[12]);
  var td = tr.insertCell();
  f[13].forEach(function(r){
    var d = document.createElement('div');
    d.textContent = r[0] + ' (' + r[1] + '): ' + r[3];
    if (r[2]) { var s = document.createElement('small'); s.textContent = ' ' + r[2]; d.appendChild(s); }
    td.appendChild(d);
  });
  return tr;
}
function render(){
  var c = {};
  keys.forEach(function(k){ c[k] = form.elements[k].value.trim(); });
  var q = c.q.toLowerCase(), part = c.part.toLowerCase(), ship = c.shipment.toLowerCase();
  var filtered = keys.some(function(k){ return c[k] !== ''; });
  var rows = data.filter(function(f){
    if (c.severity && f[1] !== c.severity) return false;
    if (c.kind && f[2] !== c.kind) return false;
    if (c.destination && f[7] !== (c.destination === '-' ? '' : c.destination)) return false;
    if (part && f[4].toLowerCase().indexOf(part) < 0) return false;
    if (ship && f[5].toLowerCase().indexOf(ship) < 0) return false;
    if (q && text(f).indexOf(q) < 0) return false;
    return true;
  });
  if (sortCol >= 0) {
    var i = sortField[sortCol];
    rows.sort(function(a, b){ var d = compare(a[i], b[i]); return sortAsc ? d : -d; });
  }
  var pages = Math.max(1, Math.ceil(rows.length / PAGE));
  if (page > pages) page = pages;
  var from = (page - 1) * PAGE, to = Math.min(from + PAGE, rows.length);
  var frag = document.createDocumentFragment();
  for (var n = from; n < to; ++n) frag.appendChild(row(rows[n]));
  body.textContent = '';
  body.appendChild(frag);
  count.textContent = !filtered ? num(total)
    : num(rows.length) + ' of ' + (data.length < total ? 'the ' + num(data.length) + ' in this page, ' + num(total) + ' in all' : num(total));
  status.textContent = rows.length ? 'Showing ' + num(from + 1) + '\u2013' + num(to) + ' of ' + num(rows.length) +
    (filtered ? ' matching' : '') + ' (page ' + num(page) + ' of ' + num(pages) + ')' : 'No finding matches the filters.';
  prev.disabled = page <= 1;
  next.disabled = page >= pages;
  table.setAttribute('data-matching', String(rows.length));
}
table.querySelectorAll('th').forEach(function(th, col){
  th.addEventListener('click', function(){
    sortAsc = sortCol === col ? !sortAsc : true;
    sortCol = col;
    table.querySelectorAll('th').forEach(function(h){h.classList.remove('sorted-asc','sorted-desc');});
    th.classList.add(sortAsc ? 'sorted-asc' : 'sorted-desc');
    render();
  });
});
form.addEventListener('input', function(){ page = 1; writeHash(); render(); });
form.addEventListener('submit', function(e){ e.preventDefault(); });
form.addEventListener('reset', function(){ setTimeout(function(){ page = 1; writeHash(); render(); }, 0); });
prev.addEventListener('click', function(){ --page; writeHash(); render(); });
next.addEventListener('click', function(){ ++page; writeHash(); render(); });
window.addEventListener('hashchange', function(){
  readHash(); render();
  document.getElementById('findings-heading').scrollIntoView();
});
form.hidden = false;
document.getElementById('pager').hidden = false;
readHash();
render();
document.body.setAttribute('data-ready', '1');
})();
)";

// Counts of findings by a key and severity (high, medium, low, other), with the total.
struct SeverityCounts {
  int64_t by[4] = {0, 0, 0, 0};
  int64_t total = 0;
};

// The finding's key in a summary (kind, or destination with "" for findings without one).
template <typename Key>
std::map<std::string, SeverityCounts> CountsBy(const InventoryAuditReport& r, Key key) {
  std::map<std::string, SeverityCounts> out;
  for (const auto& f : r.findings) {
    SeverityCounts& c = out[key(f)];
    ++c.by[SeverityRank(f.severity)];
    ++c.total;
  }
  return out;
}

// A count linking to the findings it counts (the script filters by the fragment); 0 is not a link.
std::string CountCell(int64_t n, const std::string& fragment) {
  if (n == 0) return "<td class=\"n\">0</td>";
  return "<td class=\"n\"><a href=\"#" + Esc(fragment) + "\">" + Num(n) + "</a></td>";
}

// One summary table: a row per key (`filter` names the fragment key), columns high, medium, low,
// total; the rows in `order`.
std::string SummaryTable(const std::string& id, const std::string& caption,
                         const std::string& filter,
                         const std::vector<std::pair<std::string, SeverityCounts>>& rows,
                         const std::string& none_label) {
  std::string h = "<table id=\"" + id + "\" class=\"sortable\"><caption>" + caption +
                  "</caption><thead><tr><th>" + filter +
                  "</th><th>high</th><th>medium</th><th>low</th><th>total</th></tr></thead><tbody>";
  static const char* kSeverity[] = {"high", "medium", "low"};
  for (const auto& [key, c] : rows) {
    std::string value = key.empty() ? "-" : key;
    std::string base = filter + "=" + UrlPart(value);
    h += "<tr><td>" + (key.empty() ? none_label : Esc(key)) + "</td>";
    for (int s = 0; s < 3; ++s) h += CountCell(c.by[s], base + "&severity=" + kSeverity[s]);
    h += CountCell(c.total, base) + "</tr>";
  }
  return h + "</tbody></table>";
}

// Kinds in name order; destinations by most findings, then by code.
std::string Summaries(const InventoryAuditReport& r) {
  auto kinds = CountsBy(r, [](const AuditFinding& f) { return f.kind; });
  auto dests = CountsBy(r, [](const AuditFinding& f) { return f.destination; });
  std::vector<std::pair<std::string, SeverityCounts>> kind_rows(kinds.begin(), kinds.end());
  std::vector<std::pair<std::string, SeverityCounts>> dest_rows(dests.begin(), dests.end());
  std::stable_sort(dest_rows.begin(), dest_rows.end(),
                   [](const auto& a, const auto& b) { return a.second.total > b.second.total; });
  return "<div class=\"summaries\">" +
         SummaryTable("summary", "Findings by kind", "kind", kind_rows, "") +
         SummaryTable("by-destination", "Findings by destination", "destination", dest_rows,
                      "<small>none (parts, licenses)</small>") +
         "</div>\n";
}

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
           "\" height=\"18\" fill=\"#4a6fa5\"><title>" + Esc(cls) + ": " + Num(n) +
           "</title></rect>";
    svg += "<text x=\"" + std::to_string(label + w + 6) + "\" y=\"" + std::to_string(y + 16) +
           "\">" + Num(n) + "</text>";
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
std::string UseCell(std::optional<int64_t> limit, int64_t used, bool dollars) {
  std::string text = LimitUseText(limit, used, dollars);
  return "<td class=\"use\">" + (limit ? UseBar(used, *limit, text) : "") + Esc(text) + "</td>";
}

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

// The findings about one license listed in its row, at most; the rest are counted and linked
// (a search for the license number finds them).
constexpr size_t kLicenseFindingsShown = 10;

// The licenses held: terms, use replayed up to the audit date with a bar per limit, and the
// findings about each license (its lines' and its own), most severe first.
std::string LicensesSection(const InventoryAuditReport& r,
                            const std::vector<const AuditFinding*>& sorted) {
  std::map<std::string, std::vector<const AuditFinding*>> by_license;
  for (const AuditFinding* f : sorted) {
    if (!f->license.empty()) by_license[f->license].push_back(f);
  }
  std::string h = "<h2>Licenses (" + Num(static_cast<int64_t>(r.licenses.size())) +
                  ")</h2>\n<p><small>Use as of " + FormatDate(r.date) +
                  ", replayed from the stored shipments naming each license; lines of unknown "
                  "value count towards the quantity only.</small></p>\n";
  h += "<table id=\"licenses\" class=\"sortable\"><thead><tr><th>license</th><th>classes</th>"
       "<th>destinations</th><th>valid</th><th>quantity used</th><th>value used</th>"
       "<th>lines</th><th>findings</th></tr></thead><tbody>\n";
  for (const auto& u : r.licenses) {
    const License& l = u.license;
    std::string findings;
    const auto& about = by_license[l.number];
    for (size_t i = 0; i < about.size() && i < kLicenseFindingsShown; ++i) {
      const AuditFinding& f = *about[i];
      findings += "<div><span class=\"" + Esc(f.severity) + "\">" + Esc(f.kind) + "</span> " +
                  Esc(FindingSubject(f)) + "</div>";
    }
    if (about.size() > kLicenseFindingsShown) {
      findings += "<div><a href=\"#q=" + Esc(UrlPart(l.number)) + "\">and " +
                  Num(static_cast<int64_t>(about.size() - kLicenseFindingsShown)) +
                  " more</a></div>";
    }
    std::string lines = Num(u.lines);
    if (u.unknown_value_lines)
      lines += " <small>(" + Num(u.unknown_value_lines) + " of unknown value)</small>";
    h += "<tr><td>" + Esc(l.number) + "</td><td>" + Esc(Join(l.classes, ", ")) + "</td><td>" +
         Esc(Join(l.destinations, ", ")) + "</td><td>" + FormatDate(l.valid_from) + " to " +
         FormatDate(l.valid_until) + "</td>" + UseCell(l.quantity_limit, u.used.quantity, false) +
         UseCell(l.value_limit, u.used.value, true) + "<td>" + lines + "</td><td>" + findings +
         "</td></tr>\n";
  }
  return h + "</tbody></table>\n";
}

// The status changes listed in the page, at most; the text and JSON reports list them all.
constexpr size_t kHtmlChangeRows = 1000;

// The --compare-date changes from the earlier date to the later, grouped by what caused them
// (each cause with its citation, the parts and past shipments it affects), as the text report.
std::string ChangesSection(const InventoryAuditReport& r) {
  std::string h = "<h2>Status changes from " + FormatDate(r.changes_from) + " to " +
                  FormatDate(r.changes_to) + " (" + Num(static_cast<int64_t>(r.changes.size())) +
                  ")</h2>\n";
  if (r.changes.size() > kHtmlChangeRows) {
    h += "<p class=\"note\">The first " + Num(kHtmlChangeRows) + " of " +
         Num(static_cast<int64_t>(r.changes.size())) +
         " changes are listed here; the text and JSON reports list them all.</p>\n";
  }
  size_t shown = 0;
  for (const ChangeGroup& g : r.change_groups) {
    h += "<h3>";
    for (size_t k = 0; k < g.causes.size(); ++k) {
      const ChangeCause& c = g.causes[k];
      h += (k ? "<br>" : "") + Esc(CauseText(c));
      if (!c.cite.empty()) h += " <small>[" + Esc(c.cite) + "]</small>";
    }
    h += "</h3>\n<p>" + Num(g.parts) + (g.parts == 1 ? " part, " : " parts, ") + Num(g.shipments) +
         (g.shipments == 1 ? " past shipment" : " past shipments") + " (to " +
         FormatDate(r.changes_to) + "), " + Num(static_cast<int64_t>(g.count)) +
         (g.count == 1 ? " change" : " changes") + "</p>\n";
    if (shown >= kHtmlChangeRows) continue;
    h += "<table class=\"changes sortable\"><thead><tr><th>part</th><th>destination</th>"
         "<th>before</th><th>after</th></tr></thead><tbody>\n";
    for (size_t i = g.first; i < g.first + g.count && shown < kHtmlChangeRows; ++i, ++shown) {
      const StatusChange& c = r.changes[i];
      h += "<tr><td>" + Esc(c.part) + "</td><td>" + Esc(c.destination) + "</td><td>" +
           std::string(DecisionName(c.before)) + "</td><td>" + std::string(DecisionName(c.after)) +
           "</td></tr>\n";
    }
    h += "</tbody></table>\n";
  }
  return h;
}

// Who ran the audit, on which database, with which chipgate and rules, and when.
std::string MetaTable(const InventoryAuditReport& r, const AuditRunInfo& info) {
  auto row = [](const char* name, const std::string& value) {
    return "<tr><th>" + std::string(name) + "</th><td>" + value + "</td></tr>";
  };
  auto known = [](const std::string& v) { return v.empty() ? "<small>not known</small>" : Esc(v); };
  std::string h = "<table class=\"meta\" id=\"run-info\"><tbody>";
  std::string as_of = FormatDate(r.date);
  if (r.compare_date) as_of += ", compared with " + FormatDate(*r.compare_date);
  if (r.shipments_after_date)
    as_of += " <small>(not audited: " + Num(r.shipments_after_date) +
             (r.shipments_after_date == 1 ? " shipment" : " shipments") +
             " dated after it)</small>";
  h += row("audit date", as_of);
  h += row("run by", known(info.actor) + " on " + known(info.host));
  h += row("database", known(info.database) + "<br><code>" + known(info.database_digest) +
                           "</code> <small>(SHA-256 of the file before the audit)</small>");
  h += row("rule pack", Esc(r.pack) + "<br><code>" + Esc(r.digest) + "</code>");
  h += row("chipgate", Esc(std::string(ChipgateVersion())));
  char took[32];
  std::snprintf(took, sizeof took, "%.1f", info.seconds);
  h += row("ran",
           known(info.started) + (info.started.empty() ? "" : " UTC, " + std::string(took) + " s"));
  h += row("audit run", r.run_id ? Num(r.run_id) + " <small>(recorded in the database)</small>"
                                 : "<small>not recorded</small>");
  return h + "</tbody></table>\n";
}

// One finding as the script's data: [rank, severity, kind, subject, part, shipment, line,
// destination, date, license, declared, computed, summary, [[rule, decision, cite, message]...]].
void Data(std::string& out, const InventoryAuditReport& r, const AuditFinding& f) {
  out += '[' + std::to_string(SeverityRank(f.severity)) + ',';
  for (const std::string* s : {&f.severity, &f.kind}) {
    JsonData(out, *s);
    out += ',';
  }
  JsonData(out, FindingSubject(f));
  out += ',';
  JsonData(out, f.part);
  out += ',';
  JsonData(out, f.shipment);
  out += ',' + std::to_string(f.shipment.empty() ? 0 : f.line) + ',';
  JsonData(out, f.destination);
  out += ",\"" + FormatDate(FindingDate(r, f)) + "\",";
  for (const std::string* s : {&f.license, &f.declared, &f.computed, &f.summary}) {
    JsonData(out, *s);
    out += ',';
  }
  out += '[';
  bool first = true;
  for (const auto& reason : f.reasons) {
    out += first ? "[" : ",[";
    first = false;
    JsonData(out, reason.rule);
    out += ',';
    JsonData(out, reason.decision);
    out += ',';
    JsonData(out, reason.cite);
    out += ',';
    JsonData(out, reason.message);
    out += ']';
  }
  out += "]]";
}

// One row of the findings table as the page starts with it (the script's row() builds the same).
std::string Row(const InventoryAuditReport& r, const AuditFinding& f) {
  std::string reasons;
  for (const auto& reason : f.reasons) {
    reasons += "<div>" + Esc(reason.rule) + " (" + Esc(reason.decision) +
               "): " + Esc(reason.message) +
               (reason.cite.empty() ? "" : "<small> " + Esc(reason.cite) + "</small>") + "</div>";
  }
  return "<tr><td class=\"" + Esc(f.severity) + "\">" + Esc(f.severity) + "</td><td>" +
         Esc(f.kind) + "</td><td>" + Esc(FindingSubject(f)) + "</td><td>" + Esc(f.destination) +
         "</td><td>" + FormatDate(FindingDate(r, f)) + "</td><td>" +
         Esc(f.declared.empty() ? "(none)" : f.declared) + "</td><td>" + Esc(f.computed) +
         "</td><td>" + Esc(f.summary) + "</td><td>" + reasons + "</td></tr>\n";
}

// The search box and the filters, shown by the script (they do nothing without it).
std::string Filters(const InventoryAuditReport& r) {
  std::set<std::string> kinds, dests;
  bool no_dest = false;
  for (const auto& f : r.findings) {
    kinds.insert(f.kind);
    if (f.destination.empty()) {
      no_dest = true;
    } else {
      dests.insert(f.destination);
    }
  }
  auto select = [](const char* name, const std::vector<std::string>& values, const char* extra) {
    std::string h = "<label>" + std::string(name) + "<select name=\"" + name +
                    "\"><option value=\"\">all</option>";
    for (const auto& v : values) h += "<option>" + Esc(v) + "</option>";
    return h + extra + "</select></label>";
  };
  std::string h =
      "<form id=\"filters\" hidden><label>search<input type=\"search\" name=\"q\" "
      "placeholder=\"part, shipment, reason...\" size=\"28\"></label>";
  h += select("kind", {kinds.begin(), kinds.end()}, "");
  h += select("severity", {"high", "medium", "low"}, "");
  h += "<label>part<input name=\"part\" size=\"16\"></label>";
  h += "<label>shipment<input name=\"shipment\" size=\"12\"></label>";
  h += select("destination", {dests.begin(), dests.end()},
              no_dest ? "<option value=\"-\">none</option>" : "");
  return h + "<button type=\"reset\">clear</button></form>\n";
}

}  // namespace

std::string AuditHtml(const InventoryAuditReport& r, const AuditRunInfo& info) {
  const std::vector<const AuditFinding*> sorted = FindingsBySeverity(r);
  const size_t total = sorted.size();
  const size_t embedded = std::min(total, kHtmlEmbeddedFindings);
  const size_t first_page = std::min(total, kHtmlPageRows);
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width\"><title>chipgate audit " +
      FormatDate(r.date) + "</title><style>" + kStyle + "</style></head><body data-findings=\"" +
      std::to_string(total) + "\">\n";
  h += "<h1>Export-control audit as of " + FormatDate(r.date) + "</h1>\n" + MetaTable(r, info);
  auto severity = CountsBy(r, [](const AuditFinding&) { return std::string(); })[""];
  h += "<div class=\"cards\"><div class=\"card\"><b>" + Num(r.parts) +
       "</b>parts</div><div class=\"card\"><b>" + Num(r.shipments) +
       "</b>shipments</div><div class=\"card\"><b id=\"finding-total\">" + Num(total) +
       "</b>findings</div>";
  static const char* kSeverity[] = {"high", "medium", "low"};
  for (int s = 0; s < 3; ++s) {
    h += "<div class=\"card\"><b class=\"" + std::string(kSeverity[s]) + "\">" +
         Num(severity.by[s]) + "</b>" + kSeverity[s] + "</div>";
  }
  h += "</div>\n<h2>Summary</h2>\n" + Summaries(r);
  h += "<h2>Parts by computed class</h2>\n" + Chart(r) + "\n";
  h += "<h2 id=\"findings-heading\">Findings (<span id=\"finding-count\">" + Num(total) +
       "</span>)</h2>\n";
  std::string csv = info.csv_link.empty()
                        ? std::string()
                        : "<a href=\"" + Esc(info.csv_link) + "\">" + Esc(info.csv_link) + "</a>";
  if (embedded < total) {
    h += "<p class=\"note\" id=\"findings-bound\">This page holds the " + Num(embedded) +
         " most severe of the " + Num(total) +
         " findings; search and filters work on those. The summary above counts all of them. " +
         (csv.empty() ? "Write the full list with <code>chipgate audit --csv FILE</code> (or "
                        "<code>--format csv</code>)."
                      : "The full list is in " + csv + ".") +
         "</p>\n";
  } else if (!csv.empty()) {
    h += "<p class=\"noprint\">Also as CSV, for a spreadsheet: " + csv + ".</p>\n";
  }
  h += "<p><small>Most severe first, then by kind and part.</small></p>\n";
  h += Filters(r);
  h += "<div id=\"pager\" hidden><button type=\"button\" id=\"page-prev\">previous</button>"
       "<span id=\"page-status\"></span><button type=\"button\" "
       "id=\"page-next\">next</button></div>\n";
  if (first_page < total) {
    h += "<noscript><p class=\"note\">The first " + Num(first_page) + " of " + Num(total) +
         " findings are listed" +
         (csv.empty() ? " (the CSV export lists them all: --csv FILE)" : "; all are in " + csv) +
         ".</p></noscript>\n";
  }
  h += "<table id=\"findings\" class=\"sortable\"><thead><tr><th>severity</th><th>kind</th>"
       "<th>subject</th><th>destination</th><th>date</th><th>declared / recorded</th>"
       "<th>computed</th><th>finding</th><th>reasons</th></tr></thead><tbody>\n";
  for (size_t i = 0; i < first_page; ++i) h += Row(r, *sorted[i]);
  h += "</tbody></table>\n<script type=\"application/json\" id=\"finding-data\">[";
  for (size_t i = 0; i < embedded; ++i) {
    if (i) h += ",\n";
    Data(h, r, *sorted[i]);
  }
  h += "]</script>\n";
  if (!r.licenses.empty()) h += LicensesSection(r, sorted);
  if (r.compare_date) h += ChangesSection(r);
  h += "<script>" + std::string(kScript) + "</script>\n</body></html>\n";
  return h;
}

}  // namespace chipgate::cli
