// Party-name keys: the form under which the customer master stores and looks up a party's name
// and aliases, so `Straits Compute Sdn. Bhd.`, `STRAITS COMPUTE SDN BHD` and `straits-compute
// sdn bhd` find the same party with one index lookup. The store writes and reads keys with it;
// it is deliberately simpler than restricted-party screening (src/screen), which matches
// similar names, not equal ones.
#pragma once

#include <string>
#include <string_view>

namespace chipgate {

// The words of `name` joined by single spaces. Words are split at ASCII whitespace and ASCII
// punctuation (`.`, `,`, `-`, `&`, `(`, ...); each word is case-folded and loses the separators
// EndUseKey removes (base/end_use_key.h: Unicode spaces and dashes, invisible characters), so
// non-ASCII letters are kept, folded where EndUseKey folds them. Empty when `name` has no
// letters or digits.
std::string PartyKey(std::string_view name);

}  // namespace chipgate
