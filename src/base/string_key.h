// String comparison keys: how `==`, `!=` and `in` compare strings that people type (a producer, a
// party's name or customer id) so that `HUAWEI`, ` huawei ` and `Huawei` are one value in a rule.
// The compiler turns each literal into its key once; the resolver turns each value into its key
// once; the VM then compares interned ids as before. docs/rule-language.md §4 states the rules.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace chipgate {

// How a string-valued attribute or fact is compared with literals.
enum class StringKeyKind : uint8_t {
  kExact,  // enum values and end-use ids: the declared spelling, byte for byte
  kName,   // free text (a producer, a party name): NameKey
  kId,     // an identifier (a customer-master id): IdKey
};

// A name's key: case folded, with every space and punctuation mark removed, so that only letters
// and digits (and other symbols outside ASCII) remain. `Desert Pearl Data FZ-LLC`,
// `desert pearl data fz llc` and `DESERT-PEARL DATA, FZ LLC` have one key. Built on EndUseKey
// (spaces, hyphens, dashes, dots, underscores, slashes and invisible characters removed, simple
// case folding of Latin, Greek and Cyrillic); the ASCII punctuation it keeps is removed here.
// Legal forms are not removed: `Acme Ltd` and `Acme` are different names (write both, in a list).
std::string NameKey(std::string_view text);

// An identifier's key: surrounding ASCII white space removed and ASCII letters lower-cased;
// everything inside is kept, so `C-1042` and `C1042` are different ids but ` c-1042 ` is `C-1042`.
std::string IdKey(std::string_view text);

// The key of `text` for values of `kind`.
inline std::string StringKey(StringKeyKind kind, std::string_view text) {
  switch (kind) {
    case StringKeyKind::kName:
      return NameKey(text);
    case StringKeyKind::kId:
      return IdKey(text);
    case StringKeyKind::kExact:
      break;
  }
  return std::string(text);
}

}  // namespace chipgate
