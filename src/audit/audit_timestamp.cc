// Audit timestamps: the one format written into records (and checkpoint lines), and the check
// `log verify` applies. The format is `YYYY-MM-DDTHH:MM:SS.mmmZ`, UTC, always exactly 24
// characters, so two timestamps in this form compare in time order as plain strings
// (docs/audit-log.md, "Record format").
#include <cstdio>
#include <ctime>

#include "chipgate/audit.h"

namespace chipgate {

// `now` truncated (not rounded) to the millisecond, in UTC. Years outside 0001..9999 do not fit
// the shape; no system clock gives them, and IsAuditTimestamp would refuse them.
std::string FormatAuditTimestamp(std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  auto ms_total = floor<milliseconds>(now.time_since_epoch()).count();
  auto secs_total =
      ms_total >= 0 ? ms_total / 1000 : (ms_total - 999) / 1000;  // floor, also before 1970
  int ms = static_cast<int>(ms_total - secs_total * 1000);
  std::time_t secs = static_cast<std::time_t>(secs_total);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

// True when `ts` has exactly the shape FormatAuditTimestamp writes and names a real time: a day
// that exists in its month (Gregorian leap years), hour < 24, minute and second < 60. A leap
// second, an offset instead of `Z`, or missing milliseconds are refused.
bool IsAuditTimestamp(std::string_view ts) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd.dddZ";
  if (ts.size() != kShape.size()) return false;
  for (size_t i = 0; i < ts.size(); ++i) {
    bool digit = ts[i] >= '0' && ts[i] <= '9';
    if (kShape[i] == 'd' ? !digit : ts[i] != kShape[i]) return false;
  }
  auto num = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) v = v * 10 + (ts[i] - '0');
    return v;
  };
  int year = num(0, 4), month = num(5, 2), day = num(8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days && num(11, 2) < 24 && num(14, 2) < 60 && num(17, 2) < 60;
}

}  // namespace chipgate
