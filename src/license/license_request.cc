// The license request of one decided shipment line (chipgate/license.h, RequestForLine): one
// function, so `check`, `ship` and the audit's replay ask the matcher the same question.
#include "chipgate/license.h"

namespace chipgate {

LicenseRequest RequestForLine(const ShipmentFacts& shipment, Date ship_date,
                              const LineDecision& decision, int64_t quantity,
                              std::optional<UsdCents> unit_value, std::string named_license) {
  LicenseRequest req;
  for (std::string_view c : decision.classes) req.classes.emplace_back(c);
  req.destination = shipment.end_user.country;
  req.consignee_id = shipment.consignee.id;
  req.consignee_name = shipment.consignee.name;
  req.end_user_id = shipment.end_user.id;
  req.end_user_name = shipment.end_user.name;
  req.ship_date = ship_date;
  req.quantity = quantity;
  req.unit_value = unit_value;
  req.named_license = std::move(named_license);
  return req;
}

}  // namespace chipgate
