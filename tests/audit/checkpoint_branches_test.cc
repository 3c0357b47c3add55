// Checkpoint files that cannot be flushed or read (the file decisions of checkpoint.cc left by
// checkpoint_errors_test.cc): a checkpoint line that reached a file which cannot be synced to
// disk is not a checkpoint taken, and a checkpoint path that is a directory is not an empty file.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>

#include "chipgate/checkpoint.h"
#include "support/test_support.h"

namespace chipgate::testing {

TEST_CASE("ACheckpointThatCannotBeFlushedIsAnError", "[audit][checkpoint]") {
  TempDir dir;
  // A FIFO opens for writing (read-write, so without a reader), takes the line into its buffer,
  // has no size to look at, and refuses fsync (EINVAL): the line never reached a disk.
  const std::string fifo = dir.path() + "/cp.fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  Checkpoint cp;
  cp.anchor.seq = 1;
  cp.anchor.hash = std::string(64, 'c');
  cp.time = "2026-12-07T10:00:00.000Z";
  Status s = AppendCheckpointLine(fifo, cp);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "cannot flush checkpoint file `" + fifo + "`: Invalid argument");
}

TEST_CASE("ACheckpointFileThatIsADirectoryCannotBeRead", "[audit][checkpoint]") {
  TempDir dir;
  auto r = ReadCheckpointFile(dir.path());
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(),
             Catch::StartsWith("cannot read checkpoint file `" + dir.path() + "`"));
}

}  // namespace chipgate::testing
