// Dollar amounts in whole cents (chipgate/license.h): the license file's `value_usd` and a line's
// unit value are read here, so no limit or balance ever passes through a float.
#include <string>
#include <string_view>

#include "chipgate/license.h"

namespace chipgate {
namespace {

constexpr UsdCents kMaxCents = INT64_MAX;

bool Digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<UsdCents> ParseUsd(std::string_view text) {
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view cents = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  // `12.` and `.5` are refused: a cut-off amount is more likely a typo than a value.
  if (whole.empty() || (dot != std::string_view::npos && (cents.empty() || cents.size() > 2)))
    return std::nullopt;
  UsdCents out = 0;
  for (char c : whole) {
    if (!Digit(c) || out > (kMaxCents - (c - '0')) / 10) return std::nullopt;
    out = out * 10 + (c - '0');
  }
  if (out > kMaxCents / 100) return std::nullopt;
  out *= 100;
  // One decimal is tenths of a dollar: `1.5` is 150 cents.
  int scale = 10;
  for (char c : cents) {
    if (!Digit(c)) return std::nullopt;
    UsdCents add = (c - '0') * scale;
    if (out > kMaxCents - add) return std::nullopt;
    out += add;
    scale /= 10;
  }
  return out;
}

std::string FormatUsd(UsdCents cents) {
  // The magnitude as unsigned, so INT64_MIN is printed too.
  uint64_t v =
      cents < 0 ? uint64_t{0} - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  std::string frac = std::to_string(v % 100);
  return (cents < 0 ? "-" : "") + std::to_string(v / 100) + "." + (frac.size() == 1 ? "0" : "") +
         frac;
}

}  // namespace chipgate
