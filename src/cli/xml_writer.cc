// XML writing and escaping (xml_writer.h).
#include "cli/xml_writer.h"

namespace chipgate::cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// The length of the valid UTF-8 sequence starting at s[i] and its code point, or 0 when the
// bytes there are not one (a stray continuation byte, a truncated sequence, an overlong form,
// a surrogate or a value above U+10FFFF).
size_t DecodeUtf8(std::string_view s, size_t i, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  cp = len == 1 ? b : len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
  for (size_t k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c >> 6) != 0x2) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  // The smallest code point each length may encode: anything below is an overlong form.
  constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

void AppendXmlEscaped(std::string& out, std::string_view s, bool attribute) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    size_t len = DecodeUtf8(s, i, cp);
    if (len == 0) {  // one invalid byte, one replacement
      out += kReplacement;
      ++i;
      continue;
    }
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
          out += kReplacement;
        } else {
          out.append(s.substr(i, len));
        }
    }
    i += len;
  }
}

XmlWriter::XmlWriter(std::string& out) : out_(out) {
  out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
}

void XmlWriter::EndStartTag() {
  if (!in_start_tag_) return;
  out_ += '>';
  in_start_tag_ = false;
}

// A child starts on its own line, indented two spaces per open ancestor; the parent's start tag
// is closed first if it was still taking attributes. Tag names are the caller's constants, never
// user text, so they are not escaped.
XmlWriter& XmlWriter::Open(std::string_view tag) {
  if (!open_.empty()) {
    EndStartTag();
    open_.back().has_children = true;
    out_ += '\n';
  }
  out_.append(2 * open_.size(), ' ');
  out_ += '<';
  out_ += tag;
  open_.push_back({std::string(tag)});
  in_start_tag_ = true;
  return *this;
}

// Only valid right after Open or another Attr (the start tag is still open).
XmlWriter& XmlWriter::Attr(std::string_view name, std::string_view value) {
  out_ += ' ';
  out_ += name;
  out_ += "=\"";
  AppendXmlEscaped(out_, value, true);
  out_ += '"';
  return *this;
}

XmlWriter& XmlWriter::Attr(std::string_view name, int64_t value) {
  return Attr(name, std::to_string(value));
}

XmlWriter& XmlWriter::Text(std::string_view text) {
  EndStartTag();
  open_.back().has_text = true;
  AppendXmlEscaped(out_, text, false);
  return *this;
}

XmlWriter& XmlWriter::Close() {
  Open_ top = std::move(open_.back());
  open_.pop_back();
  if (in_start_tag_) {
    out_ += "/>";
    in_start_tag_ = false;
  } else {
    // Text ends right at the closing tag, so no whitespace is added to it.
    if (top.has_children && !top.has_text) {
      out_ += '\n';
      out_.append(2 * open_.size(), ' ');
    }
    out_ += "</" + top.tag + ">";
  }
  if (open_.empty()) out_ += '\n';
  return *this;
}

}  // namespace chipgate::cli
