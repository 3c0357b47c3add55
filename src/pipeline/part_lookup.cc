// Looking a part up (part_lookup.h).
#include "pipeline/part_lookup.h"

#include <algorithm>
#include <cctype>

#include "pipeline/json_report.h"

namespace chipgate {
namespace {

// Edit distance, for suggesting stored part numbers near one that is not stored.
size_t Distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      bool same = std::toupper(static_cast<unsigned char>(a[i - 1])) ==
                  std::toupper(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The classes array, paragraphs first as the engine gives them.
void ClassesJson(PrettyJson& j, const Engine::Classification& cls) {
  j.BeginArray();
  for (auto c : cls.classes) j.String(c);
  j.EndArray();
}

}  // namespace

// Classifies `item` on `date`. Data the pack cannot type makes the part unclassifiable, as in
// the audit, rather than dropping the value (which could clear it).
Engine::Classification ClassifyItem(const Engine& engine, const ItemFacts& item, Date date) {
  std::vector<Diagnostic> diags;
  ResolvedItem resolved = engine.ResolveItem(item, diags);
  Engine::Classification cls = engine.Classify(resolved, date);
  if (!diags.empty()) {
    cls.complete = false;
    cls.missing = "invalid data: " + diags.front().message;
  }
  return cls;
}

// The part's stored data classified; an error when the store fails.
Result<ClassifiedPart> ClassifyPart(const Engine& engine, const Store& store, PartInfo info,
                                    Date date) {
  auto item = store.LookupPart(info.part);
  if (!item.ok()) return item.status();
  ClassifiedPart out;
  out.cls = ClassifyItem(engine, item.value().value_or(ItemFacts{}), date);
  out.computed = ComputedClassName(out.cls);
  out.check = CheckDeclared(engine, out.cls, info.declared_eccn);
  out.info = std::move(info);
  return out;
}

// ASCII case-insensitive substring test (part numbers and descriptions).
bool ContainsFoldedAscii(const std::string& hay, const std::string& needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}

// The members every part object has, in `list` and `show` alike.
void PartHeadJson(PrettyJson& j, const ClassifiedPart& p) {
  j.Key("part").String(p.info.part);
  j.Key("description").StringOrNull(p.info.description);
  j.Key("declared_eccn").StringOrNull(p.info.declared_eccn);
  j.Key("computed").String(p.computed);
  j.Key("classes");
  ClassesJson(j, p.cls);
  j.Key("declared_check").String(DeclaredCheckName(p.check));
  j.Key("missing").StringOrNull(p.cls.complete ? "" : p.cls.missing);
}

// {"schema", "chipgate_version", "date", "pack": {"name", "version", "digest"}, ...
void PartDocumentHead(PrettyJson& j, JsonKind kind, const Engine& engine, Date date) {
  JsonReportHead(j, kind);
  j.Key("date").String(FormatDate(date));
  j.Key("pack").BeginObject();
  j.Key("name").String(engine.pack_name()).Key("version").StringOrNull(engine.pack_version());
  j.Key("digest").String(engine.digest());
  j.EndObject();
}

Result<std::optional<PartShow>> ReadPartShow(const Engine& engine, const Store& store,
                                             const std::string& part, Date date) {
  auto info = store.ReadPartInfo(part);
  if (!info.ok()) return info.status();
  if (!info.value()) return std::optional<PartShow>();
  auto p = ClassifyPart(engine, store, std::move(*info.value()), date);
  PartDetail d;
  Status failed;
  auto item = store.LookupPart(part);
  auto used = store.ReadUsedIn(part);
  auto shipped = store.ReadShipmentLinesOf(part);
  for (const Status& s : {p.status(), item.status(), used.status(), shipped.status()})
    if (!s.ok() && failed.ok()) failed = s;
  if (failed.ok()) {
    d.item = item.value().value_or(ItemFacts{});
    d.used_in = std::move(used.value());
    d.shipments = std::move(shipped.value());
    // Each direct component with its own class; the bill of materials below it is in its class.
    for (const ItemFacts& c : d.item.components) {
      ClassifiedPart cp;
      cp.info.part = c.part;
      cp.cls = ClassifyItem(engine, c, date);
      cp.computed = ComputedClassName(cp.cls);
      d.contents.push_back(std::move(cp));
      d.content_quantities.push_back(static_cast<int64_t>(c.quantity));
    }
  }
  if (!failed.ok()) return failed;
  return std::optional<PartShow>(PartShow{std::move(p.value()), std::move(d)});
}

// `show` for scripts (chipgate.part-show/v1): every member always present, null for nothing.
std::string PartShowJson(const PartShow& shown, Date date, const Engine& engine) {
  const ClassifiedPart& p = shown.part;
  const PartDetail& d = shown.detail;
  std::string out;
  PrettyJson j(out, 0);
  j.BeginObject();
  PartDocumentHead(j, JsonKind::kPartShow, engine, date);
  j.Key("part").BeginObject();
  PartHeadJson(j, p);
  j.Key("reviews").BeginArray();
  for (const auto& r : p.cls.reviews) j.String(r);
  j.EndArray();
  j.Key("source").StringOrNull(p.info.source);
  j.Key("bom_complete");
  p.info.bom_complete ? j.Bool(*p.info.bom_complete) : j.Null();
  j.Key("attributes").BeginArray();
  for (const auto& [name, value] : d.item.specs) {
    j.BeginObject().Key("name").String(name).Key("value").String(value.Text());
    j.Key("from").String("database").EndObject();
  }
  j.EndArray();
  j.Key("contents_state").String(ContentsStateName(d.item.contents));
  j.Key("contents").BeginArray();
  for (size_t i = 0; i < d.contents.size(); ++i) {
    j.BeginObject().Key("part").String(d.contents[i].info.part);
    j.Key("quantity").Int(d.content_quantities[i]);
    j.Key("computed").String(d.contents[i].computed).EndObject();
  }
  j.EndArray();
  j.Key("used_in").BeginArray();
  for (const auto& u : d.used_in)
    j.BeginObject().Key("part").String(u.part).Key("quantity").Int(u.quantity).EndObject();
  j.EndArray();
  j.Key("shipments").BeginArray();
  for (const auto& s : d.shipments) {
    j.BeginObject();
    j.Key("shipment").String(s.shipment).Key("date").String(FormatDate(s.date));
    j.Key("line").Int(s.line).Key("quantity").Int(s.quantity);
    j.Key("destination").String(s.end_user.country);
    j.Key("consignee").String(s.consignee.name).Key("consignee_id").StringOrNull(s.consignee.id);
    j.Key("end_user").String(s.end_user.name).Key("end_user_id").StringOrNull(s.end_user.id);
    j.Key("license").StringOrNull(s.license).Key("decision").StringOrNull(s.decision);
    j.EndObject();
  }
  j.EndArray();
  j.EndObject().EndObject();
  return out;
}

// Up to three stored part numbers nearest `part` (by edit distance, within a third of its
// length, or containing it), for the not-found message.
std::vector<std::string> NearestParts(const Store& store, const std::string& part) {
  std::vector<std::pair<size_t, std::string>> near;
  (void)store.ForEachPartInfo([&](const PartInfo& info) {
    size_t d = Distance(part, info.part);
    if (d <= std::max<size_t>(2, part.size() / 3) || ContainsFoldedAscii(info.part, part))
      near.emplace_back(d, info.part);
    return true;
  });
  std::sort(near.begin(), near.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < near.size() && i < 3; ++i) out.push_back(near[i].second);
  return out;
}

}  // namespace chipgate
