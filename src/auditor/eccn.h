// ECCN spellings: the auditor compares a part's declared ECCN with the class it computes, so both
// are brought to one canonical spelling first.
#pragma once

#include <string>

namespace chipgate {

// Canonical spelling of a control-list number as catalogues write it: "ECCN 3a090a" -> "3A090.a",
// "3A090.a.1" -> "3A090.a", "9z999 b" -> "9Z999.b", "ear 99" -> "EAR99", "" -> "".
std::string NormalizeEccn(const std::string& declared);

}  // namespace chipgate
