// ECCN spellings. The auditor compares a part's declared ECCN with the class it computes, so both
// are brought to one canonical spelling first (NormalizeEccn). Licenses name the classes they
// cover down to any sub-paragraph, so they keep the whole paragraph path (EccnPath), and a
// license class covers a line's class when its path is a prefix of the line's (EccnCovers).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chipgate {

// Canonical spelling of a control-list number as catalogues write it: "ECCN 3a090a" -> "3A090.a",
// "3A090.a.1" -> "3A090.a", "9z999 b" -> "9Z999.b", "ear 99" -> "EAR99", "" -> "".
std::string NormalizeEccn(const std::string& declared);

// A class as a path of segments: the number and then each paragraph, e.g. `3A090.a.1` is
// {"3A090", "a", "1"}. `EAR99` is the one-segment path {"EAR99"}.
struct EccnPath {
  std::vector<std::string> segments;
  // The canonical spelling: segments joined by `.`.
  std::string Text() const;
  friend bool operator==(const EccnPath&, const EccnPath&) = default;
};

// Parses a class written as a number (a category digit, a group letter, three digits, any case)
// followed by `.`-separated paragraphs of letters or digits, or `EAR99`. Paragraph letters are
// lower-cased and the number upper-cased (`3a090.A.1` -> `3A090.a.1`). nullopt for anything else
// (an empty paragraph, spaces, `3A090a` without its dot): a license must say exactly what it
// covers, so no guessing.
std::optional<EccnPath> ParseEccnPath(std::string_view text);

// Whether a license class covers an item's class: the license's path is a prefix of the item's.
// `3A090.a` covers `3A090.a` and `3A090.a.1`, not `3A090.b` nor `3A090`; `3A090` covers all of
// 3A090.
bool EccnCovers(const EccnPath& license_class, const EccnPath& item_class);

}  // namespace chipgate
