// Checkpoint lines, checkpoint files and Ed25519 signatures (OpenSSL EVP) for audit-log anchors.
//
// An anchor `SEQ:HASH` says "record SEQ has this hash"; kept outside the database it lets
// `log verify` detect a cut tail or a rewritten, re-chained history (docs/audit-log.md, "Anchors
// and checkpoints"). A checkpoint file holds one anchor per line:
//
//   chipgate-checkpoint 1 <seq>:<hash> <time>[ ed25519:<signature>]
//
// The signature is over CheckpointSignedText (the line up to the time), so a signed file can be
// checked with the public key alone. Parsing is strict: a malformed line is a usage error
// reported with its `file:line`, never skipped, because skipping would silently drop an anchor.
#include "chipgate/checkpoint.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "audit/file_fault.h"

namespace chipgate {
namespace {

// The calls a test can fault (audit/file_fault.h), one wrapper per call: each counts once and,
// when faulted, fails as the real call fails (-1 and errno, a null pointer, an OpenSSL 0).
// Outside the tests each costs one relaxed atomic load, next to a system call.

// errno for a faulted system call: EINTR for an interruption, else `err`.
int FaultErrno(FileFaultKind k, int err) { return k == FileFaultKind::kInterrupted ? EINTR : err; }

int OpenForAppend(const std::string& path) {
  if (auto f = FileFaultHere()) {
    errno = FaultErrno(*f, EIO);
    return -1;
  }
  return open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

off_t SeekEnd(int fd) {
  if (auto f = FileFaultHere()) {
    errno = FaultErrno(*f, EIO);
    return -1;
  }
  return lseek(fd, 0, SEEK_END);
}

// Reads the byte at `at`; a short fault reads nothing (end of file).
ssize_t ReadByteAt(int fd, char* c, off_t at) {
  if (auto f = FileFaultHere()) {
    if (*f == FileFaultKind::kShort) return 0;
    errno = FaultErrno(*f, EIO);
    return -1;
  }
  return pread(fd, c, 1, at);
}

// A short fault writes one byte, as a write cut by a signal or a full disk does.
ssize_t WriteSome(int fd, const char* data, size_t n) {
  if (auto f = FileFaultHere()) {
    if (*f == FileFaultKind::kShort) return write(fd, data, 1);
    errno = FaultErrno(*f, ENOSPC);
    return -1;
  }
  return write(fd, data, n);
}

int Sync(int fd) {
  if (auto f = FileFaultHere()) {
    errno = FaultErrno(*f, EIO);
    return -1;
  }
  return fsync(fd);
}

// A faulted close still closes: Linux releases the descriptor whatever close returns.
int Close(int fd) {
  auto f = FileFaultHere();
  int r = close(fd);
  if (f) {
    errno = FaultErrno(*f, EIO);
    return -1;
  }
  return r;
}

int TruncateTo(const std::string& path, off_t size) {
  if (auto f = FileFaultHere()) {
    errno = FaultErrno(*f, EIO);
    return -1;
  }
  return truncate(path.c_str(), size);
}

// Whether a checkpoint file's stream failed (`!in` after opening, `in.bad()` after reading);
// a fault makes it fail with EIO.
bool StreamFailed(bool failed) {
  if (auto f = FileFaultHere()) {
    errno = FaultErrno(*f, EIO);
    return true;
  }
  return failed;
}

FILE* OpenKeyFile(const std::string& path) {
  if (auto f = FileFaultHere()) {
    errno = FaultErrno(*f, EIO);
    return nullptr;
  }
  return std::fopen(path.c_str(), "rb");
}

EVP_MD_CTX* NewDigestContext() { return FileFaultHere() ? nullptr : EVP_MD_CTX_new(); }

int SignInit(EVP_MD_CTX* ctx, EVP_PKEY* key) {
  if (FileFaultHere()) return 0;
  return EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key);
}

// A short fault signs, then reports a signature of 32 bytes.
int SignMessage(EVP_MD_CTX* ctx, unsigned char* sig, size_t* len, std::string_view message) {
  auto f = FileFaultHere();
  if (f && *f != FileFaultKind::kShort) return 0;
  int r = EVP_DigestSign(ctx, sig, len, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size());
  if (f) *len = 32;
  return r;
}

int VerifyInit(EVP_MD_CTX* ctx, EVP_PKEY* key) {
  if (FileFaultHere()) return 0;
  return EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key);
}

int VerifyMessage(EVP_MD_CTX* ctx, const unsigned char* sig, size_t len, std::string_view message) {
  if (FileFaultHere()) return 0;
  return EVP_DigestVerify(ctx, sig, len, reinterpret_cast<const unsigned char*>(message.data()),
                          message.size());
}

constexpr std::string_view kMagic = "chipgate-checkpoint 1 ";
constexpr std::string_view kSignaturePrefix = " ed25519:";

// Hex digits of either case; callers lower-case what they keep (Lower) so anchors compare equal
// to the lower-case hashes chipgate computes.
bool IsHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
  return out;
}

// Lower-case hex of `n` bytes: the form signatures are written in.
std::string ToHex(const unsigned char* data, size_t n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 15];
  }
  return out;
}

}  // namespace

// Parses one line of a checkpoint file (without its newline). `where` (`file:line`) prefixes
// every error and is kept as the anchor's source, so a failed anchor check can name the line.
// Accepts exactly: the magic, a `SEQ:HASH` anchor with SEQ >= 1, one space, an audit timestamp,
// and optionally ` ed25519:` with 128 hex characters. Anything else, including trailing spaces or
// a carriage return, is an error. Hash and signature are returned lower-cased.
Result<Checkpoint> ParseCheckpointLine(std::string_view line, const std::string& where) {
  auto bad = [&](const std::string& why) {
    return Status::Error(where + ": malformed checkpoint: " + why);
  };
  if (line.substr(0, kMagic.size()) != kMagic)
    return bad("expected a line starting `chipgate-checkpoint 1`");
  line.remove_prefix(kMagic.size());
  Checkpoint cp;
  size_t sp = line.find(' ');
  if (sp == std::string_view::npos) return bad("expected `SEQ:HASH TIME`");
  auto anchor = ParseAuditAnchor(line.substr(0, sp));
  if (!anchor.ok()) return bad(anchor.status().message());
  // ParseAuditAnchor also accepts a bare hash (seq 0); a checkpoint must say which record it is.
  if (anchor->seq == 0) return bad("the anchor must name its record (`SEQ:HASH`)");
  cp.anchor = anchor.value();
  cp.anchor.source = where;
  line.remove_prefix(sp + 1);
  // The time runs to the next space; whatever follows must be the signature.
  size_t sig = line.find(' ');
  cp.time = std::string(line.substr(0, sig));
  if (!IsAuditTimestamp(cp.time)) return bad("`" + cp.time + "` is not an audit timestamp");
  if (sig != std::string_view::npos) {
    std::string_view rest = line.substr(sig);
    if (rest.substr(0, kSignaturePrefix.size()) != kSignaturePrefix)
      return bad("expected ` ed25519:SIGNATURE` after the time");
    rest.remove_prefix(kSignaturePrefix.size());
    if (rest.size() != 128 || !IsHex(rest))
      return bad("an Ed25519 signature is 128 hex characters");
    cp.signature = Lower(rest);
  }
  return cp;
}

namespace {

struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

// Reads a PEM key and insists that it is Ed25519, so a stray RSA or EC key is refused with a
// clear message rather than failing later inside signing. The caller owns the returned key.
Result<EVP_PKEY*> ReadPem(const std::string& path, bool private_key) {
  FILE* f = OpenKeyFile(path);
  if (!f) return Status::Error("cannot read key `" + path + "`: " + std::strerror(errno));
  EVP_PKEY* key = private_key ? PEM_read_PrivateKey(f, nullptr, nullptr, nullptr)
                              : PEM_read_PUBKEY(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  if (!key) {
    return Status::Error("`" + path + "` is not a PEM " + (private_key ? "private" : "public") +
                         " key");
  }
  if (!EVP_PKEY_is_a(key, "ED25519")) {
    EVP_PKEY_free(key);
    return Status::Error("`" + path + "` is not an Ed25519 key");
  }
  return key;
}

}  // namespace

// Parses `--expect-head` and checkpoint anchors: `SEQ:HASH` (seq >= 1), or a bare 64-character
// hash (the older form: seq stays 0, meaning "the log must end exactly here"). The hash is
// returned lower-cased. A malformed anchor is a usage error (exit 2), not a verdict on the log.
Result<AuditAnchor> ParseAuditAnchor(std::string_view text) {
  auto error = [&] {
    return Status::Error(
        "expected `SEQ:HASH` (a record number and its 64-character hash) or a 64-character hash, "
        "found `" +
        std::string(text) + "`");
  };
  AuditAnchor a;
  std::string_view hash = text;
  if (size_t colon = text.find(':'); colon != std::string_view::npos) {
    std::string_view seq = text.substr(0, colon);
    auto [end, ec] = std::from_chars(seq.data(), seq.data() + seq.size(), a.seq);
    // Digits only, no sign and no leading zero: one spelling per record number.
    if (seq.empty() || seq[0] < '1' || seq[0] > '9' || ec != std::errc() ||
        end != seq.data() + seq.size() || a.seq < 1) {
      return error();
    }
    hash = text.substr(colon + 1);
  }
  if (hash.size() != 64 || !IsHex(hash)) return error();
  a.hash = Lower(hash);
  return a;
}

// The bytes a checkpoint signature covers: the line rebuilt from the parsed checkpoint, up to
// and including the time. Signing and verifying both use this, so what is verified is the
// normalised (lower-case) form, not the literal bytes of the line as read.
std::string CheckpointSignedText(const Checkpoint& cp) {
  return std::string(kMagic) + std::to_string(cp.anchor.seq) + ":" + cp.anchor.hash + " " + cp.time;
}

// The full line, without a newline; the signature part only when the checkpoint is signed.
std::string FormatCheckpointLine(const Checkpoint& cp) {
  std::string line = CheckpointSignedText(cp);
  if (!cp.signature.empty()) line += std::string(kSignaturePrefix) + cp.signature;
  return line;
}

// All checkpoints of a file, in file order. Fails on an unreadable file, on the first malformed
// line (nothing is skipped) and on a file with no checkpoint at all: a checkpoint file given to
// `log verify` that anchors nothing would make the run look stronger than it is.
Result<std::vector<Checkpoint>> ReadCheckpointFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (StreamFailed(!in))
    return Status::Error("cannot read checkpoint file `" + path + "`: " + std::strerror(errno));
  std::vector<Checkpoint> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    auto cp = ParseCheckpointLine(line, path + ":" + std::to_string(n));
    if (!cp.ok()) return cp.status();
    out.push_back(std::move(cp.value()));
  }
  if (StreamFailed(in.bad())) return Status::Error("cannot read checkpoint file `" + path + "`");
  if (out.empty()) return Status::Error("checkpoint file `" + path + "` holds no checkpoint");
  return out;
}

// Appends one line to the checkpoint file, creating it with mode 0640 (less the umask), and
// returns only after fsync and close: a checkpoint that was reported taken survives a crash.
// Fails, and leaves the file as it was, when the existing file does not end with a newline or
// any call fails: what was written of the line is cut off again (truncated to the size the file
// had), because a torn last line would make every later read of the file and every later append
// refuse it. The message says so when even that fails. Callers verify the log before calling;
// this function does not look at the log. Taking back assumes no other process appends to the
// same file at the same moment (checkpoints are taken one at a time, by one job).
Status AppendCheckpointLine(const std::string& path, const Checkpoint& cp) {
  std::string text = FormatCheckpointLine(cp) + "\n";
  int fd = OpenForAppend(path);
  if (fd < 0)
    return Status::Error("cannot open checkpoint file `" + path + "`: " + std::strerror(errno));
  // A pipe or FIFO has no size (ESPIPE): nothing to check, and nothing to take back later.
  off_t size = SeekEnd(fd);
  size_t done = 0;
  bool closed = false;
  auto fail = [&](const char* what) {
    std::string msg =
        std::string("cannot ") + what + " checkpoint file `" + path + "`: " + std::strerror(errno);
    if (!closed) close(fd);
    if (done > 0 && size >= 0 && TruncateTo(path, size) != 0)
      msg += "; the partly written line could not be removed: " + std::string(std::strerror(errno));
    return Status::Error(msg);
  };
  if (size < 0 && errno != ESPIPE) return fail("seek in");
  // A file whose last line lacks its newline would swallow ours into it: refuse instead.
  if (size > 0) {
    char last = 0;
    ssize_t r = ReadByteAt(fd, &last, size - 1);
    if (r == 0) errno = ENODATA;  // nothing there: the file shrank since its size was taken
    if (r != 1) return fail("read");
    if (last != '\n') {
      close(fd);
      return Status::Error("checkpoint file `" + path +
                           "` does not end with a newline; it was not written by chipgate");
    }
  }
  // write() may be partial or interrupted by a signal; loop until the whole line is out.
  while (done < text.size()) {
    ssize_t w = WriteSome(fd, text.data() + done, text.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return fail("write");
    done += static_cast<size_t>(w);
  }
  if (Sync(fd) != 0) return fail("flush");
  closed = true;
  if (Close(fd) != 0) return fail("close");
  return Status::Ok();
}

// Owns the OpenSSL key; kept out of the public header so embedders need no OpenSSL headers.
struct Ed25519Key::Impl {
  std::unique_ptr<EVP_PKEY, PkeyDeleter> key;
};

Ed25519Key::Ed25519Key(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ed25519Key::Ed25519Key(Ed25519Key&&) noexcept = default;
Ed25519Key& Ed25519Key::operator=(Ed25519Key&&) noexcept = default;
Ed25519Key::~Ed25519Key() = default;

Result<Ed25519Key> Ed25519Key::LoadPrivate(const std::string& pem_path) {
  auto key = ReadPem(pem_path, true);
  if (!key.ok()) return key.status();
  auto impl = std::make_unique<Impl>();
  impl->key.reset(key.value());
  return Ed25519Key(std::move(impl));
}

Result<Ed25519Key> Ed25519Key::LoadPublic(const std::string& pem_path) {
  auto key = ReadPem(pem_path, false);
  if (!key.ok()) return key.status();
  auto impl = std::make_unique<Impl>();
  impl->key.reset(key.value());
  return Ed25519Key(std::move(impl));
}

// Signs `message` (pure Ed25519, no pre-hash: hence the null digest in DigestSignInit) and
// returns the 64-byte signature as 128 lower-case hex characters. Fails when the key cannot sign,
// for example a key loaded with LoadPublic.
Result<std::string> Ed25519Key::Sign(std::string_view message) const {
  std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx(NewDigestContext());
  unsigned char sig[64];
  size_t len = sizeof sig;
  if (!ctx || SignInit(ctx.get(), impl_->key.get()) != 1 ||
      SignMessage(ctx.get(), sig, &len, message) != 1 || len != sizeof sig) {
    return Status::Error("cannot sign the checkpoint (is the key a private Ed25519 key?)");
  }
  return ToHex(sig, len);
}

// True only when `signature_hex` is 128 hex characters and a valid Ed25519 signature of
// `message` by this key. Any malformation is simply false: a bad signature is a verdict, not an
// error. The hex was checked by IsHex first, so each two-digit from_chars cannot fail.
bool Ed25519Key::Verify(std::string_view message, std::string_view signature_hex) const {
  if (signature_hex.size() != 128 || !IsHex(signature_hex)) return false;
  unsigned char sig[64];
  for (size_t i = 0; i < 64; ++i) {
    std::from_chars(signature_hex.data() + 2 * i, signature_hex.data() + 2 * i + 2, sig[i], 16);
  }
  std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx(NewDigestContext());
  return ctx && VerifyInit(ctx.get(), impl_->key.get()) == 1 &&
         VerifyMessage(ctx.get(), sig, sizeof sig, message) == 1;
}

}  // namespace chipgate
