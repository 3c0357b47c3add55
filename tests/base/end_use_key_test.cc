// EndUseKey: the spellings of one end use share a key; different end uses do not.
#include "base/end_use_key.h"

#include <catch2/catch.hpp>

namespace chipgate {

TEST_CASE("EndUseSpellingsShareOneKey", "[base][end_use]") {
  for (const char* s :
       {"supercomputer", "Supercomputer", "SUPERCOMPUTER", "super-computer", "super_computer",
        "super computer", " super\tcomputer ", "super\u2010computer", "super\u00adcomputer",
        "\ufeffsupercomputer", "super\u200bcomputer", "\uff33upercomputer"}) {
    INFO(s);
    CHECK(EndUseKey(s) == "supercomputer");
  }
  CHECK(EndUseKey("Advanced-Node-IC-Production") == EndUseKey("advanced-node-ic-production"));
  CHECK(EndUseKey("ADVANCED_NODE_IC_PRODUCTION") == "advancednodeicproduction");
}

TEST_CASE("EndUseKeyFoldsSimpleNonAsciiCapitals", "[base][end_use]") {
  CHECK(EndUseKey("\u00c9NERGIE") == "\u00e9nergie");  // Latin-1
  CHECK(EndUseKey("\u0421\u0423\u041f\u0415\u0420") ==
        "\u0441\u0443\u043f\u0435\u0440");                           // Cyrillic
  CHECK(EndUseKey("\u03a3\u03a5\u03a3") == "\u03c3\u03c5\u03c3");    // Greek
  CHECK(EndUseKey("\u0141\u00d3D\u0179") == "\u0142\u00f3d\u017a");  // Latin Extended-A
}

TEST_CASE("EndUseKeyKeepsDifferentEndUsesApart", "[base][end_use]") {
  CHECK(EndUseKey("supercomputer") != EndUseKey("supercomputers"));
  CHECK(EndUseKey("civil") != EndUseKey("military"));
  CHECK(EndUseKey(" - _ ").empty());
  // Bytes that are not UTF-8 are kept, so such text never equals a declared spelling.
  CHECK(EndUseKey("super\xff"
                  "computer") ==
        "super\xff"
        "computer");
}

}  // namespace chipgate
