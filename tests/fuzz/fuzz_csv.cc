// libFuzzer target: the CSV reader and the importer (every file kind, ownership included) on a
// scratch database, then part lookups with their bills of materials.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "base/csv_reader.h"
#include "chipgate/store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<chipgate::CsvRecord> records;
  chipgate::CsvError error;
  (void)chipgate::ReadCsv(text, {.require_utf8 = true}, records, error);
  static const std::string dir = [] {
    char tmpl[] = "/tmp/chipgate-fuzz-csv-XXXXXX";
    return std::string(mkdtemp(tmpl));
  }();
  static chipgate::Result<chipgate::Store> store =
      chipgate::Store::Open(dir + "/fuzz.db", chipgate::StoreOptions{.create = true});
  if (!store.ok()) return 0;
  std::string path = dir + "/input.csv";
  std::ofstream(path, std::ios::binary) << text;
  (void)store->Import({path, "", "", ""});
  (void)store->Import({"", path, "", ""});
  (void)store->Import({"", "", path, ""});
  (void)store->Import({"", "", "", path});
  (void)store->Import({"", "", "", "", path});  // ownership
  // Bills of materials built up by earlier inputs (cycles written past the importer are not
  // possible here, but shared and deep graphs are): every lookup must end, without error.
  for (size_t i = 1; i < records.size() && i < 9; ++i) {
    if (!records[i].fields.empty()) (void)store->LookupPart(records[i].fields[0].text);
  }
  return 0;
}
