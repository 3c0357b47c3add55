// Screening against imported lists (list_screen.h) and the compiled ScreeningLists handle.
#include "eval/list_screen.h"

#include <unordered_map>

namespace chipgate {
namespace {

constexpr std::string_view kPossibleListMatch = "possible match with a screening-list entry";

// One name of the shipment, in force on `date`; the same name in both roles is one hit. The date
// check is here, once per shipment, not per line: the hits are fixed for the shipment.
void ScreenName(const ScreeningListsData& lists, const PartyFacts& party, const char* role,
                Date date, ResolvedShipmentData& s) {
  if (party.name.empty()) return;
  for (PartyMatch& m : lists.screener.Screen(party.name)) {
    if (!EntryInForce(lists, s.list_versions, m.party, date)) continue;
    bool seen = false;
    for (const auto& h : s.list_hits) seen |= h.party == m.party && h.name == party.name;
    if (!seen)
      s.list_hits.push_back(
          {m.party, role, party.name, m.kind, m.score, std::move(m.matched_name)});
  }
}

// "(Entity List entry `id`, 84 FR 22963, listed 2019-05-16; list csl-csv f.csv sha256:… of …)":
// `version` is the version in force that has the entry.
std::string EntryNote(const ScreeningListsData& lists, const ListEntryInfo& info, int version) {
  const ScreeningListEntry& e = info.entry;
  std::string out = " (" + e.list + " entry `" + e.entry_id + "`";
  if (!e.federal_register_notice.empty()) out += ", " + e.federal_register_notice;
  if (e.start_date) out += ", listed " + FormatDate(*e.start_date);
  if (e.end_date) out += ", until " + FormatDate(*e.end_date);
  return out + "; list " + lists.versions[version].Label() + ")";
}

}  // namespace

void ScreenListEntries(std::shared_ptr<const ScreeningListsData> lists,
                       const ShipmentFacts& shipment, ResolvedShipmentData& s) {
  if (!lists || lists->entries.empty()) return;
  // The resolver may have set them already, screening owners and parents for the same date.
  if (s.list_versions.empty()) s.list_versions = VersionsInForce(lists->versions, shipment.date);
  ScreenName(*lists, shipment.consignee, "consignee", shipment.date, s);
  ScreenName(*lists, shipment.end_user, "end user", shipment.date, s);
  s.lists = std::move(lists);
}

bool EntryInForce(const ScreeningListsData& lists, const std::vector<int>& in_force, int entry,
                  Date date) {
  const ScreeningListEntry& e = lists.entries[entry].entry;
  if ((e.start_date && date < *e.start_date) || (e.end_date && *e.end_date < date)) return false;
  return lists.VersionOf(in_force, entry) >= 0;  // else not in the lists of `date`
}

// Built per line only when the shipment has hits; the views (rule, cite, message, policy) point
// into s.lists, which the shipment keeps alive.
std::vector<Reason> ListReasons(const ResolvedShipmentData& s, Trace* trace) {
  std::vector<Reason> out;
  for (const PartyHit& hit : s.list_hits) {
    Reason r = ListHitReason(*s.lists, s.list_versions, hit,
                             std::string(hit.role) + " `" + hit.name + "`");
    const ListEntryInfo& info = s.lists->entries[hit.party];
    bool exact = hit.kind == PartyMatchKind::kExact;
    if (trace)
      trace->entries.push_back({"list", info.rule, exact ? "match" : "possible match", r.detail});
    out.push_back(std::move(r));
  }
  return out;
}

Reason ListHitReason(const ScreeningListsData& lists, const std::vector<int>& in_force,
                     const PartyHit& hit, std::string who) {
  const ListEntryInfo& info = lists.entries[hit.party];
  std::string detail = std::move(who);
  bool exact = hit.kind == PartyMatchKind::kExact;
  Reason r;
  r.rule = info.rule;
  r.cite = info.cite;
  r.source = ReasonSource::kParty;
  if (exact) {
    detail += " matches `" + hit.matched_name + "`";
    r.decision = info.decision;
    r.message = info.message;
    r.policy = info.entry.license_policy;
  } else {
    bool contains = hit.kind == PartyMatchKind::kContains;
    detail += (contains ? " contains `" : " resembles `") + hit.matched_name + "`";
    detail += (contains ? ", among other words (coverage " : " (score ") +
              FormatMatchScore(hit.score) + ")";
    r.decision = DecisionKind::kReview;
    r.message = kPossibleListMatch;
  }
  // An alias or another spelling matched: name the entry's primary name too, so a reader
  // sees which listing it is.
  if (hit.matched_name != info.entry.name) detail += ", a name of `" + info.entry.name + "`";
  r.detail = detail + EntryNote(lists, info, lists.VersionOf(in_force, hit.party));
  return r;
}

// Never null, so data() and the accessors need no check: an empty handle screens nothing.
ScreeningLists::ScreeningLists() : data_(std::make_shared<ScreeningListsData>()) {}

int ScreeningListsData::VersionOf(const std::vector<int>& in_force, int entry) const {
  for (int v : in_force)
    if (in_version[v][entry]) return v;
  return -1;
}

namespace {

// What makes two versions' entries the same entry: every field but `line` (where it stands in
// its file), and the source set, so that an entry never belongs to versions of two sets. Each
// field is written as its length, `:`, then its bytes, so the key is unambiguous whatever the
// fields hold.
std::string EntryKey(std::string_view source_set, const ScreeningListEntry& e) {
  std::string key;
  auto add = [&](std::string_view field) {
    key += std::to_string(field.size());
    key += ':';
    key += field;
  };
  auto add_date = [&](const std::optional<Date>& d) { add(d ? FormatDate(*d) : ""); };
  add(source_set);
  for (const std::string* f :
       {&e.entry_id, &e.list, &e.source, &e.type, &e.name, &e.programs, &e.federal_register_notice,
        &e.license_requirement, &e.license_policy})
    add(*f);
  add(std::to_string(e.aliases.size()));
  for (const std::string& a : e.aliases) add(a);
  add(std::to_string(e.countries.size()));
  for (const std::string& c : e.countries) add(c);
  add_date(e.start_date);
  add_date(e.end_date);
  return key;
}

// A new entry's reason strings, made here once, so deciding a line only copies views of them.
ListEntryInfo MakeEntryInfo(ScreeningListEntry&& e) {
  const ListEffect& effect = EffectOfList(e.list);
  ListEntryInfo info;
  info.rule = "list:" + e.list + ":" + e.entry_id;
  info.decision = effect.decision;
  info.cite = std::string(effect.cite);
  if (!e.federal_register_notice.empty()) info.cite += "; " + e.federal_register_notice;
  info.message = std::string(effect.message);
  if (!e.license_requirement.empty())
    info.message += "; license requirement: " + e.license_requirement;
  info.entry = std::move(e);
  return info;
}

}  // namespace

// Entries repeated across versions (the usual case: a list changes by a few entries a week) are
// compiled and indexed once; each version keeps only its membership bits.
ScreeningLists ScreeningLists::Build(std::vector<ScreeningListFile> files) {
  auto data = std::make_shared<ScreeningListsData>();
  std::vector<PartyName> names;
  std::unordered_map<std::string, int> seen;  // EntryKey -> entry index
  std::vector<std::vector<int>> members(files.size());
  for (size_t v = 0; v < files.size(); ++v) {
    ScreeningListFile& f = files[v];
    data->versions.push_back(f.version);
    std::string_view set = ListSourceSet(f.version.format);
    for (ScreeningListEntry& e : f.entries) {
      auto [it, fresh] = seen.try_emplace(EntryKey(set, e), static_cast<int>(data->entries.size()));
      members[v].push_back(it->second);
      if (!fresh) continue;
      names.push_back({it->second, e.name});
      for (const std::string& a : e.aliases) names.push_back({it->second, a});
      data->entries.push_back(MakeEntryInfo(std::move(e)));
    }
  }
  data->in_version.assign(files.size(), std::vector<bool>(data->entries.size(), false));
  for (size_t v = 0; v < files.size(); ++v)
    for (int e : members[v]) data->in_version[v][e] = true;
  data->screener = PartyScreener(names);
  ScreeningLists out;
  out.data_ = std::move(data);
  return out;
}

const std::vector<ScreeningListVersion>& ScreeningLists::versions() const {
  return data_->versions;
}
size_t ScreeningLists::entry_count() const { return data_->entries.size(); }

}  // namespace chipgate
