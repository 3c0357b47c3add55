// ECCN normalisation for comparing declared and computed classifications.
#include <cctype>
#include <string>

#include "auditor/eccn.h"

namespace chipgate {

std::string NormalizeEccn(const std::string& declared) {
  std::string s;
  for (char c : declared) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (s.rfind("ECCN", 0) == 0) s = s.substr(4);
  if (s.empty()) return "";
  if (s == "EAR99") return "EAR99";
  // dAddd followed by paragraph letters/digits: "3A090A1" -> "3A090.a"
  bool eccn = s.size() >= 5 && std::isdigit(static_cast<unsigned char>(s[0])) && s[1] >= 'A' &&
              s[1] <= 'E' && std::isdigit(static_cast<unsigned char>(s[2])) &&
              std::isdigit(static_cast<unsigned char>(s[3])) &&
              std::isdigit(static_cast<unsigned char>(s[4]));
  if (!eccn) return s;
  std::string out = s.substr(0, 5);
  if (s.size() > 5 && std::isalpha(static_cast<unsigned char>(s[5]))) {
    out += '.';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[5])));
  }
  return out;
}

}  // namespace chipgate
