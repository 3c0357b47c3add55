// Text safe to show on a terminal: every character that a terminal acts on or that changes what
// a reader sees, instead of printing, is replaced by a visible escape. Every text renderer (check,
// explain, audit text and HTML, test, log, diagnostics, error messages, the operational log)
// passes user-supplied values through TerminalSafe, so a part number or name cannot move the
// cursor, recolour, rewrite a line or reorder the text of a report.
#pragma once

#include <string>
#include <string_view>

namespace chipgate {

enum class Tabs { kEscape, kKeep };

// Returns `text` with these replaced (everything else, including other UTF-8, unchanged):
//   C0 controls U+0000-U+001F (newline, ESC, ...) and DEL    -> \xNN (tabs kept with Tabs::kKeep)
//   C1 controls U+0080-U+009F                                 -> \uNNNN
//   bidi and invisible format characters: U+061C, U+200B-U+200F, U+2028-U+202E, U+2060-U+2069,
//   U+FEFF, U+FFF9-U+FFFB                                     -> \uNNNN
//   bytes that are not well-formed UTF-8                      -> \xNN
// The \uNNNN form is also a valid JSON string escape, so JSON text stays JSON.
std::string TerminalSafe(std::string_view text, Tabs tabs = Tabs::kEscape);

}  // namespace chipgate
