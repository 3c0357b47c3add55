// The shared ship steps (ship_pipeline.h).
#include "pipeline/ship_pipeline.h"

#include <cmath>
#include <sstream>

#include "chipgate/audit_entry.h"
#include "pipeline/check_pipeline.h"
#include "pipeline/license_authorization.h"
#include "pipeline/pretty_json.h"

namespace chipgate {
namespace {

// A line's quantity as stored: the loader admits whole numbers from 1 up to 1e12 only; anything
// else (a library caller's fraction) becomes 0, which the table refuses: fail closed.
int64_t StoredQuantity(double q) {
  return q >= 1 && q <= 1e12 && std::floor(q) == q ? static_cast<int64_t>(q) : 0;
}

// The license number or exception code a line ships under (shipment_lines.license); "" when it
// needs none or may not ship.
std::string AuthorizationId(const CheckedLine& l) {
  std::optional<AuthorizationKind> kind = AuthorizationOf(l);
  if (kind == AuthorizationKind::kException) return std::string(l.decision.exception->code);
  if (kind == AuthorizationKind::kLicense) return l.license->number;
  return "";
}

// `quantity 8 -> 4, value (USD) 3200000.00 -> 1600000.00`, `no limit` where there is none.
std::string BalanceText(const LicenseMatch& m) {
  std::string out = "quantity ";
  out += m.before.quantity
             ? std::to_string(*m.before.quantity) + " -> " + std::to_string(*m.after.quantity)
             : "no limit";
  out += ", value (USD) ";
  out +=
      m.before.value ? FormatUsd(*m.before.value) + " -> " + FormatUsd(*m.after.value) : "no limit";
  return out;
}

// The sentence of the line's `ship` reason in the audit record (MakeShipEntry's `outcome`).
std::string Outcome(const CheckedLine& l, const std::string& id, bool shipped) {
  if (shipped) {
    std::optional<AuthorizationKind> kind = AuthorizationOf(l);
    if (kind == AuthorizationKind::kLicense) {
      return "shipped in shipment " + id + " under license " + l.license->number + ": remaining " +
             BalanceText(l.license->match);
    }
    if (kind == AuthorizationKind::kException) {
      return "shipped in shipment " + id + " under License Exception " +
             std::string(l.decision.exception->code);
    }
    return "shipped in shipment " + id + ": no license required";
  }
  if (LineMayShip(l)) return "not shipped: another line of the shipment is held";
  if (l.license && !l.license->match.cleared()) {
    std::string out =
        l.license->named.empty()
            ? std::string("not shipped: no license covers the line (")
            : "not shipped: license " + l.license->named + " does not cover the line (";
    for (size_t i = 0; i < l.license->match.refusals.size(); ++i)
      out += (i ? ", " : "") + std::string(LicenseRefusalName(l.license->match.refusals[i]));
    return out + ")";
  }
  return "not shipped: the line is " + std::string(DecisionName(l.decision.decision));
}

// What the transaction records for the report as decided against the balances it read: the
// shipment and its uses when every line may ship, and one record per line either way.
Store::ShipDecision ShipDecisionOf(const CheckReport& r, const std::string& actor) {
  const Manifest& m = *r.manifest;
  bool shipped = ReportMayShip(r);
  Store::ShipDecision out;
  if (shipped) {
    // The parties as completed from the customer master (their ids too), the date decided under.
    Store::ShipmentRecord rec;
    StoredShipment& s = rec.shipment;
    s.id = m.shipment.id;
    s.date = r.date;
    s.consignee = m.shipment.consignee;
    s.end_user = m.shipment.end_user;
    s.end_use = m.shipment.end_use;
    for (const CheckedLine& l : r.lines) {
      int64_t quantity = StoredQuantity(l.line->item.quantity);
      s.lines.push_back(
          {l.line->index, l.line->item.part, quantity, AuthorizationId(l), l.line->unit_value});
      // The value is the matcher's quantity x unit value; nullopt only where the license has no
      // value limit and the line gave no unit value.
      if (AuthorizationOf(l) == AuthorizationKind::kLicense) {
        rec.uses.push_back(
            {l.line->index, l.license->number, quantity, l.license->match.line_value});
      }
    }
    out.ship = std::move(rec);
  }
  // A record per line either way: a refused attempt leaves its trace, and says why per line.
  for (const CheckedLine& l : r.lines) {
    std::string authorization = shipped ? AuthorizationId(l) : "";
    std::string outcome = Outcome(l, m.shipment.id, shipped);
    out.entries.push_back(MakeShipEntry({.check = {.actor = actor,
                                                   .input_digest = m.digest,
                                                   .pack_digest = r.engine->digest(),
                                                   .shipment = m.shipment,
                                                   .line = l.line->index,
                                                   .item = l.line->item,
                                                   .decision = l.decision},
                                         .shipped = shipped,
                                         .authorization = authorization,
                                         .outcome = outcome}));
  }
  return out;
}

// After check's tail members: whether the shipment was recorded, and each license use written.
std::string ShipJsonTail(const CheckReport& r, const Store::ShipDecision& d, bool shipped) {
  std::string out;
  PrettyJson j = PrettyJson::ContinueObject(out);
  RecordedJson(j, r);
  j.Key("shipped").Bool(shipped).Key("license_uses").BeginArray();
  if (shipped && d.ship) {
    for (const auto& u : d.ship->uses) {
      j.BeginObject().Key("line").Int(u.line).Key("license").String(u.license);
      j.Key("quantity").Int(u.quantity).Key("value_usd");
      if (u.value) {
        j.String(FormatUsd(*u.value));
      } else {
        j.Null();
      }
      j.EndObject();
    }
  }
  j.EndArray().EndObject();
  return out + "\n";
}

}  // namespace

std::string GeneratedShipmentId(const Manifest& m) {
  constexpr size_t kPrefix = 7;  // "sha256:"
  return "SHIP-" + FormatDate(m.shipment.date) + "-" + m.digest.substr(kPrefix, 12);
}

Result<ShipOutcome> RecordShip(Store& store, CheckReport& report, Manifest& manifest,
                               const std::string& actor, const std::string& db) {
  if (manifest.shipment.id.empty()) manifest.shipment.id = GeneratedShipmentId(manifest);
  ShipOutcome out;
  // The licenses check matched against (ReadLicensesFor's choice), read again under the lock.
  Store::LicenseScope scope{manifest.shipment.date, manifest.shipment.end_user.country, {}};
  for (const auto& line : manifest.lines)
    if (!line.license.empty()) scope.named.push_back(line.license);
  Result<Store::ShipResult> result = store.RecordShipment(
      manifest.shipment.id,
      [&](std::vector<HeldLicense>&& licenses) -> Result<Store::ShipDecision> {
        // Check's matching again, against the balances read under the lock.
        AuthorizeLines(std::move(licenses), report);
        out.decided = ShipDecisionOf(report, actor);
        return out.decided;
      },
      scope);
  if (!result.ok()) return result.status();
  out.result = std::move(result.value());
  MarkRecorded(report, db, out.result.audit);
  return out;
}

std::string ShipJson(const CheckReport& report, const ShipOutcome& outcome) {
  std::ostringstream os;
  CheckJsonBody(report, os, JsonKind::kShip);
  return std::move(os).str() + ShipJsonTail(report, outcome.decided, outcome.result.shipped);
}

}  // namespace chipgate
