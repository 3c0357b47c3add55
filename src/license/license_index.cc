// LicenseIndex (chipgate/license_index.h): the licenses that could cover a line, found without
// testing every license held. A license covers a line only if the end user's country is one of
// its destinations, one of its classes is a prefix of each of the line's classes (EccnCovers), and
// it is valid until the ship date or later. So each license is listed under every
// (destination, class) it holds, each list sorted by expiry; a line looks up the prefixes of one
// of its classes (`3A090`, `3A090.a`, `3A090.a.1`) under its destination, skips the expired part
// of each list by binary search, and walks the lists merged in preferred order, testing each
// license with LicenseRefusals until one covers the line. Every license it never tests has a
// refusal other than value-unknown, so the first covering license it meets is MatchLicense's
// choice and, when none covers, the value-unknown note is the same too (the property test in
// tests/license/license_index_test.cc compares the two on generated licenses and lines).
#include "chipgate/license_index.h"

#include <algorithm>
#include <optional>

#include "base/eccn.h"
#include "license/license_choice.h"

namespace chipgate {
namespace {

std::string Key(std::string_view destination, std::string_view license_class) {
  std::string key(destination);
  key += '\0';
  key += license_class;
  return key;
}

}  // namespace

LicenseIndex::LicenseIndex(const std::vector<HeldLicense>& licenses) : licenses_(licenses) {
  for (uint32_t i = 0; i < licenses.size(); ++i) {
    const License& l = licenses[i].license;
    by_number_.emplace(l.number, i);  // keeps the first of a number
    // A class that does not parse covers nothing (ClassesCovered), so it is listed nowhere; a
    // class or destination written twice is listed once.
    std::vector<std::string> classes;
    for (const std::string& c : l.classes)
      if (auto path = ParseEccnPath(c)) classes.push_back(path->Text());
    std::sort(classes.begin(), classes.end());
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
    std::vector<std::string> destinations = l.destinations;
    std::sort(destinations.begin(), destinations.end());
    destinations.erase(std::unique(destinations.begin(), destinations.end()), destinations.end());
    for (const std::string& d : destinations)
      for (const std::string& c : classes)
        by_destination_class_[Key(d, c)].push_back({l.valid_until, i});
  }
  // Preferred order (license_choice::PreferredOver), then list order: an expiry-ordered list
  // whose first covering license is the one MatchLicense chooses.
  for (auto& [key, list] : by_destination_class_) {
    std::sort(list.begin(), list.end(), [&](const Posting& a, const Posting& b) {
      const License& la = licenses_[a.license].license;
      const License& lb = licenses_[b.license].license;
      if (license_choice::PreferredOver(la, lb)) return true;
      if (license_choice::PreferredOver(lb, la)) return false;
      return a.license < b.license;
    });
  }
}

template <typename Fn>
void LicenseIndex::ForEachCandidate(const LicenseRequest& r, Fn fn) const {
  // The lists of each class of the line: those of its path's prefixes. Every class must be
  // covered, so the candidates of any one class include every license that covers the line; the
  // class with the fewest listed licenses is used. A line without classes, or with a class that
  // does not parse, is covered by no license and has no candidates.
  if (r.classes.empty()) return;
  std::vector<const std::vector<Posting>*> lists;
  size_t fewest = SIZE_MAX;
  for (const std::string& c : r.classes) {
    auto path = ParseEccnPath(c);
    if (!path) return;
    std::vector<const std::vector<Posting>*> of_class;
    size_t listed = 0;
    std::string prefix;
    for (const std::string& segment : path->segments) {
      if (!prefix.empty()) prefix += '.';
      prefix += segment;
      auto it = by_destination_class_.find(Key(r.destination, prefix));
      if (it == by_destination_class_.end()) continue;
      of_class.push_back(&it->second);
      listed += it->second.size();
    }
    if (listed < fewest) {
      fewest = listed;
      lists = std::move(of_class);
    }
  }
  // Each list from its first license valid until the ship date or later (kExpired otherwise).
  struct Cursor {
    const Posting* at;
    const Posting* end;
  };
  std::vector<Cursor> cursors;
  for (const auto* list : lists) {
    auto from =
        std::lower_bound(list->begin(), list->end(), r.ship_date,
                         [](const Posting& p, const Date& date) { return p.valid_until < date; });
    if (from != list->end()) cursors.push_back({&*from, list->data() + list->size()});
  }
  // The lists merged in preferred order. A license with two classes covering the line (`3A090`
  // and `3A090.a`) is in two lists; the copies meet at the same point of the merge and the second
  // is skipped.
  auto before = [&](uint32_t a, uint32_t b) {
    const License& la = licenses_[a].license;
    const License& lb = licenses_[b].license;
    if (license_choice::PreferredOver(la, lb)) return true;
    if (license_choice::PreferredOver(lb, la)) return false;
    return a < b;
  };
  std::optional<uint32_t> last;
  while (true) {
    Cursor* next = nullptr;
    for (Cursor& c : cursors)
      if (c.at != c.end && (!next || before(c.at->license, next->at->license))) next = &c;
    if (!next) return;
    uint32_t i = (next->at++)->license;
    if (last == i) continue;
    last = i;
    if (!fn(size_t{i})) return;
  }
}

std::vector<size_t> LicenseIndex::Candidates(const LicenseRequest& r) const {
  std::vector<size_t> out;
  ForEachCandidate(r, [&](size_t i) {
    out.push_back(i);
    return true;
  });
  return out;
}

LicenseMatch LicenseIndex::Match(const LicenseRequest& r) const {
  using namespace license_choice;
  if (!r.named_license.empty()) {
    if (auto refused = RefuseNamedNumber(r)) return *refused;
    auto it = by_number_.find(r.named_license);
    if (it == by_number_.end()) return Refused(r, {LicenseRefusal::kUnknownLicense});
    return MatchNamed(r, licenses_, it->second);
  }
  // The first candidate that covers the line is the preferred one; if none does, every candidate
  // was tested, which is all the value-unknown note needs.
  std::optional<size_t> found;
  bool only_value_unknown = false;
  ForEachCandidate(r, [&](size_t i) {
    auto why = LicenseRefusals(r, licenses_[i]);
    if (OnlyValueUnknown(why)) only_value_unknown = true;
    if (why.empty()) found = i;
    return !found;
  });
  if (found) return Cleared(r, licenses_, *found);
  return NoCoveringLicense(r, only_value_unknown);
}

}  // namespace chipgate
