// End-use spellings: the key under which a stated end use is looked up in a pack's declared end
// uses. The resolver, the validator (declarations that collide) and the rule-test oracle use it,
// so `Supercomputer`, `super-computer` and `SUPER_COMPUTER` all name the end use `supercomputer`.
#pragma once

#include <string>
#include <string_view>

namespace chipgate {

// Case-folded text with every separator removed: ASCII and Unicode spaces, hyphens and dashes,
// underscores, dots and the invisible format characters (soft hyphen, zero-width space/joiners,
// byte-order mark). Case folding is the simple one-to-one folding of ASCII, Latin-1, Latin
// Extended-A, Greek and Cyrillic capitals; other characters are kept as they are. Bytes that are
// not UTF-8 are kept, so such text never equals a declared spelling. Empty when nothing but
// separators is left.
std::string EndUseKey(std::string_view text);

}  // namespace chipgate
