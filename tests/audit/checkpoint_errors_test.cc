// The remaining refusals of chipgate/checkpoint.h: every spelling of a record number other than
// its one canonical form, a key file that does not exist, and a checkpoint that cannot be written
// (a full device) is an error naming the file and the reason, never a checkpoint reported taken.
#include <catch2/catch.hpp>
#include <string>

#include "chipgate/checkpoint.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kHash(64, 'c');

}  // namespace

TEST_CASE("AnAnchorsRecordNumberHasOneSpelling", "[audit][checkpoint]") {
  for (const std::string seq : {"", "0", "01", "-1", "+1", "1x", "x1", "99999999999999999999"}) {
    INFO("seq `" << seq << "`");
    auto a = ParseAuditAnchor(seq + ":" + kHash);
    REQUIRE_FALSE(a.ok());
    CHECK(a.status().message() ==
          "expected `SEQ:HASH` (a record number and its 64-character hash) or a 64-character "
          "hash, found `" +
              seq + ":" + kHash + "`");
  }
  // The hash after the number is checked like a bare one.
  CHECK_FALSE(ParseAuditAnchor("3:" + kHash.substr(1)).ok());
  CHECK_FALSE(ParseAuditAnchor("3:" + kHash.substr(1) + "z").ok());
  auto ok = ParseAuditAnchor("12:" + std::string(64, 'C'));
  REQUIRE(ok.ok());
  CHECK(ok->seq == 12);
  CHECK(ok->hash == kHash);
}

TEST_CASE("AMissingKeyFileIsRefusedByName", "[audit][checkpoint]") {
  TempDir dir;
  const std::string path = dir.path() + "/none.pem";
  for (bool private_key : {true, false}) {
    auto k = private_key ? Ed25519Key::LoadPrivate(path) : Ed25519Key::LoadPublic(path);
    REQUIRE_FALSE(k.ok());
    CHECK(k.status().message() == "cannot read key `" + path + "`: No such file or directory");
  }
}

TEST_CASE("ACheckpointThatCannotBeWrittenIsAnError", "[audit][checkpoint]") {
  Checkpoint cp;
  cp.anchor.seq = 1;
  cp.anchor.hash = kHash;
  cp.time = "2026-12-07T10:00:00.000Z";
  // /dev/full opens, is empty, and refuses every write with ENOSPC.
  Status s = AppendCheckpointLine("/dev/full", cp);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "cannot write checkpoint file `/dev/full`: No space left on device");
}

}  // namespace chipgate::testing
