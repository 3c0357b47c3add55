// Test-only faults of the checkpoint code's system and OpenSSL calls (docs/development.md,
// "Crash and I/O fault tests"), the counterpart of the store's statement faults
// (src/store/statement_fault.h): a test arms the N-th call from then on to fail, and then checks
// that the operation it started fails cleanly, claiming nothing and leaving the checkpoint file
// as it was. Counted are the calls checkpoint.cc makes through its wrappers: open, lseek, pread,
// write, fsync and close of a checkpoint file being appended to (and ftruncate, when a failed
// append is taken back), the opening and reading of a checkpoint file and the opening of a key
// file, and OpenSSL's context allocation, sign/verify initialisation and signing/verifying. The
// fault fires once (or on as many consecutive calls as armed) and then disarms itself, so what
// the code does to recover runs normally.
//
// Armed only by tests, in-process (no environment variable): ArmFileFault does nothing in builds
// without the test suite (CHIPGATE_FILE_FAULTS, set by CMake on file_fault.cc only when
// CHIPGATE_BUILD_TESTS), such as the Debian package. Unarmed, a call pays one relaxed atomic
// load.
#pragma once

#include <atomic>
#include <optional>

namespace chipgate {

enum class FileFaultKind {
  // The call fails: a system call returns -1 with errno EIO (ENOSPC for write), an OpenSSL call
  // returns failure (or no context).
  kError,
  // The call is interrupted by a signal before it did anything: -1 with errno EINTR. Only write
  // retries on it; any other call armed with it fails as with kError (with errno EINTR).
  kInterrupted,
  // The call does less than asked: write writes one byte, pread reads nothing (end of file), a
  // signature comes out 32 bytes long instead of 64. Any other call armed with it fails as with
  // kError.
  kShort,
};

namespace detail {
extern std::atomic<bool> file_fault_armed;
std::optional<FileFaultKind> CountFileCall();
}  // namespace detail

// For the wrappers, before each call: the fault this call suffers, if any.
inline std::optional<FileFaultKind> FileFaultHere() {
  if (!detail::file_fault_armed.load(std::memory_order_relaxed)) return std::nullopt;
  return detail::CountFileCall();
}

// The test API. Arms the n-th call from now (n >= 1), and the `calls - 1` calls after it (a disk
// that stays broken), with `kind`, and resets the count; false (and nothing armed) in a build
// without the test suite.
bool ArmFileFault(long n, FileFaultKind kind = FileFaultKind::kError, long calls = 1);
// Stops counting; a fault that did not fire is dropped.
void DisarmFileFault();
// The calls counted since ArmFileFault, and whether the (first) armed one was reached.
long FileCallsCounted();
bool FileFaultFired();

}  // namespace chipgate
