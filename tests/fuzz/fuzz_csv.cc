// libFuzzer target: the CSV reader and the importer (every file kind) on a scratch database, then
// part lookups with their bills of materials.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "chipgate/store.h"
#include "store/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)chipgate::ParseCsv(text);
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
  // Bills of materials built up by earlier inputs (cycles written past the importer are not
  // possible here, but shared and deep graphs are): every lookup must end, without error.
  const chipgate::CsvTable table = chipgate::ParseCsv(text);
  for (size_t i = 0; i < table.rows.size() && i < 8; ++i) {
    if (!table.rows[i].fields.empty()) (void)store->LookupPart(table.rows[i].fields[0]);
  }
  return 0;
}
