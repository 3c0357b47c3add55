// The entries of a rule pack as people look them up (`chipgate rules list|show`, docs/cli.md,
// "Rules"): every class, license rule, exception and country group with its id, citation, dates
// and where it is written, the entry's own text from its file, its other revisions, and the rule
// tests of the pack that name it. Built from the validated pack; never compiled, never decides.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chipgate/date.h"
#include "chipgate/diagnostic.h"
#include "chipgate/rule_test.h"

namespace chipgate {

enum class PackEntryKind { kClass, kRule, kException, kGroup };

// `class`, `rule`, `exception`, `group`.
const char* PackEntryKindName(PackEntryKind kind);

// A dated member of a country group.
struct PackGroupMember {
  std::string code;
  std::optional<Date> from, until;  // nullopt: open on that side
  std::string cite;
};

struct PackEntry {
  PackEntryKind kind = PackEntryKind::kClass;
  std::string id;
  std::string title;  // "" when the entry has none
  std::string cite;
  // In force on d when from <= d < until (docs/rule-language.md, "effective semantics");
  // nullopt: open on that side.
  std::optional<Date> from, until;
  bool enabled = true;  // rules and exceptions: false when switched off in the pack
  std::string file;     // the file it is written in, and the line its entry starts on
  int line = 0;
  // The entry's lines as written (comments inside it kept), from the loaded text.
  std::string text;
  // Entries of one kind with the same key are revisions of one provision: a class's paragraph
  // (`3A090.a` for `3A090.a.1`), a rule's id without a trailing `-YYYY` year
  // (`eu-supercomputer-2023` and `eu-supercomputer`), an exception's code (`NAC-2023` has code
  // NAC), a group's id.
  std::string revision_key;
  std::string exception_code;            // exceptions only
  std::vector<PackGroupMember> members;  // groups only
};

struct PackCatalog {
  std::string name, version, digest;    // as the Engine loaded from the same directories names them
  std::vector<PackEntry> entries;       // classes, rules, exceptions, groups; each in pack order
  std::vector<Diagnostic> diagnostics;  // errors: the pack did not load and `entries` is empty
};

// Loads and validates the stack (base first, as Engine::LoadStack) and lists its entries.
PackCatalog LoadPackCatalog(const std::vector<std::string>& dirs);

// The entries that are revisions of `entry` (same kind and revision key), `entry` included,
// ordered by their start.
std::vector<const PackEntry*> Revisions(const PackCatalog& catalog, const PackEntry& entry);

// A rule test that names an entry among what it expects.
struct NamingTest {
  std::string name;
  std::string file;
  int line = 0;
  Date date;
  std::string how;  // `expects it to fire`, `expects it not to fire`, `expects the class`, ...
};

// The cases that name `entry` on a date it is in force: a rule in `expect.rules` or
// `expect.not_rules`, an exception by its code in `expect.exception`, a class by its own id in
// `expect.classes` or `expect.classes_include`. Groups are named by no test.
std::vector<NamingTest> TestsNaming(const PackEntry& entry, const std::vector<RuleTestCase>& cases);

}  // namespace chipgate
