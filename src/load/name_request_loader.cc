// LoadNameRequestFromString (chipgate/name_screening.h): a screening request read like a
// manifest, with located diagnostics, and bounded before anything is screened: the byte size
// before parsing, the number of names while reading (one E107 at the first name over the limit,
// the rest counted and skipped).
#include "base/country.h"
#include "base/source_file.h"
#include "chipgate/name_screening.h"
#include "load/yaml_reader.h"

namespace chipgate {
namespace {

void ReadName(YamlContext& ctx, const DocNode& n, size_t index, NameRequest& out) {
  std::string what = "names[" + std::to_string(index) + "]";
  NameQuery q;
  SourceLoc name_loc = ctx.Loc(n.Mark());
  SourceLoc country_loc = name_loc;
  if (n.IsScalar()) {
    q.name = n.Scalar();
  } else if (n.IsMap()) {
    MapReader r(ctx, n, what);
    if (auto name = r.String("name", true)) {
      q.name = *name;
      name_loc = r.KeyLoc("name");
    } else {
      r.Finish();
      return;  // reported (E105 or E103)
    }
    if (auto country = r.String("country")) {
      q.country = *country;
      country_loc = r.KeyLoc("country");
    }
    r.Finish();
  } else {
    ctx.Error("E103", ctx.Loc(n.Mark()),
              what + " must be a name or a mapping with `name`, found " + NodeKindName(n));
    return;
  }
  // A blank name would screen as clear: refused (fail closed).
  if (q.name.find_first_not_of(" \t\r\n") == std::string::npos)
    ctx.Error("E106", name_loc, what + ": field `name` is empty");
  if (!q.country.empty() && !IsIsoCountry(q.country)) {
    ctx.Error(
        "E106", country_loc,
        what + ": field `country`: `" + q.country + "` is not an ISO 3166-1 alpha-2 country code");
  }
  out.names.push_back(std::move(q));
}

}  // namespace

NameRequestLoad LoadNameRequestFromString(const std::string& path, const std::string& text,
                                          const NameRequestLimits& limits) {
  NameRequestLoad out;
  if (!TextWithinLimit(path, text.size(), limits.max_bytes, "request", out.diagnostics)) return out;
  SourceFile file(path, text);
  YamlContext ctx(file, out.diagnostics);
  auto root = ParseNonEmpty(ctx, file, "request");
  if (!root) return out;
  NameRequest request;
  MapReader top(ctx, *root, "request");
  if (top.ok()) {
    request.date = top.DateField("date");
    size_t index = 0;
    top.Each(
        "names",
        [&](const DocNode& n) {
          if (index >= limits.max_names) {
            if (index == limits.max_names) {
              ctx.Error("E107", ctx.Loc(n.Mark()),
                        "request has more than the limit of " + std::to_string(limits.max_names) +
                            " names");
            }
            ++index;
            return;
          }
          ReadName(ctx, n, index++, request);
        },
        true);
    if (index == 0 && !HasErrors(out.diagnostics))
      ctx.Error("E105", top.KeyLoc("names"), "request: `names` lists no name");
    top.Finish();
  }
  SortDiagnostics(out.diagnostics);
  if (!HasErrors(out.diagnostics)) out.request = std::move(request);
  return out;
}

}  // namespace chipgate
