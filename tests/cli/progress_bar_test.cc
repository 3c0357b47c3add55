// The progress bar's line (count, total, percentage, rate, time left, fitted to the width) and
// the capping of repeated diagnostics: pure functions, no terminal.
#include <catch2/catch.hpp>

#include "cli/capped_diagnostics.h"
#include "cli/progress_bar.h"

namespace chipgate::cli {

TEST_CASE("ProgressLineShowsCountTotalRateAndTimeLeft", "[cli][progress]") {
  // 1,000 of 5,000 in 2 s: 500/s, 4,000 left = 8 s.
  std::string line = FormatProgressLine("import parts", 1000, 5000, 2.0, 100);
  CHECK(line == "import parts [" + std::string(6, '#') + std::string(24, '.') +
                    "]  1,000/5,000  20%  500/s  0:08 left");
  // Narrow: the bar goes first, then the line is cut to the width (less one column).
  CHECK(FormatProgressLine("import parts", 1000, 5000, 2.0, 50) ==
        "import parts  1,000/5,000  20%  500/s  0:08 left");
  CHECK(FormatProgressLine("import parts", 1000, 5000, 2.0, 40).size() == 39);
  // Unknown total: the count and rate only.
  CHECK(FormatProgressLine("audit shipments", 256, 0, 1.0, 100) == "audit shipments  256  256/s");
  // Done: no time left; hours shown as h:mm:ss.
  CHECK(FormatProgressLine("x", 10, 10, 1.0, 80).find("left") == std::string::npos);
  CHECK(FormatProgressLine("x", 1, 10000, 1.0, 80).find("2:46:39 left") != std::string::npos);
}

TEST_CASE("DisabledProgressBarWritesNothing", "[cli][progress]") {
  FILE* out = std::tmpfile();
  REQUIRE(out);
  {
    ProgressBar bar(false, out);
    bar.Update("x", 1, 2);
    bar.Clear();
  }
  CHECK(std::ftell(out) == 0);
  {
    ProgressBar bar(true, out);
    bar.Update("x", 1, 2);
  }  // the destructor erases the line
  std::rewind(out);
  char buf[256] = {};
  size_t n = std::fread(buf, 1, sizeof buf - 1, out);
  std::string text(buf, n);
  CHECK(text.rfind("\r\033[Kx [", 0) == 0);
  CHECK(text.size() > 6);
  CHECK(text.substr(text.size() - 4) == "\r\033[K");
  std::fclose(out);
}

TEST_CASE("RepeatedDiagnosticsAreCappedPerCode", "[cli][progress]") {
  std::vector<Diagnostic> diags;
  for (int i = 0; i < 25; ++i) diags.push_back({Severity::kError, "E601", {"f", i + 1, 1}, "bad"});
  diags.push_back({Severity::kError, "E605", {"f", 30, 1}, "short"});
  for (int i = 0; i < 3; ++i) diags.push_back({Severity::kError, "E604", {"f", 40 + i, 1}, "x"});
  CappedDiagnostics c = CapDiagnostics(diags, 2);
  REQUIRE(c.shown.size() == 5);
  CHECK(c.shown[1].loc.line == 2);
  CHECK(c.shown[2].code == "E605");
  REQUIRE(c.omitted.size() == 2);
  CHECK(c.omitted[0] == std::make_pair(std::string("E601"), int64_t{23}));
  CHECK(RenderOmitted(c) == "... and 23 more E601 errors\n... and 1 more E604 error\n");
  CHECK(CapDiagnostics(diags, 100).omitted.empty());
}

}  // namespace chipgate::cli
