// The token file (token_file.h).
#include "serve/token_file.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <fstream>
#include <sstream>

namespace chipgate::serve {
namespace {

std::optional<uint8_t> ParseScopes(std::string_view text) {
  uint8_t out = 0;
  size_t at = 0;
  while (at <= text.size()) {
    size_t comma = text.find(',', at);
    std::string_view one =
        text.substr(at, comma == std::string_view::npos ? text.npos : comma - at);
    if (one == "decide") {
      out |= static_cast<uint8_t>(Scope::kDecide);
    } else if (one == "admin") {
      out |= static_cast<uint8_t>(Scope::kAdmin);
    } else if (one == "metrics") {
      out |= static_cast<uint8_t>(Scope::kMetrics);
    } else {
      return std::nullopt;
    }
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  return out;
}

std::optional<std::array<unsigned char, 32>> ParseHash(std::string_view hex) {
  if (hex.substr(0, 7) == "sha256:") hex.remove_prefix(7);
  if (hex.size() != 64) return std::nullopt;
  std::array<unsigned char, 32> out{};
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < 32; ++i) {
    int hi = digit(hex[2 * i]), lo = digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace

Result<TokenSet> TokenSet::Parse(std::string_view text) {
  TokenSet set;
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    std::istringstream fields(line);
    std::string name, scopes, hash, extra;
    fields >> name >> scopes >> hash;
    auto bad = [&](const char* what) {
      return Status::Error("token file line " + std::to_string(number) + ": " + what +
                           " (expected NAME SCOPE[,SCOPE] SHA256-HEX)");
    };
    if (hash.empty() || (fields >> extra)) return bad("wrong number of fields");
    auto parsed_scopes = ParseScopes(scopes);
    if (!parsed_scopes) return bad("unknown scope (decide, admin, metrics)");
    auto parsed_hash = ParseHash(hash);
    if (!parsed_hash) return bad("the hash is not 64 hex digits");
    set.entries_.push_back({name, *parsed_scopes, *parsed_hash});
  }
  if (set.entries_.empty()) return Status::Error("token file has no tokens");
  return set;
}

Result<TokenSet> TokenSet::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error("cannot read the token file");
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str());
}

std::optional<TokenEntry> TokenSet::Find(std::string_view token) const {
  std::array<unsigned char, 32> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest.data());
  std::optional<TokenEntry> found;
  // Every entry is compared, whatever matched before: the time taken does not say which entry
  // or how much of a hash matched.
  for (const auto& e : entries_) {
    bool same = CRYPTO_memcmp(e.hash.data(), digest.data(), digest.size()) == 0;
    if (same && !found) found = e;
  }
  return found;
}

bool HasScope(const TokenEntry& entry, Scope scope) {
  return (entry.scopes & static_cast<uint8_t>(scope)) != 0;
}

}  // namespace chipgate::serve
