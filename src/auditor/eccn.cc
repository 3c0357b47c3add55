// Normalisation of a declared classification, so that the audit compares it with the computed
// class however a catalogue spelled it. It knows the numbering of export control lists (a
// category digit, a group letter, three digits, then paragraph letters), not any one regulation:
// which families are controlled is the pack's to say (Engine::IsControlled).
#include <cctype>
#include <string>

#include "auditor/eccn.h"

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

}  // namespace chipgate
