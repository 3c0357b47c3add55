// XmlWriter: the one writer of the command line's XML (the JUnit reports). A small streaming
// writer, no document in memory and no XML library: elements, attributes and text, indented by
// two spaces, into a string. Every string is escaped so the output is always well-formed XML 1.0
// whatever the pack, manifest or test names hold (AppendXmlEscaped below says how).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chipgate::cli {

// Appends `s` escaped for XML 1.0: `&<>"'` as entities; in an attribute also tab, line feed and
// carriage return as character references (a parser would otherwise normalise them to spaces);
// in text a carriage return as `&#13;` (a parser would turn CR LF into LF). Characters XML 1.0
// cannot hold at all, even as references (C0 controls other than tab, LF and CR; U+FFFE and
// U+FFFF), and bytes that are not valid UTF-8 (overlong forms and surrogates included) become
// U+FFFD.
void AppendXmlEscaped(std::string& out, std::string_view s, bool attribute);

// Writes into `out`, starting with the XML declaration. Calls must nest: Open, then attributes,
// then children or text, then Close; Close of the root ends the document with a newline.
class XmlWriter {
 public:
  explicit XmlWriter(std::string& out);

  // Starts an element; attributes may follow until the first child or text.
  XmlWriter& Open(std::string_view tag);
  XmlWriter& Attr(std::string_view name, std::string_view value);
  XmlWriter& Attr(std::string_view name, int64_t value);
  // Text content of the open element (escaped). An element holds either text or child elements.
  XmlWriter& Text(std::string_view text);
  // Ends the innermost open element: `/>` when it is empty.
  XmlWriter& Close();

 private:
  void EndStartTag();  // writes the `>` of a start tag still taking attributes

  std::string& out_;
  struct Open_ {
    std::string tag;
    bool has_children = false;
    bool has_text = false;
  };
  std::vector<Open_> open_;
  bool in_start_tag_ = false;
};

}  // namespace chipgate::cli
