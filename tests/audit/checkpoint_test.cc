// Checkpoint lines, files and keys through the library (chipgate/checkpoint.h): every malformed
// line is refused with its `file:line` and the reason, a key that is not a PEM Ed25519 key is
// refused by name, and a checkpoint file not written by chipgate is never appended to.
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "chipgate/checkpoint.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

const std::string kHash(64, 'a');
const std::string kTime = "2026-12-07T10:00:00.000Z";

std::string ParseError(const std::string& line) {
  auto cp = ParseCheckpointLine(line, "cp.txt:3");
  REQUIRE_FALSE(cp.ok());
  return cp.status().message();
}

}  // namespace

TEST_CASE("MalformedCheckpointLinesAreRefusedWithTheirReason", "[audit][checkpoint]") {
  CHECK(ParseError("chipgate-checkpoint 2 1:" + kHash + " " + kTime) ==
        "cp.txt:3: malformed checkpoint: expected a line starting `chipgate-checkpoint 1`");
  CHECK(ParseError("chipgate-checkpoint 1 1:" + kHash) ==
        "cp.txt:3: malformed checkpoint: expected `SEQ:HASH TIME`");
  CHECK(ParseError("chipgate-checkpoint 1 " + kHash + " " + kTime) ==
        "cp.txt:3: malformed checkpoint: the anchor must name its record (`SEQ:HASH`)");
  CHECK(ParseError("chipgate-checkpoint 1 1:" + kHash + " yesterday") ==
        "cp.txt:3: malformed checkpoint: `yesterday` is not an audit timestamp");
  CHECK(ParseError("chipgate-checkpoint 1 1:" + kHash + " " + kTime + " rsa:" + kHash) ==
        "cp.txt:3: malformed checkpoint: expected ` ed25519:SIGNATURE` after the time");
  CHECK(ParseError("chipgate-checkpoint 1 1:" + kHash + " " + kTime + " ed25519:" + kHash) ==
        "cp.txt:3: malformed checkpoint: an Ed25519 signature is 128 hex characters");
  CHECK(ParseError("chipgate-checkpoint 1 1:" + kHash + " " + kTime +
                   " ed25519:" + std::string(127, 'a') + "g") ==
        "cp.txt:3: malformed checkpoint: an Ed25519 signature is 128 hex characters");
  // A well-formed signed line: hash and signature lower-cased, the source kept.
  auto cp = ParseCheckpointLine("chipgate-checkpoint 1 7:" + std::string(64, 'A') + " " + kTime +
                                    " ed25519:" + std::string(128, 'B'),
                                "cp.txt:3");
  REQUIRE(cp.ok());
  CHECK(cp->anchor.seq == 7);
  CHECK(cp->anchor.hash == kHash);
  CHECK(cp->anchor.source == "cp.txt:3");
  CHECK(cp->signature == std::string(128, 'b'));
}

TEST_CASE("CheckpointFilesThatCannotBeReadOrAnchorNothingAreRefused", "[audit][checkpoint]") {
  TempDir dir;
  auto missing = ReadCheckpointFile(dir.path() + "/none.txt");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().starts_with("cannot read checkpoint file `" + dir.path() +
                                               "/none.txt`: "));
  std::string empty = dir.Write("empty.txt", "");
  auto none = ReadCheckpointFile(empty);
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().message() == "checkpoint file `" + empty + "` holds no checkpoint");
}

TEST_CASE("AFileNotEndingWithANewlineIsNotAppendedTo", "[audit][checkpoint]") {
  TempDir dir;
  Checkpoint cp;
  cp.anchor.seq = 1;
  cp.anchor.hash = kHash;
  cp.time = kTime;
  std::string path = dir.Write("cp.txt", "chipgate-checkpoint 1 1:" + kHash + " " + kTime);
  Status s = AppendCheckpointLine(path, cp);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "checkpoint file `" + path +
                           "` does not end with a newline; it was not written by chipgate");
  CHECK(ReadFile(path) == "chipgate-checkpoint 1 1:" + kHash + " " + kTime);
  // A directory cannot be opened for appending.
  Status dir_status = AppendCheckpointLine(dir.path(), cp);
  REQUIRE_FALSE(dir_status.ok());
  CHECK(dir_status.message().starts_with("cannot open checkpoint file `" + dir.path() + "`: "));
}

TEST_CASE("KeysThatAreNotPemEd25519KeysAreRefusedByName", "[audit][checkpoint]") {
  TempDir dir;
  std::string text = dir.Write("text.pem", "not a key\n");
  auto a = Ed25519Key::LoadPrivate(text);
  REQUIRE_FALSE(a.ok());
  CHECK(a.status().message() == "`" + text + "` is not a PEM private key");
  auto b = Ed25519Key::LoadPublic(text);
  REQUIRE_FALSE(b.ok());
  CHECK(b.status().message() == "`" + text + "` is not a PEM public key");
  // An EC key is a valid PEM key of the wrong kind.
  EVP_PKEY* ec = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  REQUIRE(ec);
  std::string ec_path = dir.path() + "/ec.pem";
  FILE* f = std::fopen(ec_path.c_str(), "w");
  REQUIRE(f);
  REQUIRE(PEM_write_PrivateKey(f, ec, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  std::fclose(f);
  EVP_PKEY_free(ec);
  auto c = Ed25519Key::LoadPrivate(ec_path);
  REQUIRE_FALSE(c.ok());
  CHECK(c.status().message() == "`" + ec_path + "` is not an Ed25519 key");
  // A public key verifies but cannot sign.
  EVP_PKEY* ed = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  REQUIRE(ed);
  std::string pub_path = dir.path() + "/ed.pub.pem";
  f = std::fopen(pub_path.c_str(), "w");
  REQUIRE(f);
  REQUIRE(PEM_write_PUBKEY(f, ed) == 1);
  std::fclose(f);
  EVP_PKEY_free(ed);
  auto pub = Ed25519Key::LoadPublic(pub_path);
  REQUIRE(pub.ok());
  auto sig = pub->Sign("text");
  REQUIRE_FALSE(sig.ok());
  CHECK(sig.status().message() == "cannot sign the checkpoint (is the key a private Ed25519 key?)");
  CHECK_FALSE(pub->Verify("text", std::string(128, 'g')));
  CHECK_FALSE(pub->Verify("text", "ab"));
}

}  // namespace chipgate::testing
