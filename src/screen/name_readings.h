// Readings of a party name: the plain text, in lower-case Latin letters where possible, that the
// word splitter of party_name.cc turns into keys. A name of ASCII characters has one reading, the
// name itself. Any other name goes through ICU (docs/screening.md, section 1): default-ignorable
// code points removed, NFKC, then a *visual* reading (letters that look like Latin letters read as
// those, by the UTS #39 confusable skeleton: Cyrillic `а` as `a`) and a *transliterated* one
// (`Any-Latin; Latin-ASCII`: `Сугон` as `Sugon`, Chinese as pinyin by word), both case folded
// (NFKC_Casefold) and without combining marks. ICU stays inside name_readings.cc.
// Thread-safety: callable from any thread; ICU's transliterator, spoof checker and word breaker
// are created once per thread on its first non-ASCII name (tens of milliseconds) and reused.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chipgate {

// The distinct readings of `name` (UTF-8; a byte that is not valid UTF-8 is read as the Latin-1
// character of that value): one, or two when the visual and the transliterated reading differ.
// For a name of ASCII characters only, the single reading is the name unchanged (folding would
// only lower its case, which the word splitter does), unless `force_unicode` asks for the ICU
// path anyway; tests use that to check that the shortcut is exact.
// Throws std::runtime_error only when ICU cannot create its transliterator or spoof checker (its
// data missing from the installation): screening must not go on without them.
std::vector<std::u32string> NameReadings(std::string_view name, bool force_unicode = false);

// True for a code point that is part of a word in a reading: an ASCII letter or digit, or a
// letter, digit or mark of any script. Everything else separates words.
bool IsNameWordCodePoint(char32_t cp);

}  // namespace chipgate
