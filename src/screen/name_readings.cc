// The ICU side of party-name normalisation (docs/screening.md, section 1): invisible code points,
// compatibility forms, look-alike letters, other scripts and case. party_name.cc calls
// NameReadings for every name that is not plain ASCII, on both the list and the screened side.
#include "screen/name_readings.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace chipgate {
namespace {

// Per-thread caches are cleared when they reach this many entries (names repeat, so a cache
// holds the runs of letters seen most; the bound keeps memory flat on endless input). Longer
// runs are transliterated every time, so one cache entry stays small.
constexpr size_t kCacheLimit = 8192;
constexpr int32_t kMaxCachedRun = 64;  // UTF-16 code units

// ICU reports failure through a status code. A failure here means ICU's data is missing, and
// screening without it would miss names, so it throws (name_readings.h).
void Check(UErrorCode status, const char* what) {
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("party screening: ICU ") + what + ": " +
                             u_errorName(status));
}

// ICU owns its normalizer instances and keeps them for the life of the process; fetching one
// after the first time only returns it.
const icu::Normalizer2& Nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  Check(status, "NFKC");
  return *n;
}

const icu::Normalizer2& NfkcCasefold() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  Check(status, "NFKC_Casefold");
  return *n;
}

const icu::Normalizer2& Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  Check(status, "NFD");
  return *n;
}

// Non-spacing and enclosing marks: accents once a letter is decomposed (NFD). They are dropped, so
// `é` reads as `e` and a name typed without its accents still meets the listed one.
bool IsMark(UChar32 c) { return (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_ME_MASK)) != 0; }

// Han and Japanese kana are written without spaces between words: such runs are segmented.
bool IsUnspacedScript(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &status);
  return s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA;
}

// UTF-8 to UTF-16, reading a byte that does not start a valid sequence as Latin-1.
icu::UnicodeString Decode(std::string_view s) {
  icu::UnicodeString out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    UChar32 cp = c;
    if (len > 1 && i + len <= s.size()) {
      UChar32 v = c & (0xFF >> (len + 1));
      bool ok = true;
      for (size_t k = 1; k < len && ok; ++k) {
        unsigned char cc = static_cast<unsigned char>(s[i + k]);
        ok = (cc & 0xC0) == 0x80;
        v = (v << 6) | (cc & 0x3F);
      }
      // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8 either.
      static constexpr UChar32 kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
      if (ok && v >= kMin[len] && v <= 0x10FFFF && !U_IS_SURROGATE(v)) {
        cp = v;
      } else {
        len = 1;
      }
    } else {
      len = 1;
    }
    out.append(cp);
    i += len;
  }
  return out;
}

// Default-ignorable code points (zero-width spaces and joiners, bidirectional controls, tags,
// variation selectors) removed: they are invisible, so a name written with them looks exactly
// like the listed name and must read like it.
icu::UnicodeString WithoutIgnorables(const icu::UnicodeString& s) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    if (!u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) out.append(c);
    i += U16_LENGTH(c);
  }
  return out;
}

// The UTF-16 code units of `s`, as the key of the transliteration cache.
std::u16string Key(const icu::UnicodeString& s) {
  return std::u16string(s.getBuffer(), static_cast<size_t>(s.length()));
}

// ICU objects of one thread (none of them may be shared between threads) and its caches.
class Tools {
 public:
  Tools() {
    UErrorCode status = U_ZERO_ERROR;
    // Any-Latin writes Cyrillic ш ж ч щ as š ž č ŝ, which Latin-ASCII would make s z c s; the
    // usual English spellings keep the h ("Ромашка" -> "romashka", not "romaska").
    UParseError where;
    latin_.reset(icu::Transliterator::createFromRules(
        "chipgate-latin",
        icu::UnicodeString(u"ш > sh; Ш > Sh; ж > zh; Ж > Zh; ч > ch; Ч > Ch; щ > shch; Щ > Shch; "
                           u"::Any-Latin; ::Latin-ASCII;"),
        UTRANS_FORWARD, where, status));
    Check(status, "transliterator Any-Latin; Latin-ASCII");
    spoof_ = uspoof_open(&status);
    Check(status, "spoof checker");
    words_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    Check(status, "word break iterator");
  }
  ~Tools() { uspoof_close(spoof_); }
  Tools(const Tools&) = delete;
  Tools& operator=(const Tools&) = delete;

  // Each code point that looks like ASCII letters or digits replaced by them (lower case); Latin
  // letters only when `latin_too` (Latin-ASCII reads `Ł` as `L`, where its look would be `l`).
  icu::UnicodeString Visual(const icu::UnicodeString& s, bool latin_too) {
    icu::UnicodeString out;
    for (int32_t i = 0; i < s.length();) {
      UChar32 c = s.char32At(i);
      i += U16_LENGTH(c);
      if (c < 0x80 || u_isUWhiteSpace(c)) {
        out.append(c);
        continue;
      }
      UErrorCode status = U_ZERO_ERROR;
      const icu::UnicodeString* v =
          latin_too || uscript_getScript(c, &status) != USCRIPT_LATIN ? VisualOf(c) : nullptr;
      if (v) {
        out.append(*v);
      } else {
        out.append(c);
      }
    }
    return out;
  }

  // Runs of non-ASCII word characters transliterated to ASCII where ICU can; Han and kana runs
  // word by word, each word's syllables joined ("华为技术" -> "huawei jishu").
  icu::UnicodeString Latin(const icu::UnicodeString& s) {
    icu::UnicodeString out;
    for (int32_t i = 0; i < s.length();) {
      UChar32 c = s.char32At(i);
      if (c < 0x80 || !IsNameWordCodePoint(static_cast<char32_t>(c))) {
        out.append(c);
        i += U16_LENGTH(c);
        continue;
      }
      int32_t j = i;
      bool unspaced = false;
      while (j < s.length()) {
        UChar32 d = s.char32At(j);
        if (d < 0x80 || !IsNameWordCodePoint(static_cast<char32_t>(d))) break;
        unspaced |= IsUnspacedScript(d);
        j += U16_LENGTH(d);
      }
      icu::UnicodeString run(s, i, j - i);
      out.append(unspaced ? Segmented(run) : Transliterated(run));
      i = j;
    }
    return out;
  }

 private:
  // The ASCII reading of one code point, or nullptr. The skeleton of the code point, or else of
  // its upper case (Cyrillic `м` has the skeleton `ʍ`, its capital `М` has `M`), with marks
  // removed, when that is ASCII letters and digits only. An `l` read from a capital is `i`
  // (Cyrillic `І` and Greek `Ι` have the skeleton `l`, since capital I and small l look alike).
  const icu::UnicodeString* VisualOf(UChar32 c) {
    auto it = visual_.find(c);
    if (it != visual_.end()) return it->second.isBogus() ? nullptr : &it->second;
    if (visual_.size() >= kCacheLimit) visual_.clear();
    icu::UnicodeString result;
    result.setToBogus();
    for (UChar32 src : {c, u_toupper(c)}) {
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString skeleton, plain;
      uspoof_getSkeletonUnicodeString(spoof_, 0, icu::UnicodeString(src), skeleton, &status);
      if (U_FAILURE(status)) continue;
      icu::UnicodeString nfd = Nfd().normalize(skeleton, status);
      if (U_FAILURE(status)) continue;
      bool ascii = true;
      for (int32_t k = 0; k < nfd.length(); ++k) {
        char16_t u = nfd[k];
        if (IsMark(u)) continue;
        ascii &= u < 0x80 && u_isalnum(u);
        plain.append(static_cast<char16_t>(u_tolower(u)));
      }
      if (!ascii || plain.isEmpty()) continue;
      if (plain == icu::UnicodeString(u"l") && u_isupper(src)) plain = icu::UnicodeString(u"i");
      result = plain;
      break;
    }
    auto [pos, added] = visual_.emplace(c, result);
    return pos->second.isBogus() ? nullptr : &pos->second;
  }

  icu::UnicodeString Transliterated(const icu::UnicodeString& run) {
    if (run.length() > kMaxCachedRun) {
      icu::UnicodeString t = run;
      latin_->transliterate(t);
      return t;
    }
    std::u16string key = Key(run);
    auto it = latin_cache_.find(key);
    if (it != latin_cache_.end()) return it->second;
    if (latin_cache_.size() >= kCacheLimit) latin_cache_.clear();
    icu::UnicodeString t = run;
    latin_->transliterate(t);
    latin_cache_.emplace(std::move(key), t);
    return t;
  }

  // Words by ICU's dictionary segmentation, each transliterated with its syllables joined. Words
  // of one character (names the dictionary does not know fall apart into them) are joined with
  // their one-character neighbours: "华为" is segmented "华" "为" and read "huawei".
  icu::UnicodeString Segmented(const icu::UnicodeString& run) {
    icu::UnicodeString out;
    words_->setText(run);
    bool prev_single = false;
    int32_t start = words_->first();
    for (int32_t end = words_->next(); end != icu::BreakIterator::DONE;
         start = end, end = words_->next()) {
      icu::UnicodeString word(run, start, end - start);
      bool single = word.countChar32() == 1;
      icu::UnicodeString latin = Transliterated(word);
      latin.findAndReplace(icu::UnicodeString(u" "), icu::UnicodeString());
      if (!out.isEmpty() && !(single && prev_single)) out.append(u' ');
      out.append(latin);
      prev_single = single;
    }
    return out;
  }

  std::unique_ptr<icu::Transliterator> latin_;
  USpoofChecker* spoof_ = nullptr;
  std::unique_ptr<icu::BreakIterator> words_;
  std::unordered_map<UChar32, icu::UnicodeString> visual_;  // bogus: no ASCII reading
  std::unordered_map<std::u16string, icu::UnicodeString> latin_cache_;
};

// ICU's transliterator and break iterator must not be used by two threads at once, and creating
// the tools is slow (tens of milliseconds): each thread makes its own set once.
Tools& ThreadTools() {
  thread_local Tools tools;
  return tools;
}

// Case folded (NFKC_Casefold, which also drops default-ignorables NFKC may have exposed), without
// combining marks, as code points.
std::u32string Folded(const icu::UnicodeString& s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString f = NfkcCasefold().normalize(s, status);
  Check(status, "NFKC_Casefold normalisation");
  std::u32string out;
  for (int32_t i = 0; i < f.length();) {
    UChar32 c = f.char32At(i);
    i += U16_LENGTH(c);
    if (!IsMark(c)) out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

}  // namespace

bool IsNameWordCodePoint(char32_t cp) {
  if (cp < 0x80)
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  UChar32 c = static_cast<UChar32>(cp);
  return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

std::vector<std::u32string> NameReadings(std::string_view name, bool force_unicode) {
  bool ascii = true;
  for (char ch : name) ascii &= static_cast<unsigned char>(ch) < 0x80;
  if (ascii && !force_unicode) return {std::u32string(name.begin(), name.end())};
  // NFKC turns compatibility forms (fullwidth, mathematical and circled letters, ligatures)
  // into the ordinary letters they stand for, before either reading is made.
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString text = Nfkc().normalize(WithoutIgnorables(Decode(name)), status);
  Check(status, "NFKC normalisation");
  Tools& tools = ThreadTools();
  // Visual: look-alikes of other scripts first; transliterated: everything transliterated first.
  // Both then read what transliteration left (`ɑ`) by its look.
  std::vector<std::u32string> out{
      Folded(tools.Visual(tools.Latin(tools.Visual(text, false)), true))};
  std::u32string transliterated = Folded(tools.Visual(tools.Latin(text), true));
  if (transliterated != out[0]) out.push_back(std::move(transliterated));
  return out;
}

}  // namespace chipgate
