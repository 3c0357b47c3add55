// Reading stored licenses with their used balances (docs/licenses.md). The import is in
// importer.cc with the other CSV files; recording uses is the job of shipping, which writes them
// in the shipment's own transaction.
#include <algorithm>

#include "store/store_impl.h"

namespace chipgate {

Result<std::vector<HeldLicense>> Store::ReadLicenses(Date as_of) const {
  std::vector<HeldLicense> out;
  StoreBackend& b = *impl_->backend;
  Status s = b.InReadSnapshot([&]() -> Status {
    return b.ForEachLicense(as_of, [&](HeldLicense&& h) { out.push_back(std::move(h)); });
  });
  if (!s.ok()) return s;
  return out;
}

// The licenses in force to the destination, then each named number not among them (read by its
// number, whatever its dates and destinations), so no license is in the result twice: two copies
// would each take part of a shipment's use. Sorted by number, as ReadLicenses.
Result<std::vector<HeldLicense>> ReadLicensesForIn(LicenseBackend& b, Date in_force_on,
                                                   Date uses_as_of, const std::string& destination,
                                                   const std::vector<std::string>& named) {
  std::vector<HeldLicense> out;
  Status in_force = b.ForEachLicenseInForce(in_force_on, uses_as_of, destination,
                                            [&](HeldLicense&& h) { out.push_back(std::move(h)); });
  if (!in_force.ok()) return in_force;
  std::vector<std::string> numbers = named;
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  auto by_number = [](const HeldLicense& h, const std::string& n) { return h.license.number < n; };
  size_t read = out.size();  // the first part is sorted by number: search it for each name
  for (const std::string& number : numbers) {
    auto it = std::lower_bound(out.begin(), out.begin() + read, number, by_number);
    if (it != out.begin() + read && it->license.number == number) continue;
    auto one = b.ReadLicense(number, uses_as_of);
    if (!one.ok()) return one.status();
    if (*one) out.push_back(std::move(**one));
  }
  std::sort(out.begin(), out.end(), [](const HeldLicense& x, const HeldLicense& y) {
    return x.license.number < y.license.number;
  });
  return out;
}

Result<std::vector<HeldLicense>> Store::ReadLicensesFor(
    Date date, const std::string& destination, const std::vector<std::string>& named) const {
  std::vector<HeldLicense> out;
  StoreBackend& b = *impl_->backend;
  Status s = b.InReadSnapshot([&]() -> Status {
    auto read = ReadLicensesForIn(b, date, date, destination, named);
    if (!read.ok()) return read.status();
    out = std::move(read.value());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::optional<HeldLicense>> Store::ReadLicense(const std::string& number, Date as_of) const {
  return impl_->backend->ReadLicense(number, as_of);
}

}  // namespace chipgate
