// Audit-log checkpoints (docs/audit-log.md, "Anchors and checkpoints"): `SEQ:HASH` anchors kept
// outside the database, one line per checkpoint in an append-only text file, optionally signed
// with an Ed25519 key (OpenSSL EVP). `log checkpoint` writes them; `log verify --checkpoints`
// checks the log against every one.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/audit.h"
#include "chipgate/status.h"

namespace chipgate {

// "SEQ:HASH" (SEQ a positive decimal, HASH 64 hex characters) or, for the last record, a bare
// 64-hex HASH. Anything else is an error saying what was expected.
Result<AuditAnchor> ParseAuditAnchor(std::string_view text);

struct Checkpoint {
  AuditAnchor anchor;     // seq >= 1
  std::string time;       // when it was taken (audit timestamp format)
  std::string signature;  // hex Ed25519 signature of CheckpointSignedText; empty when unsigned
};

// The signed part of a line: `chipgate-checkpoint 1 SEQ:HASH TIME`.
std::string CheckpointSignedText(const Checkpoint& cp);
// A whole line, without the newline: the signed text, then ` ed25519:<hex>` when signed.
std::string FormatCheckpointLine(const Checkpoint& cp);

// One line (without its newline); `where` names it in errors and becomes anchor.source.
Result<Checkpoint> ParseCheckpointLine(std::string_view line, const std::string& where);
// Reads every line of a checkpoint file; a malformed line is an error naming `path:line`. Each
// checkpoint's anchor.source is `path:line`.
Result<std::vector<Checkpoint>> ReadCheckpointFile(const std::string& path);
// Appends one line (creating the file with mode 0640), then flushes it to disk; every write,
// fsync and close is checked.
Status AppendCheckpointLine(const std::string& path, const Checkpoint& cp);

// An Ed25519 key read from a PEM file: a private key signs and verifies, a public key verifies.
class Ed25519Key {
 public:
  static Result<Ed25519Key> LoadPrivate(const std::string& pem_path);
  static Result<Ed25519Key> LoadPublic(const std::string& pem_path);
  Ed25519Key(Ed25519Key&&) noexcept;
  Ed25519Key& operator=(Ed25519Key&&) noexcept;
  ~Ed25519Key();

  Result<std::string> Sign(std::string_view message) const;  // hex signature
  bool Verify(std::string_view message, std::string_view signature_hex) const;

 private:
  struct Impl;  // the OpenSSL key
  explicit Ed25519Key(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chipgate
