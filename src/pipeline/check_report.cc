// Check report rendering: the JSON document (fields and order specified in docs/cli.md, written
// with PrettyJson) and the text table.
#include "pipeline/check_report.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sstream>

#include "chipgate/terminal_text.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate {
namespace {

// %g: whole quantities print without a decimal point; from 1000000 up it prints an exponent
// (1e+06).
std::string Quantity(double q) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", q);
  return buf;
}

// The classes column: class ids joined without spaces, so the column stays narrow.
std::string Join(const std::vector<std::string_view>& v, const char* sep) {
  std::string out;
  for (auto s : v) out += (out.empty() ? "" : sep) + std::string(s);
  return out;
}

// Pads by bytes, not by display width: a column holding multi-byte UTF-8 (or the escapes
// TerminalSafe adds) is aligned approximately. The JSON output is the one for programs.
std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

// A remaining balance in the JSON document: a whole number of units, dollars as an exact decimal
// string (as `license show` writes them), null where the license has no such limit.
void QuantityOrNull(PrettyJson& j, const std::optional<int64_t>& q) {
  if (q) {
    j.Int(*q);
  } else {
    j.Null();
  }
}
void UsdOrNull(PrettyJson& j, const std::optional<UsdCents>& v) {
  if (v) {
    j.String(FormatUsd(*v));
  } else {
    j.Null();
  }
}

// `authorization`: what lets the line ship beyond "no license required" (an exception or a
// license), or null. `license_refused` is null unless the line is license_required, licenses were
// matched for it and none covers it: then the named license (or null) and every reason, by its
// stable name.
void AuthorizationJson(PrettyJson& j, const CheckedLine& l) {
  j.Key("authorization");
  std::optional<AuthorizationKind> kind = AuthorizationOf(l);
  if (kind == AuthorizationKind::kException) {
    j.BeginObject().Key("kind").String("exception").Key("id").String(l.decision.exception->code);
    j.Key("remaining_quantity").Null().Key("remaining_value_usd").Null().EndObject();
  } else if (kind == AuthorizationKind::kLicense) {
    j.BeginObject().Key("kind").String("license").Key("id").String(l.license->number);
    j.Key("remaining_quantity");
    QuantityOrNull(j, l.license->match.after.quantity);
    j.Key("remaining_value_usd");
    UsdOrNull(j, l.license->match.after.value);
    j.EndObject();
  } else {
    j.Null();
  }
  j.Key("license_refused");
  if (l.license && !l.license->match.cleared()) {
    j.BeginObject().Key("license").StringOrNull(l.license->named).Key("reasons").BeginArray();
    for (LicenseRefusal r : l.license->match.refusals) j.String(LicenseRefusalName(r));
    j.EndArray().EndObject();
  } else {
    j.Null();
  }
}

// The text under a license_required row that licenses were matched for: the license with its
// balance before and after the line and its conditions, or every reason it may not ship.
std::string LicenseNote(const LineLicense& lic) {
  auto balance = [](const std::optional<int64_t>& before, const std::optional<int64_t>& after,
                    const std::optional<UsdCents>& vbefore, const std::optional<UsdCents>& vafter) {
    std::string out = "quantity ";
    out += before ? std::to_string(*before) + " -> " + std::to_string(*after) : "no limit";
    out += ", value (USD) ";
    out += vbefore ? FormatUsd(*vbefore) + " -> " + FormatUsd(*vafter) : "no limit";
    return out;
  };
  if (lic.match.cleared()) {
    const LicenseMatch& m = lic.match;
    std::string out = "    license " + TerminalSafe(lic.number) + " covers the line: remaining " +
                      balance(m.before.quantity, m.after.quantity, m.before.value, m.after.value) +
                      "\n";
    if (!lic.conditions.empty())
      out += "    condition (" + TerminalSafe(lic.number) + "): " + TerminalSafe(lic.conditions) +
             "\n";
    return out;
  }
  std::string out = lic.named.empty()
                        ? std::string("    no license covers the line:\n")
                        : "    license " + TerminalSafe(lic.named) + " does not cover the line:\n";
  for (LicenseRefusal r : lic.match.refusals) {
    out += "      " + std::string(LicenseRefusalName(r)) + ": " + std::string(RefusalSentence(r)) +
           "\n";
  }
  return out;
}

}  // namespace

namespace {

// Output is handed to the stream in pieces of about this size, so memory stays flat.
constexpr size_t kFlushBytes = 1 << 16;

// One element of `lines`. Every member is always there: `exception` is null unless an exception
// covered the line, a reason's `cite` and `policy` are null when its rule has none, and
// `affiliates_unchecked` is [] unless the affiliates rule was in force and some party's owners
// were not given.
void LineJson(PrettyJson& j, const CheckedLine& l) {
  // `index` is the line's number in the manifest (1-based), the one `explain --line` takes.
  j.BeginObject().Key("index").Int(l.line->index).Key("part").String(l.line->item.part);
  // The loader admits whole numbers only; a fraction is kept for library callers.
  double q = l.line->item.quantity;
  if (q == static_cast<double>(static_cast<int64_t>(q))) {
    j.Key("quantity").Int(static_cast<int64_t>(q));
  } else {
    j.Key("quantity").Double(q);
  }
  j.Key("classes").BeginArray();
  for (auto c : l.decision.classes) j.String(c);
  j.EndArray().Key("decision").String(DecisionName(l.decision.decision)).Key("exception");
  if (const auto& e = l.decision.exception) {
    j.BeginObject().Key("code").String(e->code).Key("conditions").BeginArray();
    for (auto c : e->conditions) j.String(c);
    j.EndArray().Key("cite").StringOrNull(e->cite).EndObject();
  } else {
    j.Null();
  }
  AuthorizationJson(j, l);
  j.Key("reasons");
  ReasonsJson(j, l.decision.reasons);
  j.Key("affiliates_unchecked").BeginArray();
  for (const auto& party : l.decision.affiliates_unchecked) j.String(party);
  j.EndArray();
  j.EndObject();
}

}  // namespace

void ReasonsJson(PrettyJson& j, const std::vector<Reason>& reasons) {
  j.BeginArray();
  for (const auto& reason : reasons) {
    j.BeginObject().Key("rule").String(reason.rule);
    j.Key("decision").String(DecisionName(reason.decision));
    // `message` is the reason's full text (its message and, when any, its per-line detail).
    j.Key("cite").StringOrNull(reason.cite).Key("message").String(reason.Text());
    j.Key("policy").StringOrNull(reason.policy).EndObject();
  }
  j.EndArray();
}

void RulesJson(PrettyJson& j, const Engine& engine) {
  j.Key("rules").BeginObject().Key("pack").String(engine.pack_name());
  j.Key("digest").String(engine.digest()).Key("packs").BeginArray();
  for (const auto& p : engine.packs()) {
    j.BeginObject().Key("name").String(p.name).Key("version").StringOrNull(p.version);
    j.Key("digest").String(p.digest).EndObject();
  }
  j.EndArray().EndObject();
}

// The document's members up to `lines`, written line by line; the object is left open for
// CheckJsonTail, which is written once the records are (docs/cli.md has the fields).
// Reads only the manifest, the engine and the decisions (never the recording fields), which is
// what lets check_command.cc render it while Record runs on another thread.
// `flush`, when set, takes the text written so far whenever it passes kFlushBytes (memory stays
// flat for a stream); without it everything stays in `buf`.
namespace {
void AppendCheckJsonBody(const CheckReport& r, std::string& buf, JsonKind kind,
                         const std::function<void(std::string&)>& flush) {
  PrettyJson j(buf, 0);
  j.BeginObject();
  JsonReportHead(j, kind);
  j.Key("shipment")
      .StringOrNull(r.manifest->shipment.id)
      .Key("date")
      .String(FormatDate(r.date))
      .Key("verdict")
      .String(DecisionName(r.verdict))
      .Key("may_ship")
      .Bool(ReportMayShip(r));
  RulesJson(j, *r.engine);
  j.Key("lines").BeginArray();
  for (const auto& l : r.lines) {
    LineJson(j, l);
    if (flush && buf.size() >= kFlushBytes) flush(buf);
  }
  j.EndArray();
}
}  // namespace

void CheckJsonBody(const CheckReport& r, std::ostream& out, JsonKind kind) {
  CheckJsonBody(
      r, [&out](std::string_view text) { out << text; }, kind);
}

void CheckJsonBody(const CheckReport& r, const std::function<void(std::string_view)>& sink,
                   JsonKind kind) {
  std::string buf;
  AppendCheckJsonBody(r, buf, kind, [&sink](std::string& text) {
    sink(text);
    text.clear();
  });
  sink(buf);
}

// `recorded`, then `audit`: null unless the decisions were recorded, else where, with the anchor
// (`last_seq`:`head`) that `log verify --expect-head` takes. When the log was written but there
// were no lines (no record), the sequence numbers and the head are null.
void RecordedJson(PrettyJson& j, const CheckReport& r) {
  j.Key("recorded").Bool(r.recorded).Key("audit");
  if (!r.recorded) {
    j.Null();
    return;
  }
  j.BeginObject().Key("db").String(r.audit_db).Key("first_seq");
  bool any = r.first_seq > 0;
  any ? j.Int(r.first_seq) : j.Null();
  j.Key("last_seq");
  any ? j.Int(r.last_seq) : j.Null();
  j.Key("head").StringOrNull(r.audit_head).EndObject();
}

std::string CheckJsonTail(const CheckReport& r) {
  std::string out;
  PrettyJson j = PrettyJson::ContinueObject(out);
  RecordedJson(j, r);
  j.EndObject();
  return out + "\n";
}

// The whole document in one call, for callers without a concurrent Record.
void CheckJson(const CheckReport& r, std::ostream& out) {
  CheckJsonBody(r, out);
  out << CheckJsonTail(r);
}

// Written straight into the string (no stream and no copy of the text): the service answers
// every POST /v1/check with body and tail. The same bytes as the stream form.
std::string CheckJsonBodyText(const CheckReport& r) {
  std::string out;
  out.reserve(1024 + 768 * r.lines.size());
  AppendCheckJsonBody(r, out, JsonKind::kCheck, nullptr);
  return out;
}

std::string CheckJson(const CheckReport& r) { return CheckJsonBodyText(r) + CheckJsonTail(r); }

std::string CheckText(const CheckReport& r) { return CheckTextBody(r) + CheckTextTail(r); }

// Header (shipment, date, destination, pack and the start of its digest), one table row per line
// (the first reason is the most restrictive: the evaluator sorts them), then the verdict with the
// number of held lines. Rows are built first so each column can be as wide as its widest cell.
std::string CheckTextBody(const CheckReport& r) {
  const ShipmentFacts& s = r.manifest->shipment;
  // Every value from the manifest, the inventory or the pack is made terminal-safe.
  std::string out = "shipment " + (s.id.empty() ? "(no id)" : TerminalSafe(s.id)) + " on " +
                    FormatDate(r.date) + " to " +
                    (s.end_user.country.empty() ? "?" : TerminalSafe(s.end_user.country)) +
                    " — rules " + TerminalSafe(r.engine->pack_name()) + " " +
                    TerminalSafe(r.engine->digest().substr(0, 19)) + "\n\n";
  std::vector<std::vector<std::string>> rows = {
      {"#", "part", "qty", "classes", "decision", "exception", "first reason"}};
  std::vector<std::string> notes;  // exception conditions and pack notes, printed under their row
  int held = 0;
  for (const auto& l : r.lines) {
    const LineDecision& d = l.decision;
    held += LineMayShip(l) ? 0 : 1;
    // A line always has a reason (at least `uncontrolled`); "-" only guards library callers.
    std::string reason = "-";
    if (!d.reasons.empty()) {
      const Reason& first = d.reasons.front();
      reason = std::string(first.rule) + ": " + first.Text();
      if (!first.cite.empty()) reason += " [" + std::string(first.cite) + "]";
    }
    rows.push_back({std::to_string(l.line->index), TerminalSafe(l.line->item.part),
                    Quantity(l.line->item.quantity),
                    d.classes.empty() ? "-" : TerminalSafe(Join(d.classes, ",")),
                    std::string(DecisionName(d.decision)),
                    d.exception ? TerminalSafe(d.exception->code) : "-", TerminalSafe(reason)});
    std::string note = l.license ? LicenseNote(*l.license) : "";
    if (d.exception) {
      for (auto c : d.exception->conditions) {
        note +=
            "    condition (" + TerminalSafe(d.exception->code) + "): " + TerminalSafe(c) + "\n";
      }
    }
    // Who the parties are: ownership that could not be checked, and the affiliates and conflict
    // reasons after the first (which is the row's own), each under the row.
    for (const auto& party : d.affiliates_unchecked)
      note +=
          "    affiliates rule not checked: who owns " + TerminalSafe(party) + " is not given\n";
    for (size_t i = 1; i < d.reasons.size(); ++i) {
      const Reason& reason = d.reasons[i];
      if (reason.source != ReasonSource::kAffiliate && reason.source != ReasonSource::kConflict &&
          reason.source != ReasonSource::kOwnershipUnknown)
        continue;
      note += "    " + std::string(DecisionName(reason.decision)) + " (" +
              TerminalSafe(std::string(reason.rule)) + "): " + TerminalSafe(reason.Text()) +
              (reason.cite.empty() ? "" : " [" + TerminalSafe(std::string(reason.cite)) + "]") +
              "\n";
    }
    // Pack notes for the date (e.g. what the public pack cannot know then): shown under the row.
    for (const auto& reason : d.reasons) {
      if (reason.source != ReasonSource::kNote) continue;
      note += "    note (" + TerminalSafe(std::string(reason.rule)) +
              "): " + TerminalSafe(reason.Text()) +
              (reason.cite.empty() ? "" : " [" + TerminalSafe(std::string(reason.cite)) + "]") +
              "\n";
    }
    notes.push_back(note);
  }
  // Widths are taken over every row including the header; the last column is left out.
  std::vector<size_t> width(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c + 1 < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  // The last column is not padded, so lines carry no trailing spaces.
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t c = 0; c < rows[i].size(); ++c)
      out += c + 1 < rows[i].size() ? Pad(rows[i][c], width[c] + 2) : rows[i][c];
    out += "\n";
    if (i > 0) out += notes[i - 1];
  }
  out += "\nverdict: " + std::string(DecisionName(r.verdict)) + " (" + std::to_string(held) +
         " of " + std::to_string(r.lines.size()) + " lines held)" +
         (!ReportMayShip(r)                             ? " — do not ship"
          : r.verdict == DecisionKind::kLicenseRequired ? " — may ship under the licenses shown"
                                                        : " — may ship") +
         "\n";
  return out;
}

// `check` only renders a report that was recorded or opted out with --no-audit, hence the two
// cases. The head is shortened to 16 characters for reading; the JSON tail has it whole.
std::string CheckTextTail(const CheckReport& r) {
  std::string out;
  if (r.recorded) {
    out += "recorded in " + TerminalSafe(r.audit_db) + " as audit records " +
           std::to_string(r.first_seq) + "-" + std::to_string(r.last_seq) + " (head " +
           r.audit_head.substr(0, 16) + "…)\n";
  } else {
    out += "note: not recorded in an audit log (--no-audit)\n";
  }
  return out;
}

}  // namespace chipgate
