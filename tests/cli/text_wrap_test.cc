// Wrapping text for people (src/cli/text_wrap.h): breaks at spaces within the width, the hanging
// indent, a word longer than a line kept whole, code points counted as one column each.
#include "cli/text_wrap.h"

#include <unistd.h>

#include <catch2/catch.hpp>

namespace chipgate::cli {

TEST_CASE("WrapBreaksAtSpacesWithAHangingIndent", "[cli][wrap]") {
  struct Case {
    const char *first, *text;
    int indent, width;
    const char* expected;
  };
  const Case cases[] = {
      {"", "short", 2, 20, "short\n"},
      {"  a: ", "one two three four", 4, 14, "  a: one two\n    three four\n"},
      // Exactly the width fits; one more column breaks.
      {"", "abc def", 0, 7, "abc def\n"},
      {"", "abc defg", 0, 7, "abc\ndefg\n"},
      // A word wider than a line stays whole on its own line.
      {"x: ", "https://example.com/a/very/long/path end", 3, 12,
       "x: https://example.com/a/very/long/path\n   end\n"},
      // Runs of spaces collapse; nothing after the prefix is an empty line.
      {"k: ", "  a   b ", 3, 40, "k: a b\n"},
      {"k: ", "", 3, 40, "k: \n"},
      // `é` is two bytes and one column.
      {"", "\xc3\xa9\xc3\xa9\xc3\xa9 abc", 0, 7, "\xc3\xa9\xc3\xa9\xc3\xa9 abc\n"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Wrap(c.first, c.text, c.indent, c.width) == c.expected);
  }
}

TEST_CASE("PadToCountsCodePoints", "[cli][wrap]") {
  CHECK(PadTo("ab", 4) == "ab  ");
  CHECK(PadTo("abcdef", 4) == "abcdef");
  CHECK(PadTo("\xc3\xa9", 3) == "\xc3\xa9  ");
  CHECK(TextColumns("\xc3\xa9t\xc3\xa9") == 3);
}

TEST_CASE("OutputWidthIsAHundredWithoutATerminal", "[cli][wrap]") {
  // Under ctest stdout is a pipe; run by hand in a terminal, the width is the window's.
  if (isatty(STDOUT_FILENO)) {
    CHECK(OutputWidth() >= 40);
  } else {
    CHECK(OutputWidth() == 100);
  }
}

}  // namespace chipgate::cli
