// The string escaping shared by the canonical encodings of audit records and of decision facts:
// `"` and `\` escaped with a backslash, bytes below 0x20 as \u00xx (lower-case hex), every other
// byte as is. Injective, so different strings always give different encodings.
#pragma once

#include <string>
#include <string_view>

namespace chipgate {

void AppendJsonString(std::string& out, std::string_view s);

}  // namespace chipgate
