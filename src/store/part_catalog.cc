// Store's part look-ups for people (`chipgate parts`): the catalogue rows, where a part is used,
// and the shipment lines that carried it. Read only, each call in one snapshot; nothing here is
// on a decision's path (decisions read parts through inventory.cc).
#include "chipgate/audit_entry.h"
#include "store/store_impl.h"

namespace chipgate {

Result<std::optional<PartInfo>> Store::ReadPartInfo(const std::string& part) const {
  PartInfo info;
  auto found = impl_->backend->ReadPartInfo(part, info);
  if (!found.ok()) return found.status();
  if (!found.value()) return std::optional<PartInfo>();
  return std::optional<PartInfo>(std::move(info));
}

Status Store::ForEachPartInfo(const std::function<bool(const PartInfo&)>& fn) const {
  return impl_->backend->ForEachPartInfo(fn);
}

Result<std::vector<PartQuantity>> Store::ReadUsedIn(const std::string& part) const {
  std::vector<BomEdge> edges;
  if (Status s = impl_->backend->ReadParents(part, edges); !s.ok()) return s;
  std::vector<PartQuantity> out;
  for (auto& e : edges) out.push_back({std::move(e.child), e.quantity});
  return out;
}

// The lines and their `ship` records in one snapshot, so a line is never paired with a record
// written after it was read.
Result<std::vector<PartShipmentLine>> Store::ReadShipmentLinesOf(const std::string& part) const {
  std::vector<PartShipmentLine> out;
  StoreBackend& b = *impl_->backend;
  Status s = b.InReadSnapshot([&]() -> Status {
    if (Status read = b.ReadShipmentLinesOf(part, out); !read.ok()) return read;
    for (PartShipmentLine& l : out) {
      auto decision = b.ReadShipDecision(ShipmentLineSubject(l.shipment, l.date, l.line, part));
      if (!decision.ok()) return decision.status();
      l.decision = std::move(decision.value());
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace chipgate
