// Calendar dates as days since 1970-01-01 (proleptic Gregorian). Rules take effect on whole days:
// an effective range is [from, until), `until` being the first day the entry is no longer in force.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chipgate {

struct Date {
  int32_t days = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};

constexpr Date kMinDate{INT32_MIN / 2};
constexpr Date kMaxDate{INT32_MAX / 2};

// Parses exactly `YYYY-MM-DD` with a real calendar day (no 2023-02-30); years 1900..9999.
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date date);
// Today's date in UTC from the system clock (nothing else moves it: it decides which rules an
// undated shipment is decided under).
Date Today();

}  // namespace chipgate
