// Reading stored licenses with their used balances (docs/licenses.md). The import is in
// importer.cc with the other CSV files; recording uses is the job of shipping, which writes them
// in the shipment's own transaction.
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

Result<std::optional<HeldLicense>> Store::ReadLicense(const std::string& number, Date as_of) const {
  return impl_->backend->ReadLicense(number, as_of);
}

}  // namespace chipgate
