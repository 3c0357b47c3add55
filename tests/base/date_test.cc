// Tests for calendar dates: strict parsing, round trips, ordering.
#include <catch2/catch.hpp>

#include "chipgate/date.h"

namespace chipgate {

TEST_CASE("DateParsesAndFormatsRoundTrip", "[base]") {
  for (const char* text : {"1970-01-01", "2022-10-07", "2024-02-29", "2026-11-29", "9999-12-31"}) {
    auto d = ParseDate(text);
    REQUIRE(d.has_value());
    CHECK(FormatDate(*d) == text);
  }
  CHECK(ParseDate("1970-01-01")->days == 0);
  CHECK(ParseDate("2023-11-17")->days - ParseDate("2023-11-16")->days == 1);
}

TEST_CASE("DateRejectsImpossibleOrMalformedDays", "[base]") {
  for (const char* text :
       {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-01-01", "2024-1-01",
        "2024/01/01", "", "2024-01-01T00", "1899-12-31", "abcd-ef-gh"}) {
    INFO(text);
    CHECK_FALSE(ParseDate(text).has_value());
  }
}

}  // namespace chipgate
