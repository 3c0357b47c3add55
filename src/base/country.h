// Country codes: validation against ISO 3166-1 alpha-2 and the dense index used by the
// compiler's country bitsets (26*26 slots, one per two-letter code).
#pragma once

#include <cstddef>
#include <string_view>

namespace chipgate {

constexpr int kCountrySlots = 26 * 26;

bool IsIsoCountry(std::string_view code);
size_t IsoCountryCount();

// Index of a two-letter upper-case code in [0, kCountrySlots); -1 when not two letters A-Z.
inline int CountryIndex(std::string_view code) {
  if (code.size() != 2) return -1;
  char a = code[0], b = code[1];
  if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return -1;
  return (a - 'A') * 26 + (b - 'A');
}

inline void CountryCode(int index, char out[3]) {
  out[0] = static_cast<char>('A' + index / 26);
  out[1] = static_cast<char>('A' + index % 26);
  out[2] = '\0';
}

}  // namespace chipgate
