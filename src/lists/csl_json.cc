// The CSL as JSON (list_formats.h): the trade.gov API's response shape, `{"results": [ ... ]}`,
// with the CSV's fields in each result; `alt_names` and `addresses` are arrays there (strings,
// or address objects with a `country`), and a bare string is accepted as in the CSV.
#include "lists/list_fields.h"
#include "lists/list_formats.h"
#include "load/doc_node.h"

namespace chipgate {
namespace {

// DocNode marks are 0-based (as yaml-cpp's); diagnostics are 1-based.
void Error(const SourceFile& file, const DocNode& at, const char* code, std::string message,
           std::vector<Diagnostic>& diags) {
  AddListError(diags, code, file, at.Mark().line + 1, at.Mark().column + 1, std::move(message));
}

// A scalar field's text; "" when absent or null. A list or object where text belongs is E703.
std::string Text(const SourceFile& file, const DocNode& obj, const char* field,
                 std::vector<Diagnostic>& diags) {
  const DocNode* v = obj.Get(field);
  if (!v || v->IsNull()) return "";
  if (!v->IsScalar()) {
    Error(file, *v, kListValue, "`" + std::string(field) + "` must be text", diags);
    return "";
  }
  return v->Scalar();
}

// `alt_names`: an array of strings, or one `;`-separated string.
std::vector<std::string> Names(const SourceFile& file, const DocNode& obj,
                               std::vector<Diagnostic>& diags) {
  const DocNode* v = obj.Get("alt_names");
  if (!v || v->IsNull()) return {};
  if (v->IsScalar()) return SplitList(v->Scalar());
  if (!v->IsSequence()) {
    Error(file, *v, kListValue, "`alt_names` must be an array or text", diags);
    return {};
  }
  std::vector<std::string> out;
  for (const DocNode& n : *v) {
    if (n.IsScalar() && !n.Scalar().empty()) out.push_back(n.Scalar());
    if (!n.IsScalar()) Error(file, n, kListValue, "`alt_names` must hold text", diags);
  }
  return out;
}

// `addresses`: objects with `country`, or the CSV's `;`-separated text.
std::vector<std::string> Countries(const DocNode& obj) {
  const DocNode* v = obj.Get("addresses");
  if (!v || v->IsNull()) return {};
  if (v->IsScalar()) return AddressCountries(v->Scalar());
  if (!v->IsSequence()) return {};
  std::vector<std::string> out;
  for (const DocNode& a : *v) {
    const DocNode* c = a.IsMap() ? a.Get("country") : nullptr;
    if (c && c->IsScalar() && c->Scalar().size() == 2) out.push_back(c->Scalar());
  }
  return out;
}

std::optional<Date> DateField(const SourceFile& file, const DocNode& obj, const char* field,
                              std::vector<Diagnostic>& diags) {
  bool bad = false;
  std::string text = Text(file, obj, field, diags);
  auto d = ListDate(text, bad);
  if (bad)
    Error(file, *obj.Get(field), kListValue,
          "`" + std::string(field) + "` is not a date (YYYY-MM-DD): `" + text + "`", diags);
  return d;
}

// One result object. The id is `_id`, else `id`, else `entity_number` (the API has used each);
// the entry's line is where its object opens.
void ReadEntry(const SourceFile& file, const DocNode& obj, ListContents& out,
               std::vector<Diagnostic>& diags) {
  if (!obj.IsMap()) {
    Error(file, obj, kListValue, "an entry must be an object", diags);
    return;
  }
  bool complete = true;  // an entry missing a required field is reported once, here
  for (const char* required : {"source", "name"}) {
    if (obj.Get(required)) continue;
    Error(file, obj, kListMissing, "entry has no `" + std::string(required) + "`", diags);
    complete = false;
  }
  if (!complete) return;
  ScreeningListEntry e;
  e.line = obj.Mark().line + 1;
  e.entry_id = Text(file, obj, "_id", diags);
  if (e.entry_id.empty()) e.entry_id = Text(file, obj, "id", diags);
  if (e.entry_id.empty()) e.entry_id = Text(file, obj, "entity_number", diags);
  e.source = Text(file, obj, "source", diags);
  e.list = CslListCode(e.source);
  e.type = Text(file, obj, "type", diags);
  e.name = Text(file, obj, "name", diags);
  e.aliases = Names(file, obj, diags);
  e.countries = Countries(obj);
  const DocNode* programs = obj.Get("programs");
  if (programs && programs->IsSequence()) {
    for (const DocNode& p : *programs)
      if (p.IsScalar()) e.programs += (e.programs.empty() ? "" : "; ") + p.Scalar();
  } else {
    e.programs = Text(file, obj, "programs", diags);
  }
  e.federal_register_notice = Text(file, obj, "federal_register_notice", diags);
  e.start_date = DateField(file, obj, "start_date", diags);
  e.end_date = DateField(file, obj, "end_date", diags);
  e.license_requirement = Text(file, obj, "license_requirement", diags);
  e.license_policy = Text(file, obj, "license_policy", diags);
  out.entries.push_back(std::move(e));
}

// `sources_used[].source_last_updated`, when the response gives it: the latest is the file's date.
void FileDate(const DocNode& root, ListContents& out) {
  const DocNode* sources = root.Get("sources_used");
  if (!sources || !sources->IsSequence()) return;
  for (const DocNode& s : *sources) {
    const DocNode* u = s.IsMap() ? s.Get("source_last_updated") : nullptr;
    bool bad = false;
    auto d = u && u->IsScalar() ? ListDate(u->Scalar(), bad) : std::nullopt;
    if (d && (!out.file_date || *out.file_date < *d)) out.file_date = d;
  }
}

}  // namespace

// Only the strict JSON parser reads the file: text that is not JSON is an error here, never read
// as YAML (whose looser syntax would accept a damaged download).
void ReadCslJson(const SourceFile& file, ListContents& out, std::vector<Diagnostic>& diags) {
  DocNode root;
  DocMark stop;
  std::vector<Diagnostic> dups;
  if (!ParseJson(file, root, dups, &stop)) {
    AddListError(diags, kListSyntax, file, stop.line + 1, stop.column + 1, "not valid JSON");
    return;
  }
  // A key given twice (E102 from the parser) is a syntax error of the list file.
  for (Diagnostic& d : dups) diags.push_back({d.severity, kListSyntax, d.loc, d.message});
  const DocNode* results = root.IsMap() ? root.Get("results") : &root;
  if (!results || !results->IsSequence()) {
    AddListError(diags, kListMissing, file, root.Mark().line + 1, root.Mark().column + 1,
                 "expected an array of entries or an object with `results`");
    return;
  }
  if (root.IsMap()) FileDate(root, out);
  for (const DocNode& obj : *results) ReadEntry(file, obj, out, diags);
}

}  // namespace chipgate
