// Text for people at the width of their terminal: the width to wrap to, and paragraphs wrapped
// at spaces with a hanging indent. Commands that print prose or long values (`parts`, `rules`)
// wrap with these, so nothing runs past the right edge of the window.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace chipgate::cli {

// The columns to wrap to: $COLUMNS when it is a whole number, else those of the terminal on
// stdout, else 100 (stdout is a pipe or a file), so output written to files does not depend on
// the window it was made in. At least 40.
int OutputWidth();

// The columns `s` takes: its UTF-8 code points (no wide or combining characters are assumed).
size_t TextColumns(std::string_view s);

// `s` followed by spaces up to `columns` columns; longer text is returned as it is.
std::string PadTo(const std::string& s, size_t columns);

// `text` as lines of at most `width` columns (counting UTF-8 code points), broken at spaces: the
// first line starts with `first`, the others with `indent` spaces. A word longer than a line (a
// URL) stays whole on a line of its own. Every line ends with a newline.
std::string Wrap(std::string_view first, std::string_view text, int indent, int width);

}  // namespace chipgate::cli
