// Store::RecordShipment: `chipgate ship`'s one write transaction (docs/licenses.md, "Ship"). The
// same for every backend: the id check, the licenses read inside the transaction, the caller's
// decision against them, the rows it records, the check that no license it drew on goes beyond
// its limits, and the audit records; the backend only reads and writes rows.
#include <set>

#include "store/store_impl.h"

namespace chipgate {
namespace {

// A date no recorded use is after: a license's use "as of" it is every use it has. Uses are
// dated `YYYY-MM-DD` and compared as text, which kMaxDate (formatted `+inf`) is not.
const Date kEveryUse = ParseDate("9999-12-31").value_or(Date{});

// Why the shipment cannot be stored as given, or "": the columns the shipments table requires.
std::string ShipmentProblem(const std::string& id, const StoredShipment& s) {
  if (s.id != id) return "the shipment to record is `" + s.id + "`, not `" + id + "`";
  if (s.lines.empty()) return "a shipment without lines is not recorded";
  if (s.consignee.country.size() != 2) return "the consignee's country is not known";
  if (s.end_user.country.size() != 2) return "the end user's country is not known";
  return "";
}

// The shipments and shipment_lines rows, as an import writes them.
Status InsertShipmentRows(StoreBackend& b, const StoredShipment& s) {
  if (Status st = b.InsertShipment({s.id, FormatDate(s.date), s.consignee.name, s.consignee.country,
                                    s.end_user.name, s.end_user.country, s.end_user.headquarters,
                                    s.consignee.id, s.end_user.id, s.end_use});
      !st.ok())
    return st;
  for (const StoredShipmentLine& l : s.lines) {
    // A shipment line names a part of the inventory (a foreign key): say which one is missing
    // rather than let the constraint end the transaction without a name.
    auto exists = b.PartExists(l.part);
    if (!exists.ok()) return exists.status();
    if (!exists.value()) {
      return Status::Error("part `" + l.part + "` of line " + std::to_string(l.line) +
                           " is not in the database: a shipment line must name a stored part");
    }
    if (Status st =
            b.InsertShipmentLine({s.id, l.line, l.part, l.quantity, l.license, l.unit_value});
        !st.ok())
      return st;
  }
  return Status::Ok();
}

// Fail closed beyond the caller's matching: after the uses are written, every license drawn on
// must still be within its limits counting all its uses. A caller that matched against stale
// balances gets an error (and nothing is written), never a license below zero.
Status CheckLimits(StoreBackend& b, const std::vector<Store::LicenseUseRow>& uses) {
  std::set<std::string> numbers;
  for (const auto& u : uses) numbers.insert(u.license);
  for (const std::string& n : numbers) {
    auto held = b.ReadLicense(n, kEveryUse);
    if (!held.ok()) return held.status();
    if (!held.value()) return Status::Error("license `" + n + "` is not stored");
    LicenseBalance left = RemainingOf(**held);
    if ((left.quantity && *left.quantity < 0) || (left.value && *left.value < 0)) {
      return Status::Error("license `" + n +
                           "` would be drawn beyond its quantity or value; nothing was shipped");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Store::ShipResult> Store::RecordShipment(const std::string& shipment_id,
                                                const ShipDecider& decide,
                                                const std::optional<LicenseScope>& scope) {
  ShipResult out;
  StoreBackend& b = *impl_->backend;
  Status s = b.InWriteTransaction([&]() -> Status {
    if (Status c = CheckAuditSchema(b); !c.ok()) return c;
    auto taken = b.ShipmentExists(shipment_id);
    if (!taken.ok()) return taken.status();
    if (taken.value()) {
      return Status::Error("shipment `" + shipment_id + "` is already recorded",
                           ErrorCode::kAlreadyRecorded);
    }
    // The balances the decision is made against are read here, under the write lock: no other
    // ship can draw on a license between this read and the commit.
    // With a scope, only the licenses the lines can be matched to (read through the destination
    // index: 100,000 licenses are not read for every shipment), with every use whatever its date.
    std::vector<HeldLicense> licenses;
    if (scope) {
      auto read = ReadLicensesForIn(b, scope->date, kEveryUse, scope->destination, scope->named);
      if (!read.ok()) return read.status();
      licenses = std::move(read.value());
    } else if (Status r = b.ForEachLicense(
                   kEveryUse, [&](HeldLicense&& h) { licenses.push_back(std::move(h)); });
               !r.ok()) {
      return r;
    }
    auto decision = decide(std::move(licenses));
    if (!decision.ok()) return decision.status();
    if (const auto& ship = decision->ship) {
      if (std::string p = ShipmentProblem(shipment_id, ship->shipment); !p.empty())
        return Status::Error(p);
      if (Status st = InsertShipmentRows(b, ship->shipment); !st.ok()) return st;
      for (const LicenseUseRow& u : ship->uses) {
        if (Status st = b.InsertLicenseUse(
                {u.license, shipment_id, u.line, ship->shipment.date, u.quantity, u.value});
            !st.ok())
          return st;
      }
      if (Status st = CheckLimits(b, ship->uses); !st.ok()) return st;
      out.shipped = true;
    }
    return AppendAuditInTransaction(b, *impl_->clock, decision->entries, out.audit);
  });
  if (!s.ok()) {
    return Status::Error(
        "cannot record shipment `" + shipment_id + "` in `" + impl_->path + "`: " + s.message(),
        s.code());
  }
  return out;
}

}  // namespace chipgate
