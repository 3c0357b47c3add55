// The published list formats read into entries (chipgate/screening_list.h, src/lists): the test
// files of each format, and malformed files, each refused with file, line and column.
#include <catch2/catch.hpp>

#include "base/sha256.h"
#include "chipgate/screening_list.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

ScreeningListFile MustRead(const std::string& rel) {
  ScreeningListRead r = ReadScreeningList(SourcePath(rel));
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.file.has_value());
  CHECK(r.diagnostics.empty());
  return std::move(*r.file);
}

const ScreeningListEntry& ByName(const ScreeningListFile& f, const std::string& name) {
  for (const auto& e : f.entries)
    if (e.name == name) return e;
  FAIL("no entry `" << name << "`");
  throw std::logic_error("unreachable");
}

const std::string kCslHeader =
    "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,"
    "gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,"
    "alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,"
    "ids\n";

// A CSL CSV row with the given id, name, start and end dates; every other field empty.
std::string CslRow(const std::string& id, const std::string& name, const std::string& start = "",
                   const std::string& end = "") {
  return id + ",Entity List (EL) - Bureau of Industry and Security,,Entity,," + name + ",,,," +
         start + "," + end + ",,,,,,,,,,,,,,,,,,\n";
}

}  // namespace

TEST_CASE("CslCsvTestFileKeepsListsCitationsDatesAndAliases", "[lists]") {
  ScreeningListFile f = MustRead("tests/data/lists/csl.csv");
  CHECK(f.entries.size() == 6);
  CHECK(f.version.format == ListFormat::kCslCsv);
  CHECK(f.version.file_name == "csl.csv");
  CHECK(f.version.digest ==
        "sha256:" + Sha256Hex(ReadFile(SourcePath("tests/data/lists/csl.csv"))));
  CHECK_FALSE(f.version.file_date.has_value());  // the CSV gives no date of its own
  const auto& huawei = ByName(f, "Huawei Technologies Co., Ltd.");
  CHECK(huawei.list == "EL");
  CHECK(huawei.federal_register_notice == "84 FR 22961");
  CHECK(huawei.start_date == ParseDate("2019-05-16"));
  CHECK_FALSE(huawei.end_date.has_value());
  CHECK(huawei.aliases == std::vector<std::string>{"Huawei", "Huawei Technologies"});
  CHECK(huawei.countries == std::vector<std::string>{"CN"});
  CHECK(huawei.license_policy == "Presumption of denial");
  CHECK(huawei.line == 2);
  CHECK(ByName(f, "Dawning Information Industry Co., Ltd.").aliases ==
        std::vector<std::string>{"Sugon"});
  const auto& sdn = ByName(f, "ROSOBORONEXPORT OAO");
  CHECK(sdn.list == "SDN");
  CHECK(sdn.programs == "UKRAINE-EO13662; RUSSIA-EO14024");
  CHECK(sdn.countries == std::vector<std::string>{"RU"});
  CHECK(ByName(f, "Test Unverified Trading Co.").list == "UVL");
  const auto& expired = ByName(f, "Expired Denial Test Trading Co.");
  CHECK(expired.list == "DPL");
  CHECK(expired.end_date == ParseDate("2020-01-01"));
}

TEST_CASE("CslJsonTestFileReadsArraysAndTheSourcesDate", "[lists]") {
  ScreeningListFile f = MustRead("tests/data/lists/csl.json");
  CHECK(f.version.format == ListFormat::kCslJson);
  REQUIRE(f.entries.size() == 3);
  CHECK(f.version.file_date == ParseDate("2025-10-01"));
  const auto& cambricon = ByName(f, "Cambricon Technologies");
  CHECK(cambricon.list == "EL");
  CHECK(cambricon.aliases == std::vector<std::string>{"Cambricon", "Zhongke Cambricon"});
  CHECK(cambricon.countries == std::vector<std::string>{"CN"});
  CHECK(cambricon.start_date == ParseDate("2022-12-16"));
  CHECK_FALSE(cambricon.end_date.has_value());  // null in the JSON
  CHECK(ByName(f, "ROSOBORONEXPORT OAO").programs == "UKRAINE-EO13662; RUSSIA-EO14024");
}

TEST_CASE("OpenSanctionsTestFileMapsDatasetsToListCodes", "[lists]") {
  ScreeningListFile f = MustRead("tests/data/lists/opensanctions.csv");
  CHECK(f.version.format == ListFormat::kOpenSanctionsCsv);
  REQUIRE(f.entries.size() == 2);
  CHECK(f.version.file_date == ParseDate("2025-09-15"));  // the latest last_change
  const auto& roe = ByName(f, "Rosoboronexport");
  CHECK(roe.list == "SDN");
  CHECK(roe.entry_id == "NK-rosoboronexport");
  CHECK(roe.countries == std::vector<std::string>{"RU"});
  CHECK(roe.aliases == std::vector<std::string>{"ROSOBORONEXPORT OAO", "Rosoboroneksport"});
  CHECK_FALSE(roe.start_date.has_value());  // first_seen is not a listing date
  CHECK(ByName(f, "Sugon").list == "OTHER");
}

TEST_CASE("ListSourceSetsAndFormatNames", "[lists]") {
  CHECK(ListSourceSet(ListFormat::kCslCsv) == ListSourceSet(ListFormat::kCslJson));
  CHECK(ListSourceSet(ListFormat::kOpenSanctionsCsv) == "opensanctions");
  for (auto f : {ListFormat::kCslCsv, ListFormat::kCslJson, ListFormat::kOpenSanctionsCsv})
    CHECK(ParseListFormat(ListFormatName(f)) == f);
  CHECK_FALSE(ParseListFormat("csv").has_value());
}

// Every malformed file is refused whole, and the first diagnostic names file, line and column.
TEST_CASE("MalformedListFilesAreRefusedWithFileAndLine", "[lists]") {
  std::string csl_without_fr = kCslHeader;
  csl_without_fr.replace(csl_without_fr.find("federal_register_notice,"), 24, "");
  struct Case {
    const char* what;
    std::string path, text, where, code, message;
  };
  const std::vector<Case> cases = {
      {"missing column", "a.csv", csl_without_fr + "x,y,,,,n,,,,,,,,,,,,,,,,,,,,,,\n", "a.csv:1:1",
       "E702", "missing column `federal_register_notice`"},
      {"bad date", "b.csv", kCslHeader + CslRow("id1", "Some Co", "2019-13-01"), "b.csv:2:", "E703",
       "`start_date` is not a date"},
      {"end before start", "c.csv",
       kCslHeader + CslRow("id1", "Some Co", "2020-01-02", "2020-01-01"), "c.csv:2:1", "E703",
       "is before `start_date`"},
      {"bad JSON", "d.json", "{\"results\": [\n  {\"name\": \"x\",, \"source\": \"y\"}\n]}\n",
       "d.json:2:", "E701", "not valid JSON"},
      {"JSON entry without a name", "e.json",
       "[\n  {\"_id\": \"1\", \"source\": \"Entity List (EL)\"}\n]", "e.json:2:3", "E702",
       "entry has no `name`"},
      {"empty file", "f.csv", "", "f.csv:1:1", "E700", "empty file"},
      {"wrong delimiter", "g.csv", "_id;source;name\nx;y;z\n", "g.csv:1:1", "E700",
       "separated by `;`"},
      {"duplicate entity", "h.csv", kCslHeader + CslRow("id1", "A Co") + CslRow("id1", "B Co"),
       "h.csv:3:1", "E704", "entry `id1` is also on line 2"},
      {"oversized field", "i.csv", kCslHeader + CslRow("id1", std::string(70000, 'x')),
       "i.csv:2:", "E701", "field longer than 65536 bytes"},
      {"unclosed quote", "j.csv", kCslHeader + CslRow("id1", "\"Open Co"), "j.csv:2:", "E701",
       "quoted field never closed"},
      {"short record", "k.csv", kCslHeader + "id1,Entity List (EL),,Entity\n", "k.csv:2:1", "E701",
       "record has 4 fields, the header 29"},
      {"unknown header", "l.csv", "name,country\nx,CN\n", "l.csv:1:1", "E700",
       "not a known list format"},
      {"header only", "m.csv", kCslHeader, "m.csv:1:1", "E700", "the file lists no entries"},
      {"entry without a name", "n.csv", kCslHeader + CslRow("id1", ""), "n.csv:2:1", "E703",
       "entry has no `name`"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    ScreeningListRead r = ParseScreeningList(c.path, c.text);
    CHECK_FALSE(r.file.has_value());
    REQUIRE_FALSE(r.diagnostics.empty());
    std::string text = RenderDiagnostics(r.diagnostics);
    INFO(text);
    CHECK(text.rfind(c.where, 0) == 0);
    CHECK(text.find("error[" + c.code + "]") != std::string::npos);
    CHECK(text.find(c.message) != std::string::npos);
  }
}

TEST_CASE("ABadRowAnywhereIsReportedWithTheOthers", "[lists]") {
  ScreeningListRead r = ParseScreeningList("x.csv", kCslHeader + CslRow("id1", "A Co", "bad") +
                                                        CslRow("id2", "B Co") +
                                                        CslRow("id3", "C Co", "", "2020-02-30"));
  CHECK_FALSE(r.file.has_value());
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].loc.line == 2);
  CHECK(r.diagnostics[1].loc.line == 4);
}

TEST_CASE("QuotedFieldsKeepCommasQuotesAndLineBreaks", "[lists]") {
  ScreeningListRead r = ParseScreeningList(
      "q.csv", kCslHeader + CslRow("id1", "\"Quote \"\"Q\"\" Co, Ltd.\"") +
                   CslRow("id2", "\"Two\nLines Co\"") + CslRow("id3", "After Co"));
  INFO(RenderDiagnostics(r.diagnostics));
  REQUIRE(r.file.has_value());
  REQUIRE(r.file->entries.size() == 3);
  CHECK(r.file->entries[0].name == "Quote \"Q\" Co, Ltd.");
  CHECK(r.file->entries[1].name == "Two\nLines Co");
  CHECK(r.file->entries[2].line == 5);  // the line break inside quotes counts
}

// Windows tools save UTF-8 with a byte-order mark; each published format is read the same with
// one (the CSL JSON was refused as "not valid JSON" before), and the digest is of the bytes read.
TEST_CASE("EveryListFormatIsReadTheSameWithAByteOrderMark", "[lists]") {
  for (const char* rel : {"tests/data/lists/csl.csv", "tests/data/lists/csl.json",
                          "tests/data/lists/opensanctions.csv"}) {
    INFO(rel);
    ScreeningListFile plain = MustRead(rel);
    ScreeningListRead marked =
        ParseScreeningList(std::string(rel) + ".bom", "\xEF\xBB\xBF" + ReadFile(SourcePath(rel)));
    INFO(RenderDiagnostics(marked.diagnostics));
    REQUIRE(marked.file.has_value());
    CHECK(marked.file->version.format == plain.version.format);
    REQUIRE(marked.file->entries.size() == plain.entries.size());
    for (size_t i = 0; i < plain.entries.size(); ++i) {
      CHECK(marked.file->entries[i].entry_id == plain.entries[i].entry_id);
      CHECK(marked.file->entries[i].name == plain.entries[i].name);
      CHECK(marked.file->entries[i].line == plain.entries[i].line);
    }
    CHECK(marked.file->version.digest != plain.version.digest);
  }
}

// A JSON syntax error after a byte-order mark is still located on its line.
TEST_CASE("ABadJsonListAfterAByteOrderMarkIsLocated", "[lists]") {
  ScreeningListRead r = ParseScreeningList(
      "b.json", "\xEF\xBB\xBF{\"results\": [\n  {\"name\": \"x\",, \"source\": \"y\"}\n]}\n");
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics[0].code == "E701");
  CHECK(r.diagnostics[0].loc.line == 2);
}

}  // namespace chipgate::testing
