// Class coverage of licenses (base/eccn.h): a class covers itself and its sub-paragraphs, never a
// sibling or its parent, and only exactly written ECCNs are classes.
#include <catch2/catch.hpp>

#include "base/eccn.h"

namespace chipgate::testing {
namespace {

bool Covers(const char* license_class, const char* item_class) {
  auto l = ParseEccnPath(license_class), i = ParseEccnPath(item_class);
  REQUIRE(l);
  REQUIRE(i);
  return EccnCovers(*l, *i);
}

}  // namespace

TEST_CASE("AClassCoversItselfAndItsSubParagraphs", "[license]") {
  CHECK(Covers("3A090.a", "3A090.a"));
  CHECK(Covers("3A090.a", "3A090.a.1"));
  CHECK(Covers("3A090.a", "3A090.a.1.b"));
  CHECK(Covers("3A090", "3A090.c"));
  CHECK(Covers("EAR99", "EAR99"));
}

TEST_CASE("AClassDoesNotCoverItsSiblingOrItsParent", "[license]") {
  CHECK_FALSE(Covers("3A090.a", "3A090.b"));
  CHECK_FALSE(Covers("3A090.a", "3A090"));
  CHECK_FALSE(Covers("3A090.a.1", "3A090.a"));
  CHECK_FALSE(Covers("3A090.a.1", "3A090.a.2"));
  CHECK_FALSE(Covers("3A090.a", "4A090.a"));
  CHECK_FALSE(Covers("3A090", "EAR99"));
  // A paragraph is a whole segment: `a` does not cover `aa`.
  CHECK_FALSE(Covers("3A090.a", "3A090.aa"));
}

TEST_CASE("EccnPathsAreReadInOneCanonicalSpelling", "[license]") {
  CHECK(ParseEccnPath("3a090.A.1")->Text() == "3A090.a.1");
  CHECK(ParseEccnPath("4A090")->Text() == "4A090");
  CHECK(ParseEccnPath("ear99")->Text() == "EAR99");
  CHECK(Covers("3a090.A", "3A090.a.1"));
}

TEST_CASE("MalformedClassesAreNotClasses", "[license]") {
  for (const char* bad : {"", "3A090a", "3A090.", ".a", "3A090..a", "3A09.a", "A3090.a", "3A090 .a",
                          "3A090.a-1", "EAR99.a", "ECCN 3A090.a", "N/A"}) {
    INFO(bad);
    CHECK_FALSE(ParseEccnPath(bad));
  }
}

}  // namespace chipgate::testing
