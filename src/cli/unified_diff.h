// A unified diff of two texts, line by line (`chipgate fmt --check` prints what formatting would
// change). The output is what `diff -u` and `patch` read: `--- OLD`, `+++ NEW`, then hunks of
// `@@ -a,b +c,d @@` with 3 lines of context.
#pragma once

#include <string>

namespace chipgate::cli {

// Empty when the texts are equal. A last line without a newline is marked as `diff` marks it.
std::string UnifiedDiff(const std::string& old_name, const std::string& new_name,
                        const std::string& old_text, const std::string& new_text);

}  // namespace chipgate::cli
