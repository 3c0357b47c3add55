// Civil-date arithmetic (Howard Hinnant's days_from_civil) and strict ISO parsing.
#include "chipgate/date.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace chipgate {
namespace {

// Gregorian leap years: every fourth year, except centuries not divisible by 400.
bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a valid civil date (the caller has checked month and day).
Date DateFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{era * 146097 + static_cast<int>(doe) - 719468};
}

}  // namespace

// Exactly ten characters `YYYY-MM-DD`, digits only in the fields: no signs, spaces or short forms,
// so a date in a manifest or a rule means one thing.
std::optional<Date> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lens[p]; ++i) {
      char c = s[starts[p] + i];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  const int y = parts[0];
  const unsigned m = static_cast<unsigned>(parts[1]), d = static_cast<unsigned>(parts[2]);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return DateFromCivil(y, m, d);
}

// The inverse of DateFromCivil (Hinnant's civil_from_days). The open ends of an effective range
// print as -inf and +inf.
std::string FormatDate(Date date) {
  if (date <= kMinDate) return "-inf";
  if (date >= kMaxDate) return "+inf";
  int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int y = static_cast<int>(yoe) + era * 400 + (m <= 2);  // March-based year back to civil
  char buf[48];  // room for any int year (and silences -Wformat-truncation)
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

// Always the system clock: an environment variable or option that moved "today" would change
// which rules a shipment without a date is decided under, and the date bound on manifests.
Date Today() { return Date{static_cast<int32_t>(std::time(nullptr) / 86400)}; }

}  // namespace chipgate
