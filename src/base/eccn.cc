// ECCN spellings: the normalisation of a declared classification, so that the audit compares it
// with the computed class however a catalogue spelled it, and the strict paragraph paths of
// license classes. It knows the numbering of export control lists (a category digit, a group
// letter, three digits, then paragraphs), not any one regulation: which families are controlled
// is the pack's to say (Engine::IsControlled).
#include "base/eccn.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace chipgate {

std::string NormalizeEccn(const std::string& declared) {
  // Case, spaces and punctuation carry no meaning in a catalogue's spelling: keep letters and
  // digits only, in capitals, and drop a leading "ECCN" label.
  std::string s;
  for (char c : declared) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (s.rfind("ECCN", 0) == 0) s = s.substr(4);
  if (s.empty()) return "";
  // dLddd followed by paragraph letters/digits: "3A090A1" -> "3A090.a"; anything else ("EAR99",
  // a note) is returned as its letters and digits, and so never equals a class paragraph.
  auto digit = [&](size_t i) { return std::isdigit(static_cast<unsigned char>(s[i])) != 0; };
  bool numbered = s.size() >= 5 && digit(0) && std::isupper(static_cast<unsigned char>(s[1])) &&
                  digit(2) && digit(3) && digit(4);
  if (!numbered) return s;
  // The paragraph (first letter after the number) is what the audit compares; finer
  // sub-paragraphs (".a.1") are the class's business, not the declaration's.
  std::string out = s.substr(0, 5);
  if (s.size() > 5 && std::isalpha(static_cast<unsigned char>(s[5]))) {
    out += '.';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[5])));
  }
  return out;
}

std::string EccnPath::Text() const {
  std::string out;
  for (const auto& seg : segments) out += (out.empty() ? "" : ".") + seg;
  return out;
}

std::optional<EccnPath> ParseEccnPath(std::string_view text) {
  auto upper = [](char c) {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  };
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  EccnPath path;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = std::min(text.find('.', at), text.size());
    std::string_view seg = text.substr(at, end - at);
    if (seg.empty() || !std::all_of(seg.begin(), seg.end(), alnum)) return std::nullopt;
    std::string out(seg);
    std::transform(out.begin(), out.end(), out.begin(), path.segments.empty() ? upper : lower);
    path.segments.push_back(std::move(out));
    at = end + 1;
  }
  // The first segment is the number: dLddd, or EAR99 on its own (it has no paragraphs).
  const std::string& head = path.segments.front();
  auto digit = [&](size_t i) { return std::isdigit(static_cast<unsigned char>(head[i])) != 0; };
  bool numbered = head.size() == 5 && digit(0) &&
                  std::isupper(static_cast<unsigned char>(head[1])) && digit(2) && digit(3) &&
                  digit(4);
  if (head == "EAR99" && path.segments.size() == 1) return path;
  if (!numbered) return std::nullopt;
  return path;
}

bool EccnCovers(const EccnPath& license_class, const EccnPath& item_class) {
  const auto& l = license_class.segments;
  const auto& i = item_class.segments;
  return !l.empty() && l.size() <= i.size() && std::equal(l.begin(), l.end(), i.begin());
}

}  // namespace chipgate
