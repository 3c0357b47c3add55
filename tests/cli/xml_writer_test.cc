// XmlWriter and AppendXmlEscaped: the escaping table, and documents full of awkward text read
// back by libxml2's xmllint to the exact strings written (or their U+FFFD replacements).
#include "cli/xml_writer.h"

#include <catch2/catch.hpp>
#include <cstdio>

#include "support/test_support.h"

namespace chipgate::cli {
namespace {

std::string Escaped(std::string_view s, bool attribute) {
  std::string out;
  AppendXmlEscaped(out, s, attribute);
  return out;
}

const std::string kFffd = "\xEF\xBF\xBD";

// What xmllint prints for an XPath string value of `file` (its output is the value itself).
std::string XPathString(const std::string& file, const std::string& expr) {
  testing::ShellResult r = testing::RunShell("xmllint --xpath '" + expr + "' " + file);
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  std::string out = r.out;
  // xmllint ends what it prints with a line feed of its own.
  REQUIRE(out.ends_with("\n"));
  out.pop_back();
  return out;
}

}  // namespace

TEST_CASE("XmlEscapingTable", "[cli][xml]") {
  struct Row {
    std::string in, attribute, text;
  };
  const std::vector<Row> rows = {
      {"plain", "plain", "plain"},
      {"a&b<c>d", "a&amp;b&lt;c&gt;d", "a&amp;b&lt;c&gt;d"},
      {"\"q\" 'a'", "&quot;q&quot; &apos;a&apos;", "&quot;q&quot; &apos;a&apos;"},
      {"]]>", "]]&gt;", "]]&gt;"},
      {"t\tn\nr\r", "t&#9;n&#10;r&#13;", "t\tn\nr&#13;"},
      // C0 controls have no representation in XML 1.0, not even as references.
      {std::string("a\x01") + "b\x1f" + std::string(1, '\0'), "a" + kFffd + "b" + kFffd + kFffd,
       "a" + kFffd + "b" + kFffd + kFffd},
      {"\x1b[31m", kFffd + "[31m", kFffd + "[31m"},
      // DEL and the C1 controls are allowed characters and are kept.
      {"\x7f\xC2\x85", "\x7f\xC2\x85", "\x7f\xC2\x85"},
      // Valid UTF-8 of every length is kept.
      {"é中😀", "é中😀", "é中😀"},
      // Non-characters U+FFFE and U+FFFF are not XML characters.
      {"\xEF\xBF\xBE\xEF\xBF\xBF", kFffd + kFffd, kFffd + kFffd},
      // Invalid UTF-8: stray continuation, overlong `/`, surrogate, above U+10FFFF, truncated.
      {"\x80", kFffd, kFffd},
      {"\xC0\xAF", kFffd + kFffd, kFffd + kFffd},
      {"\xED\xA0\x80", kFffd + kFffd + kFffd, kFffd + kFffd + kFffd},
      {"\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd, kFffd + kFffd + kFffd + kFffd},
      {"a\xE2\x82", "a" + kFffd + kFffd, "a" + kFffd + kFffd},
  };
  for (const auto& row : rows) {
    INFO(row.in);
    CHECK(Escaped(row.in, true) == row.attribute);
    CHECK(Escaped(row.in, false) == row.text);
  }
}

TEST_CASE("XmlWriterLayout", "[cli][xml]") {
  std::string out;
  XmlWriter x(out);
  x.Open("a").Attr("n", int64_t{3}).Open("b").Close().Open("c").Text("t").Close().Close();
  CHECK(out ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<a n=\"3\">\n"
        "  <b/>\n"
        "  <c>t</c>\n"
        "</a>\n");
}

// xmllint reads the document and gives back exactly what was written: escaping loses nothing
// but the characters XML cannot hold.
TEST_CASE("XmlWriterOutputReadsBackExactly", "[cli][xml]") {
  const std::string nasty = "<a href=\"x\">&amp; 'q' ]]> \t tab\nline\r\nCRLF é中😀 # \\ end";
  std::string out;
  XmlWriter x(out);
  x.Open("root").Attr("v", nasty).Attr("c", std::string("bell\x07") + "nul" + std::string(1, '\0'));
  x.Open("t").Text(nasty).Close().Close();
  testing::TempDir dir;
  std::string file = dir.Write("doc.xml", out);
  CHECK(XPathString(file, "string(/root/@v)") == nasty);
  CHECK(XPathString(file, "string(/root/t)") == nasty);
  CHECK(XPathString(file, "string(/root/@c)") == "bell" + kFffd + "nul" + kFffd);
}

}  // namespace chipgate::cli
