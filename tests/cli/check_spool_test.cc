// CheckSpool (cli/check_spool.h): what `check` renders while its records are written comes back
// byte for byte, in order, however it was written.
#include "cli/check_spool.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

namespace chipgate::cli {
namespace {

// Everything CopyTo writes, through a temporary file of its own.
std::string Copied(CheckSpool& spool) {
  std::FILE* out = std::tmpfile();
  REQUIRE(out);
  REQUIRE(spool.CopyTo(out));
  std::string got;
  std::rewind(out);
  char buf[4096];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, out)) > 0) got.append(buf, n);
  std::fclose(out);
  return got;
}

}  // namespace

TEST_CASE("TheSpoolGivesBackEveryByteInOrder", "[cli][check]") {
  CheckSpool spool;
  CHECK(spool.InFile());  // a temporary file can be made here
  std::string want;
  // Pieces of many sizes, NUL bytes and non-ASCII included, past the copy's 1 MiB block.
  for (int i = 0; i < 600; ++i) {
    std::string piece(static_cast<size_t>((i * 7919) % 9000), static_cast<char>('a' + i % 26));
    piece += std::string("\0\xe2\x80\x94\n", 5);
    spool.Write(piece);
    want += piece;
  }
  spool.Write("");
  REQUIRE(want.size() > (1u << 21));
  CHECK(Copied(spool) == want);
  CHECK(spool.Error().empty());
}

TEST_CASE("AnEmptySpoolCopiesNothing", "[cli][check]") {
  CheckSpool spool;
  CHECK(Copied(spool).empty());
}

}  // namespace chipgate::cli
