// Dollar amounts in whole cents (chipgate/license.h): exact parsing and printing, with
// everything that is not a plain amount refused and no overflow.
#include <catch2/catch.hpp>

#include "chipgate/license.h"

namespace chipgate::testing {

TEST_CASE("DollarAmountsAreReadAsExactCents", "[license]") {
  CHECK(ParseUsd("0") == 0);
  CHECK(ParseUsd("1500") == 150000);
  CHECK(ParseUsd("1500.5") == 150050);
  CHECK(ParseUsd("1500.05") == 150005);
  CHECK(ParseUsd("0.01") == 1);
  // 0.1 + 0.2 is not 0.3 in binary floating point; in cents it is.
  CHECK(*ParseUsd("0.1") + *ParseUsd("0.2") == *ParseUsd("0.3"));
  CHECK(ParseUsd("92233720368547758.07") == INT64_MAX);
}

TEST_CASE("TextThatIsNotAPlainDollarAmountIsRefused", "[license]") {
  for (const char* bad : {"", ".", "12.", ".5", "1.234", "-5", "+5", "1,000", "1e6", "$100", " 100",
                          "100 ", "1.2.3", "nan", "92233720368547758.08", "99999999999999999999"}) {
    INFO(bad);
    CHECK_FALSE(ParseUsd(bad));
  }
}

TEST_CASE("CentsArePrintedWithTwoDecimals", "[license]") {
  CHECK(FormatUsd(0) == "0.00");
  CHECK(FormatUsd(5) == "0.05");
  CHECK(FormatUsd(150050) == "1500.50");
  CHECK(FormatUsd(-150050) == "-1500.50");
  CHECK(FormatUsd(INT64_MAX) == "92233720368547758.07");
  CHECK(FormatUsd(INT64_MIN) == "-92233720368547758.08");
}

}  // namespace chipgate::testing
