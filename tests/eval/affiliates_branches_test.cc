// The listed share of an ownership graph the resolver never builds itself but must survive
// (affiliates.h): no nodes at all, and links naming nodes out of range on either end or a share
// that is not a positive number, each left out while the valid links still count.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "eval/affiliates.h"

namespace chipgate {
namespace {

OwnershipGraph TwoOwners() {
  OwnershipGraph g;
  for (const char* n : {"Party", "Listed A", "Listed B"}) g.nodes.push_back({"", n, "", {}});
  return g;
}

}  // namespace

TEST_CASE("AnEmptyOwnershipGraphHasNoListedShare", "[eval][affiliates]") {
  ListedShare r = ComputeListedShare(OwnershipGraph{}, {}, 0.5);
  CHECK(r.share == 0);
  CHECK(r.listed_owners.empty());
}

TEST_CASE("LinksOutOfRangeOrWithoutAPositiveShareAreLeftOut", "[eval][affiliates]") {
  OwnershipGraph g = TwoOwners();
  // Each of these alone would give node 0 a listed share of 100 %.
  g.links.push_back({-1, 0, 100, {}});          // owner before the first node
  g.links.push_back({1, -1, 100, {}});          // owned before the first node
  g.links.push_back({1, 3, 100, {}});           // owned past the last node
  g.links.push_back({2, 0, std::nan(""), {}});  // no share at all
  g.links.push_back({2, 0, 0, {}});             // a share of nothing
  ListedShare none = ComputeListedShare(g, {0, 1, 1}, 0.5);
  CHECK(none.share == 0);
  CHECK(none.listed_owners.empty());
  // A valid link next to them counts as usual.
  g.links.push_back({1, 0, 30, {}});
  ListedShare some = ComputeListedShare(g, {0, 1, 1}, 0.5);
  CHECK(some.share == Approx(0.3));
  CHECK(some.settled);
}

}  // namespace chipgate
