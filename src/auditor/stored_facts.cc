// Facts of recorded shipments for re-deciding them (stored_facts.h).
#include "auditor/stored_facts.h"

namespace chipgate {

Result<ShipmentFacts> StoredShipmentFacts(const Store& store, const StoredShipment& sh) {
  ShipmentFacts facts;
  facts.id = sh.id;
  facts.date = sh.date;
  facts.consignee = sh.consignee;
  facts.end_user = sh.end_user;
  facts.end_use = sh.end_use;
  // A consignee that is also the end user has the end user's headquarters, which the shipment
  // table records only once.
  if (facts.consignee.headquarters.empty() && sh.consignee.name == sh.end_user.name) {
    facts.consignee.headquarters = sh.end_user.headquarters;
  }
  // The customer master fills what the shipment row leaves out (a parent's headquarters, the
  // owners); "shipment" names the row as the first source of a conflict.
  if (Status c = store.CompleteShipment(facts, "shipment"); !c.ok())
    return Status::Error("shipment `" + sh.id + "`: " + c.message());
  return facts;
}

Result<ItemFacts> StoredLineItem(const Store& store, const StoredShipmentLine& line) {
  auto item = store.LookupPart(line.part);
  if (!item.ok()) return item.status();
  ItemFacts out;
  if (item.value()) {
    out = std::move(*item.value());
  } else {
    out.part = line.part;
    out.note = "not found in the inventory database";
  }
  out.quantity = static_cast<double>(line.quantity);
  return out;
}

}  // namespace chipgate
