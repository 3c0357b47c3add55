// libFuzzer target: party-name normalisation and screening (issue 11). The input is a listed
// name, a newline, and a screened name (any bytes: invalid UTF-8, invisible code points, other
// scripts). Checks that keys are well formed and that a listed name always matches itself
// exactly, through the ICU path as through the ASCII shortcut.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "screen/party_name.h"
#include "screen/party_screen.h"

namespace {

void Require(bool ok) {
  if (!ok) std::abort();
}

void CheckKeys(const std::vector<std::string>& keys) {
  for (const auto& k : keys) {
    Require(!k.empty() && k.front() != ' ' && k.back() != ' ' && k.find("  ") == std::string::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  size_t nl = text.find('\n');
  std::string listed = text.substr(0, nl),
              screened = nl == std::string::npos ? text : text.substr(nl + 1);
  CheckKeys(chipgate::PartyNameKeys(screened));
  std::vector<std::string> listed_keys = chipgate::PartyNameKeys(listed);
  CheckKeys(listed_keys);
  std::vector<chipgate::PartyName> names = {{0, "Huawei Technologies Co., Ltd."},
                                            {0, "Huawei"},
                                            {1, "SMIC"},
                                            {2, "National University of Defense Technology"},
                                            {3, listed}};
  chipgate::PartyScreener screener(names);
  (void)screener.Screen(screened);
  if (!listed_keys.empty() && listed_keys.size() <= 2 && listed.size() < 2000) {
    bool self = false;
    for (const auto& m : screener.Screen(listed))
      self |= m.party == 3 && m.kind == chipgate::PartyMatchKind::kExact;
    Require(self);
  }
  return 0;
}
