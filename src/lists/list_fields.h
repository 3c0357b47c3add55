// What the list readers (csl_csv.cc, csl_json.cc, opensanctions_csv.cc) share: the diagnostics they
// report, the limits they enforce, the columns of a CSV header, and the field values common to the
// formats (dates, `;`-separated lists, list codes). docs/screening.md, "Imported lists", specifies
// them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/csv_reader.h"
#include "base/source_file.h"
#include "chipgate/screening_list.h"

namespace chipgate {

// A field longer than this is refused (E701): no real name, alias list or address comes near it,
// and a file with one is not the published list.
constexpr size_t kMaxListFieldBytes = 64 * 1024;
// Files larger than this are refused before parsing (E700); OpenSanctions' largest CSV export is
// a few hundred megabytes.
constexpr size_t kMaxListFileBytes = size_t{1} << 30;

// The diagnostic codes of list reading (docs/diagnostics.md).
inline constexpr const char* kListFileError = "E700";  // empty, unknown format, wrong delimiter
inline constexpr const char* kListSyntax = "E701";     // CSV quoting, JSON syntax, oversized field
inline constexpr const char* kListMissing = "E702";    // a required column or field is missing
inline constexpr const char* kListValue = "E703";      // a value that is not what the format says
inline constexpr const char* kListDuplicate = "E704";  // an entry id given twice

void AddListError(std::vector<Diagnostic>& diags, const char* code, const SourceFile& file,
                  int line, int col, std::string message);

// Column names of a CSV header to their index.
class ListCsvColumns {
 public:
  explicit ListCsvColumns(const CsvRecord& header);
  // Reports each of `names` that the header lacks (E702 at the header) and returns whether all
  // are there.
  bool Require(const std::vector<std::string_view>& names, const SourceFile& file,
               std::vector<Diagnostic>& diags) const;
  // The field of `column` in `record`; nullptr when the header has no such column or the record
  // is shorter.
  const CsvField* Get(const CsvRecord& record, std::string_view column) const;
  // The text of `column` in `record`; "" when there is no such field.
  std::string Text(const CsvRecord& record, std::string_view column) const;
  // Whether `record` has as many fields as the header; if not, reports it (E701 at the record)
  // and the caller skips the record, whose fields cannot be matched to columns.
  bool WidthMatches(const CsvRecord& record, const SourceFile& file,
                    std::vector<Diagnostic>& diags) const;
  size_t size() const { return size_; }

 private:
  std::unordered_map<std::string, size_t> index_;
  size_t size_ = 0;
};

// `text` split at `;`, each part trimmed of spaces, empty parts dropped.
std::vector<std::string> SplitList(std::string_view text);
// A listing date: "" is none; YYYY-MM-DD, or an ISO date-time whose date part is that (the time
// is ignored). Anything else is nullopt with `bad` set.
std::optional<Date> ListDate(std::string_view text, bool& bad);
// The list code of a CSL `source` (the abbreviation its name gives in parentheses, e.g. "Entity
// List (EL) - Bureau of Industry and Security" is EL), or OTHER.
std::string CslListCode(std::string_view source);
// The list code of OpenSanctions `dataset` names (`us_ofac_sdn` is SDN, `us_bis_denied` is DPL),
// the first U.S. list among them, else OTHER.
std::string OpenSanctionsListCode(const std::vector<std::string>& datasets);
// The ISO country codes at the end of each `;`-separated address ("..., Shenzhen, CN").
std::vector<std::string> AddressCountries(std::string_view addresses);

}  // namespace chipgate
