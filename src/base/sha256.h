// SHA-256 over byte strings (OpenSSL EVP); used for the rule-pack digest and the audit chain.
#pragma once

#include <string>
#include <string_view>

namespace chipgate {

// Lower-case hex digest of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace chipgate
