// A canonical text dump of a compiled Program: what each compiler stage produced (attributes,
// interned strings and lists, class names, the bytecode of every class, rule and exception with
// its jump targets, parties, end uses, notes, epochs with their indexes and country sets, and the
// dated changes). Tests pin code generation with {pack, expected dump} tables
// (tests/compile/compiler_test.cc); a change in the compiler's output is a readable diff.
//
// Format, one section per part of the Program, in this order:
//   pack NAME version V coverage FROM until UNTIL      (dates: `start`/`end` for open ends)
//   attributes / derived order                         slot, name, type, constraints, code
//   class names / classes / rules / exceptions         index, id, references, then the code
//   strings / lists                                    interned id -> text; list -> sorted ids
//   parties / end uses / notes
//   epoch N from DATE                                  classes, rules by name, any rules,
//                                                      exceptions, party flags, set members
//   changes                                            the dated changes, by date
// A Code prints as its source text ("always" when absent), [shipment-only], the attributes and
// facts it reads, then `INDEX Op operand` per instruction; jumps print `-> TARGET` (an index,
// possibly one past the last instruction), slots and class names print by name.
#pragma once

#include <string>

#include "compile/program.h"

namespace chipgate {

// The whole program. Deterministic: everything is printed in index order, interned strings by
// id, set members by country code. The pack digest is left out (it depends on file names).
std::string DumpProgram(const Program& program);

// One Code: a header line (`"text" [shipment-only] reads ...`) and one line per instruction,
// each prefixed with `indent`. Exposed for tests of single expressions.
std::string DumpCode(const Program& program, const Code& code, const std::string& indent);

// The name of an instruction, e.g. "JumpIfFalse", "AttrGeNum".
const char* OpName(Op op);

}  // namespace chipgate
