// Party-name keys: the normalised forms under which listed names and screened names meet
// (docs/screening.md, section 1). The index holds the keys of every listed name and alias
// (party_index.h); screening computes the keys of consignee and end-user names the same way
// (party_screen.h), so both sides always go through one function.
// Thread-safety: pure functions, callable from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chipgate {

// The distinct non-empty keys of `name`, in reading order (see name_readings.h): none for a name
// without letters or digits, one for most names, two when a name written with non-ASCII
// characters reads differently by look and by transliteration (`ЅМІС`: `smic` and `zmis`).
// A key is the name's words, lower case, sorted, joined with single spaces. `force_unicode`
// sends ASCII names through ICU too (for tests of the ASCII shortcut).
std::vector<std::string> PartyNameKeys(std::string_view name, bool force_unicode = false);

// The singular of one normalised word, as keys write it ("industries" -> "industry"; words of
// five letters or fewer are kept).
std::string SingularPartyWord(std::string word);

// The words of a key, in key order (empty pieces between repeated spaces are skipped, though a
// key has none).
std::vector<std::string_view> KeyWords(std::string_view key);

// The letters of `words`: a key's length without its spaces. Scores are shares of letters.
int KeyLetters(const std::vector<std::string_view>& words);

}  // namespace chipgate
