// TerminalSafe: the characters a terminal acts on (or that reorder or hide text) become visible
// escapes; everything else, including ordinary non-ASCII text, is unchanged.
#include "chipgate/terminal_text.h"

#include <catch2/catch.hpp>

namespace chipgate {

TEST_CASE("TerminalSafeEscapesControlBidiAndBrokenUtf8", "[base]") {
  struct Row {
    std::string in, out;
  } rows[] = {
      {"NV-H100 80GB", "NV-H100 80GB"},
      {"Huawei — Shenzhen 深圳 Ünïcode", "Huawei — Shenzhen 深圳 Ünïcode"},
      {"a\x1b[2Jb", "a\\x1b[2Jb"},
      {"line\nverdict", "line\\x0averdict"},
      {"cr\rtab\tbell\a", "cr\\x0dtab\\x09bell\\x07"},
      {std::string("nul\0x", 5), "nul\\x00x"},
      {"del\x7f", "del\\x7f"},
      {"c1\xC2\x9B"
       "31m",
       "c1\\u009b31m"},
      {"c1\xC2\x80\xC2\x9F", "c1\\u0080\\u009f"},
      {"rlo\xE2\x80\xAEkcab", "rlo\\u202ekcab"},
      {"iso\xE2\x81\xA6x\xE2\x81\xA9", "iso\\u2066x\\u2069"},
      {"lrm\xE2\x80\x8E zwsp\xE2\x80\x8B ls\xE2\x80\xA8 bom\xEF\xBB\xBF alm\xD8\x9C",
       "lrm\\u200e zwsp\\u200b ls\\u2028 bom\\ufeff alm\\u061c"},
      {"bad\xFF\xC0\xAFx", "bad\\xff\\xc0\\xafx"},
      {"cut\xE2\x80", "cut\\xe2\\x80"},
      {"surrogate\xED\xA0\x80", "surrogate\\xed\\xa0\\x80"},
      {"\xC2\xA0nbsp \xF0\x9F\x98\x80", "\xC2\xA0nbsp \xF0\x9F\x98\x80"},
  };
  for (const auto& row : rows) {
    INFO(row.out);
    CHECK(TerminalSafe(row.in) == row.out);
  }
  CHECK(TerminalSafe("a\tb", Tabs::kKeep) == "a\tb");
  CHECK(TerminalSafe("a\tb\x1b", Tabs::kKeep) == "a\tb\\x1b");
}

}  // namespace chipgate
