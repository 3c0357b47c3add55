// LicenseIndex (chipgate/license_index.h): the licenses that could cover a line, found without
// testing every license held. A license covers a line only if the end user's country is one of
// its destinations, one of its classes is a prefix of each of the line's classes (EccnCovers), its
// consignee cell is empty or names the line's consignee (by id key or name key, as PartyMatches in
// license_match.cc compares them), and it is valid until the ship date or later. So each license
// is listed under every (destination, class, consignee key) it holds, each list sorted by expiry;
// a line looks up the prefixes of one of its classes (`3A090`, `3A090.a`, `3A090.a.1`) under its
// destination and each key of its consignee (and "any"), skips the expired part of each list by
// binary search, and walks the lists merged in preferred order, testing each license with
// LicenseRefusals until one covers the line. Every license it never tests has a refusal other than
// value-unknown, so the first covering license it meets is MatchLicense's choice and, when none
// covers, the value-unknown note is the same too (the property test in
// tests/license/license_index_test.cc compares the two on generated licenses and lines).
#include "chipgate/license_index.h"

#include <algorithm>
#include <optional>

#include "base/eccn.h"
#include "base/string_key.h"
#include "license/license_choice.h"

namespace chipgate {
namespace {

// The list key of a destination, a class (canonical) and a consignee key: each part preceded by
// its length, so no two triples give one key whatever bytes they hold.
std::string Key(std::string_view destination, std::string_view license_class,
                std::string_view party) {
  std::string key;
  for (std::string_view part : {destination, license_class, party}) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
  }
  return key;
}

// The consignee keys a license is listed under: "any" for an empty cell; else its id key and, when
// it has one, its name key (the cell may be an id or a name, and PartyMatches tries both).
std::vector<std::string> LicensePartyKeys(const std::string& cell) {
  if (cell.empty()) return {"*"};
  std::vector<std::string> keys = {"i:" + IdKey(cell)};
  if (std::string name = NameKey(cell); !name.empty()) keys.push_back("n:" + name);
  return keys;
}

// The keys a line's consignee is looked up under: "any", its id key when it has an id, its name
// key when that is not empty (PartyMatches: `!id.empty()`, `!key.empty()`).
std::vector<std::string> RequestPartyKeys(const LicenseRequest& r) {
  std::vector<std::string> keys = {"*"};
  if (!r.consignee_id.empty()) keys.push_back("i:" + IdKey(r.consignee_id));
  if (std::string name = NameKey(r.consignee_name); !name.empty()) keys.push_back("n:" + name);
  return keys;
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
    std::vector<std::string> parties = LicensePartyKeys(l.consignee);
    for (const std::string& d : destinations)
      for (const std::string& c : classes)
        for (const std::string& p : parties) by_key_[Key(d, c, p)].push_back({l.valid_until, i});
  }
  // Preferred order (license_choice::PreferredOver), then list order: an expiry-ordered list
  // whose first covering license is the one MatchLicense chooses.
  for (auto& [key, list] : by_key_) {
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
  // The lists of each class of the line: those of its path's prefixes under the line's
  // destination and consignee keys. Every class must be covered, so the candidates of any one class
  // include every license that covers the line; the class with the fewest listed licenses is used.
  // A line without classes, or with a class that does not parse, is covered by no license and has
  // no candidates.
  if (r.classes.empty()) return;
  const std::vector<std::string> parties = RequestPartyKeys(r);
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
      for (const std::string& p : parties) {
        auto it = by_key_.find(Key(r.destination, prefix, p));
        if (it == by_key_.end()) continue;
        of_class.push_back(&it->second);
        listed += it->second.size();
      }
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
  // and `3A090.a`), or whose consignee cell matches both the line's id and name, is in two lists;
  // the copies meet at the same point of the merge and the second is skipped.
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
