// Faults at every call of writing and of reading and verifying checkpoints (src/audit/
// file_fault.h: open, seek, read, write, fsync, close and truncate of the file, the key file,
// and OpenSSL's contexts, initialisation, signing and verifying). Each faulted run must fail
// with a message naming what failed, claim no checkpoint, and leave the checkpoint file exactly
// as it was, so the next checkpoint can be taken; an interrupted or short write is retried to the
// whole line; and the run past the last call succeeds. A partly written line (a file size limit
// cutting the write) is taken back.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdio>
#include <string>

#include "chipgate/checkpoint.h"
#include "support/file_faults.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

// A fresh Ed25519 key pair written as PEM files dir/key.pem and dir/key.pub.pem.
void WriteKeyPair(const TempDir& dir) {
  EVP_PKEY* ed = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  REQUIRE(ed);
  FILE* f = std::fopen((dir.path() + "/key.pem").c_str(), "w");
  REQUIRE(f);
  REQUIRE(PEM_write_PrivateKey(f, ed, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  std::fclose(f);
  f = std::fopen((dir.path() + "/key.pub.pem").c_str(), "w");
  REQUIRE(f);
  REQUIRE(PEM_write_PUBKEY(f, ed) == 1);
  std::fclose(f);
  EVP_PKEY_free(ed);
}

Checkpoint MakeCheckpoint(long long seq, char digit) {
  Checkpoint cp;
  cp.anchor.seq = seq;
  cp.anchor.hash = std::string(64, digit);
  cp.time = "2026-12-07T10:00:0" + std::to_string(seq) + ".000Z";
  return cp;
}

// A checkpoint signed with dir/key.pem, as `log checkpoint --key` takes one: load the key, sign,
// append.
Status TakeSignedCheckpoint(const TempDir& dir, const std::string& file, Checkpoint cp) {
  auto key = Ed25519Key::LoadPrivate(dir.path() + "/key.pem");
  if (!key.ok()) return key.status();
  auto sig = key->Sign(CheckpointSignedText(cp));
  if (!sig.ok()) return sig.status();
  cp.signature = sig.value();
  return AppendCheckpointLine(file, cp);
}

// The checkpoints of `file` verified with dir/key.pub.pem, as `log verify --public-key` checks
// them: an error when the key or the file cannot be read or a signature does not verify.
Status VerifySignedCheckpoints(const TempDir& dir, const std::string& file) {
  auto key = Ed25519Key::LoadPublic(dir.path() + "/key.pub.pem");
  if (!key.ok()) return key.status();
  auto cps = ReadCheckpointFile(file);
  if (!cps.ok()) return cps.status();
  for (const Checkpoint& cp : cps.value()) {
    if (!key->Verify(CheckpointSignedText(cp), cp.signature))
      return Status::Error(cp.anchor.source + ": the signature does not verify");
  }
  return Status::Ok();
}

// A file with one signed checkpoint (so that appending reads its last byte), and its text.
std::string FirstCheckpoint(const TempDir& dir, const std::string& file) {
  std::remove(file.c_str());
  REQUIRE(TakeSignedCheckpoint(dir, file, MakeCheckpoint(1, 'a')).ok());
  return ReadFile(file);
}

}  // namespace

TEST_CASE("EveryFaultInTakingASignedCheckpointFailsCleanly", "[audit][checkpoint][faults]") {
  TempDir dir;
  WriteKeyPair(dir);
  const std::string file = dir.path() + "/cp.txt";
  const std::string before = FirstCheckpoint(dir, file);
  // The line the second checkpoint adds when it succeeds (Ed25519 signatures are deterministic).
  REQUIRE(TakeSignedCheckpoint(dir, file, MakeCheckpoint(2, 'b')).ok());
  const std::string after = ReadFile(file);
  REQUIRE(after.size() > before.size());
  auto reset = [&] { REQUIRE(dir.Write("cp.txt", before) == file); };
  auto take = [&] { return TakeSignedCheckpoint(dir, file, MakeCheckpoint(2, 'b')); };

  SECTION("every call failing") {
    long calls = ForEachFileFault(FileFaultKind::kError, reset, take, [&](long, const Status& s) {
      // Which call failed, said plainly; nothing claimed, nothing left behind.
      CHECK_THAT(s.message(),
                 Catch::Matches("cannot (read key|open|seek in|read|write|flush|close) .*|"
                                "cannot sign the checkpoint .*"));
      CHECK(ReadFile(file) == before);
      CHECK(VerifySignedCheckpoints(dir, file).ok());
    });
    // The key file's open; the signing context, its initialisation and the signing; and the
    // checkpoint file's open, seek, read of its last byte, one write, fsync and close.
    CHECK(calls == 10);
    CHECK(ReadFile(file) == after);
  }
  SECTION("each call interrupted or cut short") {
    auto kind = GENERATE(FileFaultKind::kInterrupted, FileFaultKind::kShort);
    long succeeded_faulted = 0;
    long calls = ForEachFileFault(kind, reset, take, [&](long, const Status& s) {
      // A write is retried (interrupted) or continued (short) to the whole line; any other call
      // fails as before, leaving the file as it was.
      if (s.ok()) {
        ++succeeded_faulted;
        CHECK(ReadFile(file) == after);
      } else {
        CHECK(ReadFile(file) == before);
      }
      CHECK(VerifySignedCheckpoints(dir, file).ok());
    });
    CHECK(calls == 10);
    // The write, only: interrupted, it writes nothing and is retried; short, it writes one byte
    // and the loop writes the rest.
    CHECK(succeeded_faulted == 1);
  }
}

TEST_CASE("ASignatureOfTheWrongLengthIsNotWritten", "[audit][checkpoint][faults]") {
  TempDir dir;
  WriteKeyPair(dir);
  auto key = Ed25519Key::LoadPrivate(dir.path() + "/key.pem");
  REQUIRE(key.ok());
  // The signing context (1), its initialisation (2), the signing (3), which reports 32 bytes.
  FileFaultGuard guard;
  REQUIRE(ArmFileFault(3, FileFaultKind::kShort));
  auto sig = key->Sign("text");
  REQUIRE(FileFaultFired());
  REQUIRE_FALSE(sig.ok());
  CHECK(sig.status().message() == "cannot sign the checkpoint (is the key a private Ed25519 key?)");
}

TEST_CASE("EveryFaultInVerifyingSignedCheckpointsRefusesThem", "[audit][checkpoint][faults]") {
  TempDir dir;
  WriteKeyPair(dir);
  const std::string file = dir.path() + "/cp.txt";
  FirstCheckpoint(dir, file);
  REQUIRE(TakeSignedCheckpoint(dir, file, MakeCheckpoint(2, 'b')).ok());
  const std::string text = ReadFile(file);
  // Interrupted or cut short, no call of reading or verifying is retried: each fails as well.
  auto kind = GENERATE(FileFaultKind::kError, FileFaultKind::kInterrupted, FileFaultKind::kShort);
  long calls = ForEachFileFault(
      kind, [] {}, [&] { return VerifySignedCheckpoints(dir, file); },
      [&](long, const Status& s) {
        // A key or file that cannot be read is an error naming it; a signature whose check
        // failed is refused, never taken as verified.
        REQUIRE_FALSE(s.ok());
        CHECK_THAT(s.message(), Catch::Matches("cannot read key `.*|"
                                               "cannot read checkpoint file `.*|"
                                               ".*cp.txt:[12]: the signature does not verify"));
        CHECK(ReadFile(file) == text);
      });
  // The key file's open, the checkpoint file's open and read, and per line a context, its
  // initialisation and the verification.
  CHECK(calls == 9);
}

TEST_CASE("AFailedFlushIsTakenBackAndSaysWhenItCannotBe", "[audit][checkpoint][faults]") {
  TempDir dir;
  const std::string line =
      "chipgate-checkpoint 1 1:" + std::string(64, 'a') + " 2026-12-07T10:00:01.000Z\n";
  const std::string file = dir.Write("cp.txt", line);
  FileFaultGuard guard;
  // open (1), seek (2), read of the last byte (3), write (4), fsync (5): the whole line is in
  // the file but not on disk, so it is cut off again (the truncation, 6).
  REQUIRE(ArmFileFault(5, FileFaultKind::kError));
  Status s = AppendCheckpointLine(file, MakeCheckpoint(2, 'b'));
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "cannot flush checkpoint file `" + file + "`: Input/output error");
  CHECK(FileCallsCounted() == 6);
  CHECK(ReadFile(file) == line);
  // A disk that stays broken: the truncation fails too, and the message says what is left.
  REQUIRE(ArmFileFault(5, FileFaultKind::kError, 2));
  s = AppendCheckpointLine(file, MakeCheckpoint(2, 'b'));
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "cannot flush checkpoint file `" + file +
                           "`: Input/output error; the partly written line could not be "
                           "removed: Input/output error");
  CHECK(ReadFile(file) == line + FormatCheckpointLine(MakeCheckpoint(2, 'b')) + "\n");
  // Interrupted twice: the flush and the truncation each fail with EINTR (neither is retried).
  REQUIRE(dir.Write("cp.txt", line) == file);
  REQUIRE(ArmFileFault(5, FileFaultKind::kInterrupted, 2));
  s = AppendCheckpointLine(file, MakeCheckpoint(2, 'b'));
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "cannot flush checkpoint file `" + file +
                           "`: Interrupted system call; the partly written line could not be "
                           "removed: Interrupted system call");
}

TEST_CASE("ALineCutByAFileSizeLimitIsTakenBack", "[audit][checkpoint][faults]") {
  TempDir dir;
  const std::string line =
      "chipgate-checkpoint 1 1:" + std::string(64, 'a') + " 2026-12-07T10:00:01.000Z\n";
  const std::string file = dir.Write("cp.txt", line);
  // RLIMIT_FSIZE 10 bytes past the file's end: the write writes 10 bytes, the next one fails
  // with EFBIG (SIGXFSZ ignored, as it would otherwise end the process). Restored afterwards.
  struct rlimit old {};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit cut = old;
  cut.rlim_cur = line.size() + 10;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &cut) == 0);
  Status s = AppendCheckpointLine(file, MakeCheckpoint(2, 'b'));
  REQUIRE(setrlimit(RLIMIT_FSIZE, &old) == 0);
  std::signal(SIGXFSZ, old_handler);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "cannot write checkpoint file `" + file + "`: File too large");
  // The 10 bytes are gone: the file reads, and the next checkpoint appends to it.
  CHECK(ReadFile(file) == line);
  REQUIRE(AppendCheckpointLine(file, MakeCheckpoint(2, 'b')).ok());
  auto cps = ReadCheckpointFile(file);
  REQUIRE(cps.ok());
  CHECK(cps->size() == 2);
}

}  // namespace chipgate::testing
