// Completing a shipment's parties from the customer master (Store::CompleteShipment), the same
// for every backend: finding a party by id or by name key, its ultimate parent up the `parent`
// links, and its ownership graph breadth-first; each with a bound, and cycles handled. Where the
// shipment and the database both state a fact and differ, the database's value is kept and the
// disagreement is recorded as a FactConflict (docs/db-schema.md, "Completing a shipment").
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "base/string_key.h"
#include "store/store_impl.h"

namespace chipgate {
namespace {

// How far a parent chain is followed, and how many parties an ownership graph may hold. Real
// corporate chains are a handful of levels; the bounds stop a damaged or hostile master from
// making one lookup unbounded.
constexpr int kMaxParentLevels = 32;
constexpr size_t kMaxOwnershipNodes = 1000;

// What the master says of the party's ultimate parent.
struct UltimateParent {
  std::string name, headquarters;
  std::string broken;  // non-empty: the chain has a cycle or is too long (what was seen)
};

class Completer {
 public:
  Completer(PartyReader& db, std::string given_by, ShipmentFacts& shipment)
      : db_(db),
        given_by_(std::move(given_by)),
        conflicts_(shipment.conflicts),
        shipment_(shipment) {}

  // Completes `p` (`what` is "consignee" or "end_user", the facts' prefix).
  Status Party(PartyFacts& p, const std::string& what) {
    auto found = Find(p, what);
    if (!found.ok()) return found.status();
    if (!found.value()) return Status::Ok();  // not in the master: used as given
    const StoredParty& db = *found.value();
    if (!p.id.empty() && !p.name.empty()) {  // the given name must be one of the id's names
      auto named = db_.ReadPartyByKey(NameKey(p.name));
      if (!named.ok()) return named.status();
      if (!named.value() || named.value()->row != db.row) {
        Conflict(what + ".name", p.name, db.name);
        p.name = db.name;
        shipment_.SetSource(what + ".name", FactSource::kDatabase);
      }
    }
    if (p.id != db.party_id) shipment_.SetSource(what + ".id", FactSource::kDatabase);
    p.id = db.party_id;
    if (p.name.empty()) {
      p.name = db.name;
      shipment_.SetSource(what + ".name", FactSource::kDatabase);
    }
    Fill(p.country, db.country, what + ".country");
    Fill(p.headquarters, db.headquarters, what + ".headquarters");
    auto parent = Parent(db);
    if (!parent.ok()) return parent.status();
    if (!parent->broken.empty()) {
      // The master contradicts itself: no ultimate parent can be named (fail closed: a conflict).
      conflicts_.push_back({what + ".parent_name", {"database", parent->broken}, {"database", ""}});
    } else {
      FillName(p.parent_name, parent->name, what + ".parent_name");
      Fill(p.parent_headquarters, parent->headquarters, what + ".parent_headquarters");
    }
    return Owners(p, db, what);
  }

 private:
  // By id when one is given (an id the master lacks is an error), else by name or alias.
  Result<std::optional<StoredParty>> Find(const PartyFacts& p, const std::string& what) {
    if (!p.id.empty()) {
      auto by_id = db_.ReadPartyById(p.id);
      if (by_id.ok() && !by_id.value()) {
        return Status::Error(what + ": id `" + p.id +
                             "` is not a party in the customer master; nothing is decided for a "
                             "party chipgate cannot identify");
      }
      return by_id;
    }
    if (p.name.empty()) return std::optional<StoredParty>();
    std::string key = NameKey(p.name);
    if (key.empty()) return std::optional<StoredParty>();
    return db_.ReadPartyByKey(key);
  }

  // The database's value fills an empty fact; a different stated value is a conflict, and the
  // database's value is kept. Either way the fact's source is then the database.
  void Fill(std::string& fact, const std::string& db, const std::string& name) {
    if (db.empty() || fact == db) return;
    if (!fact.empty()) Conflict(name, fact, db);
    fact = db;
    shipment_.SetSource(name, FactSource::kDatabase);
  }
  // Names compare by key: `Tianfu Cloud Group Co., Ltd.` and `TIANFU CLOUD GROUP CO LTD` agree.
  void FillName(std::string& fact, const std::string& db, const std::string& name) {
    if (db.empty() || NameKey(fact) == NameKey(db)) {
      if (fact.empty() && !db.empty()) {
        fact = db;
        shipment_.SetSource(name, FactSource::kDatabase);
      }
      return;
    }
    if (!fact.empty()) Conflict(name, fact, db);
    fact = db;
    shipment_.SetSource(name, FactSource::kDatabase);
  }
  void Conflict(const std::string& fact, const std::string& given, const std::string& db) {
    conflicts_.push_back({fact, {given_by_, given}, {"database", db}});
  }

  // The party a stored reference (`parent`, an owner's name) names: by id, else by name key.
  Result<std::optional<StoredParty>> Named(const std::string& ref) {
    auto by_id = db_.ReadPartyById(ref);
    if (!by_id.ok() || by_id.value()) return by_id;
    std::string key = NameKey(ref);
    return key.empty() ? Result<std::optional<StoredParty>>(std::optional<StoredParty>())
                       : db_.ReadPartyByKey(key);
  }

  // Up the `parent` links to the top party T of the master. Then the ultimate parent is T's
  // `parent` when that is a name not in the master (with T's `parent_headquarters`), an unnamed
  // parent when T states only `parent_headquarters`, T itself when T is not the party, and none
  // when the party is its own top (it is its own ultimate parent).
  Result<UltimateParent> Parent(const StoredParty& party) {
    StoredParty top = party;
    std::set<int64_t> seen{party.row};
    std::string chain = party.name;
    for (int level = 0; !top.parent.empty(); ++level) {
      auto up = Named(top.parent);
      if (!up.ok()) return up.status();
      if (!up.value()) {
        return UltimateParent{top.parent, top.parent_headquarters, ""};
      }
      chain += " > " + up.value()->name;
      if (!seen.insert(up.value()->row).second)
        return UltimateParent{"", "", "parent cycle: " + chain};
      if (level + 1 >= kMaxParentLevels)
        return UltimateParent{
            "", "",
            "parent chain longer than " + std::to_string(kMaxParentLevels) + " levels: " + chain};
      top = std::move(*up.value());
    }
    if (!top.parent_headquarters.empty()) return UltimateParent{"", top.parent_headquarters, ""};
    if (top.row != party.row) return UltimateParent{top.name, top.headquarters, ""};
    return UltimateParent{};
  }

  // A node of the ownership walk waiting for its owners to be read.
  struct Pending {
    int node;
    int64_t row;      // > 0: a party of the master
    std::string key;  // its name's key
  };

  // The ownership graph from the master, breadth-first from the party (node 0). Each party is one
  // node however often it is reached, so a cross-holding becomes a link back, never a loop.
  // Past kMaxOwnershipNodes the graph is not used at all: a partial graph could understate what
  // listed parties hold, so the ownership is then "not given" (the affiliates rule cannot be
  // checked), never a smaller graph.
  Status Owners(PartyFacts& p, const StoredParty& party, const std::string& what) {
    OwnershipGraph g;
    std::map<std::string, int> node_of;  // "#row" or "=key" -> node
    std::vector<Pending> queue{{0, party.row, NameKey(party.name)}};
    g.nodes.push_back({party.party_id, party.name, party.country, {}});
    node_of["#" + std::to_string(party.row)] = 0;
    bool given = false;
    std::vector<StoredOwner> owners;
    for (size_t next = 0; next < queue.size(); ++next) {
      Pending at = queue[next];
      if (Status s = db_.ReadOwners(at.row, at.key, owners); !s.ok()) return s;
      if (next == 0) given = !owners.empty();
      for (const StoredOwner& o : owners) {
        if (!o.share) continue;  // the "none listed" row
        auto node = OwnerNode(o, g, node_of, queue);
        if (!node.ok()) return node.status();
        if (node.value() < 0) {  // over the bound
          p.ownership = OwnershipState::kNotGiven;
          p.owners = {};
          return Status::Ok();
        }
        g.links.push_back({node.value(), at.node, *o.share, {}});
      }
    }
    if (!given) return Status::Ok();  // the master says nothing: the shipment's word stands
    if (p.ownership == OwnershipState::kGiven &&
        DirectOwners(p.owners, true) != DirectOwners(g, true))
      Conflict(what + ".owners", DirectOwners(p.owners), DirectOwners(g));
    p.ownership = OwnershipState::kGiven;
    p.owners = std::move(g);
    shipment_.SetSource(what + ".owners", FactSource::kDatabase);
    return Status::Ok();
  }

  // The node of owner `o`, added (and queued) when new; -1 past the node bound. An owner stored
  // as a name is looked up again (by id, then name key): the party may have joined the master
  // after the ownership rows were imported.
  Result<int> OwnerNode(const StoredOwner& o, OwnershipGraph& g,
                        std::map<std::string, int>& node_of, std::vector<Pending>& queue) {
    std::optional<StoredParty> party;
    if (o.owner_row > 0) {
      auto r = db_.ReadPartyRow(o.owner_row);
      if (!r.ok()) return r.status();
      party = std::move(r.value());
    } else {
      auto r = Named(o.owner_name);
      if (!r.ok()) return r.status();
      party = std::move(r.value());
    }
    std::string name = party ? party->name : o.owner_name;
    std::string identity = party ? "#" + std::to_string(party->row) : "=" + NameKey(name);
    if (auto it = node_of.find(identity); it != node_of.end()) return it->second;
    if (g.nodes.size() >= kMaxOwnershipNodes) return -1;
    int node = static_cast<int>(g.nodes.size());
    g.nodes.push_back({party ? party->party_id : "", name, party ? party->country : "", {}});
    node_of.emplace(identity, node);
    queue.push_back({node, party ? party->row : 0, NameKey(name)});
    return node;
  }

  // The direct owners of node 0 as sorted text, `name share%` pairs: with each name's key for
  // comparing what two sources say (`keyed`), or with the names as written for showing it.
  static std::string DirectOwners(const OwnershipGraph& g, bool keyed = false) {
    std::vector<std::pair<std::string, std::string>> owners;  // (key and share, text shown)
    for (const auto& l : g.links) {
      if (l.owned != 0 || l.owner < 0 || l.owner >= static_cast<int>(g.nodes.size())) continue;
      char share[32];
      std::snprintf(share, sizeof share, " %g%%", l.share);
      const std::string& name = g.nodes[l.owner].name;
      owners.emplace_back(NameKey(name) + share, name + share);
    }
    std::sort(owners.begin(), owners.end());
    std::string out;
    for (const auto& o : owners) out += (out.empty() ? "" : "; ") + (keyed ? o.first : o.second);
    return out.empty() ? "none" : out;
  }

  PartyReader& db_;
  std::string given_by_;
  std::vector<FactConflict>& conflicts_;
  ShipmentFacts& shipment_;  // its `sources` learn which facts the master filled
};

}  // namespace

// One snapshot for both parties: an import committing meanwhile cannot give them two versions
// of the master.
Status Store::CompleteShipment(ShipmentFacts& shipment, const std::string& given_by) const {
  return impl_->backend->InReadSnapshot([&]() -> Status {
    Completer completer(*impl_->backend, given_by, shipment);
    if (Status s = completer.Party(shipment.consignee, "consignee"); !s.ok()) return s;
    return completer.Party(shipment.end_user, "end_user");
  });
}

}  // namespace chipgate
