// The licenses held, indexed once so that matching a line looks only at the licenses that could
// cover it (docs/licenses.md, "Matching"): by number for a named license, and by destination,
// class and consignee for an unnamed one, each list ordered by expiry. LicenseIndex::Match gives
// exactly MatchLicense's result (the same license, balances and refusals) on the same licenses;
// `check --db` matches every line of a manifest with it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chipgate/license.h"

namespace chipgate {

class LicenseIndex {
 public:
  // Indexes `licenses`, which the index refers to and does not copy: they must outlive it and
  // keep their order, number and terms. Their use (HeldLicense::used) may change between matches
  // (AddUse after each cleared line): it is read at match time, never indexed.
  explicit LicenseIndex(const std::vector<HeldLicense>& licenses);

  // The license for the line: MatchLicense(request, licenses) for the licenses indexed.
  LicenseMatch Match(const LicenseRequest& request) const;

  // The licenses an unnamed request could be covered by, as indexes into the licenses, each once,
  // in the order they are preferred (expiring first, then the smaller number, then list order):
  // those with the request's destination, a class covering one of its classes and a consignee cell
  // naming its consignee or none, valid until the ship date or later. Every license not listed has
  // a refusal other than value-unknown. For tests and for measuring how much the index leaves to
  // test.
  std::vector<size_t> Candidates(const LicenseRequest& request) const;

 private:
  // One license under one key: its expiry first, so a list sorted by it starts at the licenses
  // still valid on a date with a binary search.
  struct Posting {
    Date valid_until;
    uint32_t license;
  };
  // Calls `fn(i)` for each candidate in preferred order until it returns false.
  template <typename Fn>
  void ForEachCandidate(const LicenseRequest& request, Fn fn) const;

  const std::vector<HeldLicense>& licenses_;
  // The first license of each number (MatchLicense takes the first too).
  std::unordered_map<std::string_view, uint32_t> by_number_;
  // Key (license_index.cc, Key): a destination, a license class in canonical spelling and a
  // consignee key (its id key, its name key, or "any"); each list in preferred order.
  std::unordered_map<std::string, std::vector<Posting>> by_key_;
};

}  // namespace chipgate
