// CheckPartColumns (part_attributes.h): the `parts` columns a backend read from its catalog
// against kPartAttributes and kPartOtherColumns.
#include <algorithm>

#include "store/part_attributes.h"

namespace chipgate {

Status CheckPartColumns(const std::vector<std::string>& have, const std::string& where) {
  std::vector<std::string_view> want(std::begin(kPartOtherColumns), std::end(kPartOtherColumns));
  for (const PartAttribute& a : kPartAttributes) want.push_back(a.column);
  std::string unknown, missing;
  for (const std::string& c : have) {
    if (std::find(want.begin(), want.end(), c) == want.end())
      unknown += (unknown.empty() ? "`" : ", `") + c + "`";
  }
  for (std::string_view c : want) {
    if (std::find(have.begin(), have.end(), c) == have.end())
      missing += (missing.empty() ? "`" : ", `") + std::string(c) + "`";
  }
  if (!unknown.empty()) {
    return Status::Error("database `" + where + "`: column(s) " + unknown +
                         " of table `parts` are not ones chipgate reads (their values would be "
                         "ignored); it was changed by hand");
  }
  if (!missing.empty()) {
    return Status::Error("database `" + where + "` is missing column(s) " + missing +
                         " of table `parts`; it is damaged or was changed by hand");
  }
  return Status::Ok();
}

}  // namespace chipgate
