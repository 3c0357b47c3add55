// Lists of strings stored in one TEXT column, `;`-joined as the import files and the published
// screening lists write them (aliases, countries, license classes and destinations). The items
// never contain `;`: every writer splits its input on it first.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace chipgate {

inline std::string JoinList(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ";") + p;
  return out;
}

// The inverse of JoinList: "" is no items, not one empty item.
inline std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (!text.empty() && start <= text.size()) {
    size_t end = std::min(text.find(';', start), text.size());
    out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace chipgate
