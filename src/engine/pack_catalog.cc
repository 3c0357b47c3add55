// The pack catalogue of chipgate/pack_catalog.h: the validated pack's classes, rules, exceptions
// and groups as plain records, each with its own lines cut from the text the loader read.
#include "chipgate/pack_catalog.h"

#include <algorithm>
#include <cctype>

#include "ast/pack.h"
#include "engine/checked_pack.h"

namespace chipgate {
namespace {

// The pack's open ends (kMinDate, kMaxDate) as nullopt, so no reader sees a sentinel date.
std::optional<Date> From(const Effective& e) {
  return e.from == kMinDate ? std::nullopt : std::optional<Date>(e.from);
}
std::optional<Date> Until(const Effective& e) {
  return e.until == kMaxDate ? std::nullopt : std::optional<Date>(e.until);
}

// The entry starting at `loc` as written: its first line, then every following line indented
// past the entry's `- ` (blank and comment lines inside it too), up to the first line indented
// no further. Comment and blank lines at its end belong to what follows and are left out. An
// entry written on one line (`- {id: ..., ...}`) is that line.
std::string EntryText(const SourceLoc& loc) {
  if (!loc.text || loc.line <= 0) return "";
  const std::string& text = *loc.text;
  size_t pos = 0;
  for (int l = 1; l < loc.line && pos != std::string::npos; ++l) {
    pos = text.find('\n', pos);
    if (pos != std::string::npos) ++pos;
  }
  if (pos == std::string::npos) return "";
  // Lines indented at least as far as the entry's first key belong to it.
  const size_t body = static_cast<size_t>(std::max(loc.col - 1, 0));
  std::vector<std::string_view> lines;
  size_t kept = 0;  // lines up to the last one that is neither blank nor a comment
  for (bool first = true; pos < text.size(); first = false) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    size_t indent = line.find_first_not_of(' ');
    bool blank = indent == std::string_view::npos || line[indent] == '\r';
    bool comment = !blank && line[indent] == '#';
    if (!first && !blank && indent < body) break;
    lines.push_back(line);
    if (!blank && !comment) kept = lines.size();
    pos = end + 1;
  }
  std::string out;
  for (size_t i = 0; i < kept; ++i) {
    out += lines[i];
    out += '\n';
  }
  return out;
}

// A rule id without a trailing `-YYYY` year: the key its revisions share.
std::string RuleRevisionKey(const std::string& id) {
  if (id.size() > 5 && id[id.size() - 5] == '-' && std::all_of(id.end() - 4, id.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      }))
    return id.substr(0, id.size() - 5);
  return id;
}

// The fields every kind has.
PackEntry Entry(PackEntryKind kind, const std::string& id, const SourceLoc& loc,
                const std::string& title, const std::string& cite, const Effective& e) {
  PackEntry out;
  out.kind = kind;
  out.id = id;
  out.title = title;
  out.cite = cite;
  out.from = From(e);
  out.until = Until(e);
  out.file = loc.file;
  out.line = loc.line;
  out.text = EntryText(loc);
  return out;
}

// Whether the class entry's own id is among `names`: a test listing the paragraph (`3A090.a`)
// expects some class of it, not this one in particular.
bool NamesClass(const PackEntry& entry, const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return n == entry.id; });
}

}  // namespace

const char* PackEntryKindName(PackEntryKind kind) {
  switch (kind) {
    case PackEntryKind::kClass:
      return "class";
    case PackEntryKind::kRule:
      return "rule";
    case PackEntryKind::kException:
      return "exception";
    case PackEntryKind::kGroup:
      return "group";
  }
  return "class";
}

// Kinds in a fixed order (classes, rules, exceptions, groups), each in pack order: the order a
// reader of the pack files meets them.
PackCatalog LoadPackCatalog(const std::vector<std::string>& dirs) {
  PackCatalog out;
  std::optional<Pack> pack = LoadCheckedPack(dirs, out.diagnostics);
  if (!pack) return out;
  out.name = pack->info.name;
  out.version = pack->info.version;
  out.digest = pack->digest;
  for (const ClassDecl& c : pack->classes) {
    out.entries.push_back(Entry(PackEntryKind::kClass, c.id, c.loc, c.title, c.cite, c.effective));
    out.entries.back().revision_key = c.paragraph;
  }
  for (const RuleDecl& r : pack->rules) {
    out.entries.push_back(Entry(PackEntryKind::kRule, r.id, r.loc, r.title, r.cite, r.effective));
    out.entries.back().enabled = r.enabled;
    out.entries.back().revision_key = RuleRevisionKey(r.id);
  }
  for (const ExceptionDecl& x : pack->exceptions) {
    out.entries.push_back(
        Entry(PackEntryKind::kException, x.id, x.loc, x.title, x.cite, x.effective));
    out.entries.back().enabled = x.enabled;
    out.entries.back().exception_code = x.code;
    out.entries.back().revision_key = x.code;
  }
  for (const CountryGroupDecl& g : pack->groups) {
    out.entries.push_back(Entry(PackEntryKind::kGroup, g.id, g.loc, g.title, g.cite, Effective{}));
    out.entries.back().revision_key = g.id;
    for (const GroupMember& m : g.members)
      out.entries.back().members.push_back({m.code, From(m.effective), Until(m.effective), m.cite});
  }
  return out;
}

std::vector<const PackEntry*> Revisions(const PackCatalog& catalog, const PackEntry& entry) {
  std::vector<const PackEntry*> out;
  for (const PackEntry& e : catalog.entries) {
    if (e.kind == entry.kind && e.revision_key == entry.revision_key) out.push_back(&e);
  }
  // An open start is the earliest.
  std::stable_sort(out.begin(), out.end(), [](const PackEntry* a, const PackEntry* b) {
    return a->from.value_or(kMinDate) < b->from.value_or(kMinDate);
  });
  return out;
}

// Static: what a test names, not what it exercised when run (`chipgate test --coverage` measures
// that); a person asking "which tests are about this rule" wants the tests that say so.
std::vector<NamingTest> TestsNaming(const PackEntry& entry,
                                    const std::vector<RuleTestCase>& cases) {
  std::vector<NamingTest> out;
  for (const RuleTestCase& c : cases) {
    // A test dated outside the entry's period cannot be about this revision of it.
    const Date d = c.shipment.date;
    if (d < entry.from.value_or(kMinDate) || d >= entry.until.value_or(kMaxDate)) continue;
    const RuleTestExpect& x = c.expect;
    std::string how;
    if (entry.kind == PackEntryKind::kRule) {
      if (std::find(x.rules.begin(), x.rules.end(), entry.id) != x.rules.end())
        how = "expects it to fire";
      else if (std::find(x.not_rules.begin(), x.not_rules.end(), entry.id) != x.not_rules.end())
        how = "expects it not to fire";
    } else if (entry.kind == PackEntryKind::kException) {
      if (x.exception_given && !x.exception.empty() && x.exception == entry.exception_code)
        how = "expects the exception";
    } else if (entry.kind == PackEntryKind::kClass) {
      if ((x.classes && NamesClass(entry, *x.classes)) || NamesClass(entry, x.classes_include))
        how = "expects the class";
    }
    if (!how.empty()) out.push_back({c.name, c.loc.file, c.loc.line, d, how});
  }
  return out;
}

}  // namespace chipgate
