// Request ids (request_id.h).
#include "serve/request_id.h"

#include <openssl/rand.h>

#include <atomic>
#include <cctype>
#include <cstdint>

namespace chipgate::serve {

std::string RequestId(const std::string& given) {
  bool usable = !given.empty() && given.size() <= 64;
  for (char c : given)
    usable =
        usable && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-');
  if (usable) return given;
  unsigned char bytes[8];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    static std::atomic<uint64_t> counter{0};
    return "req-" + std::to_string(++counter);
  }
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace chipgate::serve
