// The listed share of a party's owners (affiliates.h): a monotone fixed point over the ownership
// graph. Each round recomputes every unlisted node from its owners' values of the round before;
// values only grow (shares are positive, the cap and the jump to 1 are monotone), so starting
// from 0 the rounds approach the least fixed point from below, and a round that changes nothing
// by more than kSettled has reached it.
#include "eval/affiliates.h"

#include <algorithm>
#include <cmath>

namespace chipgate {
namespace {

// Changes smaller than this end the iteration: far below any share anyone writes (0.01 %).
constexpr double kSettled = 1e-12;

// A node's share from its direct owners' current values, capped at 1.
double FromOwners(const std::vector<std::vector<const OwnershipGraph::Link*>>& in, int v,
                  const std::vector<double>& value) {
  double sum = 0;
  for (const auto* l : in[v]) sum += l->share / 100 * value[l->owner];
  return std::min(1.0, sum);
}

}  // namespace

ListedShare ComputeListedShare(const OwnershipGraph& graph, const std::vector<uint8_t>& listed,
                               double threshold, int max_rounds) {
  ListedShare out;
  const int n = static_cast<int>(graph.nodes.size());
  if (n == 0 || static_cast<int>(listed.size()) != n) return out;
  // Links by owned node; links naming nodes out of range or non-positive shares are left out.
  std::vector<std::vector<const OwnershipGraph::Link*>> in(n);
  for (const auto& l : graph.links) {
    if (l.owner < 0 || l.owner >= n || l.owned < 0 || l.owned >= n || !(l.share > 0)) continue;
    in[l.owned].push_back(&l);
  }
  std::vector<double> value(n, 0.0), next(n, 0.0);
  for (int v = 0; v < n; ++v) value[v] = listed[v] ? 1.0 : 0.0;
  out.settled = false;
  for (int round = 0; round < max_rounds && !out.settled; ++round) {
    double change = 0;
    for (int v = 0; v < n; ++v) {
      if (listed[v]) {
        next[v] = 1.0;
        continue;
      }
      double s = FromOwners(in, v, value);
      // An affiliate is restricted itself: from here on its holdings count in full.
      next[v] = s >= threshold - kShareEpsilon ? 1.0 : s;
      change = std::max(change, next[v] - value[v]);
    }
    value.swap(next);
    out.settled = change <= kSettled;
  }
  out.share = FromOwners(in, 0, value);
  // Up from node 0 through owners that carry a listed share; a listed owner ends its branch.
  std::vector<uint8_t> seen(n, 0);
  std::vector<int> stack = {0};
  seen[0] = 1;
  while (!stack.empty()) {
    int v = stack.back();
    stack.pop_back();
    for (const auto* l : in[v]) {
      int o = l->owner;
      if (seen[o] || value[o] <= 0) continue;
      seen[o] = 1;
      if (listed[o]) {
        out.listed_owners.push_back(o);
      } else {
        stack.push_back(o);
      }
    }
  }
  std::sort(out.listed_owners.begin(), out.listed_owners.end());
  return out;
}

}  // namespace chipgate
