// The audit's CSV export (cli/audit_export.h, cli/export_field.h): RFC 4180 quoting, the guard
// against formula injection, and the rows of a report, most severe first; and `audit --format csv`
// and
// `--csv FILE` on a real database.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "base/csv_reader.h"
#include "cli/audit_export.h"
#include "cli/export_field.h"
#include "support/test_support.h"

namespace chipgate::testing {
namespace {

AuditFinding Finding(std::string kind, std::string severity, std::string part) {
  AuditFinding f;
  f.kind = std::move(kind);
  f.severity = std::move(severity);
  f.part = std::move(part);
  f.summary = "summary of " + f.part;
  return f;
}

// The rows of CSV text as the project's own RFC 4180 reader splits them (a BOM skipped).
std::vector<std::vector<std::string>> Rows(const std::string& text) {
  std::vector<CsvRecord> records;
  CsvError error;
  INFO(error.message);
  REQUIRE(ReadCsv(text, {}, records, error));
  std::vector<std::vector<std::string>> out;
  for (const auto& r : records) {
    out.emplace_back();
    for (const auto& f : r.fields) out.back().push_back(f.text);
  }
  return out;
}

}  // namespace

TEST_CASE("CsvFieldQuotesAsRfc4180", "[cli][csv]") {
  using cli::CsvField;
  CHECK(CsvField("plain") == "plain");
  CHECK(CsvField("") == "");
  CHECK(CsvField("a,b") == "\"a,b\"");
  CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("two\nlines") == "\"two\nlines\"");
  CHECK(CsvField("cr\r") == "\"cr\r\"");
  CHECK(CsvField("3A090.a") == "3A090.a");
}

TEST_CASE("CsvFieldGuardsAgainstFormulaInjection", "[cli][csv]") {
  using cli::CsvField;
  // A spreadsheet runs a cell starting with = + - @ (or a tab or CR) as a formula.
  CHECK(CsvField("=HYPERLINK(\"http://x\",\"y\")") ==
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  CHECK(CsvField("+1") == "\"'+1\"");
  CHECK(CsvField("-2+3") == "\"'-2+3\"");
  CHECK(CsvField("@SUM(A1)") == "\"'@SUM(A1)\"");
  CHECK(CsvField("\tx") == "\"'\tx\"");
  CHECK(CsvField("\rx") == "\"'\rx\"");
  // Only the first character counts.
  CHECK(CsvField("a=b") == "a=b");
  CHECK(CsvField("H100-SXM") == "H100-SXM");
}

TEST_CASE("AuditCsvWritesEveryFindingMostSevereFirst", "[cli][csv]") {
  InventoryAuditReport r;
  r.date = *ParseDate("2026-11-29");
  r.findings.push_back(Finding("misclassified", "low", "OLD-GPU"));
  AuditFinding ship = Finding("unlicensed_shipment", "high", "H100");
  ship.shipment = "S-1";
  ship.line = 2;
  ship.destination = "CN";
  ship.shipment_date = *ParseDate("2024-06-01");
  ship.reasons.push_back({"ac-cn", "license_required", "15 CFR 744.23", "needs a license"});
  ship.reasons.push_back({"ac-other", "license_required", "15 CFR 744.23", "also"});
  r.findings.push_back(ship);
  AuditFinding evil = Finding("misclassified", "medium", "=cmd|' /C calc'!A0");
  evil.summary = "a, \"quoted\"\nsummary";
  r.findings.push_back(evil);
  std::ostringstream out;
  cli::AuditCsv(r, out);
  std::string csv = out.str();
  REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);  // UTF-8 byte-order mark for spreadsheets
  // Read back with the project's own RFC 4180 reader.
  auto rows = Rows(csv);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0] == std::vector<std::string>{"severity", "kind", "part", "shipment", "line",
                                            "destination", "date", "license", "declared",
                                            "computed", "summary", "reasons", "citations"});
  auto field = [&](size_t row, size_t col) { return rows[row].at(col); };
  // high, then medium, then low.
  CHECK(field(1, 0) == "high");
  CHECK(field(1, 3) == "S-1");
  CHECK(field(1, 4) == "2");
  CHECK(field(1, 5) == "CN");
  CHECK(field(1, 6) == "2024-06-01");
  CHECK(field(1, 11) ==
        "ac-cn (license_required): needs a license\nac-other (license_required): also");
  CHECK(field(1, 12) == "15 CFR 744.23");  // each citation once
  CHECK(field(2, 0) == "medium");
  CHECK(field(2, 2) == "'=cmd|' /C calc'!A0");  // guarded
  CHECK(field(2, 10) == "a, \"quoted\"\nsummary");
  CHECK(field(3, 0) == "low");
  CHECK(field(3, 4) == "");            // a part finding has no line
  CHECK(field(3, 6) == "2026-11-29");  // a part finding's date: the audit date
  CHECK(csv.find("\r\n") != std::string::npos);
}

TEST_CASE("AuditWritesCsvAsFormatAndBesideTheHtml", "[cli][csv][auditor]") {
  TempDir dir;
  std::string db = BuildSampleDatabase(dir);
  RunResult csv = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--date",
                               "2026-11-29", "--format", "csv", "--no-record"});
  INFO(csv.err);
  CHECK(csv.exit_code == 1);
  auto rows = Rows(csv.out);
  CHECK(rows.size() == 1 + 36);  // the header and the sample's 36 findings
  CHECK(rows[1][0] == "high");
  CHECK(rows.back()[0] == "low");
  std::string html = dir.path() + "/out/report.html", file = dir.path() + "/report.csv";
  std::filesystem::create_directories(dir.path() + "/out");
  RunResult both = RunChipgate({"audit", "--db", db, "--rules", SourcePath("rules/us-ear"),
                                "--date", "2026-11-29", "--format", "html", "--output", html,
                                "--csv", file, "--no-record"});
  INFO(both.err);
  CHECK(both.exit_code == 1);
  CHECK(ReadFile(file) == csv.out);
  // The page links to the CSV relative to itself.
  CHECK(ReadFile(html).find("<a href=\"../report.csv\">") != std::string::npos);
  // --csv is an output: it may not be the database.
  RunResult clash = RunChipgate(
      {"audit", "--db", db, "--rules", SourcePath("rules/us-ear"), "--csv", db, "--no-record"});
  CHECK(clash.exit_code == 2);
}

}  // namespace chipgate::testing
