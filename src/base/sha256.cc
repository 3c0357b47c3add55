// SHA-256 via OpenSSL's EVP interface (the SHA256_* functions are deprecated in OpenSSL 3).
#include "base/sha256.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace chipgate {
namespace {

using EvpCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

// The algorithm fetched once: OpenSSL 3 looks the implicit EVP_sha256() up in its provider
// tables (under a lock) on every init, which cost as much as hashing a short text.
const EVP_MD* Sha256Md() {
  static const EVP_MD* const md = [] {
    const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return fetched ? fetched : EVP_sha256();
  }();
  return md;
}

void Init(EVP_MD_CTX* ctx) {
  if (!ctx || EVP_DigestInit_ex(ctx, Sha256Md(), nullptr) != 1)
    throw std::runtime_error("sha256 failed in OpenSSL");
}

EvpCtx NewSha256() {
  EvpCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  Init(ctx.get());
  return ctx;
}

std::string FinishHex(EVP_MD_CTX* ctx) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx, digest, &len) != 1)
    throw std::runtime_error("sha256 failed in OpenSSL");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace

// One context per thread, initialised anew for each text (the audit hashes two texts per
// record, many thousands a second in the service).
std::string Sha256Hex(std::string_view data) {
  thread_local EvpCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  Init(ctx.get());
  if (EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1)
    throw std::runtime_error("sha256 failed in OpenSSL");
  return FinishHex(ctx.get());
}

struct Sha256Stream::Ctx {
  EvpCtx evp = NewSha256();
};

Sha256Stream::Sha256Stream() : ctx_(std::make_unique<Ctx>()) {}
Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::Update(std::string_view data) {
  if (EVP_DigestUpdate(ctx_->evp.get(), data.data(), data.size()) != 1)
    throw std::runtime_error("sha256 failed in OpenSSL");
}

std::string Sha256Stream::FinishHex() { return chipgate::FinishHex(ctx_->evp.get()); }

}  // namespace chipgate
