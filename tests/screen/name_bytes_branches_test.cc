// How screening reads bytes that are not valid UTF-8 and separators outside ASCII: each byte of
// an invalid sequence (an overlong form, a surrogate, a value past U+10FFFF) is read as the
// Latin-1 character it would be, so a name in a legacy encoding still gets the keys of its
// characters; a non-ASCII space or symbol separates words as an ASCII one does
// (docs/screening.md, section 1).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "screen/party_name.h"

namespace chipgate::testing {

TEST_CASE("InvalidUtf8BytesReadAsLatin1", "[screen]") {
  struct Case {
    const char* bytes;
    const char* as_utf8;  // the same characters, each byte read as Latin-1, in UTF-8
  };
  const Case kCases[] = {
      {"\xC5lborg Elektronik", "\xC3\x85lborg Elektronik"},              // a lone lead byte
      {"Nord \xC1\x81 Tech", "Nord \xC3\x81\xC2\x81 Tech"},              // overlong `A`
      {"Nord \xE0\x81\x81 Tech", "Nord \xC3\xA0\xC2\x81\xC2\x81 Tech"},  // overlong, 3 bytes
      {"Nord \xED\xA0\x80 Tech", "Nord \xC3\xAD\xC2\xA0\xC2\x80 Tech"},  // a surrogate
      {"Nord \xF4\x90\x80\x80 Tech",
       "Nord \xC3\xB4\xC2\x90\xC2\x80\xC2\x80 Tech"},  // past U+10FFFF
  };
  for (const Case& c : kCases) {
    INFO(c.as_utf8);
    std::vector<std::string> keys = PartyNameKeys(c.bytes);
    CHECK_FALSE(keys.empty());
    CHECK(keys == PartyNameKeys(c.as_utf8));
  }
  CHECK(PartyNameKeys("\xC5lborg Elektronik") == PartyNameKeys("Alborg Elektronik"));
}

TEST_CASE("NonAsciiSpacesAndSymbolsSeparateWords", "[screen]") {
  const std::vector<std::string> plain = PartyNameKeys("Romashka Treiding");
  CHECK(PartyNameKeys("Romashka\xE3\x80\x80Treiding") == plain);  // ideographic space
  CHECK(PartyNameKeys("Romashka\xC2\xA0Treiding") == plain);      // no-break space
  CHECK(PartyNameKeys("Romashka\xE2\x80\xA2Treiding") == plain);  // bullet
  // In a name read by ICU for its Cyrillic letters too.
  CHECK(PartyNameKeys("\xD0\xA0\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x88\xD0\xBA\xD0\xB0\xE3\x80\x80"
                      "\xD0\xA2\xD1\x80\xD0\xB5\xD0\xB9\xD0\xB4\xD0\xB8\xD0\xBD\xD0\xB3") ==
        PartyNameKeys("\xD0\xA0\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x88\xD0\xBA\xD0\xB0 "
                      "\xD0\xA2\xD1\x80\xD0\xB5\xD0\xB9\xD0\xB4\xD0\xB8\xD0\xBD\xD0\xB3"));
}

}  // namespace chipgate::testing
