// Bearer tokens (docs/serve.md, "Authentication"): a file of token hashes, never the tokens.
// Each line `NAME SCOPE[,SCOPE...] HASH`: NAME names the caller (it is the actor of the audit
// records its decisions write), SCOPE is `decide` (check, ship), `admin` (reload) or `metrics`,
// HASH is the token's SHA-256 in hex (`printf %s TOKEN | sha256sum`). Empty lines and lines
// starting with `#` are skipped.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chipgate/status.h"

namespace chipgate::serve {

enum class Scope : uint8_t { kDecide = 1, kAdmin = 2, kMetrics = 4 };

struct TokenEntry {
  std::string name;
  uint8_t scopes = 0;  // Scope bits
  std::array<unsigned char, 32> hash{};
};

class TokenSet {
 public:
  // Reads the file; an error names the line (never a token or a hash).
  static Result<TokenSet> Load(const std::string& path);
  static Result<TokenSet> Parse(std::string_view text);

  // The entry whose hash is the token's SHA-256, compared in constant time with every entry
  // (CRYPTO_memcmp; no early exit), or nullopt.
  std::optional<TokenEntry> Find(std::string_view token) const;

  size_t size() const { return entries_.size(); }

 private:
  std::vector<TokenEntry> entries_;
};

bool HasScope(const TokenEntry& entry, Scope scope);

}  // namespace chipgate::serve
