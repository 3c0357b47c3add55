// SHA-256 over byte strings (OpenSSL EVP); used for the rule-pack digest and the audit chain.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace chipgate {

// Lower-case hex digest of `data`.
std::string Sha256Hex(std::string_view data);

// SHA-256 over data given in pieces (a large audit's findings digest, hashed row by row without
// holding the rows). Finish gives the same hex as Sha256Hex over the pieces joined; the hasher is
// not used after Finish.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void Update(std::string_view data);
  std::string FinishHex();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

}  // namespace chipgate
