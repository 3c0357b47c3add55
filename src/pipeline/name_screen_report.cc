// Screening names from a database (name_screen_report.h).
#include "pipeline/name_screen_report.h"

#include "pipeline/check_report.h"
#include "pipeline/json_report.h"
#include "pipeline/pretty_json.h"

namespace chipgate {

Result<ScreeningLists> ReadListsForScreening(Store& store, ScreeningListsCache* cache) {
  ScreeningLists out;
  std::vector<ScreeningListFile> stored;
  Status read = store.InReadSnapshot([&]() -> Status {
    if (cache) {
      auto lists = cache->Get(store);
      if (!lists.ok()) return lists.status();
      out = std::move(lists->first);
      return Status::Ok();
    }
    auto files = store.ReadScreeningLists();
    if (!files.ok()) return files.status();
    stored = std::move(files.value());
    return Status::Ok();
  });
  if (!read.ok()) return read;
  if (!cache) out = ScreeningLists::Build(std::move(stored));
  return out;
}

std::string ScreenJson(const Engine& engine, const std::vector<NameScreening>& screenings,
                       Date date) {
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  JsonReportHead(j, JsonKind::kScreen);
  j.Key("date").String(FormatDate(date));
  RulesJson(j, engine);
  j.Key("recorded").Bool(false).Key("names").BeginArray();
  for (const NameScreening& s : screenings) {
    j.BeginObject().Key("name").String(s.query.name).Key("country").StringOrNull(s.query.country);
    j.Key("outcome").String(OutcomeName(s)).Key("hits").BeginArray();
    for (const NameHit& h : s.hits) {
      j.BeginObject()
          .Key("origin")
          .String(ListingOriginName(h.origin))
          .Key("entry_id")
          .String(h.entry_id)
          .Key("listed_name")
          .String(h.listed_name)
          .Key("matched_name")
          .String(h.matched_name)
          .Key("list")
          .StringOrNull(h.list)
          .Key("source")
          .StringOrNull(h.source)
          .Key("match")
          .String(NameMatchKindName(h.kind))
          .Key("score")
          .Double(h.score)
          .Key("decision")
          .String(DecisionName(h.decision))
          .Key("cite")
          .StringOrNull(h.cite)
          .Key("detail")
          .String(h.detail)
          .EndObject();
    }
    j.EndArray().EndObject();
  }
  j.EndArray().EndObject();
  return out + "\n";
}

}  // namespace chipgate
