// The listed share of a party's owners, for the affiliates rule (docs/screening.md, "Ownership
// and the affiliates rule"): how much of a party is owned, directly or indirectly, individually
// or in the aggregate, by listed parties. The resolver calls it once per party and shipment with
// which nodes of the ownership graph are listed; it knows nothing of lists, dates or packs.
// Thread-safety: a pure function.
#pragma once

#include <cstdint>
#include <vector>

#include "chipgate/facts.h"

namespace chipgate {

struct ListedShare {
  // Node 0's share owned by listed parties and their affiliates, as a fraction in [0, 1]: the
  // sum over its direct owners of share / 100 times the owner's listed share, capped at 1.
  double share = 0;
  // False when the iteration bound was reached before the shares settled (long cycles of large
  // cross-holdings): `share` is then a lower bound, and the caller must not clear on it.
  bool settled = true;
  // The listed nodes the share flows from, in node order: listed owners reached from node 0
  // going up the ownership links through owners with a positive listed share.
  std::vector<int> listed_owners;
};

// `listed[v]` is 1 when node v is itself a listed party (its listed share is 1). Every other
// node's listed share is min(1, sum over its direct owners of share / 100 * listed share of the
// owner), and becomes 1 once it reaches `threshold` (a fraction): such an owner is an affiliate,
// itself restricted, so what it holds counts in full. Shares through an unlisted owner below the
// threshold multiply. Solved by monotone fixed-point iteration from 0, so cycles (cross-holdings)
// are handled; at most `max_rounds` rounds. Node 0 is the party: its share is computed from its
// owners even when it is listed itself (a listed party is caught by screening its own name).
// `listed.size()` must equal `graph.nodes.size()`; links naming nodes out of range are ignored.
ListedShare ComputeListedShare(const OwnershipGraph& graph, const std::vector<uint8_t>& listed,
                               double threshold, int max_rounds = 1000);

// The tolerance of threshold comparisons: shares written with two decimals (33.33 + 16.67) may
// add up to a hair under 50 in binary floating point.
inline constexpr double kShareEpsilon = 1e-9;

}  // namespace chipgate
